import { clock, distanceTo, segmentsOf, sessionOf, type Half, type Seconds, type Segment, type WorkShift } from '../calendar/hours.js';
import { shortChineseDate, type IsoDate } from '../core/dates.js';
import type { SourceLocation } from '../core/problems.js';
import type { Leave } from '../validate/attendance.js';
import type { AttendanceEvent } from './attendance.js';
import type { DayPunches, Punch, SessionPunches } from '../validate/punches.js';

/** One working day of one person, with everything needed to judge it. */
export interface DayInput {
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

export interface HalfVerdict {
  status: 'present' | 'absent' | 'leave';
  /** The leave type of a half on leave, or the type of a present-class request (公差) on a present half. */
  type: string | null;
}

export interface DayVerdict {
  /** Late, early, 缺卡 in session order, then one absent_half_day per absent half and absent_day. */
  events: AttendanceEvent[];
  halves: [HalfVerdict, HalfVerdict];
  /** Sessions excused by a 补签. */
  corrections: number;
}

/** Why a segment counts as absent, and the punch that shows it (none when there was no punch). */
interface Absence {
  reason: string;
  punch: Punch | null;
}

/**
 * Judges one working day (schemes.md "From punches to records", generalised to any shift):
 * requests cover the segments they overlap; each uncovered session (or, on a two-punch or
 * flexible day, the whole day) is judged by its first and last punch, each taken as arrival or
 * departure by the nearer boundary; a session with no punch is absent; an arrival after the start
 * (plus grace) is 迟到 with its minutes, and from the scheme's threshold on the half day is
 * absent instead — likewise an early departure; one side missing is 缺卡.
 */
export function judgeDay(input: DayInput): DayVerdict {
  const { shift } = input;
  const segments = segmentsOf(shift);
  const cover = coverage(input, segments);
  const absences = new Map<number, Absence>();
  const events: AttendanceEvent[] = [];
  for (const window of windowsOf(shift, segments, cover)) {
    if (window.length === 0) continue;
    const punches = shift.punching === 'each' ? (input.punches[segments[window[0]!]!.session] ?? null) : mergedPunches(input.punches);
    judgeWindow(input, segments, window, punches, window.length === segments.length, absences, events);
  }
  // Most days: no request, no absence.
  if (cover === null && absences.size === 0) return { events, halves: BOTH_PRESENT, corrections: 0 };
  const halves = ([0, 1] as const).map((h) => halfVerdict(segments, cover ?? [], absences, h)) as [HalfVerdict, HalfVerdict];
  events.push(...absenceEvents(input, segments, absences));
  const corrected = new Set(segments.filter((_, n) => cover?.[n]?.class === 'correction').map((s) => s.session));
  return { events, halves, corrections: corrected.size };
}

const BOTH_PRESENT: [HalfVerdict, HalfVerdict] = [
  { status: 'present', type: null },
  { status: 'present', type: null },
];

const uncoveredWindows = new WeakMap<readonly Segment[], number[][]>();

/** The uncovered segments judged together: per session, or the whole day on a two-punch or flexible day. */
function windowsOf(shift: WorkShift, segments: readonly Segment[], cover: readonly (Leave | null)[] | null): number[][] {
  const build = () =>
    shift.punching === 'each'
      ? shift.sessions.map((_, i) => segments.flatMap((s, n) => (s.session === i && !cover?.[n] ? [n] : [])))
      : [segments.flatMap((_, n) => (cover?.[n] ? [] : [n]))];
  if (cover !== null) return build();
  let windows = uncoveredWindows.get(segments);
  if (!windows) uncoveredWindows.set(segments, (windows = build()));
  return windows;
}

/** The request that excuses each segment (first in sheet order); null when the day has none. Not-excused words excuse nothing. */
function coverage(input: DayInput, segments: readonly Segment[]): (Leave | null)[] | null {
  if (input.leaves.length === 0) return null;
  const cover: (Leave | null)[] = segments.map(() => null);
  for (const leave of input.leaves) {
    if (leave.class === 'not_excused') continue;
    for (const n of leaveSegments(leave, input.date, input.shift, segments, input.punches)) cover[n] ??= leave;
  }
  return cover;
}

/**
 * The segments a request covers on a day. Times cover every segment they overlap, however little:
 * 请假制度 grants leave by the half day at the least (请假半天由综合科负责人批准), so part of a
 * session counts as the whole of it. A 补签 at one time covers the session that time belongs to.
 * 时段 上午/下午 covers that half. A length without times (事假3小时 on one day) covers as many
 * halves as it needs, rounded up, unpunched halves first; a row of several days covers them all.
 */
export function leaveSegments(leave: Leave, date: IsoDate, shift: WorkShift, segments: readonly Segment[], punches: DayPunches): number[] {
  const all = segments.map((_, n) => n);
  const oneDay = leave.first === leave.last;
  if (leave.class === 'correction' && oneDay && leave.startTime !== null && (leave.endTime === null || leave.endTime <= leave.startTime)) {
    const at = leave.startTime;
    const session = sessionOf(shift, at);
    const own = all.filter((n) => segments[n]!.session === session);
    return [own.reduce((best, n) => (distanceTo(segments[n]!, at) <= distanceTo(segments[best]!, at) ? n : best))];
  }
  if (leave.startTime !== null || leave.endTime !== null) {
    const from = date === leave.first && leave.startTime !== null ? leave.startTime : -Infinity;
    const to = date === leave.last && leave.endTime !== null ? leave.endTime : Infinity;
    return all.filter((n) => segments[n]!.start < to && segments[n]!.end > from);
  }
  if (leave.part !== '全天') return all.filter((n) => segments[n]!.half === (leave.part === '上午' ? 0 : 1));
  if (leave.length && oneDay) {
    const worked = shift.sessions.reduce((sum, s) => sum + s.end - s.start, 0);
    const halvesNeeded = leave.length.unit === 'days' ? Math.ceil(leave.length.value * 2 - 1e-9) : Math.ceil((leave.length.value * 3600) / (worked / 2) - 1e-9);
    if (halvesNeeded >= 2) return all;
    const punched = (h: Half) => segments.some((s) => s.half === h && punchedIn(s, shift, punches));
    const half: Half = punched(0) && !punched(1) ? 1 : 0;
    return all.filter((n) => segments[n]!.half === half);
  }
  return all;
}

function punchedIn(segment: Segment, shift: WorkShift, punches: DayPunches): boolean {
  const p = punches[segment.session];
  if (!p) return false;
  return shift.sessions.length > 1 || (p.first.at < segment.end && p.last.at >= segment.start);
}

/** The day's punches as one session: earliest, latest, how many (two-punch and flexible days). */
function mergedPunches(punches: DayPunches): SessionPunches | null {
  const present = punches.filter((p): p is SessionPunches => p !== null);
  if (present.length === 0) return null;
  return {
    first: present.reduce((a, p) => (p.first.at < a.at ? p.first : a), present[0]!.first),
    last: present.reduce((a, p) => (p.last.at >= a.at ? p.last : a), present[0]!.last),
    count: present.reduce((sum, p) => sum + p.count, 0),
  };
}

/**
 * Judges the uncovered segments `window` (in order) by their punches: a session, or the whole
 * day on a two-punch or flexible day. Arrival after a segment's end leaves that segment absent
 * (so does departure before its start); lateness counts from the first segment still ahead.
 */
function judgeWindow(input: DayInput, segments: readonly Segment[], window: number[], punches: SessionPunches | null, whole: boolean, absences: Map<number, Absence>, events: AttendanceEvent[]): void {
  const { shift, absentFromMinutes } = input;
  const absent = (n: number, reason: string, punch: Punch | null) => {
    if (!absences.has(n)) absences.set(n, { reason, punch });
  };
  if (!punches) {
    for (const n of window) absent(n, notExcusedNote(input, '无打卡、无请假'), null);
    return;
  }
  const start = segments[window[0]!]!.start;
  const end = segments[window[window.length - 1]!]!.end;
  const nearStart = (at: Seconds) => Math.abs(at - start) <= Math.abs(at - end);
  const { first, last, count } = punches;
  const arrival = first.role === 'in' || (first.role === null && nearStart(first.at)) ? first : null;
  const departure = (last !== arrival || count > 1) && (last.role === 'out' || (last.role === null && !nearStart(last.at))) ? last : null;
  const day = () => shortChineseDate(input.date);
  const sessionName = (n: number) => shift.sessions[segments[n]!.session]!.name;
  const threshold = absentFromMinutes === null ? '' : `，${absentFromMinutes}分钟以上按旷工半天`;

  if (arrival) {
    for (const n of window.filter((n) => segments[n]!.end <= arrival.at)) absent(n, `首次打卡 ${clock(arrival.at)} 已过 ${clock(segments[n]!.end)}，未到岗`, arrival);
    const ahead = window.find((n) => segments[n]!.end > arrival.at);
    const session = ahead === undefined ? null : shift.sessions[segments[ahead]!.session]!;
    const due = ahead === undefined ? Infinity : segments[ahead]!.start;
    if (ahead !== undefined && session && arrival.at > due + session.lateGrace) {
      const minutes = Math.ceil((arrival.at - due) / 60);
      const grace = session.lateGrace > 0 ? `（宽限${session.lateGrace / 60}分钟）` : '';
      const text = `首次打卡 ${clock(arrival.at)} > ${clock(due)}${grace} → 迟到${minutes}分钟`;
      if (absentFromMinutes !== null && minutes >= absentFromMinutes) absent(ahead, `${text}${threshold}`, arrival);
      else events.push({ personId: input.personId, date: input.date, kind: 'late', evidence: `${day()} ${sessionName(ahead)} ${text}`, at: input.locate(arrival), minutes });
    }
  }
  if (departure) {
    for (const n of window.filter((n) => segments[n]!.start >= departure.at)) absent(n, `末次打卡 ${clock(departure.at)} 早于 ${clock(segments[n]!.start)}，未在岗`, departure);
    const reached = [...window].reverse().find((n) => segments[n]!.start < departure.at);
    const session = reached === undefined ? null : shift.sessions[segments[reached]!.session]!;
    const flexibleEnd = whole && shift.length !== null && arrival ? arrival.at + shift.length : -Infinity;
    const due = reached === undefined ? -Infinity : Math.max(segments[reached]!.end, flexibleEnd);
    if (reached !== undefined && session && departure.at < due - session.earlyGrace && !absences.has(reached)) {
      const minutes = Math.ceil((due - departure.at) / 60);
      const grace = session.earlyGrace > 0 ? `（宽限${session.earlyGrace / 60}分钟）` : '';
      const length = due === flexibleEnd && shift.length !== null ? `（到岗 ${clock(arrival!.at)} + ${shift.length / 3600}小时）` : '';
      const text = `末次打卡 ${clock(departure.at)} < ${clock(due)}${length}${grace} → 早退${minutes}分钟`;
      if (absentFromMinutes !== null && minutes >= absentFromMinutes) absent(reached, `${text}${threshold}`, departure);
      else events.push({ personId: input.personId, date: input.date, kind: 'early', evidence: `${day()} ${sessionName(reached)} ${text}`, at: input.locate(departure), minutes });
    }
  }
  if ((!arrival || !departure) && window.some((n) => !absences.has(n))) {
    const present = arrival ?? departure ?? first;
    const text = arrival ? `只有上班打卡 ${clock(arrival.at)}，缺下班打卡` : departure ? `只有下班打卡 ${clock(departure.at)}，缺上班打卡` : `打卡 ${clock(first.at)} 无法判断上下班`;
    const name = shift.punching === 'each' ? shift.sessions[segments[window[0]!]!.session]!.name : '全天';
    events.push({ personId: input.personId, date: input.date, kind: 'missing_punch', evidence: `${day()} ${name} ${text} → 缺卡（请核实，补签单可免）`, at: input.locate(present) });
  }
}

/** "无打卡、无请假", noting requests the scheme does not take as leave (外出 not excused). */
function notExcusedNote(input: DayInput, reason: string): string {
  const words = [...new Set(input.leaves.filter((l) => l.class === 'not_excused').map((l) => l.word))];
  return words.length === 0 ? reason : `${reason}（“${words.join('、')}”按本方案不作请假）`;
}

function halfVerdict(segments: readonly Segment[], cover: readonly (Leave | null)[], absences: ReadonlyMap<number, Absence>, half: Half): HalfVerdict {
  const own = segments.flatMap((s, n) => (s.half === half ? [n] : []));
  if (own.some((n) => absences.has(n))) return { status: 'absent', type: null };
  const leave = own.map((n) => cover[n]).find((c) => c?.class === 'leave');
  if (leave) return { status: 'leave', type: leave.type };
  const away = own.map((n) => cover[n]).find((c) => c?.class === 'present');
  return { status: 'present', type: away?.type ?? null };
}

/** One absent_half_day per absent half, with its reasons, then absent_day when any. */
function absenceEvents(input: DayInput, segments: readonly Segment[], absences: ReadonlyMap<number, Absence>): AttendanceEvent[] {
  if (absences.size === 0) return [];
  const day = shortChineseDate(input.date);
  const names = halfNames(input.shift, segments);
  const events: AttendanceEvent[] = [];
  const absentHalves: string[] = [];
  for (const half of [0, 1] as const) {
    const found = segments.flatMap((s, n) => (s.half === half && absences.has(n) ? [absences.get(n)!] : []));
    if (found.length === 0) continue;
    absentHalves.push(names[half]);
    const reasons = [...new Set(found.map((a) => a.reason))].join('；');
    const punch = found.find((a) => a.punch)?.punch;
    events.push({ personId: input.personId, date: input.date, kind: 'absent_half_day', evidence: `${day} ${names[half]} ${reasons} → 旷工半天`, at: punch ? input.locate(punch) : input.punchSheet });
  }
  if (absentHalves.length > 0) {
    const first = events[events.length - 1]!;
    events.push({ personId: input.personId, date: input.date, kind: 'absent_day', evidence: `${day} ${absentHalves.join('、')} 旷工 → ${absentHalves.length === 2 ? '旷工1天' : '旷工半天，当天按1次计'}`, at: first.at });
  }
  return events;
}

/** 上午 / 下午 (the sessions of each half), or 上半天 / 下半天 of a one-session day. */
function halfNames(shift: WorkShift, segments: readonly Segment[]): [string, string] {
  if (shift.sessions.length === 1) return ['上半天', '下半天'];
  const of = (h: Half) => segments.filter((s) => s.half === h).map((s) => shift.sessions[s.session]!.name).join('、');
  return [of(0), of(1)];
}
