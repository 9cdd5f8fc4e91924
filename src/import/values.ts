import { seconds, type Seconds } from '../calendar/hours.js';
import { fromSerial, isCompactDateNumber, isoDate, LocalDateTime, secondsOfDay, type IsoDate } from '../core/dates.js';
import { isBlankText } from '../core/text.js';
import { isEpochMillis } from '../read/number-format.js';
import type { CellValue } from '../read/table.js';

/**
 * The values exports write (attendance-exports.md, "Dates" and "Times"), read exactly or not at
 * all: every function returns null for what it cannot read, and the caller reports the cell.
 */

/** Cells that mean "nothing here" in every export; a profile may add its own. */
const BLANK_WORDS = ['--', '-', '—', '(-)', '/', '未打卡', '无'] as const;

const CHINA_OFFSET_MS = 8 * 3_600_000;

export function isBlankValue(value: CellValue | undefined, blanks: ReadonlySet<string>): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value !== 'string') return false;
  return isBlankText(value) || blanks.has(fold(value));
}

/** NFKC (full-width → half-width), spaces trimmed; inner spaces kept (they separate times). */
export function fold(text: string): string {
  // Plain ASCII (most dates and times) is already in normal form.
  if (/^[\x20-\x7e\t\r\n]*$/.test(text)) return text.trim();
  return text.normalize('NFKC').replace(/\u00a0/g, ' ').trim();
}

export function blankSet(extra: readonly string[] = []): Set<string> {
  return new Set([...BLANK_WORDS, ...extra].map(fold));
}

/** A weekday's character by its number (0 = Sunday), as 星期X writes it. */
export const WEEKDAYS = '日一二三四五六';

/** The weekday (0 = Sunday) a weekday character names; 天 (星期天) is 日. */
export function weekdayNumber(char: string): number {
  return WEEKDAYS.indexOf(char === '天' ? '日' : char);
}

/** The weekday (0 = Sunday) of a date. */
export function weekdayOf(date: IsoDate): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export interface DateTime {
  date: IsoDate;
  /** Present when the cell also holds a time of day. */
  at?: Seconds;
}

/**
 * A date as exports write it: Excel dates and serials, epoch milliseconds (DingTalk workDate),
 * YYYY-MM-DD, YYYY/M/D, YYYY年M月D日, YYYYMMDD, YY-MM-DD 星期X (two-digit year), MM-DD with the
 * year given, each optionally with a weekday (checked against the date) and a time.
 */
export function parseExportDate(value: CellValue, year?: number, date1904 = false): DateTime | null {
  if (value instanceof LocalDateTime) {
    // A cell shown as a time or a duration names no day.
    const date = value.date;
    if (!date) return null;
    return value.shows === 'datetime' ? { date, at: value.seconds } : { date };
  }
  if (typeof value === 'number') return dateOfNumber(value, date1904);
  if (typeof value !== 'string') return null;
  return parseDateText(fold(value), year);
}

/** A number in a date place: yyyymmdd (20261102), epoch milliseconds, or a serial of the workbook's date system (date1904). */
function dateOfNumber(n: number, date1904: boolean): DateTime | null {
  if (!Number.isFinite(n)) return null;
  if (isCompactDateNumber(n)) return parseDateText(String(n));
  if (isEpochMillis(n)) {
    const china = new Date(n + CHINA_OFFSET_MS);
    const date = isoDate(china.getUTCFullYear(), china.getUTCMonth() + 1, china.getUTCDate());
    if (!date) return null;
    const at = seconds(china.getUTCHours(), china.getUTCMinutes(), china.getUTCSeconds());
    return at === 0 ? { date } : { date, at };
  }
  if (n < 1) return null;
  const shown = fromSerial(n, date1904, 'datetime');
  const date = shown?.date;
  if (!shown || !date) return null;
  return shown.seconds === 0 ? { date } : { date, at: shown.seconds };
}

const DATE_PART = /^(?:(\d{4}|\d{2})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?/;
const DATE_COMPACT = /^(\d{4})(\d{2})(\d{2})(?!\d)/;
const TWO_DIGIT_YEAR = /^\d{2}-\d{1,2}-\d{1,2}$/;
const WEEKDAY_PART = /^\s*[(（]?\s*(?:星期|周|礼拜)([日天一二三四五六])\s*[)）]?/;
const TIME_PART = /^\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*$/;

function parseDateText(text: string, year?: number): DateTime | null {
  const parts = datePart(text, year);
  if (!parts) return null;
  const { date } = parts;
  let rest = text.slice(parts.length);
  const weekday = WEEKDAY_PART.exec(rest);
  if (parts.twoDigitYear && !weekday) return null;
  if (weekday) {
    // A weekday that does not fit the date means the date was misread (a two-digit year, a day-month order).
    if (weekdayNumber(weekday[1]!) !== weekdayOf(date)) return null;
    rest = rest.slice(weekday[0].length);
  }
  if (rest.trim() === '') return { date };
  const t = TIME_PART.exec(rest);
  if (!t) return null;
  const at = clockOf(t[1], t[2], t[3]);
  return at === null ? null : { date, at };
}

/**
 * The date a text begins with and the weekday written after it, where the two disagree
 * ("2026/11/2 星期日": 11-02 is a Monday): why the text was not read, to be said as that.
 */
export function weekdayConflict(value: CellValue, year?: number): { date: IsoDate; written: string; actual: string } | null {
  if (typeof value !== 'string') return null;
  const text = fold(value);
  const parts = datePart(text, year);
  const weekday = parts ? WEEKDAY_PART.exec(text.slice(parts.length)) : null;
  if (!parts || !weekday || weekdayNumber(weekday[1]!) === weekdayOf(parts.date)) return null;
  return { date: parts.date, written: WEEKDAYS[weekdayNumber(weekday[1]!)]!, actual: WEEKDAYS[weekdayOf(parts.date)]! };
}

/**
 * The date at the start of the text and how many characters it took. A two-digit year is read
 * only as YY-MM-DD, and the caller requires the weekday after it (YY-MM-DD 星期X, the one such
 * form exports write): 11/02/26 (US m/d/yy) or 02.11.26 (d.m.yy) would read as 2011 and 2002.
 */
function datePart(text: string, year?: number): { date: IsoDate; length: number; twoDigitYear: boolean } | null {
  const m = DATE_PART.exec(text);
  if (m) {
    const twoDigitYear = m[1]?.length === 2;
    if (twoDigitYear && !TWO_DIGIT_YEAR.test(m[0])) return null;
    const y = m[1] === undefined ? year : twoDigitYear ? 2000 + Number(m[1]) : Number(m[1]);
    const date = y === undefined ? null : isoDate(y, Number(m[2]), Number(m[3]));
    return date ? { date, length: m[0].length, twoDigitYear } : null;
  }
  const c = DATE_COMPACT.exec(text);
  const date = c ? isoDate(Number(c[1]), Number(c[2]), Number(c[3])) : null;
  return c && date ? { date, length: c[0].length, twoDigitYear: false } : null;
}

function clockOf(h: string | undefined, m: string | undefined, s: string | undefined): Seconds | null {
  const [hours, minutes, secs] = [Number(h), Number(m), Number(s ?? 0)];
  return hours < 24 && minutes < 60 && secs < 60 ? seconds(hours, minutes, secs) : null;
}

/** One punch time read from a cell, with what the export wrote around it. */
export interface PunchTime {
  at: Seconds;
  /** The cell also gave the date (a full date-time). */
  date?: IsoDate;
  /** 次日 or a ZKTeco " +": the punch fell after midnight, on the next calendar day. */
  nextDay: boolean;
  /** 外勤: a field punch (kept; the platform accepted it). */
  field: boolean;
  /** (补卡): an approved correction, not a real clocking. */
  correction: boolean;
}

const TIME_TOKEN = /(次日\s*)?(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?(\s*\+(?!\d))?(\s*(?:外勤|[(（]\s*补卡\s*[)）]|[(（]\s*外勤\s*[)）]))?/g;
const SEPARATORS = /^[\s,;，；、|]*$/;

/**
 * Every punch time in a cell: Excel times and date-times, "HH:MM[:SS]" one or several per cell
 * (newlines, spaces, or run together as "08:4520:07"), with 外勤, 次日, " +" and (补卡). Null
 * when anything else is left over: a value is read whole or reported, never half-guessed.
 */
export function parsePunchTimes(value: CellValue, blanks: ReadonlySet<string>, year?: number, date1904 = false): PunchTime[] | null {
  if (typeof value === 'string') {
    const plain = plainDateTime(value, blanks);
    if (plain) return [plain];
  }
  if (isBlankValue(value, blanks)) return [];
  const plain = { nextDay: false, field: false, correction: false };
  if (typeof value === 'number') {
    if (value >= 0 && value < 1) return [{ at: secondsOfDay(value), ...plain }];
    // A whole number (General 46328, epoch ms at midnight) names a day and no time, as a date-only cell does.
    const dt = dateOfNumber(value, date1904);
    return dt?.at === undefined ? null : [{ at: dt.at, date: dt.date, ...plain }];
  }
  if (value instanceof LocalDateTime) {
    // A cell shown as a date alone holds no time to read; a duration under a day reads as the time Excel shows.
    if (value.shows === 'date') return null;
    if (value.shows === 'datetime') return value.date ? [{ at: value.seconds, date: value.date, ...plain }] : null;
    return value.seconds < 86_400 ? [{ at: value.seconds, ...plain }] : null;
  }
  if (typeof value !== 'string') return null;
  const text = fold(value);
  const whole = parseDateText(text, year);
  if (whole?.at !== undefined) return [{ at: whole.at, date: whole.date, ...plain }];
  // A date-time with its mark after it (2026-11-02 11:37:22外勤, … (补卡)), as a time alone may have.
  const marked = MARKED_DATE_TIME.exec(text);
  const head = marked ? parseDateText(marked[1]!, year) : null;
  if (marked && head?.at !== undefined) return [{ at: head.at, date: head.date, ...plain, field: marked[2] === '外勤', correction: marked[2] === '补卡' }];
  const times: PunchTime[] = [];
  let leftover = '';
  let last = 0;
  for (const m of text.matchAll(TIME_TOKEN)) {
    const at = clockOf(m[2], m[3], m[4]);
    if (at === null) return null;
    leftover += text.slice(last, m.index);
    last = (m.index ?? 0) + m[0].length;
    const mark = m[6] ?? '';
    times.push({ at, nextDay: m[1] !== undefined || m[5] !== undefined, field: mark.includes('外勤'), correction: mark.includes('补卡') });
  }
  leftover += text.slice(last);
  const rest = leftover.split(/[\s,;，；、|]+/).filter((t) => t !== '' && !blanks.has(t));
  if (times.length === 0 || rest.length > 0 || !SEPARATORS.test(leftover.replace(/[^\s,;，；、|]/g, ''))) return null;
  return times;
}

const MARKED_DATE_TIME = /^(.*\d)\s*[(（]?(外勤|补卡)[)）]?$/u;
const PLAIN_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?::(\d{2}))?$/;
/** Days already read from a YYYY-MM-DD: a month's log repeats a few dozen of them. */
const plainDays = new Map<string, IsoDate | null>();

/**
 * "YYYY-MM-DD HH:MM[:SS]", the form of most punch logs (one a row, ~170,000 in a city month),
 * read at once; what the general reading would also give, which reads everything else (and
 * anything this refuses: an impossible date or time is the general reading's to report).
 */
function plainDateTime(text: string, blanks: ReadonlySet<string>): PunchTime | null {
  const m = PLAIN_DATE_TIME.exec(text);
  if (!m || blanks.has(text)) return null;
  const day = text.slice(0, 10);
  let date = plainDays.get(day);
  if (date === undefined) {
    date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (plainDays.size < 10_000) plainDays.set(day, date);
  }
  const at = clockOf(m[4], m[5], m[6]);
  return date && at !== null ? { at, date, nextDay: false, field: false, correction: false } : null;
}

/** A duration as verdict columns write it: "HH:MM", "N分钟", "N小时N分钟", a number of minutes. */
export function parseMinutes(value: CellValue, blanks: ReadonlySet<string>): number | null {
  if (isBlankValue(value, blanks)) return 0;
  if (typeof value === 'number') return value >= 0 ? value : null;
  if (value instanceof LocalDateTime) return value.shows === 'time' || value.shows === 'duration' ? Math.round(value.seconds / 60) : null;
  if (typeof value !== 'string') return null;
  const t = fold(value).replace(/\s+/g, '');
  let m = /^(\d{1,3}):(\d{2})$/.exec(t);
  if (m) return Number(m[1]) * 60 + Number(m[2]);
  m = /^(?:(\d+(?:\.\d+)?)小时)?(?:(\d+(?:\.\d+)?)分钟?)?$/.exec(t);
  if (m && (m[1] !== undefined || m[2] !== undefined)) return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
  m = /^\d+(?:\.\d+)?$/.exec(t);
  return m ? Number(t) : null;
}

/** A count as summaries write it: a number, numeric text, or a blank word for zero. */
export function parseCount(value: CellValue, blanks: ReadonlySet<string>): number | null {
  if (isBlankValue(value, blanks)) return 0;
  if (typeof value === 'number') return value >= 0 ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string') return null;
  const t = fold(value).replace(/\s+/g, '').replace(/(次|天|分钟|小时)$/, '');
  if (/^(true|是)$/i.test(t)) return 1;
  if (/^(false|否)$/i.test(t)) return 0;
  return /^\d+(?:\.\d+)?$/.test(t) ? Number(t) : null;
}

/** One working session of a stated shift, in seconds; the end may fall on the next day (次日). */
export interface ShiftSession {
  start: Seconds;
  end: Seconds;
  overnight: boolean;
}

const SESSION = /(\d{1,2})[:：](\d{2})\s*[-~～—至到]\s*(次日)?\s*(\d{1,2})[:：](\d{2})/g;

/**
 * A shift as exports state it: "A 08:00-11:30 14:00-17:30", "默认班次 09:00-18:00", two sessions
 * joined by "、", an overnight "22:00-次日06:00". Null when no session is stated.
 */
export function parseShiftSessions(text: string): ShiftSession[] | null {
  const sessions: ShiftSession[] = [];
  for (const m of fold(text).matchAll(SESSION)) {
    const start = clockOf(m[1], m[2], undefined);
    const end = clockOf(m[4], m[5], undefined);
    if (start === null || end === null) return null;
    const overnight = m[3] !== undefined || end <= start;
    sessions.push({ start, end, overnight });
  }
  return sessions.length > 0 ? sessions : null;
}

/** Sessions as the 班次 sheet writes them: "08:00-11:30,14:00-17:30", "22:00-次日06:00". */
export function shiftText(sessions: readonly ShiftSession[]): string {
  const hhmm = (s: Seconds) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}`;
  return sessions.map((s) => `${hhmm(s.start)}-${s.overnight ? '次日' : ''}${hhmm(s.end)}`).join(',');
}
