import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { runScore } from '../src/commands/score.js';
import { runYear } from '../src/commands/year.js';
import { leaveOnAbsentDays } from '../src/derive/year-leave.js';
import type { IsoDate } from '../src/core/dates.js';
import { problem, type InputError } from '../src/core/problems.js';
import { formatProblem } from '../src/messages.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;
const leaveHeader = ['工号', '类型', '开始日期', '结束日期'];
const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ['002', '乙', '民政'], ['003', '丙', '民政']];

/** Twelve bianmin-10pt months; `extra(m)` adds sheets to month m. */
async function writeYear(dir: string, extra: (m: number) => Record<string, SheetRows>): Promise<void> {
  for (let m = 1; m <= 12; m++) await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: [recordHeader], ...extra(m) });
}

describe('a 请假 row reaching outside the year counts only its days inside it', () => {
  it('a row begun in 2025 counts from 1 January, as one running into 2027 counts to 31 December', async () => {
    const dir = tempDir();
    await writeYear(dir, (m): Record<string, SheetRows> => {
      if (m === 1) {
        return {
          请假: [
            leaveHeader,
            // 乙 病假 2025-11-02 – 2026-01-09: in 2026 only 4 Jan (a Sunday worked for 元旦, 1–3 Jan off)
            // and 5–9 Jan = 6 days, not over 30 (the 43 working days of 2025 do not count).
            ['002', '病假', '2025-11-02', '2026-01-09'],
            // 丙 病假 2025-12-01 – 2026-02-13: January counts 4 Jan, 5–9, 12–16, 19–23, 26–30 Jan (21);
            // February's own row adds 2–6, 9–13 Feb (10) = 31 days > 30 → 不得参与评优评先;
            // December 2025's 23 are not counted.
            ['003', '病假', '2025-12-01', '2026-02-13'],
          ],
        };
      }
      if (m === 2) return { 请假: [leaveHeader, ['003', '病假', '2026-02-01', '2026-02-13']] };
      // 甲 事假 2026-12-01 – 2027-01-29: December's 23 working days only, not over 30.
      if (m === 12) return { 请假: [leaveHeader, ['001', '事假', '2026-12-01', '2027-01-29']] };
      return {};
    });
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    const flagsOf = (key: string) => run.result.rows.find((r) => r.key === key)!.flags.filter((f) => f.code === 'leave');
    expect(flagsOf('001')).toEqual([]);
    expect(flagsOf('002')).toEqual([]);
    expect(flagsOf('003')).toMatchObject([{ name: '不得参与评优评先（病假）', measure: 'leave_days', type: '病假', value: 31, over: 30 }]);
  });
});

/** Working days of 2026's month m by the official calendar (4–6 April 清明 off). */
function workdays(m: number): string[] {
  const calendar = officialCalendar();
  const days = Array.from({ length: 31 }, (_, i) => `${month(m)}-${String(i + 1).padStart(2, '0')}` as IsoDate);
  return days.filter((d) => new Date(`${d}T00:00:00Z`).getUTCMonth() === m - 1 && calendar.isWorkday(d));
}

/** 考勤 of month m: everyone punches a full day on every working day but the days `away` gives. */
function punches(m: number, away: (id: string, day: string) => boolean): SheetRows {
  const rows = workdays(m).flatMap((day) => ['001', '002', '003'].filter((id) => !away(id, day)).map((id) => [id, day, '07:50 11:40 13:50 17:40']));
  return [['工号', '日期', '打卡时间'], ...rows];
}

async function errorsOf(run: Promise<unknown>): Promise<InputError['problems']> {
  const error = (await run.then(() => null, (e: unknown) => e)) as InputError | null;
  expect(error?.name).toBe('InputError');
  return error!.problems.filter((p) => p.severity === 'error');
}

describe('a 请假 row reaching into another month of the year that scores those days 旷工', () => {
  it('is an error at the row, naming that month’s workbook and the days; the leave entered there too is fine', async () => {
    const dir = tempDir();
    const [march, april] = [join(dir, '2026-03.xlsx'), join(dir, '2026-04.xlsx')];
    const marchLeave: SheetRows = [
      leaveHeader,
      // 乙 事假 30 Mar – 3 Apr: April's punches show him absent 1–3 Apr (no April leave row)
      ['002', '事假', '2026-03-30', '2026-04-03'],
      // 丙 事假 31 Mar – 2 Apr, entered in April's 请假 too: April excuses 1–2 Apr, nothing to say
      ['003', '事假', '2026-03-31', '2026-04-02'],
      // 甲 事假 30 Mar – 2 Apr: he punched 1–2 Apr, but April's 记录 types 旷工 (2.1) on 2 Apr
      ['001', '事假', '2026-03-30', '2026-04-02'],
    ];
    await writeWorkbook(march, { 人员: roster, 记录: [recordHeader], 考勤: punches(3, (id, day) => day >= (id === '003' ? '2026-03-31' : '2026-03-30')), 请假: marchLeave });
    await writeWorkbook(april, {
      人员: roster,
      记录: [recordHeader, ['2026-04-02', '001', null, null, '2.1', 1]],
      考勤: punches(4, (id, day) => (id === '002' && day <= '2026-04-03') || (id === '003' && day <= '2026-04-02')),
      请假: [leaveHeader, ['003', '事假', '2026-03-31', '2026-04-02']],
    });
    const errors = await errorsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true }));
    expect(errors.map((p) => [p.code, p.at.file, p.at.sheet, p.at.row, p.args])).toEqual([
      // 1, 2, 3 April are working days (清明 is 4–6 April): 3 days
      ['year_leave_scored_absent', march, '请假', 2, { type: '事假', person: '002', file: april, first: '2026-04-01', last: '2026-04-03', days: 3 }],
      // only 2 April is typed 旷工; 1 April he punched
      ['year_leave_scored_absent', march, '请假', 4, { type: '事假', person: '001', file: april, first: '2026-04-02', last: '2026-04-02', days: 1 }],
    ]);
    // The error asks for the leave in April's 请假 already: no warning of days April does not hold besides.
    const all = ((await runYear([dir], { scheme: 'bianmin-10pt', partial: true }).catch((e: unknown) => e)) as InputError).problems;
    expect(all.filter((p) => p.code === 'year_leave_not_held').map((p) => p.at.row)).toEqual([]);
  });
});

describe('two months’ 请假 rows giving one half day two leave types', () => {
  it('is an error at the later month’s row, naming the earlier row and the days; the same type twice is fine', async () => {
    const dir = tempDir();
    const [march, april] = [join(dir, '2026-03.xlsx'), join(dir, '2026-04.xlsx')];
    await writeWorkbook(march, {
      人员: roster,
      记录: [recordHeader],
      请假: [leaveHeader, ['002', '病假', '2026-03-02', '2026-04-30'], ['003', '病假', '2026-03-30', '2026-04-03']],
    });
    // 丙's April row repeats March's 病假 for 1–3 April: one leave, nothing to say
    await writeWorkbook(april, { 人员: roster, 记录: [recordHeader], 请假: [leaveHeader, ['002', '事假', '2026-04-01', '2026-04-30'], ['003', '病假', '2026-04-01', '2026-04-03']] });
    const errors = await errorsOf(runYear([march, april], { scheme: 'bianmin-10pt', partial: true }));
    expect(errors.map((p) => [p.code, p.at.file, p.at.sheet, p.at.row, p.at.columnLetter, p.args])).toEqual([
      // April 2026 has 30 days less 8 weekend days (4–5, 11–12, 18–19, 25–26) and 6 April (清明)
      // = 21 working days, both halves of each on 病假 by March's row and 事假 by April's.
      ['year_leave_type_differs', april, '请假', 2, 'B', { person: '002', type: '事假', firstType: '病假', first: '2026-04-01', last: '2026-04-30', days: 21, firstFile: march, firstSheet: '请假', firstRow: 2 }],
    ]);
  });
});

describe('a 请假 row of half days reaching into another month', () => {
  it('is no clash with an absence on the other half of the day; leave on an absent half still is', async () => {
    const dir = tempDir();
    const [march, april] = [join(dir, '2026-03.xlsx'), join(dir, '2026-04.xlsx')];
    const header = [...leaveHeader, '时段'];
    // 乙 事假 上午 31 Mar – 1 Apr, in both months; he punches neither day: March scores 31 Mar
    // 下午 旷工 and April 1 Apr 下午, the halves the leave does not cover.
    const both = ['002', '事假', '2026-03-31', '2026-04-01', '上午'];
    // 丙 the same, in March's 请假 only: April scores all of 1 Apr 旷工, 上午 included → 1 day.
    const march3 = ['003', '事假', '2026-03-31', '2026-04-01', '上午'];
    const away = (id: string, day: string) => id !== '001' && (day === '2026-03-31' || day === '2026-04-01');
    await writeWorkbook(march, { 人员: roster, 记录: [recordHeader], 考勤: punches(3, away), 请假: [header, both, march3] });
    await writeWorkbook(april, { 人员: roster, 记录: [recordHeader], 考勤: punches(4, away), 请假: [header, both] });
    const errors = await errorsOf(runYear([march, april], { scheme: 'bianmin-10pt', partial: true }));
    expect(errors.map((p) => [p.code, p.at.file, p.at.row, p.args])).toEqual([['year_leave_scored_absent', march, 3, { type: '事假', person: '003', file: april, first: '2026-04-01', last: '2026-04-01', days: 1 }]]);
  });
});

describe('a 请假 row running past its month, in a year', () => {
  it('counts only in its month; the days the next month of the run does not hold are said once, at the row', async () => {
    const dir = tempDir();
    const [march, april] = [join(dir, '2026-03.xlsx'), join(dir, '2026-04.xlsx')];
    await writeWorkbook(march, {
      人员: roster,
      记录: [recordHeader],
      // 乙 事假 to Thu 2 Apr: April's row holds 1–2 Apr → nothing to say.
      // 丙 事假 to Fri 3 Apr: April's row holds 1–2 Apr only, 3 Apr (a working day) is not → said.
      请假: [leaveHeader, ['002', '事假', '2026-03-30', '2026-04-02'], ['003', '事假', '2026-03-30', '2026-04-03']],
    });
    await writeWorkbook(april, { 人员: roster, 记录: [recordHeader], 请假: [leaveHeader, ['002', '事假', '2026-04-01', '2026-04-02'], ['003', '事假', '2026-04-01', '2026-04-02']] });
    const run = await runYear([march, april], { scheme: 'bianmin-10pt', partial: true });
    const said = run.warnings.filter((p) => p.code === 'leave_past_period' || p.code === 'year_leave_not_held');
    expect(said.map((p) => [p.code, p.at.file, p.at.sheet, p.at.row, p.args])).toEqual([['year_leave_not_held', march, '请假', 3, { type: '事假', person: '003', days: 1, dates: '2026-04-03', monthly: 1 }]]);
    expect(formatProblem(said[0]!)).toContain('请在该月请假表中补填，否则不计入全年请假');
  });

  it('a 事假 planned for three months and entered in January only: the year is January’s days and February’s own row', async () => {
    const dir = tempDir();
    await writeYear(dir, (m): Record<string, SheetRows> => {
      // 乙 事假 5 Jan – 31 Mar in January's 请假; he came back early: February's 请假 has 2–6 Feb only.
      if (m === 1) return { 请假: [leaveHeader, ['002', '事假', '2026-01-05', '2026-03-31']] };
      if (m === 2) return { 请假: [leaveHeader, ['002', '事假', '2026-02-02', '2026-02-06']] };
      return {};
    });
    const run = await runYear([dir], { scheme: 'bianmin-10pt' });
    // January: 5–9, 12–16, 19–23, 26–30 = 20 working days; February's row: 2–6 Feb = 5.
    // 20 + 5 = 25, not over 30: no 事假 flag (the whole span, 20 + 16 + 22 = 58, was).
    expect(run.result.rows.find((r) => r.key === '002')!.flags.filter((f) => f.code === 'leave')).toEqual([]);
    // Not held: 9–14 Feb (14th a 调休 Saturday), 24–28 Feb (28th one too) = 11, and March's 22:
    // 2–6, 9–13, 16–20, 23–27, 30–31 → 33 days.
    const said = run.warnings.filter((p) => p.code === 'leave_past_period' || p.code === 'year_leave_not_held');
    expect(said.map((p) => [p.code, p.at.row, p.args.days])).toEqual([['year_leave_not_held', 2, 33]]);
    expect(String(said[0]!.args.dates).split(',').slice(0, 7)).toEqual(['2026-02-09', '2026-02-10', '2026-02-11', '2026-02-12', '2026-02-13', '2026-02-14', '2026-02-24']);
  });
});

describe('a 旷工 typed in 记录 against leave another month gives, by half day', () => {
  it('a whole day typed covers both halves; a half day typed clashes only with leave on both halves of it', () => {
    const at = (row: number) => ({ file: 'm03.xlsx', sheet: '请假', row });
    const half = (personId: string, row: number, h: 0 | 1) => ({ personId, date: '2026-04-01' as IsoDate, half: h, type: '事假', at: at(row), typeAt: at(row) });
    const march = { first: '2026-03-01' as IsoDate, last: '2026-03-31' as IsoDate, leaves: [half('001', 2, 1), half('002', 3, 0), half('002', 3, 1), half('003', 4, 0)] };
    const typed = (personId: string, days: number) => ({ personId, date: '2026-04-01' as IsoDate, days, at: { file: 'm04.xlsx', sheet: '记录', row: 2 } });
    // 甲: 下午 leave, 旷工 × 1 day typed → the day's 下午 is both → error.
    // 乙: leave on both halves, 旷工半天 typed → one of them is both → error.
    // 丙: 上午 leave, 旷工半天 typed → taken as the 下午 → nothing.
    const found = leaveOnAbsentDays([march], [], [typed('001', 1), typed('002', 0.5), typed('003', 0.5)]);
    expect(found.map((p) => [p.at.row, p.args.person, p.args.days])).toEqual([
      [2, '001', 1],
      [3, '002', 1],
    ]);
  });
});

describe('the --annual workbook’s 请假 rows, against the months of the run', () => {
  it('a row on days a month scores 旷工 is an error at it, as is a half day a month’s row gives another type; leave on days worked is fine', async () => {
    const dir = tempDir();
    const [march, april, annualFile] = [join(dir, '2026-03.xlsx'), join(dir, '2026-04.xlsx'), join(tempDir(), 'annual.xlsx')];
    const people: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '审批科'], ['002', '乙', '审批科'], ['003', '丙', '审批科']];
    // 乙 punches nothing 1–14 April, 丙 nothing 15–17 April (April's own 请假 gives 丙 病假 then).
    const away = (id: string, day: string) => (id === '002' && day <= '2026-04-14') || (id === '003' && day >= '2026-04-15' && day <= '2026-04-17');
    const cityHallPunches = (m: number): SheetRows => [['工号', '日期', '打卡时间'], ...workdays(m).flatMap((day) => ['001', '002', '003'].filter((id) => !away(id, day)).map((id) => [id, day, '07:30 12:10 12:50 18:30']))];
    await writeWorkbook(march, { 人员: people, 记录: [recordHeader], 考勤: cityHallPunches(3) });
    await writeWorkbook(april, { 人员: people, 记录: [recordHeader], 考勤: cityHallPunches(4), 请假: [leaveHeader, ['003', '病假', '2026-04-15', '2026-04-17']] });
    const scores = [['工号', '项目', '分数'], ...['001', '002', '003'].flatMap((id) => [[id, '2', 6], [id, '4', 8], [id, '5', 8]])];
    await writeWorkbook(annualFile, {
      人员: people,
      记录: [recordHeader],
      评分: scores,
      请假: [leaveHeader, ['002', '事假', '2026-04-01', '2026-04-14'], ['003', '事假', '2026-04-15', '2026-04-17'], ['001', '事假', '2026-04-20', '2026-04-21']],
    });
    const errors = await errorsOf(runYear([dir], { scheme: 'city-hall-annual', annual: annualFile, partial: true }));
    expect(errors.map((p) => [p.code, p.at.file, p.at.sheet, p.at.row, p.args])).toEqual([
      // 乙 1–14 April: 1–3, 7–10, 13–14 (4–5 and 11–12 weekends, 6 清明) = 9 working days April
      // scores 旷工. 甲 worked 20–21 April: his leave counts once, nothing to say; 丙's April
      // excuses his days, so they are no 旷工.
      ['year_leave_scored_absent', annualFile, '请假', 2, { type: '事假', person: '002', file: april, first: '2026-04-01', last: '2026-04-14', days: 9 }],
      // 丙's 15–17 April (Wed–Fri): 3 days, 病假 by April's row 2, 事假 by the annual row 3.
      ['year_leave_type_differs', annualFile, '请假', 3, { person: '003', type: '事假', firstType: '病假', first: '2026-04-15', last: '2026-04-17', days: 3, firstFile: april, firstSheet: '请假', firstRow: 2 }],
    ]);
  });
});

describe('a typed 旷工半天 on a date two 请假 rows leave wholly, one half each', () => {
  it('clashes with each row from another workbook, whichever workbooks give the halves', () => {
    const half = (personId: string, file: string, row: number, h: 0 | 1, type: string) => {
      const at = { file, sheet: '请假', row };
      return { personId, date: '2026-07-01' as IsoDate, half: h, type, at, typeAt: at };
    };
    // 甲: H1's row 2 事假 上午 and row 3 病假 下午 into 1 July. 乙: H1's row 4 事假 上午, H2's own row 2
    // 病假 下午. 丙: H1's row 5 事假 上午 only.
    const h1 = { first: '2026-01-01' as IsoDate, last: '2026-06-30' as IsoDate, leaves: [half('001', 'h1', 2, 0, '事假'), half('001', 'h1', 3, 1, '病假'), half('002', 'h1', 4, 0, '事假'), half('003', 'h1', 5, 0, '事假')] };
    const h2 = { first: '2026-07-01' as IsoDate, last: '2026-12-31' as IsoDate, leaves: [half('002', 'h2', 2, 1, '病假')] };
    const typed = (personId: string) => ({ personId, date: '2026-07-01' as IsoDate, days: 0.5, at: { file: 'h2', sheet: '记录', row: 2 } });
    // H2 types 旷工半天 (0.5 day, no half said) on 1 July for each. 甲 and 乙 are on leave all day by
    // the rows together, so the half is on leave either way → an error at each row of H1 (H2's own
    // row was scored with H2). 丙's 下午 is free: the half is taken as it → nothing.
    const found = leaveOnAbsentDays([h1, h2], [], [typed('001'), typed('002'), typed('003')]);
    expect(found.map((p) => [p.at.file, p.at.row, p.args.person, p.args.type, p.args.days])).toEqual([
      ['h1', 2, '001', '事假', 1],
      ['h1', 3, '001', '病假', 1],
      ['h1', 4, '002', '事假', 1],
    ]);
  });
});

describe('year_leave_scored_absent for half-year periods', () => {
  it('says 那一期, not 该月', () => {
    const message = formatProblem(problem('year_leave_scored_absent', { file: '2026-H1.xlsx', sheet: '请假', row: 2 }, { type: '事假', person: '002', file: '2026-H2.xlsx', first: '2026-07-01', last: '2026-07-21', days: 15 }));
    expect(message).not.toContain('该月');
    expect(message).toContain('那一期的“请假”表没有这段请假');
  });
});

describe('a 请假 row in a year the calendar lacks', () => {
  it('stops at the row, in the month and in the year, as a punch there does', async () => {
    const dir = tempDir();
    // 2027 is past the bundled calendar (2004–2026). 乙 事假 1–31 March 2027: were the days
    // guessed nothing could say which are 2027's holidays; counted as none, the year said 0 days.
    const march = join(dir, '2027-03.xlsx');
    await writeWorkbook(march, { 人员: roster, 记录: [recordHeader], 请假: [leaveHeader, ['002', '事假', '2027-03-01', '2027-03-31']] });
    await writeWorkbook(join(dir, '2027-04.xlsx'), { 人员: roster, 记录: [recordHeader] });
    const expected = [['calendar_year_unknown', march, '请假', 2, 'C', '2027-03-01']];
    const found = (errors: InputError['problems']) => errors.map((p) => [p.code, p.at.file, p.at.sheet, p.at.row, p.at.columnLetter, p.args.value]);
    expect(found(await errorsOf(runYear([dir], { scheme: 'bianmin-10pt', partial: true })))).toEqual(expected);
    expect(found(await errorsOf(runScore(march, { scheme: 'bianmin-10pt' })))).toEqual(expected);
  });
});
