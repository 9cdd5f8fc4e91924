import { addDays, coveredSpan } from '../calendar/calendar.js';
import type { Half } from '../calendar/hours.js';
import type { DateRange, IsoDate } from '../core/dates.js';
import type { Period } from '../core/period.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { isActiveOn, type Person } from '../core/input.js';
import { clockingOf, judgeDay, punchedOnTime } from './day.js';
import { halfKey, halvesOf, typedHalves } from './leaves.js';
import { isUntypedLeave } from '../scheme/lists.js';
import type { Punch, PunchBook } from '../validate/punches.js';
import type { Schedule } from '../calendar/schedule.js';
import type { Leave } from '../validate/attendance.js';
import type { Evidence, FullAttendanceBreak } from '../core/evidence.js';

/** Half a day of leave of one type, as the year-end consequences count it. */
export interface LeaveHalfDay {
  personId: string;
  date: IsoDate;
  half: Half;
  type: string;
  at: SourceLocation;
  /** The row's 类型 cell, where a clash with another month's row is said. */
  typeAt: SourceLocation;
}

export type AttendanceEventKind = 'late' | 'early' | 'absent_half_day' | 'absent_day' | 'missing_punch' | 'no_data';

/** One derived fact with the punches and rule that produced it (worded by src/messages/attendance.ts). */
export interface AttendanceEvent {
  personId: string;
  date: IsoDate;
  kind: AttendanceEventKind;
  evidence: Evidence;
  at: SourceLocation;
  /** Minutes late or early (a started minute counts). */
  minutes?: number;
}

export interface PersonAttendance {
  personId: string;
  name: string;
  unit: string;
  /** Working days with data (the export's covered range), while in post. */
  workingDays: number;
  /** Working days in post outside the covered range: neither present nor absent. */
  noDataDays: number;
  /** In days: each present half counts half (补签 and trips included). */
  presentDays: number;
  late: number;
  lateMinutes: number;
  early: number;
  earlyMinutes: number;
  absentHalfDays: number;
  /** Days with any absence (one or both halves): the occurrences a per-day rule counts. */
  absentDays: number;
  missingPunches: number;
  /** In days, by type (事假, 年休假, 公差…); 补签 is counted in sessions under its own name. */
  leaveDays: Record<string, number>;
  events: AttendanceEvent[];
  /**
   * Null for full attendance: every half present, none late, early, absent or missing, no leave
   * but trips and 补签, no day without data. Else the first of those that broke it.
   */
  fullAttendanceBroken: FullAttendanceBreak | null;
}

interface AttendanceInput {
  period: Period;
  roster: readonly Person[];
  schedule: Schedule;
  punches: PunchBook;
  leaves: readonly Leave[];
  /** The days the punches speak for (an export's 统计日期); outside, days have no data. Null: the whole period. */
  covered?: DateRange | null;
  /** Where the punches came from, for events without a punch (absences). */
  punchSheet: SourceLocation;
  /** The place of a punch (file › sheet › row › column), made only for punches an event names. */
  locate: (punch: Punch) => SourceLocation;
}

interface AttendanceResult {
  people: PersonAttendance[];
  /** Working days of the period without data, for anyone (sorted). */
  noData: IsoDate[];
  problems: Problem[];
}

/**
 * Turns punches, leave, the schedule and the covered range into attendance facts per person
 * (schemes.md "From punches to records"). Pure: everything it needs comes in.
 */
export function deriveAttendance(input: AttendanceInput): AttendanceResult {
  const problems: Problem[] = [];
  const days = periodDays(input, problems);
  const noData = new Set<IsoDate>();
  let unusedPunches = 0;
  // Each person's requests found once, not by a pass over every request per person.
  const leavesOf = new Map<string, Leave[]>();
  for (const leave of input.leaves) leavesOf.set(leave.personId, [...(leavesOf.get(leave.personId) ?? []), placedCorrection(leave, input.schedule)]);
  const unpunched: string[] = [];
  const people = input.roster.map((person) => {
    const personal = derivePerson(input, person, days, leavesOf.get(person.id) ?? []);
    if (!personal.punched && personal.attendance.absentHalfDays > 0) unpunched.push(person.name);
    for (const d of personal.noData) {
      noData.add(d);
      unusedPunches += input.punches.day(person.id, d).total();
    }
    return personal.attendance;
  });
  const sorted = [...noData].sort();
  if (sorted.length > 0 && input.covered) {
    problems.push(
      problem('attendance_no_data', input.punchSheet, { first: input.covered.first, last: input.covered.last, count: sorted.length, days: sorted.join(','), punches: unusedPunches }, 'warning'),
    );
  }
  if (unpunched.length > 0) problems.push(neverPunched(unpunched, input.punchSheet));
  return { people, noData: sorted, problems };
}

/**
 * A 补签 at one time on the day a punch at that time is placed on (Schedule.place): 05:59 on a
 * Tuesday ends Monday's 22:00–次日06:00 night, so its 补签 is that night's clock-out, not a word on
 * Tuesday's night. Any other request stays as written.
 */
function placedCorrection(leave: Leave, schedule: Schedule): Leave {
  const at = clockingOf(leave);
  if (at === null || !schedule.calendar.covers(leave.first)) return leave;
  const placed = schedule.place(leave.personId, leave.first, at);
  return placed === null || placed.date === leave.first ? leave : { ...leave, first: placed.date, last: placed.date, startTime: placed.at, endTime: null };
}

/** Names a warning lists before it says how many there are in all. */
const NAMES_SHOWN = 10;

/**
 * People absent on some working day without a single punch on any: most often left out of the
 * export (not in the 考勤组, a wrong 考勤号码) rather than absent all period. Scored as absent, and said.
 */
function neverPunched(names: readonly string[], where: SourceLocation): Problem {
  const shown = names.slice(0, NAMES_SHOWN);
  return problem('attendance_never_punched', where, { names: shown.join('、'), shown: shown.length, count: names.length }, 'warning');
}

/** A person's attendance; the working days outside the covered range; whether any judged working day has a punch. */
function derivePerson(input: AttendanceInput, person: Person, days: readonly IsoDate[], leaves: readonly Leave[]): { attendance: PersonAttendance; noData: IsoDate[]; punched: boolean } {
  const result: PersonAttendance = {
    personId: person.id,
    name: person.name,
    unit: person.unit,
    workingDays: 0,
    noDataDays: 0,
    presentDays: 0,
    late: 0,
    lateMinutes: 0,
    early: 0,
    earlyMinutes: 0,
    absentHalfDays: 0,
    absentDays: 0,
    missingPunches: 0,
    leaveDays: {},
    events: [],
    fullAttendanceBroken: null,
  };
  const noData: IsoDate[] = [];
  let punched = false;
  // What first broke full attendance, and on which day (days come in order).
  let broken: { on: IsoDate; because: FullAttendanceBreak } | null = null;
  for (const date of days) {
    if (!isActiveOn(person, date)) continue;
    const shift = input.schedule.on(person.id, date);
    if (shift.kind === 'rest') continue;
    if (input.covered && (date < input.covered.first || date > input.covered.last)) {
      noData.push(date);
      continue;
    }
    result.workingDays += 1;
    const punches = input.punches.day(person.id, date);
    punched ||= punches.total() > 0;
    const requests = leaves.length === 0 ? leaves : leaves.filter((l) => l.first <= date && l.last >= date);
    // Both halves present and nothing to say, as judgeDay would find: the common day, told cheaply.
    if (requests.length === 0 && punchedOnTime(shift, punches)) {
      result.presentDays += 1;
      continue;
    }
    const verdict = judgeDay({
      personId: person.id,
      date,
      shift,
      punches,
      leaves: requests,
      absentFromMinutes: input.schedule.hours.absentFromMinutes,
      punchSheet: input.punchSheet,
      locate: input.locate,
    });
    for (const half of verdict.halves) {
      if (half.status === 'present') result.presentDays += 0.5;
      if (half.status === 'absent') result.absentHalfDays += 1;
      if (half.type !== null) result.leaveDays[half.type] = (result.leaveDays[half.type] ?? 0) + 0.5;
    }
    broken ??= dayBreak(date, verdict.events, verdict.halves);
    if (verdict.corrections > 0) result.leaveDays['补签'] = (result.leaveDays['补签'] ?? 0) + verdict.corrections;
    if (verdict.halves.some((h) => h.status === 'absent')) result.absentDays += 1;
    for (const event of verdict.events) {
      result.events.push(event);
      if (event.kind === 'late') [result.late, result.lateMinutes] = [result.late + 1, result.lateMinutes + (event.minutes ?? 0)];
      if (event.kind === 'early') [result.early, result.earlyMinutes] = [result.early + 1, result.earlyMinutes + (event.minutes ?? 0)];
      if (event.kind === 'missing_punch') result.missingPunches += 1;
    }
  }
  result.noDataDays = noData.length;
  if (noData.length > 0 && input.covered) {
    const event: AttendanceEvent = { personId: person.id, date: noData[0]!, kind: 'no_data', evidence: { code: 'no_data', days: noData, covered: input.covered }, at: input.punchSheet };
    result.events = [...result.events, event].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    if (broken === null || event.date < broken.on) broken = { on: event.date, because: { code: 'attendance', evidence: event.evidence } };
  }
  result.fullAttendanceBroken = broken?.because ?? (result.workingDays === 0 ? { code: 'no_working_days' } : null);
  return { attendance: result, noData, punched };
}

/**
 * What breaks full attendance on a judged day, if anything: its first late, early, 缺卡 or absent
 * half (in session order; the absent day only sums its halves), else its first half on leave.
 */
function dayBreak(date: IsoDate, events: readonly AttendanceEvent[], halves: readonly { status: string; type: string | null }[]): { on: IsoDate; because: FullAttendanceBreak } | null {
  const event = events.find((e) => e.kind !== 'absent_day');
  if (event) return { on: date, because: { code: 'attendance', evidence: event.evidence } };
  const half = halves.findIndex((h) => h.status === 'leave');
  return half === 0 || half === 1 ? { on: date, because: { code: 'leave', date, half, type: halves[half]!.type ?? '' } } : null;
}

/** The period's days; a year without calendar data is an error naming the date, and no day is judged. */
function periodDays(input: AttendanceInput, problems: Problem[]): IsoDate[] {
  const days: IsoDate[] = [];
  for (let d = input.period.first; d <= input.period.last; d = addDays(d, 1)) {
    if (!input.schedule.calendar.covers(d)) {
      problems.push(problem('calendar_year_unknown', input.punchSheet, { value: d, covered: coveredSpan(input.schedule.calendar.coveredYears) }));
      return [];
    }
    days.push(d);
  }
  return days;
}

/**
 * The half days of leave (class leave) each request covers on the person's working days in post
 * within `days` (the period's calendar years: periodYears), by the schedule, for the year-end
 * consequences and the year's checks of rows running past their period.
 */
export function leaveHalfDays(leaves: readonly Leave[], roster: readonly Person[], schedule: Schedule, days: DateRange): LeaveHalfDay[] {
  const people = new Map(roster.map((p) => [p.id, p]));
  // 请假 alone on a half a typed request covers is that request's (leaveClashes lets them share it).
  const typed = leaves.some(isUntypedLeave) ? typedHalves(leaves, people, schedule, days) : new Set<string>();
  return leaves.flatMap((leave) =>
    leave.class === 'leave'
      ? halvesOf(leave, people.get(leave.personId), schedule, null, days)
          .filter(({ date, half }) => !(isUntypedLeave(leave) && typed.has(halfKey(leave.personId, date, half))))
          .map(({ date, half }) => ({ personId: leave.personId, date, half, type: leave.type, at: leave.at, typeAt: leave.typeAt }))
      : [],
  );
}
