import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * Names and units are folded to be matched (spaces dropped, NFKC: 综合窗口① = 综合窗口1), never to
 * be shown: every output shows them as the roster writes them, trimmed, a run of spaces one space.
 * One person or unit written two ways in two sheets (or two roster rows) is one, shown one way:
 * the roster's (its first row's).
 */
describe('names and units as the roster writes them', () => {
  // 民政 一窗 written twice in 人员, the second time without its space.
  const roster: SheetRows = [
    ['工号', '姓名', '窗口'],
    ['0001', '  Mary   Ann Lee ', '民政 一窗'],
    ['0002', '李Ⅱ', '第Ⅲ窗口'],
    ['0003', '金﨑 ㈱', '民政一窗'],
  ];
  const records: SheetRows = [
    recordHeader,
    // By 姓名 alone, folded: Mary Ann Lee's 迟到 (1.1, −1).
    ['2026-11-05', null, 'MaryAnnLee', '民政一窗', '1.1'],
    // 第Ⅲ窗口 written 第III窗口 (NFKC of Ⅲ): 0002's own window, its 迟到 −1.
    ['2026-11-06', '0002', '李II', '第III窗口', '1.1'],
  ];

  it('a person scheme shows 姓名 and 窗口 as written and counts the rows written otherwise', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 记录: records });
    const { result } = await runScore(path, { scheme: 'bianmin-10pt' });
    const shown = result.subjects.map((s) => [s.key, s.name, s.unit, toNumber(s.total)]).sort(([a], [b]) => String(a).localeCompare(String(b)));
    // bianmin-10pt: 10 points, 迟到 −1 each: 0001 and 0002 10 − 1 = 9, 0003 10.
    expect(shown).toEqual([
      ['0001', 'Mary Ann Lee', '民政 一窗', 9],
      ['0002', '李Ⅱ', '第Ⅲ窗口', 9],
      ['0003', '金﨑 ㈱', '民政 一窗', 10],
    ]);
    // One unit 民政 一窗 of 0001 and 0003: its total 9 + 10 = 19.
    expect(result.units.map((u) => [u.unit, [...u.members].sort(), toNumber(u.total)])).toEqual([
      ['民政 一窗', ['0001', '0003'], 19],
      ['第Ⅲ窗口', ['0002'], 9],
    ]);
    const csv = await kaohe('score', path, '--scheme', 'bianmin-10pt', '-o', join(tempDir(), 'out.csv'));
    expect(csv.code).toBe(0);
    const terminal = await kaohe('score', path, '--scheme', 'bianmin-10pt');
    for (const text of ['Mary Ann Lee', '民政 一窗', '李Ⅱ', '第Ⅲ窗口', '金﨑 ㈱']) expect(terminal.stdout).toContain(text);
    for (const folded of ['MaryAnnLee', '第III窗口', '金﨑(株)']) expect(terminal.stdout).not.toContain(folded);
    const explained = await kaohe('explain', path, '--scheme', 'bianmin-10pt', 'MaryAnnLee');
    expect(explained.stdout.split('\n')[0]).toContain('Mary Ann Lee（工号 0001，民政 一窗）');
  });

  it('a unit scheme keys a unit as before and shows it as the roster writes it, whatever the other sheets write', async () => {
    const units: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政 一窗'], ['002', '李四', '社保窗口'], ['003', '王五', '国土窗口']];
    // 民政 一窗 rated under three writings: without its space, with a full-width one, and as written.
    const peer: SheetRows = [
      ['评分人', '被评对象', '分数'],
      ['民政一窗', '社保窗口', 100],
      ['民政　一窗', '国土窗口', 100],
      ['社保窗口', '民政 一窗', 100],
      ['社保窗口', '国土窗口', 100],
      ['国土窗口', '民政一窗', 100],
      ['国土窗口', '社保窗口', 100],
    ];
    // A unit-only row written without the space: 1.1 违反行为规范 −1.
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), { 人员: units, 记录: [recordHeader, ['2026-10-08', null, null, '民政一窗', '1.1']], 互评: peer });
    const { result } = await runScore(path, { scheme: 'bingcha-monthly' });
    // Every item full (peer 100 from both raters), base 100: 民政 一窗 100 − 1 = 99, the others 100.
    expect(result.subjects.map((s) => [s.key, s.name, toNumber(s.total)])).toEqual([
      ['社保窗口', '社保窗口', 100],
      ['国土窗口', '国土窗口', 100],
      ['民政一窗', '民政 一窗', 99],
    ]);
    // 社保窗口's raters (rows 2 and 7) as the audit and explain show them: 民政 一窗 as the roster writes it.
    expect(result.subjects.find((s) => s.key === '社保窗口')!.peer!.ratings.map((r) => r.rater)).toEqual(['民政 一窗', '国土窗口']);
  });
});
