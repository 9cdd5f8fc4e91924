import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_HOURS } from '../src/calendar/hours.js';
import { Schedule } from '../src/calendar/schedule.js';
import { runAttendance } from '../src/commands/attendance.js';
import type { IsoDate } from '../src/core/dates.js';
import { monthPeriod } from '../src/core/period.js';
import { InputError, type Problem } from '../src/core/problems.js';
import { leaveHalfDays } from '../src/derive/attendance.js';
import { readLeaves } from '../src/validate/attendance.js';
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
async function month(leave: SheetRows, away: readonly string[]): Promise<string> {
  const punches: SheetRows = [['工号', '日期', '时间']];
  for (const date of workdays) {
    if (!away.includes(date)) for (const t of ['07:55', '11:35', '13:55', '17:35']) punches.push(['001', date, t]);
    if (date <= '2026-11-12') for (const t of ['07:55', '11:35', '13:55', '17:35']) punches.push(['002', date, t]);
  }
  return writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 考勤: punches, 请假: [leaveHeader, ...leave] });
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

  it('counts no half day outside the dates at year end either', () => {
    const left = { ...person('002', '吴二', '民政'), end: '2026-11-12' as IsoDate };
    const leave = sheet('请假', [
      ['工号', '类型', '开始日期', '结束日期'],
      ['002', '病假', '2026-11-12', '2026-11-13'],
    ]);
    const { leaves } = readLeaves(leave, [left], monthPeriod(2026, 11));
    const halves = leaveHalfDays(leaves, [left], new Schedule(DEFAULT_HOURS, calendar));
    // 11-12 上午 and 下午; 11-13 is after the 离岗日期
    expect(halves.map((h) => [h.date, h.half, h.type])).toEqual([
      ['2026-11-12', 0, '病假'],
      ['2026-11-12', 1, '病假'],
    ]);
  });
});

