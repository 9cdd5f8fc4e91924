import { distanceTo, sameClocking, segmentsOf, sessionOf, type Half, type Seconds, type Segment, type WorkShift } from '../calendar/hours.js';
import type { IsoDate } from '../core/dates.js';
import type { SourceLocation } from '../core/problems.js';
import { isUntypedLeave } from '../scheme/lists.js';
import type { Leave } from '../validate/attendance.js';
import type { AttendanceEvent } from './attendance.js';
import type { AbsenceReason, HalfName } from '../core/evidence.js';
import { WHOLE_DAY, type DayPunches, type Punch, type PunchRef } from '../validate/punches.js';

/** One working day of one person, with everything needed to judge it. */
interface DayInput {
  personId: string;
  date: IsoDate;
  shift: WorkShift;
  punches: DayPunches;
  /** The person's requests touching the day, in sheet order. */
  leaves: readonly Leave[];
  absentFromMinutes: number | null;
  punchSheet: SourceLocation;
  locate: (punch: Punch) => SourceLocation;
}

interface HalfVerdict {
  status: 'present' | 'absent' | 'leave';
  /** The leave type of a half on leave, or the type of a present-class request (公差) on a present half. */
  type: string | null;
}

interface DayVerdict {
  /** Late, early, 缺卡 in session order, then one absent_half_day per absent half and absent_day. */
  events: AttendanceEvent[];
  halves: [HalfVerdict, HalfVerdict];
  /** Sessions excused by a 补签. */
  corrections: number;
}

/** Why a segment counts as absent, and the punch that shows it (none when there was no punch). */
interface Absence {
  reason: AbsenceReason;
  punch: Punch | null;
}

/**
 * Judges one working day (schemes.md "From punches to records", generalised to any shift):
 * requests cover the segments they overlap; each uncovered session (or, on a two-punch or
 * flexible day, the whole day) is judged by its first punch as the arrival and its last as the
 * departure (sidesOf; a lone punch by the nearer boundary); a session with no punch is absent;
 * an arrival after the start (plus grace) is 迟到 with its minutes, and from the scheme's
 * threshold on the half day is absent instead — likewise an early departure; one side missing
 * is 缺卡.
 */
export function judgeDay(input: DayInput): DayVerdict {
  const { shift } = input;
  const segments = segmentsOf(shift);
  const cover = coverage(input, segments);
  const corrected = new Set(segments.filter((_, n) => cover?.[n]?.class === 'correction').map((s) => s.session));
  const supplied = cover === null ? null : suppliedSessions(input, segments, cover, corrected);
  const absences = new Map<number, Absence>();
  const events: AttendanceEvent[] = [];
  for (const window of windowsOf(shift, segments, cover)) {
    if (window.length === 0) continue;
    judgeWindow(input, segments, window, window.length === segments.length, absences, events, supplied?.get(windowSession(shift, segments, window)) ?? null);
  }
  // Most days: no request, no absence.
  if (cover === null && absences.size === 0) return { events, halves: BOTH_PRESENT, corrections: 0 };
  const halves = ([0, 1] as const).map((h) => halfVerdict(segments, cover ?? [], absences, h)) as [HalfVerdict, HalfVerdict];
  events.push(...absenceEvents(input, segments, absences));
  return { events, halves, corrections: corrected.size };
}

/** The sides of a session a 补签 vouches for: judged as on time, whatever was punched. */
interface Vouched {
  arrival: boolean;
  departure: boolean;
}

/**
 * The sessions whose 补签 supplies only the clocking they miss (schemes.md: 补签 excuses a
 * missed clocking): those uncovered here (`cover` is changed) are judged by the punches they
 * have, but for the sides a 补签 vouches for (vouchedSides), and give no 缺卡 for the side they
 * miss; so a late arrival or early departure actually punched stays 迟到/早退 (09:10 and a 补签
 * for the forgotten clock-out is late). On a two-punch or flexible day the window is the whole
 * day, punched once in and once out (a 补签 下午 is the forgotten clock-out). Keyed by the
 * window's windowSession. A 补签 still covers what it covers when it vouches for every side
 * punched, when the window has no punch, and beside leave in the window. One over several sessions
 * (全天) that one of them misses a clocking of stands for that clocking only: a session it covers
 * punched both ways is judged as any is.
 */
function suppliedSessions(input: DayInput, segments: readonly Segment[], cover: (Leave | null)[], corrected: ReadonlySet<number>): Map<number, Vouched> | null {
  const { shift, punches: day } = input;
  if (corrected.size === 0) return null;
  const supplied = new Map<number, Vouched>();
  const windows = windowsOf(shift, segments, null)
    .filter((own) => own.length > 0 && (shift.punching !== 'each' || corrected.has(segments[own[0]!]!.session)))
    .map((own) => ({ own, sides: sidesOf(shift, segments, own, day) }));
  const corrections = input.leaves.filter((l) => l.class === 'correction').map((l) => ({ at: clockingOf(l), covers: leaveSegments(l, input.date, shift, segments, day) }));
  // A 补签 over several sessions (全天) that one of them misses a clocking of stands for that clocking, not for a late or early one elsewhere.
  const missesIn = (covers: readonly number[]) => windows.some(({ own, sides }) => own.some((n) => covers.includes(n)) && (sides === null || sides.arrival === null || sides.departure === null));
  for (const { own, sides } of windows) {
    if (sides === null || own.some((n) => cover[n] !== null && cover[n]!.class !== 'correction')) continue;
    const punchedBoth = sides.arrival !== null && sides.departure !== null;
    const times = corrections.filter((c) => c.covers.some((n) => own.includes(n)) && (c.at !== null || !punchedBoth || !missesIn(c.covers))).map((c) => c.at);
    const vouched = vouchedSides(shift, sides, day, own.length === segments.length, times);
    if ((sides.arrival === null || vouched.arrival) && (sides.departure === null || vouched.departure)) continue;
    for (const n of own) cover[n] = null;
    // Punched both ways and vouched for neither: judged as any session is (its 补签 is another session's).
    if (punchedBoth && times.length === 0) continue;
    supplied.set(sides.of, vouched);
  }
  return supplied;
}

/**
 * The punched sides of a session its 补签s vouch for. One without a time of its own (时段, or a
 * range over the session) stands for the session: with both sides punched, for the late or early
 * one (因开会无法签到); with one missing, for that one. One at a time stands for one clocking: a
 * punch's own time (a platform's 管理员改为正常, shown to the minute or the second) vouches for
 * that punch; else the side nearer the time (a tie: the side missing, else the clock-out), and
 * that side only when the time is on time for it (补签 08:00 beside a lone 09:10 vouches for the
 * arrival; 09:44 vouches for no on-time arrival, 11:30 for the clock-out only; on flexible hours
 * the clock-out is on time from arrival plus the day's length). `whole`: the window is the day.
 */
function vouchedSides(shift: WorkShift, sides: Sides, day: DayPunches, whole: boolean, times: readonly (Seconds | null)[]): Vouched {
  const { opening, closing } = sides;
  const arrivalAt = sides.arrival === null ? null : day.at(sides.arrival);
  const departureAt = sides.departure === null ? null : day.at(sides.departure);
  const { arriveBy, leaveFrom } = onTimeBounds(shift, sides, whole, arrivalAt);
  const vouched: Vouched = { arrival: false, departure: false };
  for (const at of times) {
    if (at === null) {
      const both = arrivalAt !== null && departureAt !== null;
      vouched.arrival ||= both;
      vouched.departure ||= both;
    } else if (arrivalAt !== null && sameClocking(at, arrivalAt)) vouched.arrival = true;
    else if (departureAt !== null && sameClocking(at, departureAt)) vouched.departure = true;
    else {
      const [toArrival, toDeparture] = [Math.abs(at - opening.start), Math.abs(at - closing.end)];
      if (toArrival < toDeparture || (toArrival === toDeparture && arrivalAt === null)) vouched.arrival ||= at <= arriveBy;
      else vouched.departure ||= at >= leaveFrom;
    }
  }
  return vouched;
}

/** The one clocking a 补签 stands for: its time, on a one-day row with no later end; null for 时段 or a range. */
export function clockingOf(leave: Leave): Seconds | null {
  return leave.class === 'correction' && leave.first === leave.last && leave.startTime !== null && (leave.endTime === null || leave.endTime <= leave.startTime) ? leave.startTime : null;
}

/**
 * Whether judgeDay, on a day without requests, would find both halves present and nothing to
 * say: every window (each session, or the whole day on a two-punch or flexible day) has an
 * arrival by its start plus grace and a departure from its end less grace. Most person-days of a
 * month are such (nine in ten of a city hall's); told here without building a verdict.
 */
export function punchedOnTime(shift: WorkShift, punches: DayPunches): boolean {
  const segments = segmentsOf(shift);
  for (const window of windowsOf(shift, segments, null)) {
    if (window.length > 0 && !windowOnTime(shift, segments, window, punches, window.length === segments.length)) return false;
  }
  return true;
}

/**
 * judgeWindow's tests of a window, all passed: its arrival before the first segment's end and by
 * its start plus grace (no segment absent, not late), its departure after the last segment's
 * start and from its due time less grace (not absent, not early), both there (no 缺卡).
 */
function windowOnTime(shift: WorkShift, segments: readonly Segment[], window: readonly number[], day: DayPunches, whole: boolean): boolean {
  const sides = sidesOf(shift, segments, window, day);
  if (sides === null || sides.arrival === null || sides.departure === null) return false;
  const arrivalAt = day.at(sides.arrival);
  const departureAt = day.at(sides.departure);
  const { arriveBy, leaveFrom } = onTimeBounds(shift, sides, whole, arrivalAt);
  return arrivalAt < sides.opening.end && arrivalAt <= arriveBy && departureAt > sides.closing.start && departureAt >= leaveFrom;
}

/** A window's last on-time arrival (its start plus grace) and first on-time departure (its due end, on flexible hours from arrival plus the day's length, less grace). */
function onTimeBounds(shift: WorkShift, { opening, closing }: Pick<Sides, 'opening' | 'closing'>, whole: boolean, arrivalAt: Seconds | null): { arriveBy: Seconds; leaveFrom: Seconds } {
  const due = Math.max(closing.end, flexibleEnd(shift, whole, arrivalAt));
  return { arriveBy: opening.start + shift.sessions[opening.session]!.lateGrace, leaveFrom: due - shift.sessions[closing.session]!.earlyGrace };
}

/** A window's first and last segments, the punches it is judged by (`of`, windowSession) and its arrival and departure among them (arrivalOf, departureOf). */
interface Sides {
  of: number;
  opening: Segment;
  closing: Segment;
  arrival: PunchRef | null;
  departure: PunchRef | null;
}

/** A window's sides (Sides); null when it has no punch. */
function sidesOf(shift: WorkShift, segments: readonly Segment[], window: readonly number[], day: DayPunches): Sides | null {
  const of = windowSession(shift, segments, window);
  if (day.count(of) === 0) return null;
  const opening = segments[window[0]!]!;
  const closing = segments[window[window.length - 1]!]!;
  const apart = twoApart(day, of);
  const arrival = arrivalOf(shift, opening, closing, day, of, apart);
  return { of, opening, closing, arrival, departure: departureOf(shift, opening, day, of, apart, arrival) };
}

/** The punches a window is judged by: its session's, or the WHOLE_DAY's on a two-punch or flexible day. */
function windowSession(shift: WorkShift, segments: readonly Segment[], window: readonly number[]): number {
  return shift.punching === 'each' ? segments[window[0]!]!.session : WHOLE_DAY;
}

/** Whether the window has two punches apart, its first and its last: else its one punch is either side. */
function twoApart(day: DayPunches, of: number): boolean {
  return day.count(of) > 1 && day.at(day.last(of)) > day.at(day.first(of));
}

/**
 * A window's arrival, or null when it has none. With departureOf, a window's arrival and
 * departure (schemes.md "From punches to records": the first punch against the start, the last
 * against the end), from the punches of `of` (windowSession); `apart`: twoApart of them. Of two or more
 * punches the first is the arrival and the last the departure, as DingTalk and WeCom take a punch
 * after the 上班 one as 下班: 10:00 and 11:35 are 迟到, 07:55 and 09:00 早退. A stated role
 * (上班/下班) wins. A later punch still on time to arrive (by the start plus grace) is a second tap
 * at arrival, not a departure at 07:59, and an earlier one already on time to leave (from the end
 * less grace) a second tap at leaving, not an arrival at 11:35. A lone punch, or one moment written
 * twice, is the arrival or the departure by its role or, without one, by the nearer of the
 * window's start and end; the other side is missing.
 */
function arrivalOf(shift: WorkShift, opening: Segment, closing: Segment, day: DayPunches, of: number, apart: boolean): PunchRef | null {
  const first = day.first(of);
  const at = day.at(first);
  const role = day.role(first);
  const arrives = apart
    ? role === 'in' || (role === null && at < closing.end - shift.sessions[closing.session]!.earlyGrace)
    : role === 'in' || (role === null && Math.abs(at - opening.start) <= Math.abs(at - closing.end));
  return arrives ? first : null;
}

/** A window's departure, or null when it has none (see arrivalOf, whose answer `arrival` is: a lone punch is one or the other). */
function departureOf(shift: WorkShift, opening: Segment, day: DayPunches, of: number, apart: boolean, arrival: PunchRef | null): PunchRef | null {
  if (!apart) return arrival === null ? day.first(of) : null;
  const last = day.last(of);
  const at = day.at(last);
  const role = day.role(last);
  return role === 'out' || (role === null && at > opening.start + shift.sessions[opening.session]!.lateGrace) ? last : null;
}

/** A flexible day's end, its arrival plus the day's length, when the window is the whole day; else none. */
function flexibleEnd(shift: WorkShift, whole: boolean, arrivalAt: Seconds | null): Seconds {
  return whole && shift.length !== null && arrivalAt !== null ? arrivalAt + shift.length : -Infinity;
}

const BOTH_PRESENT: [HalfVerdict, HalfVerdict] = [
  { status: 'present', type: null },
  { status: 'present', type: null },
];

const uncoveredWindows = new WeakMap<readonly Segment[], number[][]>();

/** The uncovered segments judged together: per session, or the whole day on a two-punch or flexible day. */
function windowsOf(shift: WorkShift, segments: readonly Segment[], cover: readonly (Leave | null)[] | null): readonly number[][] {
  const build = () =>
    shift.punching === 'each'
      ? shift.sessions.map((_, i) => segments.flatMap((s, n) => (s.session === i && !cover?.[n] ? [n] : [])))
      : [segments.flatMap((_, n) => (cover?.[n] ? [] : [n]))];
  if (cover !== null) return build();
  let windows = uncoveredWindows.get(segments);
  if (!windows) uncoveredWindows.set(segments, (windows = build()));
  return windows;
}

/**
 * The request that excuses each segment; null when the day has none. Leave or a trip before a
 * 补签, whatever the row order (a half on leave is leave: leaveClashes says so), and a typed
 * request before 请假 alone (the 请假 sheet giving the type an export left out); otherwise the
 * first in sheet order (two types on one half stop the run there). Not-excused words excuse nothing.
 */
function coverage(input: DayInput, segments: readonly Segment[]): (Leave | null)[] | null {
  if (input.leaves.length === 0) return null;
  const cover: (Leave | null)[] = segments.map(() => null);
  for (const leave of input.leaves) {
    if (leave.class === 'not_excused') continue;
    for (const n of leaveSegments(leave, input.date, input.shift, segments, input.punches)) {
      if (cover[n] === null || yields(cover[n]!, leave)) cover[n] = leave;
    }
  }
  return cover;
}

/** Whether a request covering a segment gives way to another: a 补签 to leave or a trip, 请假 alone to a typed request. */
function yields(current: Leave, other: Leave): boolean {
  if (current.class === 'correction') return other.class !== 'correction';
  return isUntypedLeave(current) && other.class !== 'correction' && !isUntypedLeave(other);
}

/**
 * The segments a request covers on a day. Times cover every segment they overlap, however little:
 * 请假制度 grants leave by the half day at the least (请假半天由综合科负责人批准), so part of a
 * session counts as the whole of it. A 补签 at one time covers the session that time belongs to
 * (of its 时段's half when it has one);
 * one over a range also the sessions its ends touch.
 * 时段 上午/下午 covers that half. A length without times (事假3小时 on one day) covers as many
 * halves as it needs, rounded up, unpunched halves first (heldByOneHalf: by the halves' own
 * lengths); a row of several days covers them all.
 */
export function leaveSegments(leave: Leave, date: IsoDate, shift: WorkShift, segments: readonly Segment[], punches: DayPunches): number[] {
  const all = segments.map((_, n) => n);
  const oneDay = leave.first === leave.last;
  const half = leave.part === '全天' ? null : leave.part === '上午' ? 0 : 1;
  const at = clockingOf(leave);
  if (at !== null) {
    // With a 时段 (an export's 下班1 补卡 at 12:50) the time is of that half, as a stated role places a punch.
    const session = half === null ? sessionOf(shift, at) : null;
    const own = all.filter((n) => (half === null ? segments[n]!.session === session : segments[n]!.half === half));
    return [own.reduce((best, n) => (distanceTo(segments[n]!, at) <= distanceTo(segments[best]!, at) ? n : best))];
  }
  if (leave.startTime !== null || leave.endTime !== null) {
    const from = date === leave.first && leave.startTime !== null ? leave.startTime : -Infinity;
    const to = date === leave.last && leave.endTime !== null ? leave.endTime : Infinity;
    // A 补签's ends are clockings: it covers a session it touches (11:30–14:00 is the lunch's clock-out and clock-in).
    if (leave.class === 'correction') return all.filter((n) => segments[n]!.start <= to && segments[n]!.end >= from);
    return all.filter((n) => segments[n]!.start < to && segments[n]!.end > from);
  }
  if (half !== null) return all.filter((n) => segments[n]!.half === half);
  if (leave.length && oneDay) {
    const punched = (h: Half) => segments.some((s) => s.half === h && punchedIn(s, shift, punches));
    const first: Half = punched(0) && !punched(1) ? 1 : 0;
    if (!heldByOneHalf(leave.length, segments, first)) return all;
    return all.filter((n) => segments[n]!.half === first);
  }
  return all;
}

/**
 * Whether a length without times stays in the half it goes to first. Days count in halves
 * (0.5天 is one). Hours are held by a half as long as they are (convention 10: half days add
 * up): 3.5小时 on a summer day (08:00–11:30, 15:00–18:00) is exactly the 3.5-hour morning, not
 * more than an average half of 6.5 / 2 = 3.25 hours; hours longer than the half take the other
 * too (请假半天起批: part of a half counts as the whole). Hours strictly between the two halves'
 * lengths (3 to 3.5 in summer) fit one half and not the other: they keep the rule of an average
 * half, one half up to it (3.2小时), the day past it (3.4小时).
 */
function heldByOneHalf(length: NonNullable<Leave['length']>, segments: readonly Segment[], first: Half): boolean {
  if (length.unit === 'days') return length.value * 2 <= 1 + 1e-9;
  const seconds = length.value * 3600;
  const [own, other] = [first, first === 0 ? 1 : 0].map((h) => segments.reduce((sum, s) => (s.half === h ? sum + s.end - s.start : sum), 0)) as [Seconds, Seconds];
  const between = seconds > Math.min(own, other) + 1e-6 && seconds < Math.max(own, other) - 1e-6;
  return seconds <= (between ? (own + other) / 2 : own) + 1e-6;
}

function punchedIn(segment: Segment, shift: WorkShift, punches: DayPunches): boolean {
  const session = segment.session;
  if (punches.count(session) === 0) return false;
  return shift.sessions.length > 1 || (punches.at(punches.first(session)) < segment.end && punches.at(punches.last(session)) >= segment.start);
}

/**
 * Judges the uncovered segments `window` (in order) by their punches: a session, or the whole
 * day on a two-punch or flexible day. Arrival after a segment's end leaves that segment absent
 * (so does departure before its start); lateness counts from the first segment still ahead.
 * `vouched`: a 补签 supplies the side the window misses (no 缺卡) and vouches for these sides
 * (not judged; suppliedSessions); null: no 补签.
 */
function judgeWindow(input: DayInput, segments: readonly Segment[], window: readonly number[], whole: boolean, absences: Map<number, Absence>, events: AttendanceEvent[], vouched: Vouched | null): void {
  const { shift, absentFromMinutes } = input;
  const absent = (n: number, reason: AbsenceReason, punch: Punch | null) => {
    if (!absences.has(n)) absences.set(n, { reason, punch });
  };
  const day = input.punches;
  const sides = sidesOf(shift, segments, window, day);
  if (sides === null) {
    for (const n of window) absent(n, { code: 'no_punch', notExcused: notExcused(input) }, null);
    return;
  }
  // The punches an event may name, made as such (with their row and column) for the day judged.
  const arrival = sides.arrival === null ? null : day.punch(sides.arrival);
  const departure = sides.departure === null ? null : day.punch(sides.departure);
  const sessionName = (n: number) => shift.sessions[segments[n]!.session]!.name;
  const supplied = vouched ? { corrected: true as const } : {};

  if (arrival && !vouched?.arrival) {
    for (const n of window) if (segments[n]!.end <= arrival.at) absent(n, { code: 'arrived_after_end', punch: arrival.at, end: segments[n]!.end }, arrival);
    const ahead = window.find((n) => segments[n]!.end > arrival.at);
    const session = ahead === undefined ? null : shift.sessions[segments[ahead]!.session]!;
    const due = ahead === undefined ? Infinity : segments[ahead]!.start;
    if (ahead !== undefined && session && arrival.at > due + session.lateGrace) {
      const minutes = Math.ceil((arrival.at - due) / 60);
      const late = { punch: arrival.at, due, grace: session.lateGrace, minutes, ...supplied };
      // 30分钟以上 is 30 minutes or more of lateness, not 30 started minutes (29:30 is 迟到, counted as 30 minutes).
      if (absentFromMinutes !== null && arrival.at - due >= absentFromMinutes * 60) absent(ahead, { code: 'late_over', ...late, threshold: absentFromMinutes }, arrival);
      else events.push({ personId: input.personId, date: input.date, kind: 'late', evidence: { code: 'late', date: input.date, session: sessionName(ahead), ...late }, at: input.locate(arrival), minutes });
    }
  }
  if (departure && !vouched?.departure) {
    for (const n of window) if (segments[n]!.start >= departure.at) absent(n, { code: 'left_before_start', punch: departure.at, start: segments[n]!.start }, departure);
    const reached = window.findLast((n) => segments[n]!.start < departure.at);
    const session = reached === undefined ? null : shift.sessions[segments[reached]!.session]!;
    const flexible = flexibleEnd(shift, whole, arrival?.at ?? null);
    const due = reached === undefined ? -Infinity : Math.max(segments[reached]!.end, flexible);
    if (reached !== undefined && session && departure.at < due - session.earlyGrace && !absences.has(reached)) {
      const minutes = Math.ceil((due - departure.at) / 60);
      const early = { punch: departure.at, due, grace: session.earlyGrace, minutes, ...supplied, flexible: due === flexible && shift.length !== null ? { arrival: arrival!.at, length: shift.length } : null };
      if (absentFromMinutes !== null && due - departure.at >= absentFromMinutes * 60) absent(reached, { code: 'early_over', ...early, threshold: absentFromMinutes }, departure);
      else events.push({ personId: input.personId, date: input.date, kind: 'early', evidence: { code: 'early', date: input.date, session: sessionName(reached), ...early }, at: input.locate(departure), minutes });
    }
  }
  if (!vouched && (!arrival || !departure) && window.some((n) => !absences.has(n))) {
    const present = arrival ?? departure ?? day.punch(day.first(sides.of));
    const side = arrival ? 'in_only' : departure ? 'out_only' : 'unclear';
    const session = shift.punching === 'each' ? shift.sessions[segments[window[0]!]!.session]!.name : null;
    events.push({ personId: input.personId, date: input.date, kind: 'missing_punch', evidence: { code: 'missing_punch', date: input.date, session, side, punch: present.at }, at: input.locate(present) });
  }
}

/** The day's requests the scheme does not take as leave (外出 not excused), said beside "no punch, no leave". */
function notExcused(input: DayInput): string[] {
  return [...new Set(input.leaves.filter((l) => l.class === 'not_excused').map((l) => l.word))];
}

/** A half absent when any of its segments is; else on leave by its first segment on leave; else present, with its first trip's type. */
function halfVerdict(segments: readonly Segment[], cover: readonly (Leave | null)[], absences: ReadonlyMap<number, Absence>, half: Half): HalfVerdict {
  let leave: Leave | null = null;
  let away: Leave | null = null;
  for (let n = 0; n < segments.length; n++) {
    if (segments[n]!.half !== half) continue;
    if (absences.has(n)) return { status: 'absent', type: null };
    const covering = cover[n];
    if (covering?.class === 'leave') leave ??= covering;
    else if (covering?.class === 'present') away ??= covering;
  }
  return leave ? { status: 'leave', type: leave.type } : { status: 'present', type: away?.type ?? null };
}

/** One absent_half_day per absent half, with its reasons, then absent_day when any. */
function absenceEvents(input: DayInput, segments: readonly Segment[], absences: ReadonlyMap<number, Absence>): AttendanceEvent[] {
  const events: AttendanceEvent[] = [];
  if (absences.size === 0) return events;
  const names: HalfName[] = [];
  const shown: AbsenceReason[] = [];
  for (const half of HALVES) {
    const absent: number[] = [];
    for (let n = 0; n < segments.length; n++) if (segments[n]!.half === half && absences.has(n)) absent.push(n);
    if (absent.length === 0) continue;
    const name = halfName(input.shift, segments, half, absent);
    const found = absent.map((n) => absences.get(n)!);
    // The same reason for two segments of a half is said once (a half of one segment has one).
    const reasons = found.length === 1 ? [found[0]!.reason] : [...new Map(found.map((a) => [JSON.stringify(a.reason), a.reason])).values()];
    const punch = found.find((a) => a.punch)?.punch;
    events.push({ personId: input.personId, date: input.date, kind: 'absent_half_day', evidence: { code: 'absent_half_day', date: input.date, half: name, reasons }, at: punch ? input.locate(punch) : input.punchSheet });
    names.push(name);
    shown.push(...reasons.filter((r) => r.code !== 'no_punch'));
  }
  // A scheme that scores the day (bianmin-10pt 2.1) shows this one: it says why a punched half was absent.
  const evidence = { code: 'absent_day' as const, date: input.date, halves: names, ...(shown.length > 0 ? { reasons: shown } : {}) };
  if (names.length > 0) events.push({ personId: input.personId, date: input.date, kind: 'absent_day', evidence, at: events[events.length - 1]!.at });
  return events;
}

const HALVES = [0, 1] as const;

/**
 * An absent half by its absent sessions (上午; 第1段 of a half of 第1段 and 第2段, when 第2段 was
 * punched: naming both said 第2段 had no punch beside its own 缺卡); none on a one-session day,
 * whose halves are 上半天 / 下半天.
 */
function halfName(shift: WorkShift, segments: readonly Segment[], half: Half, absent: readonly number[]): HalfName {
  if (shift.sessions.length === 1) return { half, sessions: [] };
  return { half, sessions: absent.map((n) => shift.sessions[segments[n]!.session]!.name) };
}
