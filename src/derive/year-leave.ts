import { addDays, type WorkCalendar } from '../calendar/calendar.js';
import type { IsoDate } from '../core/dates.js';
import type { LeaveYear } from '../score/year.js';
import type { Leave, PersonAttendance } from './attendance.js';

/**
 * A person's year of leave and unexcused absence, from every month's 请假 rows and derived
 * attendance: leave days by type on working days (half days count 0.5; a row repeated in
 * several workbooks counts once), absent days (half days count 0.5), and the longest run of
 * consecutive wholly absent working days (旷职).
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

    // Half days add up (convention 10): each absent session is 0.5 day. A run of 旷职 counts
    // whole absent working days in a row; a day half worked breaks it.
    const events = attendance.filter((a) => a.personId === id).flatMap((a) => a.events);
    const halves = new Map<string, number>();
    for (const e of events) if (e.kind === 'absent_half_day') halves.set(e.date, (halves.get(e.date) ?? 0) + 1);
    const absent = [...new Set(events.filter((e) => e.kind === 'absent_day').map((e) => e.date))].sort();
    const absentDays = [...halves.values()].reduce((n, h) => n + h, 0) / 2;
    let longest = 0;
    let run = 0;
    let previous: IsoDate | null = null;
    for (const date of absent.filter((d) => (halves.get(d) ?? 2) >= 2)) {
      run = previous !== null && nextWorkday(previous, calendar) === date ? run + 1 : 1;
      longest = Math.max(longest, run);
      previous = date;
    }
    years.set(id, { absentDays, longestAbsentRun: longest, leaveDays, evidence: { absentDates: absent, leaveRows: rows } });
  }
  return years;
}

function nextWorkday(date: IsoDate, calendar: WorkCalendar): IsoDate {
  let d = addDays(date, 1);
  while (calendar.covers(d) && !calendar.isWorkday(d)) d = addDays(d, 1);
  return d;
}
