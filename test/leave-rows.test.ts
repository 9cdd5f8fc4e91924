import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_HOURS } from '../src/calendar/hours.js';
import { Schedule } from '../src/calendar/schedule.js';
import { runAttendance } from '../src/commands/attendance.js';
import { LocalDateTime, type IsoDate } from '../src/core/dates.js';
import { monthPeriod, periodYears } from '../src/core/period.js';
import { InputError, type Problem } from '../src/core/problems.js';
import { leaveHalfDays } from '../src/derive/attendance.js';
import { readLeaves } from '../src/validate/attendance.js';
import { formatProblem } from '../src/messages.js';
import type { CellValue } from '../src/read/table.js';
import { person } from './builders.js';
import { sheet } from './month-sheets.js';
import { tempDir, writeWorkbook, type SheetRows } from './workbook.js';


/**
 * November 2026 (21 working days: 2–6, 9–13, 16–20, 23–27, 30; winter hours 08:00–11:30 and
 * 14:00–17:30) for invented 周一 (001), who punches on time every working day except the days a
 * test leaves unpunched, and 吴二 (002), who left on 11-12 (离岗日期).
 */
const calendar = officialCalendar();
const workdays: IsoDate[] = [];
for (let day = 1; day <= 30; day++) {
  const date = `2026-11-${String(day).padStart(2, '0')}` as IsoDate;
  if (calendar.isWorkday(date)) workdays.push(date);
}

const roster: SheetRows = [
  ['工号', '姓名', '窗口', '到岗日期', '离岗日期'],
  ['001', '周一', '民政'],
  ['002', '吴二', '民政', null, '2026-11-12'],
];
const leaveHeader = ['工号', '姓名', '类型', '开始日期', '结束日期', '时段', '开始时间'];

/** A month workbook: 001 punches 07:55 11:35 13:55 17:35 on every working day but `away`; 002 until 11-12. */
async function month(leave: SheetRows, away: readonly string[], header: readonly string[] = leaveHeader): Promise<string> {
  const punches: SheetRows = [['工号', '日期', '时间']];
  for (const date of workdays) {
    if (!away.includes(date)) for (const t of ['07:55', '11:35', '13:55', '17:35']) punches.push(['001', date, t]);
    if (date <= '2026-11-12') for (const t of ['07:55', '11:35', '13:55', '17:35']) punches.push(['002', date, t]);
  }
  return writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 考勤: punches, 请假: [[...header], ...leave] });
}

/** The run's problems: thrown with an error, else its warnings. */
async function attend(path: string) {
  try {
    const run = await runAttendance(path, {});
    return { people: run.people, problems: run.warnings };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { people: null, problems: error.problems };
  }
}

const about = (p: Problem) => ({ code: p.code, severity: p.severity, row: p.at.row, column: p.at.columnLetter, args: p.args });
const leaveProblems = (problems: readonly Problem[]) => problems.filter((p) => p.code.startsWith('leave_')).map(about);
const first = (path: string, row: number) => ({ firstFile: path, firstSheet: '请假', firstRow: row });

describe('two requests of one person on the same half day', () => {
  it('事假 and 病假 for the whole of 11-03: an error at the later row naming the earlier one, nothing derived', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-11-03', null, '全天'],
        ['001', '周一', '病假', '2026-11-03', null, '全天'],
      ],
      ['2026-11-03'],
    );
    const { people, problems } = await attend(path);
    expect(people).toBeNull();
    // the first half the two share is 11-03 上午 (half 0); said once for the pair, not per half
    expect(leaveProblems(problems)).toEqual([{ code: 'leave_overlap', severity: 'error', row: 3, column: 'C', args: { date: '2026-11-03', half: 0, type: '病假', firstType: '事假', ...first(path, 2) } }]);
    expect(formatProblem(problems.find((p) => p.code === 'leave_overlap')!)).toBe(
      `${path} › 请假 › 第3行 › 类型(C列): 2026-11-03 上午 已有第2行的事假，这一行又记为病假：请假按半天计，同一人同一半天只能有一种假别（事假、病假等扣分不同），请删去或改正不对的一行`,
    );
  });

  it('事假 11-02..11-04 and 病假 11-04: the error names 11-04, the first day they share', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-11-02', '2026-11-04', '全天'],
        ['001', '周一', '病假', '2026-11-04', null, '全天'],
      ],
      ['2026-11-02', '2026-11-03', '2026-11-04'],
    );
    expect(leaveProblems((await attend(path)).problems)).toEqual([{ code: 'leave_overlap', severity: 'error', row: 3, column: 'C', args: { date: '2026-11-04', half: 0, type: '病假', firstType: '事假', ...first(path, 2) } }]);
  });

  it('上午 事假 and 下午 病假 on one day are two halves: no problem, half a day of each', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-11-03', null, '上午'],
        ['001', '周一', '病假', '2026-11-03', null, '下午'],
      ],
      ['2026-11-03'],
    );
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([]);
    // 21 working days, 20 punched, 11-03 half 事假 half 病假: 20 present days
    expect(people!.find((p) => p.personId === '001')).toMatchObject({ presentDays: 20, absentHalfDays: 0, leaveDays: { 事假: 0.5, 病假: 0.5 } });
  });

  it('the same 事假 typed twice counts once, with a warning naming both rows', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-11-03', null, '全天'],
        ['001', '周一', '事假', '2026-11-03', null, '全天'],
      ],
      ['2026-11-03'],
    );
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([{ code: 'leave_repeated', severity: 'warning', row: 3, column: 'C', args: { date: '2026-11-03', half: 0, type: '事假', ...first(path, 2) } }]);
    // 事假 counted once: 1 day, not 2
    expect(people!.find((p) => p.personId === '001')!.leaveDays).toEqual({ 事假: 1 });
  });

  it('事假 11-02..11-04 and 事假 11-04..11-05 overlap on 11-04: 4 days of 事假, not 5', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-11-02', '2026-11-04', '全天'],
        ['001', '周一', '事假', '2026-11-04', '2026-11-05', '全天'],
      ],
      ['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05'],
    );
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([{ code: 'leave_repeated', severity: 'warning', row: 3, column: 'C', args: { date: '2026-11-04', half: 0, type: '事假', ...first(path, 2) } }]);
    // 11-02, 03, 04, 05 once each = 4 days
    expect(people!.find((p) => p.personId === '001')!.leaveDays).toEqual({ 事假: 4 });
  });

  it('a 补签 beside a 事假 on the same morning: the half is 事假 whatever the row order, said at the later row', async () => {
    const rows: SheetRows = [
      ['001', '周一', '补签', '2026-11-03', null, '上午'],
      ['001', '周一', '事假', '2026-11-03', null, '全天'],
    ];
    for (const [leave, earlier] of [
      [rows, 'correction'],
      [[...rows].reverse(), 'leave'],
    ] as const) {
      const path = await month(leave, ['2026-11-03']);
      const { people, problems } = await attend(path);
      expect(leaveProblems(problems)).toEqual([{ code: 'leave_correction_overlap', severity: 'warning', row: 3, column: 'C', args: { date: '2026-11-03', half: 0, type: '事假', earlier, ...first(path, 2) } }]);
      // 事假 the whole of 11-03 = 1 day (it was 0.5 and one 补签 with the 补签 first); 20 days present
      expect(people!.find((p) => p.personId === '001')).toMatchObject({ presentDays: 20, leaveDays: { 事假: 1 } });
    }
  });

  it('two 补签 for one morning (a forgotten clock-in and clock-out) say nothing', async () => {
    const path = await month(
      [
        ['001', '周一', '补签', '2026-11-03', null, null, '08:00'],
        ['001', '周一', '补签', '2026-11-03', null, null, '11:30'],
      ],
      ['2026-11-03'],
    );
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([]);
    // the morning excused by 补签 (one session), the afternoon unpunched: absent half a day
    expect(people!.find((p) => p.personId === '001')).toMatchObject({ presentDays: 20.5, absentHalfDays: 1, leaveDays: { 补签: 1 } });
  });
});

describe('a 请假 row outside the person’s 到岗/离岗日期', () => {
  it('wholly after the 离岗日期: a warning naming the dates, the row not counted', async () => {
    const path = await month([['002', '吴二', '事假', '2026-11-16', '2026-11-17', '全天']], []);
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([
      { code: 'leave_outside_person_dates', severity: 'warning', row: 2, column: 'D', args: { first: '2026-11-16', last: '2026-11-17', person: '吴二（002）', start: '', end: '2026-11-12' } },
    ]);
    // in post until 11-12: 9 working days (2–6 and 9–12), all punched, no leave
    expect(people!.find((p) => p.personId === '002')).toMatchObject({ workingDays: 9, presentDays: 9, leaveDays: {} });
  });

  it('partly after it: the days in post count, without a word', async () => {
    const path = await month([['002', '吴二', '病假', '2026-11-12', '2026-11-13', '全天']], []);
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([]);
    // 11-12 is in post (病假 1 day); 11-13 is not
    expect(people!.find((p) => p.personId === '002')!.leaveDays).toEqual({ 病假: 1 });
  });

  it('a row of December into a year the calendar lacks counts December’s days, without an error', () => {
    const leave = sheet('请假', [
      ['工号', '类型', '开始日期', '结束日期'],
      ['001', '事假', '2026-12-28', '2027-01-08'],
    ]);
    const december = monthPeriod(2026, 12);
    const { leaves, problems } = readLeaves(leave, [person('001', '张三', '民政')], december);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    // 28–31 December 2026 are Mon–Thu, working days: 4 days, two halves each; 2027 is the next
    // year's workbooks' to count (and to stop at, its calendar being unknown).
    const halves = leaveHalfDays(leaves, [person('001', '张三', '民政')], new Schedule(DEFAULT_HOURS, calendar), periodYears(december));
    expect(halves.map((h) => h.date)).toEqual(['2026-12-28', '2026-12-28', '2026-12-29', '2026-12-29', '2026-12-30', '2026-12-30', '2026-12-31', '2026-12-31']);
  });

  it('counts no half day outside the dates at year end either', () => {
    const left = { ...person('002', '吴二', '民政'), end: '2026-11-12' as IsoDate };
    const leave = sheet('请假', [
      ['工号', '类型', '开始日期', '结束日期'],
      ['002', '病假', '2026-11-12', '2026-11-13'],
    ]);
    const { leaves } = readLeaves(leave, [left], monthPeriod(2026, 11));
    const halves = leaveHalfDays(leaves, [left], new Schedule(DEFAULT_HOURS, calendar), periodYears(monthPeriod(2026, 11)));
    // 11-12 上午 and 下午; 11-13 is after the 离岗日期
    expect(halves.map((h) => [h.date, h.half, h.type])).toEqual([
      ['2026-11-12', 0, '病假'],
      ['2026-11-12', 1, '病假'],
    ]);
  });
});

describe('leave from a DingTalk 审批 export meets the 请假 sheet at the same check', () => {
  const header = ['审批编号', '标题', '审批状态', '审批结果', '发起人工号', '发起人姓名', '发起人部门', '请假类型', '开始时间', '结束时间', '时长'];
  const request = (no: string, title: string, status: string, type: string, start: string, end: string, length: string) => [no, title, status, '同意', '001', '周一', '民政', type, start, end, length];
  const approvals = (rows: SheetRows) => writeWorkbook(join(tempDir(), '请假审批.xlsx'), { 'PROC-LEAVE-01': [header, ...rows] });

  it('an amended request ([修改], the original 已修改) changing 事假 to 病假 counts once as 病假, without a word', async () => {
    const leave = await approvals([
      request('202611020001', '周一提交的请假', '已修改', '事假', '2026-11-03 08:00', '2026-11-03 17:30', '8小时'),
      request('202611020002', '[修改]周一提交的请假', '完成', '病假', '2026-11-03 08:00', '2026-11-03 17:30', '8小时'),
    ]);
    const run = await runAttendance(await month([], ['2026-11-03']), { leave });
    expect(leaveProblems(run.warnings)).toEqual([]);
    expect(run.people.find((p) => p.personId === '001')!.leaveDays).toEqual({ 病假: 1 });
  });

  it('a 病假 approved for a day the 请假 sheet has as 事假: the error is at the export’s 请假类型 cell, naming the sheet’s row', async () => {
    const path = await month([['001', '周一', '事假', '2026-11-03', null, '全天']], ['2026-11-03']);
    const leave = await approvals([request('202611020001', '周一提交的请假', '完成', '病假', '2026-11-03 08:00', '2026-11-03 17:30', '8小时')]);
    const error = (await runAttendance(path, { leave }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    const clash = error.problems.filter((p) => p.code === 'leave_overlap');
    // the export's row 2, column H (请假类型); the typed row is 请假 row 2 of the month workbook
    expect(clash.map((p) => [p.at.file, p.at.row, p.at.columnLetter, p.args])).toEqual([[leave, 2, 'H', { date: '2026-11-03', half: 0, type: '病假', firstType: '事假', ...first(path, 2) }]]);
  });

  it('two approved requests of different types on one afternoon: the later names the earlier’s row in the export', async () => {
    const leave = await approvals([
      request('202611020001', '周一提交的请假', '完成', '事假', '2026-11-03 14:00', '2026-11-03 17:30', '3.5小时'),
      request('202611020002', '周一提交的请假', '完成', '调休', '2026-11-03 15:00', '2026-11-03 16:00', '1小时'),
    ]);
    const error = (await runAttendance(await month([], ['2026-11-03']), { leave }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    const clash = error.problems.filter((p) => p.code === 'leave_overlap');
    // both cover the afternoon session (14:00–17:30): half 1
    expect(clash.map((p) => [p.at.file, p.at.row, p.at.columnLetter, p.args])).toEqual([[leave, 3, 'H', { date: '2026-11-03', half: 1, type: '调休', firstType: '事假', firstFile: leave, firstSheet: 'PROC-LEAVE-01', firstRow: 2 }]]);
  });
});

describe('a 请假 row running past the month', () => {
  it('is said at its 结束日期: the next month’s 请假 must hold the days after, else they are 旷工 there', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-11-27', '2026-12-04', '全天'],
        // 吴二 left on 11-12: no next month to enter it in, nothing to say
        ['002', '吴二', '病假', '2026-11-12', '2026-12-01', '全天'],
      ],
      ['2026-11-27', '2026-11-30'],
    );
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([{ code: 'leave_past_period', severity: 'warning', row: 2, column: 'E', args: { type: '事假', last: '2026-12-04', periodLast: '2026-11-30' } }]);
    // November's part only: 27 (Fri) and 30 (Mon) = 2 days of 事假
    expect(people!.find((p) => p.personId === '001')!.leaveDays).toEqual({ 事假: 2 });
  });
});

describe('a 请假 row running past the period only into rest days', () => {
  const staff = [person('002', '乙', '民政')];
  const problemsOf = (period: ReturnType<typeof monthPeriod>, ...rows: string[][]) =>
    readLeaves(sheet('请假', [['工号', '类型', '开始日期', '结束日期'], ...rows]), staff, period, undefined, calendar).problems.map((p) => [p.code, p.at.row, p.args.last]);

  it('says nothing: no working day is left for the next period to score 旷工', () => {
    // 2026-09-28..10-07: the days past September are 10-01..10-07, all 国庆 (holidays) → nothing.
    // 2026-09-28..10-10: 10-10 (Sat) is the 国庆 调休 working day → warned.
    expect(problemsOf(monthPeriod(2026, 9), ['002', '病假', '2026-09-28', '2026-10-07'], ['002', '病假', '2026-09-28', '2026-10-10'])).toEqual([['leave_past_period', 3, '2026-10-10']]);
    // 2026-10-26..11-01: past October only 11-01, a Sunday → nothing; to 11-02 (Monday) → warned.
    expect(problemsOf(monthPeriod(2026, 10), ['002', '事假', '2026-10-26', '2026-11-01'], ['002', '事假', '2026-10-26', '2026-11-02'])).toEqual([['leave_past_period', 3, '2026-11-02']]);
  });
});

describe('a boolean in a 请假 time cell', () => {
  it('is quoted as Excel shows it: 开始时间 TRUE, not true', () => {
    const leave = sheet('请假', [
      ['工号', '类型', '开始日期', '开始时间'],
      ['002', '事假', '2026-11-12', true],
    ]);
    const { problems } = readLeaves(leave, [person('002', '乙', '民政')], monthPeriod(2026, 11));
    expect(problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.value])).toEqual([['time_invalid', 2, 'D', 'TRUE']]);
  });
});

describe('开始日期 and 结束日期 that show a time (2026-11-12 14:00)', () => {
  const staff = [person('001', '周一', '民政')];
  const at = (h: number, m: number) => h * 3600 + m * 60;
  const dateTime = (day: number, h: number, m: number) => new LocalDateTime(2026, 11, day, at(h, m), 'datetime');
  const read = (header: string[], ...rows: CellValue[][]) => readLeaves(sheet('请假', [header, ...rows]), staff, monthPeriod(2026, 11));
  const times = (header: string[], ...rows: CellValue[][]) => read(header, ...rows).leaves.map((l) => [l.first, l.last, l.startTime, l.endTime]);
  const header = ['工号', '类型', '开始日期', '结束日期'];

  it('start and end at the times they show, as 开始时间 and 结束时间 would, typed or as date-time cells', () => {
    // 14:00 = 50,400 s, 17:30 = 63,000 s
    const expected = [['2026-11-12', '2026-11-12', 50_400, 63_000]];
    expect(times(header, ['001', '事假', dateTime(12, 14, 0), dateTime(12, 17, 30)])).toEqual(expected);
    expect(times(header, ['001', '事假', '2026-11-12 14:00', '2026/11/12 17:30'])).toEqual(expected);
    // from 11-12 14:00 to the end of 11-13: no end time
    expect(times(header, ['001', '事假', dateTime(12, 14, 0), '2026-11-13'])).toEqual([['2026-11-12', '2026-11-13', 50_400, null]]);
  });

  it('00:00 is the day alone: 结束日期 2026-11-13 00:00 keeps 11-13 in the leave', () => {
    expect(times(header, ['001', '病假', dateTime(12, 0, 0), dateTime(13, 0, 0)])).toEqual([['2026-11-12', '2026-11-13', null, null]]);
  });

  it('a time in 开始日期 beside another in 开始时间 is an error at 开始日期; the same time twice is not', () => {
    const withTimes = ['工号', '类型', '开始日期', '结束日期', '开始时间', '结束时间'];
    const { leaves, problems } = read(withTimes, ['001', '事假', dateTime(12, 14, 0), dateTime(12, 17, 30), '15:00', '17:30']);
    expect([leaves, problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args])]).toEqual([
      [],
      [['leave_date_time_differs', 2, 'C', { value: '2026-11-12 14:00', time: '14:00', column: '开始时间', other: '15:00' }]],
    ]);
    expect(times(withTimes, ['001', '事假', dateTime(12, 14, 0), dateTime(12, 17, 30), '14:00', null])).toEqual([['2026-11-12', '2026-11-12', 50_400, 63_000]]);
  });

  it('an end before the start on one day is refused at the date that shows it', () => {
    const { problems } = read(header, ['001', '事假', dateTime(12, 14, 0), dateTime(12, 9, 0)]);
    expect(problems.map((p) => [p.code, p.at.columnLetter, p.args.first, p.args.last])).toEqual([['leave_dates_reversed', 'D', '2026-11-12 14:00', '2026-11-12 09:00']]);
  });

  it('scored as the afternoon only: the unpunched morning is 旷工 (probe r12c)', async () => {
    const path = await month([['001', '周一', '事假', new Date('2026-11-12T14:00:00Z'), new Date('2026-11-12T17:30:00Z')]], ['2026-11-12']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    for (const column of ['D', 'E']) book.getWorksheet('请假')!.getCell(`${column}2`).numFmt = 'yyyy-mm-dd hh:mm';
    await book.xlsx.writeFile(path);
    const { people } = await attend(path);
    // 11-12 (winter hours 08:00–11:30, 14:00–17:30): the leave 14:00–17:30 covers the afternoon
    // (事假 0.5); nothing covers or punches the morning: absent half a day. Present 21 − 1 = 20.
    // Read as a whole day (the old reading) it was 事假 1 and no absence.
    expect(people!.find((p) => p.personId === '001')).toMatchObject({ presentDays: 20, absentHalfDays: 1, leaveDays: { 事假: 0.5 } });
  });
});

describe('a leave row whose 时长 in days and span disagree', () => {
  const header = ['工号', '姓名', '类型', '开始日期', '结束日期', '时段', '开始时间', '结束时间', '时长'];

  it('the span counts, as before, and the row says both (it was silent)', async () => {
    // 事假 11-04 08:00 → 11-05 17:30 with 时长 0.5天: Wed and Thu, both halves each = 4 halves = 2 days, not 0.5
    const path = await month([['001', '周一', '事假', '2026-11-04', '2026-11-05', null, '08:00', '17:30', '0.5天']], ['2026-11-04', '2026-11-05'], header);
    const { people, problems } = await attend(path);
    expect(leaveProblems(problems)).toEqual([
      { code: 'leave_length_differs', severity: 'warning', row: 2, column: undefined, args: { length: 0.5, days: 2, first: '2026-11-04', start: '08:00', last: '2026-11-05', end: '17:30' } },
    ]);
    // 001 away 11-04 and 11-05, on 事假 both: 2 days of 事假, no absence
    expect(people!.find((p) => p.personId === '001')).toMatchObject({ absentHalfDays: 0, leaveDays: { 事假: 2 } });
  });

  it('a length the span agrees with says nothing: 1.5天 over 11-04 08:00 → 11-05 11:30 (3 halves); hours are not compared', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-11-04', '2026-11-05', null, '08:00', '11:30', '1.5天'],
        ['001', '周一', '事假', '2026-11-10', null, null, '08:00', '09:00', '3小时'],
      ],
      ['2026-11-04'],
      header,
    );
    expect(leaveProblems((await attend(path)).problems)).toEqual([]);
  });
});

describe('请假 and 班次 rows wholly outside the period (probe pf16b)', () => {
  const outside = (problems: readonly Problem[]) => problems.filter((p) => p.code === 'rows_outside_period').map((p) => ({ ...about(p), sheet: p.at.sheet }));

  it('a 事假 typed 2025-11-03 for 2026-11-03: still 旷工 that day, and said at the row, not dropped without a word', async () => {
    // 001 did not punch on 11-03; the only 请假 row is a year off. Absent 1 day (both halves) as before.
    const path = await month([['001', '周一', '事假', '2025-11-03', null, '全天']], ['2026-11-03']);
    const { people, problems } = await attend(path);
    expect(people!.find((p) => p.personId === '001')!.absentDays).toBe(1);
    expect(outside(problems)).toEqual([{ code: 'rows_outside_period', severity: 'warning', row: 2, column: 'D', sheet: '请假', args: { count: 1, first: '2026-11-01', last: '2026-11-30' } }]);
  });

  it('several rows outside: said once, at the first, with their number; a row reaching into the period is not among them', async () => {
    const path = await month(
      [
        ['001', '周一', '事假', '2026-10-30', '2026-11-02', '全天'], // row 2: reaches 11-02, counted there
        ['001', '周一', '病假', '2026-10-12', '2026-10-13', '全天'], // row 3: October only
        ['001', '周一', '年假', '2026-12-01', null, '全天'], // row 4: December only
      ],
      ['2026-11-02'],
    );
    const { people, problems } = await attend(path);
    // 11-02 on 事假 (row 2): 1 day of 事假, no absence.
    const own = people!.find((p) => p.personId === '001')!;
    expect([own.absentDays, own.leaveDays['事假']]).toEqual([0, 1]);
    expect(outside(problems)).toEqual([{ code: 'rows_outside_period', severity: 'warning', row: 3, column: 'D', sheet: '请假', args: { count: 2, first: '2026-11-01', last: '2026-11-30' } }]);
  });

  it('a 班次 休息 typed 2025-11-04: said at its row; one on 10-31 (the night before the period) is kept and not said', async () => {
    const punches: SheetRows = [['工号', '日期', '时间']];
    for (const date of workdays) if (date !== '2026-11-04') for (const t of ['07:55', '11:35', '13:55', '17:35']) punches.push(['001', date, t]);
    const shifts: SheetRows = [
      ['工号', '开始日期', '结束日期', '班次'],
      ['001', '2025-11-04', null, '休息'], // row 2: a year off
      ['001', '2026-10-31', null, '22:00-次日06:00'], // row 3: Saturday night into Sunday 11-01
    ];
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster.slice(0, 2), 考勤: punches, 班次: shifts });
    const { people, problems } = await attend(path);
    // 11-04 is a working day with no punch: 旷工 1 day, as before.
    expect(people![0]!.absentDays).toBe(1);
    expect(outside(problems)).toEqual([{ code: 'rows_outside_period', severity: 'warning', row: 2, column: 'B', sheet: '班次', args: { count: 1, first: '2026-11-01', last: '2026-11-30' } }]);
  });
});
