import { addDays } from '../calendar/calendar.js';
import { clock } from '../calendar/hours.js';
import type { Schedule } from '../calendar/schedule.js';
import type { IsoDate } from '../core/dates.js';
import type { Person } from '../core/input.js';
import type { Period } from '../core/period.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import type { PunchBook } from '../validate/punches.js';
import type { PersonAttendance } from './attendance.js';

/**
 * Working days of a typed 考勤 on which nobody punched and two people or more were absent all
 * day, in date order: more likely days the sheet does not hold (typed up to mid-month, a week's
 * export pasted in) than a whole centre absent. One person due and absent (the others on leave or
 * resting) is an absence like any other.
 */
export function daysNobodyPunched(people: readonly PersonAttendance[], punches: PunchBook): IsoDate[] {
  const punched = punches.punchedDates();
  const absent = new Map<IsoDate, number>();
  for (const e of people.flatMap((p) => p.events)) if (e.kind === 'absent_day' && !punched.has(e.date)) absent.set(e.date, (absent.get(e.date) ?? 0) + 1);
  return [...absent].filter(([, count]) => count >= 2).map(([date]) => date).sort();
}

/**
 * An export of one clock-in and one clock-out a day scored under hours of several sessions each
 * punched gives 缺卡 at every lunch break: said, with the word (两次打卡) that fits such a centre.
 * The scores stay as the hours give them.
 */
export function twoPunchHint(schedule: Schedule, people: readonly Person[], period: Period, where: SourceLocation): Problem[] {
  for (let date = period.first; date <= period.last; date = addDays(date, 1)) {
    for (const person of people) {
      const shift = schedule.on(person.id, date);
      if (shift.kind === 'work' && shift.punching === 'each' && shift.sessions.length > 1) {
        const sessions = shift.sessions.map((s) => `${clock(s.start)}-${clock(s.end)}`).join(',');
        return [problem('export_two_punch_schedule', where, { sessions, count: shift.sessions.length }, 'warning')];
      }
    }
  }
  return [];
}
