import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { runYear } from '../src/commands/year.js';
import { SchemeError } from '../src/core/problems.js';
import { builtinSchemeDir } from '../src/scheme/load.js';
import { parseSchemeText } from '../src/scheme/parse.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * bingcha-halfyear 3.1 病事假全年累计超过20天 (−1, over 20 days, 全年累计) is typed in 记录 by hand;
 * its leave_types (病假、事假) let kaohe hold the days of a given 请假 sheet against the typed rows
 * and hint where they disagree on passing 20 days. The typed rows still score. Invented people
 * 甲 001, 乙 002, 丙 003; 2026's first half. March 2026 has no holiday: 22 working days
 * (2–6, 9–13, 16–20, 23–27, 30–31).
 */
const roster: SheetRows = [['工号', '姓名', '窗口', '类别'], ['001', '甲', '民政', '事业'], ['002', '乙', '民政', '事业'], ['003', '丙', '社保', '事业']];
const leaveHeader = ['工号', '姓名', '类型', '开始日期', '结束日期'];

async function halfYear(name: string, records: SheetRows, leave: SheetRows | null, dir = tempDir()) {
  // 办结率 100 for everyone: 4.2 costs nothing
  const metrics: SheetRows = [['工号', '指标', '数值'], ['001', '办结率', 100], ['002', '办结率', 100], ['003', '办结率', 100]];
  const sheets: Record<string, SheetRows> = { 人员: roster, 记录: [recordHeader, ...records], 指标: metrics };
  if (leave) sheets['请假'] = [leaveHeader, ...leave];
  return writeWorkbook(join(dir, name), sheets);
}

const hints = (run: Awaited<ReturnType<typeof runScore>>) =>
  run.warnings.filter((w) => w.code.startsWith('leave_rule_')).map((w) => [w.code, w.at.sheet, w.at.row, w.args.person, w.args.days, w.args.typed]);

describe('3.1 病事假累计超过20天: the 请假 days read beside the typed rows', () => {
  const leave: SheetRows = [
    // 甲: 病假 3-02–3-13 (10 working days), 事假 3-16–3-27 (10), 病假 3-30–3-31 (2): 22 > 20, none typed
    ['001', '甲', '病假', '2026-03-02', '2026-03-13'],
    ['001', '甲', '事假', '2026-03-16', '2026-03-27'],
    ['001', '甲', '病假', '2026-03-30', '2026-03-31'],
    // 乙: 事假 3-02–3-06, 5 days, but 21 typed: the typed row passes 20, the days read do not
    ['002', '乙', '事假', '2026-03-02', '2026-03-06'],
    // 丙: 病假 all March, 22 days, and 22 typed: both pass, nothing to say
    ['003', '丙', '病假', '2026-03-01', '2026-03-31'],
    // 甲's 年休假 is not of 3.1's types: not counted
    ['001', '甲', '年休假', '2026-04-13', '2026-04-17'],
  ];
  const records: SheetRows = [
    ['2026-06-30', '002', null, null, '3.1', 21],
    ['2026-06-30', '003', null, null, '3.1', 22],
  ];

  it('hints at 甲’s first 请假 row (22 days, nothing typed) and at 乙’s typed row (21 typed, 5 read); the scores stay the typed rows’', async () => {
    const run = await runScore(await halfYear('2026-H1.xlsx', records, leave), { scheme: 'bingcha-halfyear', period: '2026-H1' });
    expect(hints(run)).toEqual([
      ['leave_rule_not_typed', '请假', 2, '甲', 22, 0],
      ['leave_rule_typed_over', '记录', 2, '乙', 5, 21],
    ]);
    // 3.1 costs 1 to 乙 and 丙 (typed past 20), nothing to 甲 (nothing typed): 考勤 8 − 1
    const total = (id: string) => run.result.subjects.find((s) => s.key === id)!.total;
    expect(total('002')).toBe(total('001') - 100);
    expect(total('003')).toBe(total('001') - 100);
  });

  it('without a 请假 sheet there is nothing read to hold the typed rows against: no hint', async () => {
    const run = await runScore(await halfYear('2026-H1.xlsx', records, null), { scheme: 'bingcha-halfyear', period: '2026-H1' });
    expect(hints(run)).toEqual([]);
  });

  it('the second half scored alone does not know the first half’s days: no hint', async () => {
    // 甲's leave moved to September 2026 (1–30: more than 20 working days), nothing typed
    const run = await runScore(await halfYear('2026-H2.xlsx', [], [['001', '甲', '病假', '2026-09-01', '2026-09-30']]), { scheme: 'bingcha-halfyear', period: '2026-H2' });
    expect(hints(run)).toEqual([]);
  });

  it('a leave type the 请假 words do not count is refused in the scheme, at the rule', () => {
    const text = readFileSync(join(builtinSchemeDir, 'bingcha-halfyear.yaml'), 'utf8').replace('leave_types: [病假, 事假]', 'leave_types: [病假, 病事假]');
    const issues = (() => {
      try {
        parseSchemeText(text, 'my-centre.yaml');
      } catch (error) {
        if (error instanceof SchemeError) return error.issues;
        throw error;
      }
      return [];
    })();
    expect(issues.map((i) => [i.code, i.args.type])).toEqual([['scheme_leave_type_unknown', '病事假']]);
  });

  describe('in a year run, the year’s days read (both halves) beside the typed rows (falsealarm15 hyy, hyz)', () => {
    // 甲: 病假 3-02–3-20 in the first half (15 working days: 2–6, 9–13, 16–20) and 9-07–9-18 in the
    // second (10: 7–11, 14–18; 中秋 is 9-25): 15 + 10 = 25 > 20 over the year, 15 alone is not.
    const yearRun = async (secondHalfRecords: SheetRows) => {
      const dir = tempDir();
      await halfYear('2026-H1.xlsx', [], [['001', '甲', '病假', '2026-03-02', '2026-03-20']], dir);
      await halfYear('2026-H2.xlsx', secondHalfRecords, [['001', '甲', '病假', '2026-09-07', '2026-09-18']], dir);
      const run = await runYear([dir], { scheme: 'bingcha-halfyear' });
      return run.warnings.filter((w) => w.code.startsWith('leave_rule_'));
    };

    it('25 typed in the second half, 15 + 10 read: both pass 20, no hint', async () => {
      expect(await yearRun([['2026-09-18', '001', null, null, '3.1', 25]])).toEqual([]);
    });

    it('nothing typed, 15 + 10 read: hinted at the second half’s 请假 row, with the first half’s 15 days', async () => {
      const hinted = await yearRun([]);
      expect(hinted.map((w) => [w.code, w.at.file?.endsWith('2026-H2.xlsx'), w.at.sheet, w.at.row, w.args.days, w.args.earlierRead, w.args.typed])).toEqual([
        ['leave_rule_not_typed', true, '请假', 2, 10, 15, 0],
      ]);
    });
  });
});
