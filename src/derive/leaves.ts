import { addDays, YearNotCovered } from '../calendar/calendar.js';
import { segmentsOf, type Half } from '../calendar/hours.js';
import type { Schedule } from '../calendar/schedule.js';
import type { IsoDate } from '../core/dates.js';
import { isActiveOn, type Person } from '../core/input.js';
import type { Leave } from '../validate/attendance.js';
import type { PunchBook } from '../validate/punches.js';
import { leaveSegments } from './day.js';

/** A half of a working day a request covers. */
export interface CoveredHalf {
  date: IsoDate;
  half: Half;
}

/**
 * The halves of the person's working days in post that a request covers, by the schedule (and,
 * for a length placed by its punches, the day's punches); days the calendar does not know are
 * left out.
 */
export function halvesOf(leave: Leave, person: Person | undefined, schedule: Schedule, punches: PunchBook | null): CoveredHalf[] {
  const halves: CoveredHalf[] = [];
  for (let date = leave.first; date <= leave.last; date = addDays(date, 1)) {
    if (person && !isActiveOn(person, date)) continue;
    let shift;
    try {
      shift = schedule.on(leave.personId, date);
    } catch (error) {
      if (error instanceof YearNotCovered) continue;
      throw error;
    }
    if (shift.kind === 'rest') continue;
    const segments = segmentsOf(shift);
    const covered = new Set(leaveSegments(leave, date, shift, segments, punches?.day(leave.personId, date) ?? []).map((n) => segments[n]!.half));
    for (const half of [...covered].sort()) halves.push({ date, half });
  }
  return halves;
}
