import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import { parsePeriod } from '../src/core/period.js';
import type { Person } from '../src/core/input.js';
import { InputError, type Problem } from '../src/core/problems.js';
import { parseSchemeText } from '../src/scheme/parse.js';
import { RosterNames } from '../src/validate/names.js';
import { validateWorkbook } from '../src/validate/workbook.js';
import { person } from './builders.js';
import { sheet } from './month-sheets.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * One rule for a 姓名 beside or instead of a 工号, in every sheet: names are the same without
 * their notes and invisible characters; another roster person's name is an error; a plain typo is
 * an error in the hand-typed sheets (记录, 替岗) and a warning in those copied from a clock's
 * registry (考勤, 请假, 班次), the row counting for the 工号's person; by 姓名 alone a name of
 * two roster people is ambiguous unless written out with the note that tells them apart.
 */

// 0001's roster name carries a note; 0003 and 0004 are two 张伟 told apart by theirs.
const roster = [['工号', '姓名', '窗口'], ['0001', '陈建国(借调)', '民政'], ['0002', '王海燕', '社保'], ['0003', '张伟(大)', '民政'], ['0004', '张伟(小)', '社保'], ['0005', '李秀英', '社保']];
const everyone = ['0001', '0002', '0003', '0004', '0005'];

// November 2026's 21 working days (no holiday): 2–6, 9–13, 16–20, 23–27, 30.
const workdays = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30].map((d) => `2026-11-${String(d).padStart(2, '0')}`);
const onTime = '07:58 11:31 13:59 17:31';

/** 考勤 rows [工号, 姓名, 日期, 时间] punching on time on every working day but `away`. */
function punchedMonth(id: string, name: string, away: readonly string[] = []): SheetRows {
  return workdays.filter((d) => !away.includes(d)).map((d) => [id, name, d, onTime]);
}

const punchHeader = ['工号', '姓名', '日期', '时间'];

async function scored(sheets: Record<string, SheetRows>) {
  const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], ...sheets });
  return runScore(path, { scheme: 'bianmin-10pt' });
}

async function refused(sheets: Record<string, SheetRows>): Promise<readonly Problem[]> {
  const error = await scored(sheets).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).problems;
}

/** [工号, total] by 工号 (the result lists them by rank). */
const totals = (run: Awaited<ReturnType<typeof scored>>) => run.result.subjects.map((s) => [s.key, toNumber(s.total)]).sort(([a], [b]) => String(a).localeCompare(String(b)));
const said = (problems: readonly Problem[], code: Problem['code']) => problems.filter((p) => p.code === code).map((p) => [p.at.sheet, p.at.row, p.severity, p.args]);

describe('记录: hand-typed rows that give or cost points', () => {
  it('takes a noted roster name written plain, a note written in the sheet, and a noted name alone; the rows cost their points', async () => {
    const run = await scored({
      记录: [
        recordHeader,
        ['2026-11-05', '0001', '陈建国', null, '1.3'], // row 2: 陈建国(借调) written plain
        ['2026-11-05', '0002', '王海燕（挂职）', null, '1.3'], // row 3: a note only in 记录
        ['2026-11-06', null, '陈建国', null, '1.3'], // row 4: by 姓名 alone, the one 陈建国 without notes
        ['2026-11-06', null, '张伟(小)', null, '1.3'], // row 5: by 姓名 alone, the 张伟 its note names
      ],
    });
    expect(run.warnings.filter((w) => w.code.startsWith('person_'))).toEqual([]);
    // 1.3 上班时间玩游戏 costs 1 a time: 0001 rows 2 and 4: 10 − 2 = 8; 0002 row 3: 9; 0004 row 5: 9
    expect(totals(run)).toEqual([['0001', 8], ['0002', 9], ['0003', 10], ['0004', 9], ['0005', 10]]);
  });

  it('refuses a typo beside a 工号 (one of the two cells is wrong), another person’s name, and 张伟 alone', async () => {
    const problems = await refused({
      记录: [
        recordHeader,
        ['2026-11-05', '0002', '王海艳', null, '1.3'], // row 2: a typo of 王海燕
        ['2026-11-05', '0002', '李秀英', null, '1.3'], // row 3: 0005's name under 0002
        ['2026-11-05', null, '张伟', null, '1.3'], // row 4: 张伟(大) or 张伟(小)
        ['2026-11-05', '0005', '李秀英', null, '1.3'], // row 5: as the roster has it
        ['2026-11-05', '0003', '张伟(小)', null, '1.3'], // row 6: 0004's name exactly, its note telling them apart, under 0003 张伟(大)
      ],
    });
    expect(said(problems, 'person_name_mismatch')).toEqual([
      ['记录', 2, 'error', { id: '0002', expected: '王海燕', value: '王海艳' }],
      ['记录', 3, 'error', { id: '0002', expected: '王海燕', value: '李秀英', others: '0005' }],
      ['记录', 6, 'error', { id: '0003', expected: '张伟(大)', value: '张伟(小)', others: '0004' }],
    ]);
    expect(said(problems, 'person_ambiguous')).toEqual([['记录', 4, 'error', { value: '张伟', ids: '0003、0004' }]]);
    expect(problems.filter((p) => p.at.row === 5)).toEqual([]);
  });
});

describe('请假: names from a clock’s registry', () => {
  it('counts the leave of a noted roster name, a note in the sheet, a typo (said) and a noted name alone', async () => {
    const away = ['2026-11-05'];
    const run = await scored({
      考勤: [punchHeader, ...punchedMonth('0001', '', [...away, '2026-11-06']), ...punchedMonth('0002', '', away), ...punchedMonth('0003', ''), ...punchedMonth('0004', '', away), ...punchedMonth('0005', '', away)],
      请假: [
        ['工号', '姓名', '类型', '开始日期'],
        ['0001', '陈建国', '事假', '2026-11-05'], // row 2: 陈建国(借调) written plain
        ['', '陈建国', '事假', '2026-11-06'], // row 3: by 姓名 alone
        ['0002', '王海艳', '事假', '2026-11-05'], // row 4: a typo of 王海燕: counts for 0002, said
        ['', '张伟(小)', '事假', '2026-11-05'], // row 5: the 张伟 its note names
        ['0005', '李秀英（病休）', '病假', '2026-11-05'], // row 6: a note only in 请假
      ],
    });
    expect(said(run.warnings, 'person_name_differs')).toEqual([['请假', 4, 'warning', { id: '0002', expected: '王海燕', value: '王海艳' }]]);
    // every day away is on leave, so no 旷工: all 10; a leave row not counted would be 2.1 旷工, 10 − 2 = 8
    expect(totals(run)).toEqual(everyone.map((id) => [id, 10]));
  });

  it('refuses another person’s name beside a 工号 and 张伟 alone; the same 工号 with its own name is taken', async () => {
    const problems = await refused({
      请假: [
        ['工号', '姓名', '类型', '开始日期'],
        ['0002', '李秀英', '事假', '2026-11-05'], // row 2: 0005's name under 0002
        ['', '张伟', '事假', '2026-11-05'], // row 3
        ['0002', '王海燕', '事假', '2026-11-06'], // row 4
      ],
    });
    expect(said(problems, 'person_name_mismatch')).toEqual([['请假', 2, 'error', { id: '0002', expected: '王海燕', value: '李秀英', others: '0005' }]]);
    expect(said(problems, 'person_ambiguous')).toEqual([['请假', 3, 'error', { value: '张伟', ids: '0003、0004' }]]);
    expect(problems.filter((p) => p.at.sheet === '请假' && p.at.row === 4)).toEqual([]);
  });
});

describe('考勤: names from a clock’s registry', () => {
  it('counts the punches of a noted roster name, a note in the sheet, a typo (said) and names alone', async () => {
    const typoDays = ['2026-11-02', '2026-11-03'];
    const run = await scored({
      考勤: [
        punchHeader,
        ...punchedMonth('0001', '陈建国', ['2026-11-30']), // rows 2–21: 陈建国(借调) written plain
        ['', '陈建国', '2026-11-30', onTime], // row 22: by 姓名 alone
        ...punchedMonth('0002', '王海燕(挂职)', typoDays), // rows 23–41: a note only in 考勤
        ...typoDays.map((d) => ['0002', '王海艳', d, onTime]), // rows 42–43: a typo of 王海燕
        ...punchedMonth('', '张伟(大)'), // rows 44–64: by 姓名 alone, with the note that tells the two apart
        ...punchedMonth('0004', '张伟'),
        ...punchedMonth('0005', '李秀英'),
      ],
    });
    expect(said(run.warnings, 'person_name_differs')).toEqual([['考勤', 42, 'warning', { id: '0002', expected: '王海燕', value: '王海艳', count: 2 }]]);
    expect(run.warnings.filter((w) => w.code === 'punch_person_unknown')).toEqual([]);
    // everyone on time on all 21 days; a day's punches set aside would be 旷工, 10 − 2 = 8
    expect(totals(run)).toEqual(everyone.map((id) => [id, 10]));
  });

  it('refuses another person’s name beside a 工号 and 张伟 alone', async () => {
    const problems = await refused({
      考勤: [punchHeader, ['0002', '李秀英', '2026-11-02', onTime], ['', '张伟', '2026-11-02', onTime]],
    });
    expect(said(problems, 'person_name_mismatch')).toEqual([['考勤', 2, 'error', { id: '0002', expected: '王海燕', value: '李秀英', count: 1, others: '0005' }]]);
    expect(said(problems, 'person_ambiguous')).toEqual([['考勤', 3, 'error', { value: '张伟', ids: '0003、0004' }]]);
  });
});

describe('班次: names from a clock’s registry', () => {
  it('applies the shift of a noted roster name, a note in the sheet, a typo (said) and a noted name alone', async () => {
    // each person rests on one working day by 班次 and punches the others
    const rests: [string, string][] = [['0001', '2026-11-05'], ['0002', '2026-11-06'], ['0004', '2026-11-09'], ['0005', '2026-11-10']];
    const run = await scored({
      考勤: [punchHeader, ...everyone.flatMap((id) => punchedMonth(id, '', rests.filter(([who]) => who === id).map(([, d]) => d)))],
      班次: [
        ['工号', '姓名', '日期', '班次'],
        ['0001', '陈建国', '2026-11-05', '休息'], // row 2: 陈建国(借调) written plain
        ['0002', '王海燕(挂职)', '2026-11-06', '休息'], // row 3: a note only in 班次
        ['', '张伟(小)', '2026-11-09', '休息'], // row 4: the 张伟 its note names
        ['0005', '李秀英', '2026-11-10', '休息'],
        ['0005', '李秀应', '2026-11-10', '休息'], // row 6: a typo of 李秀英, said; the same rest
      ],
    });
    expect(said(run.warnings, 'person_name_differs')).toEqual([['班次', 6, 'warning', { id: '0005', expected: '李秀英', value: '李秀应' }]]);
    // a rest not applied would leave that working day unpunched: 旷工, 10 − 2 = 8
    expect(totals(run)).toEqual(everyone.map((id) => [id, 10]));
  });

  it('refuses another person’s name beside a 工号 and 张伟 alone', async () => {
    // 班次 is read with 考勤
    const problems = await refused({ 考勤: [punchHeader, ...punchedMonth('0005', '')], 班次: [['工号', '姓名', '日期', '班次'], ['0002', '李秀英', '2026-11-06', '休息'], ['', '张伟', '2026-11-06', '休息']] });
    expect(said(problems, 'person_name_mismatch')).toEqual([['班次', 2, 'error', { id: '0002', expected: '王海燕', value: '李秀英', others: '0005' }]]);
    expect(said(problems, 'person_ambiguous')).toEqual([['班次', 3, 'error', { value: '张伟', ids: '0003、0004' }]]);
  });
});

describe('替岗: hand-typed, as 记录', () => {
  const cityRoster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科'], ['002', '李四(借调)', '社保窗口'], ['003', '王五', '住建局'], ['004', '王五(驻厅)', '住建局']];
  const coverHeader = ['替岗人工号', '替岗人', '被替岗人工号', '被替岗人', '开始日期', '结束日期'];
  const score = async (covers: SheetRows) => runScore(await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: cityRoster, 记录: [recordHeader], 替岗: [coverHeader, ...covers] }), { scheme: 'city-hall-monthly' });

  it('takes a noted roster name written plain, and a noted name alone', async () => {
    const { result } = await score([
      ['003', '王五', '002', '李四', '2026-11-10', '2026-11-12'], // row 2: 李四(借调) written plain
      [null, '王五(驻厅)', null, '李四', '2026-11-16', null], // row 3: by 姓名 alone
    ]);
    const covered = (id: string) => result.covers.filter((c) => c.substituteId === id).map((c) => [c.holderId, c.first, c.last]);
    expect([covered('003'), covered('004')]).toEqual([[['002', '2026-11-10', '2026-11-12']], [['002', '2026-11-16', '2026-11-16']]]);
  });

  it('refuses a typo beside a 工号, another person’s name, and 王五 alone (王五 or 王五(驻厅))', async () => {
    const error = await score([
      ['003', '王吾', '002', '李四', '2026-11-10', null], // row 2: a typo of 王五
      ['003', '张三', '002', '李四', '2026-11-11', null], // row 3: 001's name under 003
      [null, '王五', null, '李四', '2026-11-12', null], // row 4
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    const problems = (error as InputError).problems;
    expect(said(problems, 'person_name_mismatch')).toEqual([
      ['替岗', 2, 'error', { id: '003', expected: '王五', value: '王吾' }],
      ['替岗', 3, 'error', { id: '003', expected: '王五', value: '张三', others: '001' }],
    ]);
    expect(said(problems, 'person_ambiguous')).toEqual([['替岗', 4, 'error', { value: '王五', ids: '003、004' }]]);
  });
});

describe('互评 in a person scheme: a 姓名 alone', () => {
  // bingcha-monthly scored per person instead of per window
  const scheme = parseSchemeText(readFileSync('templates/schemes/bingcha-monthly.yaml', 'utf8').replace(/^subject: unit .*$/m, 'subject: person'), 'own.yaml');
  const validate = (ratings: (string | number)[][]) =>
    validateWorkbook('m.xlsx', new Map([['roster', sheet('人员', roster)], ['records', sheet('记录', [recordHeader])], ['peer', sheet('互评', [['评分人', '被评对象', '分数'], ...ratings])]]), scheme, parsePeriod('2026-11')!, { allowMissingPeer: true });

  it('takes a noted roster name written plain and the 张伟 its note names; refuses 张伟 alone', () => {
    const { input, problems } = validate([
      ['陈建国', '张伟(小)', 90], // row 2
      ['王海燕（挂职）', '0005', 80], // row 3
      ['张伟', '0005', 70], // row 4
    ]);
    expect(input).toBeNull();
    expect(said(problems, 'person_ambiguous')).toEqual([['互评', 4, 'error', { value: '张伟', ids: '0003、0004' }]]);
    expect(problems.filter((p) => p.code === 'peer_unknown_subject')).toEqual([]);
    const accepted = validate([['陈建国', '张伟(小)', 90], ['王海燕（挂职）', '0005', 80]]).input!.peer;
    expect(accepted.map((r) => [r.rater, r.ratee, toNumber(r.score)])).toEqual([['0001', '0004', 90], ['0002', '0005', 80]]);
  });
});

describe('RosterNames: two roster people whose names differ only by a note', () => {
  // 01 陈建国 and 02 陈建国(借调): two people; a clock's registry writes both 陈建国
  const names = new RosterNames([person('01', '陈建国', '民政'), person('02', '陈建国(借调)', '社保')]);
  const at = () => ({ file: 'm.xlsx', sheet: '请假' });

  it('by 姓名 alone: 陈建国 is either, 陈建国(借调) written out is 02, another note is either', () => {
    expect(['陈建国', '陈建国(借调)', '陈建国（挂职）'].map((n) => names.meant(n).map((p) => p.id))).toEqual([['01', '02'], ['02'], ['01', '02']]);
  });

  it('beside a 工号: the plain name is theirs whichever of the two it is; the other one’s name with its note is the other one', () => {
    const [plain, noted] = names.meant('陈建国') as [Person, Person];
    expect(names.besideId(noted, '陈建国', at, 'error')).toBeNull();
    // 陈建国(借调) written out beside the plain 陈建国's 01: exactly 02's name, the note telling them apart (review13)
    expect(names.besideId(plain, '陈建国(借调)', at, 'error')).toMatchObject({ code: 'person_name_mismatch', args: { id: '01', value: '陈建国(借调)', others: '02' } });
  });
});
