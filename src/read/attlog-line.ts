/**
 * One line of a clock's punch log, read in every layout the log is written in:
 *
 * - the ZKTeco device itself: `     101<TAB>2026-11-02 07:55:00<TAB>1<TAB>0<TAB>1<TAB>0`;
 * - the same log after a text editor or a copy turned its tabs into spaces, or put a tab
 *   between the date and the time (public attlog parsers split on any white space for this reason);
 * - the log opened in Excel and saved again as text: the date-time as Chinese Excel shows it,
 *   `2026/11/2 7:55` (slashes, no leading zeros, no seconds).
 *
 * So: the user number, white space, a date `YYYY-M-D` or `YYYY/M/D` (four-digit year, one
 * separator throughout), white space, a time `H:MM` or `H:MM:SS`, then any further fields. A
 * time without seconds is that minute's punch (`07:55` is `07:55:00`). Two-digit years, day-first
 * or month-first dates and 上午/AM times are not read: which day they mean is a guess.
 */
const PUNCH = /^\s*(\S+)\s+(\d{4})([-/])(\d{1,2})\3(\d{1,2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?=\s|$)(.*)$/;
/** A line that stops inside its date-time: the device was cut off while writing it. */
const CUT_SHORT = /^\s*\S+(?:\s+\d{1,4}(?:[-/]\d{0,2}(?:[-/]\d{0,2}(?:\s+\d{0,2}(?::\d?)?)?)?)?)?\s*$/;

/** A 12-hour clock's word after the time: `7:55 PM` is 19:55, which the time alone does not say. */
const TWELVE_HOUR = /^(?:[ap]\.?m\.?|上午|下午|中午|晚上|凌晨)$/i;

/** Why a line is a device artefact rather than a punch (attendance-exports.md F1). */
export type CorruptReason = 'negative' | 'cut_short' | 'no_such_time';

export type LogLine =
  /**
   * `stamp` is `YYYY-MM-DD HH:MM:SS` whatever the layout; `toTheSecond` is false where the line gave
   * minutes only. `fields` are those after it (device, state, mode, work code), blank as null.
   */
  | { kind: 'punch'; id: string; stamp: string; toTheSecond: boolean; fields: (string | null)[] }
  | { kind: 'corrupt'; reason: CorruptReason }
  /** Not a punch in any layout read and not a known artefact: it may be a punch, so it is not dropped quietly. */
  | { kind: 'unreadable' };

const two = (n: number) => String(n).padStart(2, '0');

/** A stamp the clock could have written: month 1–12, a day of that month, a time within the day. */
function isRealStamp(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/**
 * The fields after the time: tab-separated, blank fields keep their places; words before the
 * first tab, or with no tab at all, are separated by any run of spaces.
 */
function trailingFields(rest: string): (string | null)[] {
  const [spaced = '', ...tabbed] = rest.split('\t');
  const words = spaced.trim() === '' ? [] : spaced.trim().split(/\s+/);
  return [...words, ...tabbed.map((f) => (f.trim() === '' ? null : f.trim()))];
}

export function readLogLine(line: string): LogLine {
  const m = PUNCH.exec(line);
  if (!m) {
    if (/^\s*-\d/.test(line)) return { kind: 'corrupt', reason: 'negative' };
    return CUT_SHORT.test(line) ? { kind: 'corrupt', reason: 'cut_short' } : { kind: 'unreadable' };
  }
  const id = m[1]!;
  const fields = trailingFields(m[9]!);
  if (fields[0] !== undefined && fields[0] !== null && TWELVE_HOUR.test(fields[0])) return { kind: 'unreadable' };
  if (id.startsWith('-') || fields.some((f) => f !== null && /^-\d/.test(f))) return { kind: 'corrupt', reason: 'negative' };
  const [year, month, day, hour, minute] = [m[2], m[4], m[5], m[6], m[7]].map(Number) as [number, number, number, number, number];
  const second = Number(m[8] ?? 0);
  if (!isRealStamp(year, month, day, hour, minute, second)) return { kind: 'corrupt', reason: 'no_such_time' };
  const stamp = `${year}-${two(month)}-${two(day)} ${two(hour)}:${two(minute)}:${two(second)}`;
  return { kind: 'punch', id, stamp, toTheSecond: m[8] !== undefined, fields };
}
