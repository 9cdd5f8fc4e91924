import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordSheet, rosterSheet } from '../src/core/input-sheets.js';
import { findHeader } from '../src/read/header.js';
import type { CellValue, RawTable } from '../src/read/table.js';
import { kaohe } from './kaohe.js';
import { brief, sheet, validate } from './month-sheets.js';
import { cell, row, writeRawXlsx, type RawSheet } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * Which column a header names when it is merged across columns, values under no header, and
 * headers carrying a required-column mark (*工号, 次数*) or another word for a field (扣分次数).
 * Invented people: 张一 (0001, 民政窗口), 张二 (0002, 社保窗口), 张三 (0003, 医保窗口).
 * Under bianmin-10pt, 1.1 迟到 is 1 point a time and 2.1 旷工 2 (fewer than 5 times: no doubling).
 */

/** A sheet with merges over its header row, as the readers hand one on (D1:E1 → columns 3 to 4 of row 1). */
function merged(name: string, rows: CellValue[][], merges: { top: number; left: number; bottom: number; right: number }[]): RawTable {
  return { ...sheet(name, rows), headerMerges: merges };
}

const D1E1 = [{ top: 1, left: 3, bottom: 1, right: 4 }];

describe('a header merged across columns', () => {
  it('names the one of its columns that holds the values: 次数 over D1:E1, counts typed in E', () => {
    const records = merged(
      '记录',
      [
        ['日期', '工号', '项目', '次数', null],
        ['2026-10-05', '0001', '1.1', null, 2],
        ['2026-10-05', '0002', '2.1', null, 3],
      ],
      D1E1,
    );
    const { input, problems } = validate({ records });
    // the counts the clerk sees under 次数: 2 and 3, not the default 1
    expect(input?.records.map((r) => r.count)).toEqual([2, 3]);
    expect(problems.filter((p) => p.code.startsWith('column_'))).toEqual([]);
  });

  it('reads the left column when the values are there, and refuses values in two of its columns, naming them', () => {
    const left = merged('记录', [['日期', '工号', '项目', '次数', null], ['2026-10-05', '0001', '1.1', 2, null]], D1E1);
    expect(findHeader(left, recordSheet.columns).head?.columns.find((c) => c.key === 'count')?.index).toBe(3);
    const both = merged('记录', [['日期', '工号', '项目', '次数', null], ['2026-10-05', '0001', '1.1', 2, null], ['2026-10-06', '0001', '1.1', null, 3]], D1E1);
    // row 3's 3 stands in E alone: named, so the clerk sees which row the merge would lose (falsealarm13b)
    expect(findHeader(both, recordSheet.columns).problems.map(brief)).toEqual([{ code: 'column_merged_values', severity: 'error', row: 1, column: 'D', args: { columns: 'D列、E列', row: 3, column: 'E列' } }]);
  });

  it('reads the header’s own column, the others said unread (a warning), when every row with a value beside it has one in it too (falsealarm13)', () => {
    // 项目 merged over C:D, the code in C and its name typed beside it in D on every row: the code
    // column is read as before merges were looked at; D is said unread. 说明 (never scored) spilling
    // right is the same even on a row whose own column is empty.
    const C1D1 = [{ top: 1, left: 2, bottom: 1, right: 3 }];
    const item = merged('记录', [['日期', '工号', '项目', null], ['2026-10-05', '0001', '1.1', '迟到'], ['2026-10-06', '0001', '1.2', '早退']], C1D1);
    const found = findHeader(item, recordSheet.columns);
    expect(found.head?.columns.find((c) => c.key === 'item')?.index).toBe(2);
    expect(found.problems.map(brief)).toEqual([{ code: 'column_merged_unread', severity: 'warning', row: 1, column: 'C', args: { columns: 'C列、D列', read: 'C列', unread: 'D列' } }]);
    const note = merged('记录', [['日期', '工号', '项目', '说明', null], ['2026-10-05', '0001', '1.1', '巡查发现', null], ['2026-10-06', '0001', '1.1', null, '补记']], D1E1);
    expect(findHeader(note, recordSheet.columns).problems.map((p) => [p.code, p.severity])).toEqual([['column_merged_unread', 'warning']]);
  });

  it('holds in 人员: 类别 merged over D1:E1 with the categories in E', () => {
    const roster = merged(
      '人员',
      [
        ['工号', '姓名', '窗口', '类别', null],
        ['0001', '张一', '民政窗口', null, '公务员'],
        ['0002', '张二', '社保窗口', null, '事业'],
      ],
      D1E1,
    );
    const { roster: people } = validate({ roster, records: sheet('记录', [['日期', '工号', '项目']]) }, 'bingcha-halfyear');
    expect(people?.map((p) => p.category)).toEqual(['公务员', '事业']);
  });

  it('names its columns for the unrecognised header too: values under 核对 merged over D1:E1 are not said to have no header', () => {
    const raw = merged('记录', [['日期', '工号', '项目', '核对', null], ['2026-10-05', '0001', '1.1', null, '是']], D1E1);
    expect(findHeader(raw, recordSheet.columns).problems.map((p) => [p.code, p.at.columnLetter])).toEqual([['column_unknown', 'D']]);
  });
});

describe('values under no header', () => {
  it('warns, naming the column and the first row with a value, and reads nothing from it', () => {
    const records = sheet('记录', [
      ['日期', '工号', '项目', null, '说明'],
      ['2026-10-05', '0001', '1.1', null, '迟到10分钟'],
      ['2026-10-05', '0002', '2.1', 3, null],
      ['2026-10-06', '0002', '2.1', 4, null],
    ]);
    const { input, problems } = validate({ records });
    // D is no 次数: each record counts once
    expect(input?.records.map((r) => r.count)).toEqual([1, 1, 1]);
    expect(problems.filter((p) => p.code.startsWith('column_')).map(brief)).toEqual([{ code: 'column_no_header', severity: 'warning', row: 3, column: 'D', args: {} }]);
  });

  it('says nothing of a blank header over blank cells (spaces count as none)', () => {
    const raw = sheet('记录', [['日期', '工号', '项目', null], ['2026-10-05', '0001', '1.1', ' ']]);
    expect(findHeader(raw, recordSheet.columns).problems).toEqual([]);
  });
});

describe('a required-column mark on a header', () => {
  it.each(['次数*', '次数 *', '*次数', '次数＊', '＊ 次数', '次数（次）*'])('reads %s as 次数', (header) => {
    const records = sheet('记录', [['日期', '工号', '项目', header], ['2026-10-05', '0001', '1.1', 3]]);
    const { input, problems } = validate({ records });
    expect(problems.filter((p) => p.code.startsWith('column_'))).toEqual([]);
    expect(input?.records.map((r) => r.count)).toEqual([3]);
  });

  it('finds the header row of marked headers (*工号, 姓名*), and takes *工号 over a serial 编号 as it takes 工号', () => {
    const raw = sheet('人员', [['编号', '*工号', '姓名*', '*窗口*']]);
    const { head, problems } = findHeader(raw, rosterSheet.columns);
    expect(head?.columns.map((c) => [c.key, c.index])).toEqual([
      ['id', 1],
      ['name', 2],
      ['unit', 3],
    ]);
    expect(problems.map((p) => [p.code, p.args.used])).toEqual([['column_duplicate', '*工号(B列)']]);
  });
});

describe('other words for a column', () => {
  it.each(['扣分次数', '频次'])('reads %s as 次数', (header) => {
    const raw = sheet('记录', [['日期', '工号', '项目', header]]);
    expect(findHeader(raw, recordSheet.columns).head?.columns.map((c) => c.key)).toEqual(['date', 'id', 'item', 'count']);
  });

  it('reads 事项号 as 事项编号', () => {
    const raw = sheet('记录', [['日期', '工号', '项目', '分值', '事项号']]);
    expect(findHeader(raw, recordSheet.columns).head?.columns.map((c) => c.key)).toEqual(['date', 'id', 'item', 'points', 'matter']);
  });

  it('warns of an unrecognised header holding a field name no column is read as, naming the field; else a hint', () => {
    const alone = findHeader(sheet('记录', [['日期', '工号', '项目', '累计次数']]), recordSheet.columns);
    expect(alone.problems.map(brief)).toEqual([{ code: 'column_resembles', severity: 'warning', row: 1, column: 'D', args: { field: '次数' } }]);
    const beside = findHeader(sheet('记录', [['日期', '工号', '项目', '次数', '累计次数']]), recordSheet.columns);
    expect(beside.problems.map((p) => [p.code, p.at.columnLetter])).toEqual([['column_unknown', 'E']]);
  });
});

/** A row of text cells, A onwards ('' leaves a cell out). */
const text = (r: number, texts: string[]) => row(r, texts.flatMap((t, i) => (t === '' ? [] : [cell.text(`${'ABCDEFG'[i]}${r}`, t)])));

/** The same workbook saved as .xls (BIFF8) by SheetJS, in a folder of its own: its path. */
async function asXls(path: string): Promise<string> {
  const XLSX = await import('@e965/xlsx');
  const dir = join(tempDir(), 'xls');
  mkdirSync(dir);
  const xls = join(dir, basename(path).replace(/\.xlsx$/, '.xls'));
  writeFileSync(xls, XLSX.write(XLSX.read(readFileSync(path), { type: 'buffer' }), { type: 'buffer', bookType: 'biff8' }) as Buffer);
  return xls;
}

/** kaohe attendance's table: one record a person, by column. */
function tableOf(stdout: string): Record<string, string>[] {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  const columns = lines[1]!.trim().split(/\s+/);
  return lines.slice(2).filter((l) => /^\d{4}\s/.test(l)).map((l) => Object.fromEntries(l.trim().split(/\s+/).map((v, i) => [columns[i]!, v])));
}

/** Each subject's total in kaohe score --json. */
const totals = (stdout: string) => Object.fromEntries((JSON.parse(stdout) as { subjects: { id: string; total: number }[] }).subjects.map((s) => [s.id, s.total]));

describe('through the readers', () => {
  const roster: RawSheet = {
    name: '人员',
    rows: [['工号', '姓名', '窗口'], ['0001', '张一', '民政窗口'], ['0002', '张二', '社保窗口'], ['0003', '张三', '医保窗口']].map((r, i) => text(i + 1, r)).join(''),
  };
  const records = (head: string[], counts: string[][]): RawSheet[] => [
    roster,
    {
      name: '记录',
      merges: ['D1:E1'],
      rows: [head, ['2026-10-05', '0001', '1.1', ...counts[0]!], ['2026-10-05', '0002', '2.1', ...counts[1]!], ['2026-10-05', '0003', '1.3', ...counts[2]!]].map((r, i) => text(i + 1, r)).join(''),
    },
  ];

  it('scores the counts typed under a 次数 merged over D1:E1, from .xlsx and from .xls', async () => {
    const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: records(['日期', '工号', '项目', '次数', ''], [['', '2'], ['', '3'], ['', '1']]) });
    for (const file of [path, await asXls(path)]) {
      const run = await kaohe('score', file, '--scheme', 'bianmin-10pt', '--json');
      expect(run.code).toBe(0);
      // 0001: 10 − 1 × 2 = 8; 0002: 10 − 2 × 3 = 4; 0003: 10 − 1 × 1 = 9
      expect(totals(run.stdout)).toEqual({ '0001': 8, '0002': 4, '0003': 9 });
    }
  });

  it('refuses values in both columns of the merge, and says where values have no header', async () => {
    const both = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: records(['日期', '工号', '项目', '次数', ''], [['2', ''], ['', '3'], ['', '']]) });
    const run = await kaohe('check', both, '--scheme', 'bianmin-10pt');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('记录 › 第1行 › 次数(D列): 该列名合并在几列之上，其中 D列、E列 都有值');
    const unheaded: RawSheet[] = [roster, { name: '记录', rows: [['日期', '工号', '项目'], ['2026-10-05', '0001', '1.1'], ['2026-10-05', '0002', '2.1', '3']].map((r, i) => text(i + 1, r)).join('') }];
    const warned = await kaohe('check', await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: unheaded }), '--scheme', 'bianmin-10pt');
    expect(warned.code).toBe(0);
    expect(warned.stdout + warned.stderr).toContain('记录 › 第3行 › D列: 该列没有列名，其中的值未读取');
  });
});

describe('the 考勤 sheet, read cell by cell without its rows kept', () => {
  /**
   * A month workbook of 张一 (0001) and 张二 (0002) punching on 2026-11-03 (a Tuesday), whose 考勤
   * speaks for that day only (设置 考勤起始日期/考勤截止日期): bianmin-10pt's winter hours are
   * 08:00–11:30 and 14:00–17:30, no grace.
   */
  const people: RawSheet = { name: '人员', rows: [['工号', '姓名', '窗口'], ['0001', '张一', '民政窗口'], ['0002', '张二', '社保窗口']].map((r, i) => text(i + 1, r)).join('') };
  const day = (id: string, name: string, times: string[]) => times.map((t) => [id, name, '2026-11-03', t]);
  /** 张一 clocks in at 08:09: one 迟到 of 9 minutes; 张二 punches in time. */
  const punches = [...day('0001', '张一', ['08:09', '11:35', '13:55', '17:35']), ...day('0002', '张二', ['07:55', '11:35', '13:55', '17:35'])];
  const month = (rows: string[][], merges: string[] = []) =>
    writeRawXlsx(join(tempDir(), '2026-11.xlsx'), {
      sheets: [
        people,
        { name: '记录', rows: text(1, ['日期', '工号', '项目']) },
        { name: '考勤', merges, rows: rows.map((r, i) => text(i + 1, r)).join('') },
        { name: '设置', rows: [['设置项', '值'], ['考勤起始日期', '2026-11-03'], ['考勤截止日期', '2026-11-03']].map((r, i) => text(i + 1, r)).join('') },
      ],
    });
  const attendance = (path: string) => kaohe('attendance', path, '--scheme', 'bianmin-10pt');
  /** Each person's 迟到 and 迟到分钟 in kaohe attendance's table. */
  const late = (stdout: string): Record<string, (string | undefined)[]> => Object.fromEntries(tableOf(stdout).map((r) => [r['工号'] ?? '', [r['迟到'], r['迟到分钟']]]));

  it('reads the times under a 打卡时间 merged over D1:E1 from E, where they are typed, from .xlsx and from .xls', async () => {
    const path = await month([['工号', '姓名', '日期', '打卡时间', ''], ...punches.map(([id, name, date, time]) => [id!, name!, date!, '', time!])], ['D1:E1']);
    for (const file of [path, await asXls(path)]) {
      const run = await attendance(file);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toContain('列名');
      // 张一 08:09 > 08:00: 迟到 once, 9 minutes; 张二 none
      expect(late(run.stdout)).toEqual({ '0001': ['1', '9'], '0002': ['0', '0'] });
    }
    const scored = await kaohe('score', path, '--scheme', 'bianmin-10pt', '--json');
    expect(scored.code, scored.stderr).toBe(0);
    // bianmin-10pt 1.1 迟到 is 1 point a time: 张一 10 − 1 = 9, 张二 10
    expect(totals(scored.stdout)).toEqual({ '0001': 9, '0002': 10 });
  });

  it('reads the dates under a 日期 merged over B1:C1 from C', async () => {
    const run = await attendance(await month([['工号', '日期', '', '时间'], ...punches.map(([id, , date, time]) => [id!, '', date!, time!])], ['B1:C1']));
    expect(run.code, run.stderr).toBe(0);
    expect(late(run.stdout)).toEqual({ '0001': ['1', '9'], '0002': ['0', '0'] });
  });

  it('refuses values in both columns of the merge, when the second shows them only past the rows the header is sought in', async () => {
    // rows 2–13 hold the times in E; row 14 (past the first ten) holds one in D
    const rows = [['工号', '姓名', '日期', '打卡时间', ''], ...[...punches, ...day('0001', '张一', ['18:00', '18:01', '18:02', '18:03'])].map(([id, name, date, time]) => [id!, name!, date!, '', time!])];
    rows.push(['0002', '张二', '2026-11-03', '18:10', '']);
    const run = await attendance(await month(rows, ['D1:E1']));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('考勤 › 第1行 › 打卡时间(D列): 该列名合并在几列之上，其中 D列、E列 都有值');
  });

  it('refuses 打卡时间 merged over 上班 and 下班 columns both holding times within the first rows, and says nothing read (review13)', async () => {
    // one row a day: 上班 in D, 下班 in E, under one merged 打卡时间 (reading D alone would make every departure a 缺卡)
    const rows = [['工号', '姓名', '日期', '打卡时间', ''], ['0001', '张一', '2026-11-03', '08:09', '17:35'], ['0002', '张二', '2026-11-03', '07:55', '17:35']];
    const run = await attendance(await month(rows, ['D1:E1']));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('考勤 › 第1行 › 打卡时间(D列): 该列名合并在几列之上，其中 D列、E列 都有值');
    expect(run.stderr).not.toContain('读的是');
  });

  it('says where values stand under no header, past the first rows too, and reads the punches as without them', async () => {
    // a note in F on row 12, under the punches (rows 2–9), past the first ten rows
    const path = await month([['工号', '姓名', '日期', '时间'], ...punches, [], [], ['', '', '', '', '', '外勤']]);
    for (const file of [path, await asXls(path)]) {
      const run = await attendance(file);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout + run.stderr).toContain('考勤 › 第12行 › F列: 该列没有列名，其中的值未读取');
      expect(late(run.stdout)).toEqual({ '0001': ['1', '9'], '0002': ['0', '0'] });
    }
  });
});
