import { describe, expect, it } from 'vitest';
import { peerSheet, recordSheet, rosterSheet } from '../src/core/input-sheets.js';
import { findHeader } from '../src/read/header.js';
import { brief, sheet, validate } from './month-sheets.js';

/**
 * Which column of a template sheet is read when two could be (a serial 编号 beside 工号, 部门
 * beside 窗口), and headers with a unit in brackets (次数（天）). Invented people: 张一 (0001,
 * 民政窗口), 张二 (0002, 社保窗口).
 */
describe('two columns for one field', () => {
  it('takes 工号 over a serial column 编号 before it, with a warning naming both', () => {
    const records = sheet('记录', [
      ['编号', '日期', '工号', '项目'],
      [1, '2026-10-09', '0002', '2.1'],
    ]);
    const { input, problems } = validate({ records });
    // 编号 1 would have been 工号 "1", no one; the record is 张二's (0002)
    expect(input?.records.map((r) => r.personId)).toEqual(['0002']);
    expect(problems.filter((p) => p.code === 'column_duplicate').map(brief)).toEqual([
      { code: 'column_duplicate', severity: 'warning', row: 1, column: 'A', args: { field: '工号', column: '编号(A列)', used: '工号(C列)' } },
    ]);
  });

  it('takes 窗口 over 部门 in 人员, whichever comes first', () => {
    const roster = sheet('人员', [
      ['工号', '姓名', '部门', '窗口'],
      ['0001', '张一', '税务局', '税务窗口'],
    ]);
    const { roster: people, problems } = validate({ roster, records: sheet('记录', [['日期', '工号', '项目']]) });
    expect(people?.map((p) => p.unit)).toEqual(['税务窗口']);
    expect(problems.filter((p) => p.code === 'column_duplicate').map(brief)).toEqual([
      { code: 'column_duplicate', severity: 'warning', row: 1, column: 'C', args: { field: '窗口', column: '部门(C列)', used: '窗口(D列)' } },
    ]);
  });

  it('refuses two aliases of one field, naming both, and does not also call the column missing', () => {
    const raw = sheet('人员', [['编号', '人员编号', '姓名', '窗口']]);
    const { problems } = findHeader(raw, rosterSheet.columns);
    expect(problems.map(brief)).toEqual([{ code: 'column_ambiguous', severity: 'error', row: 1, column: 'A', args: { field: '工号', columns: '编号(A列)、人员编号(B列)' } }]);
  });

  it('refuses the field name written twice: neither copy is exactly the one', () => {
    const raw = sheet('记录', [['日期', '工号', '项目', '工号']]);
    expect(findHeader(raw, recordSheet.columns).problems.map((p) => [p.code, p.args.columns])).toEqual([['column_ambiguous', '工号(B列)、工号(D列)']]);
  });

  it('holds in every sheet: 互评 with 被评窗口 beside 被评对象', () => {
    const raw = sheet('互评', [['评分人', '被评窗口', '被评对象', '分数']]);
    const { head, problems } = findHeader(raw, peerSheet.columns);
    expect(head?.columns.map((c) => [c.key, c.index])).toEqual([
      ['rater', 0],
      ['ratee', 2],
      ['score', 3],
    ]);
    expect(problems.map((p) => [p.code, p.args.column])).toEqual([['column_duplicate', '被评窗口(B列)']]);
  });
});

describe('a unit in a header', () => {
  it.each(['次数（天）', '次数(天)', '次数 (次)', '次数（ 次 ）'])('reads %s as 次数', (header) => {
    const records = sheet('记录', [
      ['日期', '工号', '项目', header],
      ['2026-10-09', '0001', '1.1', 3],
    ]);
    const { input, problems } = validate({ records });
    expect(problems.filter((p) => p.code === 'column_unknown')).toEqual([]);
    // 3 times, not the default 1
    expect(input?.records.map((r) => r.count)).toEqual([3]);
  });

  it('reads 分值（分） as 分值', () => {
    const raw = sheet('记录', [['日期', '工号', '项目', '分值（分）']]);
    expect(findHeader(raw, recordSheet.columns).head?.columns.map((c) => c.key)).toEqual(['date', 'id', 'item', 'points']);
  });

  it('takes 次数 over 次数（天） beside it, and 次数（天） over the alias 数量 beside it', () => {
    const both = findHeader(sheet('记录', [['日期', '工号', '项目', '次数（天）', '次数']]), recordSheet.columns);
    expect(both.head?.columns.find((c) => c.key === 'count')?.index).toBe(4);
    expect(both.problems.map((p) => [p.code, p.args.column])).toEqual([['column_duplicate', '次数（天）(D列)']]);
    // 次数（天） is the field's name with a unit: it is 次数, as 工号 is over 编号
    const aliases = findHeader(sheet('记录', [['日期', '工号', '项目', '数量', '次数（天）']]), recordSheet.columns);
    expect(aliases.head?.columns.find((c) => c.key === 'count')?.index).toBe(4);
    expect(aliases.problems.map((p) => [p.code, p.args.column, p.args.used])).toEqual([['column_duplicate', '数量(D列)', '次数（天）(E列)']]);
  });

  it('takes 工号（必填） over a serial 编号 before it: the note does not make it another column', () => {
    const records = sheet('记录', [
      ['编号', '日期', '工号（必填）', '项目'],
      [1, '2026-10-09', '0002', '2.1'],
    ]);
    const { input, problems } = validate({ records });
    // 编号 1 is no one; the record is 张二's (0002), read from C
    expect(input?.records.map((r) => r.personId)).toEqual(['0002']);
    expect(problems.filter((p) => p.code.startsWith('column_')).map(brief)).toEqual([
      { code: 'column_duplicate', severity: 'warning', row: 1, column: 'A', args: { field: '工号', column: '编号(A列)', used: '工号（必填）(C列)' } },
    ]);
  });

  it('still refuses 工号（必填） beside 工号（新）: the name twice, each with a note', () => {
    const raw = sheet('记录', [['日期', '工号（必填）', '项目', '工号（新）']]);
    expect(findHeader(raw, recordSheet.columns).problems.map((p) => [p.code, p.args.columns])).toEqual([['column_ambiguous', '工号（必填）(B列)、工号（新）(D列)']]);
  });

  it('says more than five unrecognised headers once, naming the first five and the count', () => {
    // D…J: seven headers that are no field (备用1…备用7); one hint instead of seven, where the first was.
    const spares = Array.from({ length: 7 }, (_, i) => `备用${i + 1}`);
    const raw = sheet('记录', [['日期', '工号', '项目', ...spares]]);
    expect(findHeader(raw, recordSheet.columns).problems.map(brief)).toEqual([
      { code: 'columns_unknown', severity: 'warning', row: 1, args: { columns: '备用1(D列)、备用2(E列)、备用3(F列)、备用4(G列)、备用5(H列)', count: 7 } },
    ]);
    // Five are still said each at its column.
    expect(findHeader(sheet('记录', [['日期', '工号', '项目', ...spares.slice(0, 5)]]), recordSheet.columns).problems.map((p) => [p.code, p.at.columnLetter])).toEqual(
      ['D', 'E', 'F', 'G', 'H'].map((letter) => ['column_unknown', letter]),
    );
  });

  it('does not read brackets in the middle or a bracket alone as a unit', () => {
    const raw = sheet('记录', [['日期', '工号', '项目', '次(数)', '()']]);
    expect(findHeader(raw, recordSheet.columns).problems.map((p) => [p.code, p.at.columnLetter])).toEqual([
      ['column_unknown', 'D'],
      ['column_unknown', 'E'],
    ]);
  });
});
