import { addDays, type WorkCalendar } from '../calendar/calendar.js';
import type { IsoDate } from '../core/dates.js';
import type { LeaveYear } from '../core/input.js';
import type { LeaveHalfDay, PersonAttendance } from './attendance.js';

/**
 * A person's year of leave and unexcused absence, from every month's 请假 rows (as half days of
 * leave on working days, see leaveHalfDays; a row repeated in several workbooks counts once) and
 * derived attendance: leave days by type, absent days (half days count 0.5), and the longest run
 * of consecutive wholly absent working days (旷职).
 */
export function leaveYears(people: readonly string[], leaves: readonly LeaveHalfDay[], attendance: readonly PersonAttendance[], calendar: WorkCalendar): Map<string, LeaveYear> {
  const years = new Map<string, LeaveYear>();
  const byPerson = new Map<string, Map<string, LeaveHalfDay>>();
  for (const half of leaves) {
    let halves = byPerson.get(half.personId);
    if (!halves) byPerson.set(half.personId, (halves = new Map<string, LeaveHalfDay>()));
    if (!halves.has(`${half.date} ${half.half}`)) halves.set(`${half.date} ${half.half}`, half);
  }
  for (const id of people) {
    const leaveHalves = byPerson.get(id) ?? new Map<string, LeaveHalfDay>();
    const leaveDays: Record<string, number> = {};
    for (const { type } of leaveHalves.values()) leaveDays[type] = (leaveDays[type] ?? 0) + 0.5;
    const rows = [...new Map([...leaveHalves.values()].map((h) => [`${h.at.file}|${h.at.sheet}|${h.at.row}`, { type: h.type, at: h.at }])).values()];

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
