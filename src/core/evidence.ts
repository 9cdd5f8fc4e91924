import type { DateRange, IsoDate, Seconds } from './dates.js';
import type { SourceLocation } from './problems.js';

/**
 * Why an attendance fact was derived (src/derive), as data: the punches, times and rule that
 * made it. It travels with the records it makes through the engine to the outputs, so it lives
 * here, below both. The audit, `kaohe explain`, the attendance workbook and the comparison with
 * the platform word it through src/messages/attendance.ts (formatEvidence); tests compare these
 * fields, not sentences.
 */
export type Evidence =
  | ({ code: 'late' } & Lateness)
  | ({ code: 'early' } & Earliness)
  /** session null: a two-punch or flexible day, judged as a whole (全天). */
  | { code: 'missing_punch'; date: IsoDate; session: string | null; side: 'in_only' | 'out_only' | 'unclear'; punch: Seconds }
  | { code: 'absent_half_day'; date: IsoDate; half: HalfName; reasons: AbsenceReason[] }
  /** `reasons`: those of its halves that a punch showed (迟到30分钟以上, 首次打卡已过下班…), not a half without punch. */
  | { code: 'absent_day'; date: IsoDate; halves: HalfName[]; reasons?: AbsenceReason[] }
  | { code: 'no_data'; days: IsoDate[]; covered: DateRange }
  | { code: 'full_attendance'; workingDays: number }
  /** 全勤 not given: the first thing that broke it, said on the bonus rule's line. */
  | { code: 'full_attendance_missed'; broken: FullAttendanceBreak };

/**
 * What first broke a person's full attendance (全勤且无任何违纪): a derived late, early, absent
 * half, 缺卡 or days without data; a half on leave; a deduction or veto typed in 记录 (after the
 * punches); or no working day in post to attend.
 */
export type FullAttendanceBreak =
  | { code: 'attendance'; evidence: Evidence }
  | { code: 'leave'; date: IsoDate; half: 0 | 1; type: string }
  | { code: 'deduction'; rule: string; date: IsoDate; at: SourceLocation }
  | { code: 'no_working_days' };

/** A half of the day by the sessions in it; a one-session day's halves have none (上半天, 下半天). */
export interface HalfName {
  /** 0: the first half of the day, 1: the second. */
  half: 0 | 1;
  sessions: string[];
}

/** First punch after the start of a session (plus its grace): 首次打卡 08:07 > 08:00 → 迟到7分钟. */
export interface Lateness {
  date: IsoDate;
  /** The session's name (上午, 夜班). */
  session: string;
  punch: Seconds;
  due: Seconds;
  grace: Seconds;
  minutes: number;
  /** A 补签 gave the other side of the session: it excuses the missed clocking, not this one. */
  corrected?: true;
}

/** Last punch before the end (or, on flexible hours, before arrival + length). */
export interface Earliness extends Lateness {
  /** Flexible hours: the end was the arrival plus the day's length. */
  flexible: { arrival: Seconds; length: Seconds } | null;
}

/** Why a segment of a working day counts as absent. */
export type AbsenceReason =
  | { code: 'no_punch'; notExcused: string[] }
  | { code: 'arrived_after_end'; punch: Seconds; end: Seconds }
  | { code: 'left_before_start'; punch: Seconds; start: Seconds }
  | ({ code: 'late_over' } & Omit<Lateness, 'date' | 'session'> & { threshold: number })
  | ({ code: 'early_over' } & Omit<Earliness, 'date' | 'session'> & { threshold: number });
