import { addDays, firstUncoveredDay } from '../calendar/calendar.js';
import { clock, segmentsOf, type Half } from '../calendar/hours.js';
import type { Schedule } from '../calendar/schedule.js';
import type { DateRange, IsoDate } from '../core/dates.js';
import { isActiveOn, type Person } from '../core/input.js';
import { firstPlaceArgs, problem, type Problem } from '../core/problems.js';
import { isUntypedLeave, untypedLeaveWord } from '../scheme/lists.js';
import type { Leave } from '../validate/attendance.js';
import { NO_PUNCHES, type PunchBook } from '../validate/punches.js';
import type { LeaveHalfDay } from './attendance.js';
import { leaveSegments } from './day.js';

/** A half of a working day a request covers. */
interface CoveredHalf {
  date: IsoDate;
  half: Half;
}

/**
 * The halves of the person's working days in post that a request covers within `days` (its
 * period's calendar years: periodYears), by the schedule (and, for a length placed by its punches,
 * the day's punches). Throws YearNotCovered for a day the calendar lacks: readLeaves stops such
 * a row (calendar_year_unknown) before any is counted.
 */
export function halvesOf(leave: Leave, person: Person | undefined, schedule: Schedule, punches: PunchBook | null, days: DateRange): CoveredHalf[] {
  const halves: CoveredHalf[] = [];
  const last = leave.last < days.last ? leave.last : days.last;
  for (let date = leave.first > days.first ? leave.first : days.first; date <= last; date = addDays(date, 1)) {
    if (person && !isActiveOn(person, date)) continue;
    const shift = schedule.on(leave.personId, date);
    if (shift.kind === 'rest') continue;
    const segments = segmentsOf(shift);
    const covered = new Set(leaveSegments(leave, date, shift, segments, punches?.day(leave.personId, date) ?? NO_PUNCHES).map((n) => segments[n]!.half));
    for (const half of [...covered].sort()) halves.push({ date, half });
  }
  return halves;
}

/**
 * A request with times and a length in days that disagree (时间（天）0.5 over 11-04 08:00 → 11-05
 * 17:30, two working days): the span is what counts, as before, and the row says both. Lengths
 * in hours are left alone: platforms count them by their own hours.
 */
export function leaveLengthsDiffering(leaves: readonly Leave[], roster: readonly Person[], schedule: Schedule): Problem[] {
  const people = new Map(roster.map((p) => [p.id, p]));
  return leaves.flatMap((leave) => {
    if (leave.length?.unit !== 'days' || leave.class === 'correction' || (leave.startTime === null && leave.endTime === null)) return [];
    // A row reaching into a year the calendar lacks (December's into January): its working days cannot be counted to compare.
    if (firstUncoveredDay(schedule.calendar, leave.first, leave.last) !== null) return [];
    const halves = halvesOf(leave, people.get(leave.personId), schedule, null, leave).length;
    if (halves === leave.length.value * 2) return [];
    const time = (at: number | null, fallback: string) => (at === null ? fallback : clock(at));
    const args = { length: leave.length.value, days: halves / 2, first: leave.first, start: time(leave.startTime, '上班'), last: leave.last, end: time(leave.endTime, '下班') };
    return [problem('leave_length_differs', leave.at, args, 'warning')];
  });
}

/**
 * Two requests of one person on the same half day (schemes deduct 事假 and 病假 differently, so
 * which one counts must not depend on row order): two types are an error at the later row's
 * 类型 naming the earlier row; the same type twice counts once, said; a 补签 beside leave
 * excuses nothing there (the half is on leave: 请假制度 counts leave by the half day), said.
 * Two 补签 for one half (a forgotten clock-in and clock-out) are fine, as are words the scheme
 * does not excuse. One problem a pair of rows, at the later row, on the first half they share.
 */
export function leaveClashes(leaves: readonly Leave[], roster: readonly Person[], schedule: Schedule, punches: PunchBook | null, days: DateRange): Problem[] {
  const people = new Map(roster.map((p) => [p.id, p]));
  const claimed = new Map<string, { leave: Leave; index: number }[]>();
  const said = new Set<string>();
  const problems: Problem[] = [];
  leaves.forEach((leave, index) => {
    if (leave.class === 'not_excused') return;
    for (const { date, half } of halvesOf(leave, people.get(leave.personId), schedule, punches, days)) {
      const key = halfKey(leave.personId, date, half);
      const earlier = claimed.get(key) ?? [];
      for (const other of earlier) {
        const pair = `${other.index}\u0000${index}`;
        const found = said.has(pair) ? null : clash(other.leave, leave, date, half);
        if (found) {
          said.add(pair);
          problems.push(found);
        }
      }
      claimed.set(key, [...earlier, { leave, index }]);
    }
  });
  return problems;
}

/** What two requests on one half day are, said at `later` (after `earlier` in the sheet); null when nothing to say. */
function clash(earlier: Leave, later: Leave, date: IsoDate, half: Half): Problem | null {
  const corrections = [earlier, later].filter((l) => l.class === 'correction').length;
  if (corrections === 2) return null;
  // 请假 alone beside a typed request (the 请假 sheet giving the type the export left out): the typed one counts.
  if (isUntypedLeave(earlier) !== isUntypedLeave(later) && corrections === 0) return null;
  const first = firstPlaceArgs(earlier.at);
  if (corrections === 1) {
    const leave = earlier.class === 'correction' ? later : earlier;
    return problem('leave_correction_overlap', later.typeAt, { date, half, type: leave.type, earlier: earlier.class === 'correction' ? 'correction' : 'leave', ...first }, 'warning');
  }
  if (earlier.type === later.type) return problem('leave_repeated', later.typeAt, { date, half, type: later.type, ...first }, 'warning');
  return problem('leave_overlap', later.typeAt, { date, half, type: later.type, firstType: earlier.type, ...first });
}

/** Person, day and half each typed request (leave or a trip) covers: where 请假 alone takes its type from. */
export function typedHalves(leaves: readonly Leave[], people: ReadonlyMap<string, Person>, schedule: Schedule, days: DateRange): Set<string> {
  const typed = new Set<string>();
  for (const leave of leaves) {
    if (leave.class !== 'leave' && leave.class !== 'present') continue;
    if (isUntypedLeave(leave)) continue;
    for (const { date, half } of halvesOf(leave, people.get(leave.personId), schedule, null, days)) typed.add(halfKey(leave.personId, date, half));
  }
  return typed;
}

export function halfKey(personId: string, date: IsoDate, half: Half): string {
  return `${personId}\u0000${date}\u0000${half}`;
}

/**
 * Leave whose type nobody gave (an export's 请假 alone, with no 请假 sheet row typing that half):
 * one warning naming each person and their days, at the first such row's 类型. It excuses the
 * absence, but the scheme's leave rules (病事假累计, 事假超过30天) count only typed leave. Found
 * among the half days of leave (leaveHalfDays), where a half a typed request covers is already
 * that request's.
 */
export function untypedLeaveDays(halves: readonly LeaveHalfDay[], roster: readonly Person[]): Problem[] {
  const untyped = halves.filter((h) => h.type === untypedLeaveWord);
  if (untyped.length === 0) return [];
  const days = new Map<string, Set<IsoDate>>();
  for (const { personId, date } of untyped) days.set(personId, (days.get(personId) ?? new Set()).add(date));
  const named = roster.filter((p) => days.has(p.id)).map((p) => `${p.name}（${[...days.get(p.id)!].sort().join('、')}）`);
  return [problem('leave_type_not_given', untyped[0]!.typeAt, { people: named.join('；') }, 'warning')];
}
