/**
 * Calendar dates as ISO strings (YYYY-MM-DD), and date-time cell values as Excel shows them:
 * wall-clock digits with no time zone, so nothing here depends on the machine's TZ or locale.
 */
export type IsoDate = string & { readonly __isoDate: unique symbol };

/** Seconds since the midnight that begins a shift's day; an overnight session ends past 86 400. */
export type Seconds = number;

const DAY_SECONDS = 86_400;
/** How far short of midnight a date-only serial may be and still be that midnight: binary error, not a time (SheetJS's Excel-tested 1e-4 s). */
const MIDNIGHT_NOISE_SECONDS = 1e-4;
/** Excel's largest date, 9999-12-31, in the 1900 system. */
const MAX_SERIAL = 2_958_465;

export function isoDate(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  if (year < 1900 || year > 2999) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

/** What a date-time cell's number format shows: a day, a time of day, both, or elapsed time ([h]:mm). */
export type DateTimeShows = 'date' | 'time' | 'datetime' | 'duration';

/**
 * A date and/or time cell as Excel shows it. The day is kept as Excel numbers it, so the
 * fictitious 1900-02-29 (serial 60) and the 1900-01-00 of serial 0 survive to be refused by
 * `date`; a value shown as a time or a duration has no day (year, month and day are 0), whatever
 * the date system. `seconds` is the time of day, or the whole elapsed time for a duration.
 */
export class LocalDateTime {
  constructor(
    readonly year: number,
    readonly month: number,
    readonly day: number,
    readonly seconds: number,
    readonly shows: DateTimeShows,
  ) {}

  /** The calendar day, or null when the cell shows none (a time, a duration) or names no real day. */
  get date(): IsoDate | null {
    return this.shows === 'time' || this.shows === 'duration' ? null : isoDate(this.year, this.month, this.day);
  }

  /** The time of day in seconds, or null for a duration of a day or more. */
  get timeOfDay(): number | null {
    return this.seconds < DAY_SECONDS ? this.seconds : null;
  }

  /** 2026-10-05, 2026-10-05 08:30, 08:30:15 or 36:00: the same text on every machine. */
  toString(): string {
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    const hours = Math.floor(this.seconds / 3600);
    const rest = this.seconds % 3600;
    const time = `${pad(hours)}:${pad(Math.floor(rest / 60))}${rest % 60 ? `:${pad(rest % 60)}` : ''}`;
    const day = `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
    if (this.shows === 'date') return day;
    if (this.shows === 'datetime') return `${day} ${time}`;
    return time;
  }
}

/** Days since 1970-01-01 → [year, month, day] (proleptic Gregorian, any TZ: UTC arithmetic only). */
function civil(epochDay: number): [number, number, number] {
  const d = new Date(epochDay * DAY_SECONDS * 1000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** 1899-12-31 as days since 1970: serial 1 of the 1900 system is the day after. */
const EPOCH_1900 = -25_568;
/** 1904-01-01 is serial 0 of the 1904 system. */
const EPOCH_1904 = -24_107;

/**
 * An Excel serial as the wall-clock value Excel shows. The 1900 system counts a 29 February 1900
 * that never was (serial 60), as Lotus 1-2-3 did: serials 1–59 are 1900-01-01 to 1900-02-28,
 * 60 is "1900-02-29", 61 is 1900-03-01. Serial 0 shows as 1900-01-00. In the 1904 system serial
 * 0 is 1904-01-01. Null for what Excel shows as #### (negative, or past 9999-12-31).
 */
export function fromSerial(serial: number, date1904: boolean, shows: DateTimeShows, showsSeconds = true): LocalDateTime | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= MAX_SERIAL + 1 - (date1904 ? 1462 : 0)) return null;
  // Excel rounds a time only to the fields its format shows. With a time shown, to the second:
  // 23:59:59.6 becomes the next day's 00:00:00. A date alone shows the day the serial falls in
  // (an end-of-day stamp 23:59:59.999 is still that day), binary noise aside: a serial within
  // 0.1 ms of midnight (46328.99999999999) is that midnight.
  const rounded = shows === 'date' ? Math.floor(serial * DAY_SECONDS + MIDNIGHT_NOISE_SECONDS) : Math.round(serial * DAY_SECONDS);
  // A format without seconds (h:mm) shows the minute the second falls in: 08:30:40 shows 8:30, and
  // is read so, as shown. Dropping the seconds keeps the day (23:59:40 stays 23:59).
  const total = showsSeconds ? rounded : rounded - (rounded % 60);
  if (shows === 'duration') return new LocalDateTime(0, 0, 0, total, shows);
  const days = Math.floor(total / DAY_SECONDS);
  const seconds = total - days * DAY_SECONDS;
  if (shows === 'time') return new LocalDateTime(0, 0, 0, seconds, shows);
  if (date1904) return new LocalDateTime(...civil(EPOCH_1904 + days), seconds, shows);
  if (days === 0) return new LocalDateTime(1900, 1, 0, seconds, shows);
  if (days === 60) return new LocalDateTime(1900, 2, 29, seconds, shows);
  return new LocalDateTime(...civil(EPOCH_1900 + (days < 60 ? days : days - 1)), seconds, shows);
}

/**
 * The serial Excel stores for a `t="d"` cell, whose ISO 8601 text it reads as the digits it holds
 * (2026-10-05, 2026-10-05T08:30:00, with or without a zone suffix, which is ignored), in the
 * workbook's date system; a time alone (T08:30 or 08:30:00) is a fraction of a day. The cell
 * shows that serial in its format: a date in a date format, the number in General. Null when
 * the text is no such value or names a day before the system's first.
 */
export function serialOfIsoText(text: string, date1904: boolean): number | null {
  const m = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:[T ]?(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text.trim());
  if (!m || (m[1] === undefined && m[4] === undefined)) return null;
  const [h, min, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (h > 23 || min > 59 || s > 59) return null;
  // The fraction of a second is kept: the cell's format rounds it as it rounds any serial (a date
  // alone shows 23:59:59.999 as its day, h:mm:ss as the next 00:00:00).
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  const time = (h * 3600 + min * 60 + s + fraction) / DAY_SECONDS;
  if (m[1] === undefined) return time;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const epochDay = Date.UTC(year, month - 1, day) / (DAY_SECONDS * 1000);
  if (civil(epochDay).join('-') !== [year, month, day].join('-')) return null;
  // The 1900 system counts its fictitious 1900-02-29: days from 1900-03-01 on are one more.
  const days = date1904 ? epochDay - EPOCH_1904 : epochDay - EPOCH_1900 + (epochDay >= EPOCH_1900 + 60 ? 1 : 0);
  return days < (date1904 ? 0 : 1) ? null : days + time;
}

/**
 * A plain number typed in a date column, read as a serial of the workbook's date system (what
 * Excel shows when the cell is given a date format). Null for serials that name no real day
 * (0 and 60 of the 1900 system, negative).
 */
export function fromExcelSerial(serial: number, date1904: boolean): IsoDate | null {
  return fromSerial(serial, date1904, 'date')?.date ?? null;
}

/**
 * Whether a number is an 8-digit date typed or exported without quotes (20261005, shown so in
 * General): read as yyyymmdd, never as a serial, which would be past 9999-12-31.
 */
export function isCompactDateNumber(n: number): boolean {
  return Number.isInteger(n) && n >= 10_000_000 && n <= 99_999_999;
}

/**
 * Reads the ways clerks type a date: 2026-10-05, 2026/10/5, 2026.10.5, 2026年10月5日, 20261005,
 * and 10月5日 or 10-5 (year taken from the period).
 */
export function parseDateText(text: string, defaultYear?: number): IsoDate | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m && defaultYear !== undefined) return isoDate(defaultYear, Number(m[1]), Number(m[2]));
  return null;
}

/** How many days from `first` to `last`, both counted (1 for one day); ISO dates parse as UTC midnights, whole days apart. */
export function daysInclusive(first: IsoDate, last: IsoDate): number {
  return (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "2026-11-23" → "2026年11月23日" for notices. */
export function formatChineseDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${year}年${Number(month)}月${Number(day)}日`;
}

/** "2026-10-05" → "10月5日" for Chinese summaries. */
export function shortChineseDate(date: IsoDate): string {
  const [, month, day] = date.split('-');
  return `${Number(month)}月${Number(day)}日`;
}

/** A span of days, both ends included. */
export interface DateRange {
  first: IsoDate;
  last: IsoDate;
}

/**
 * An Excel time of day (a fraction, 0 ≤ v < 1) in whole seconds, as a time format shows it and a
 * time-formatted cell is read (fromSerial, one rule): rounded to the second, so 23:59:59.6 shows
 * and reads 00:00:00, the hour the clerk can see in the cell, not a 23:59:59 they cannot.
 */
export function secondsOfDay(fraction: number): number {
  return fromSerial(fraction, false, 'time')!.seconds;
}
