import { addDays, type WorkCalendar } from '../calendar/calendar.js';
import type { IsoDate } from '../core/dates.js';
import type { LeaveYear } from '../score/year.js';
import type { Leave, PersonAttendance } from './attendance.js';

/**
 * A person's year of leave and unexcused absence, from every month's 请假 rows and derived
 * attendance: leave days by type on working days (half days count 0.5; a row repeated in
 * several workbooks counts once), absent days, and the longest run of consecutive absent
 * working days (旷职).
 */
export function leaveYears(people: readonly string[], leaves: readonly Leave[], attendance: readonly PersonAttendance[], calendar: WorkCalendar): Map<string, LeaveYear> {
  const years = new Map<string, LeaveYear>();
  for (const id of people) {
    const sessions = new Map<string, string>();
    const rows = [];
    for (const leave of leaves.filter((l) => l.personId === id && l.type !== '补签' && l.type !== '公差')) {
      rows.push({ type: leave.type, at: leave.at });
      for (let d = leave.first; d <= leave.last; d = addDays(d, 1)) {
        if (!calendar.covers(d) || !calendar.isWorkday(d)) continue;
        for (const part of leave.part === '全天' ? ['上午', '下午'] : [leave.part]) sessions.set(`${d} ${part}`, leave.type);
      }
    }
    const leaveDays: Record<string, number> = {};
    for (const type of sessions.values()) leaveDays[type] = (leaveDays[type] ?? 0) + 0.5;

    const absent = [...new Set(attendance.filter((a) => a.personId === id).flatMap((a) => a.events.filter((e) => e.kind === 'absent_day').map((e) => e.date)))].sort();
    let longest = 0;
    let run = 0;
    let previous: IsoDate | null = null;
    for (const date of absent) {
      run = previous !== null && nextWorkday(previous, calendar) === date ? run + 1 : 1;
      longest = Math.max(longest, run);
      previous = date;
    }
    years.set(id, { absentDays: absent.length, longestAbsentRun: longest, leaveDays, evidence: { absentDates: absent, leaveRows: rows } });
  }
  return years;
}

function nextWorkday(date: IsoDate, calendar: WorkCalendar): IsoDate {
  let d = addDays(date, 1);
  while (calendar.covers(d) && !calendar.isWorkday(d)) d = addDays(d, 1);
  return d;
}
