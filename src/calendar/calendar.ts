import { createRequire } from 'node:module';
import type { IsoDate } from '../core/dates.js';

/**
 * The official working calendar: weekends, public holidays and 调休 working days from the State
 * Council notices, as bundled offline by chinese-days. That package answers "workday" for any
 * date of a year it has no data for (2027 would look like plain weekdays), so the years actually
 * covered are read from its data and every other year is refused.
 */
interface CalendarData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** A year the user supplies (e.g. from the State Council notice for a new year). */
export interface ExtraYear {
  year: number;
  holidays: IsoDate[];
  workdays: IsoDate[];
}

export class YearNotCovered extends Error {
  constructor(readonly date: IsoDate, readonly covered: readonly number[]) {
    super(`calendar has no data for ${date}`);
    this.name = 'YearNotCovered';
  }
}

/** Whether `years` (a calendar's covered years) hold `date`'s year: the one rule for both threads of a read. */
export function yearCovered(years: ReadonlySet<number>, date: IsoDate): boolean {
  return years.has(Number(date.slice(0, 4)));
}

/** The first day from `first` to `last` in a year `calendar` lacks; null when it knows them all. */
export function firstUncoveredDay(calendar: WorkCalendar, first: IsoDate, last: IsoDate): IsoDate | null {
  for (let year = Number(first.slice(0, 4)); first <= last && year <= Number(last.slice(0, 4)); year++) {
    const day = year === Number(first.slice(0, 4)) ? first : (`${year}-01-01` as IsoDate);
    if (!calendar.covers(day)) return day;
  }
  return null;
}

/** The calendar's years as a message states them (2004–2026). */
export function coveredSpan(years: ReadonlySet<number>): string {
  return `${Math.min(...years)}–${Math.max(...years)}`;
}

export class WorkCalendar {
  private readonly holidays: Map<string, string>;
  private readonly workdays: Map<string, string>;
  readonly coveredYears: ReadonlySet<number>;

  constructor(data: CalendarData, extra: readonly ExtraYear[] = []) {
    this.holidays = new Map(Object.entries(data.holidays));
    this.workdays = new Map(Object.entries(data.workdays));
    const years = new Set([...this.holidays.keys(), ...this.workdays.keys()].map((d) => Number(d.slice(0, 4))));
    // The user's file wins over the bundle for the days it names, both ways (a date is in one of its lists only).
    for (const y of extra) {
      years.add(y.year);
      for (const d of y.holidays) {
        this.holidays.set(d, '');
        this.workdays.delete(d);
      }
      for (const d of y.workdays) {
        this.workdays.set(d, '');
        this.holidays.delete(d);
      }
    }
    this.coveredYears = years;
  }

  covers(date: IsoDate): boolean {
    return yearCovered(this.coveredYears, date);
  }

  /** Throws YearNotCovered for a year without official data, never guesses. */
  isWorkday(date: IsoDate): boolean {
    if (!this.covers(date)) throw new YearNotCovered(date, [...this.coveredYears].sort());
    if (this.holidays.has(date)) return false;
    if (this.workdays.has(date)) return true;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** Whether the day is in a public holiday's break (weekends within it too), not a plain weekend. */
  isHoliday(date: IsoDate): boolean {
    return this.holidays.has(date);
  }

  /** The holiday's name (国庆节, 春节…) or the 调休 note, when the data has one. */
  dayName(date: IsoDate): string | null {
    const raw = this.holidays.get(date) ?? this.workdays.get(date);
    return raw ? (raw.split(',')[1] ?? raw) : null;
  }
}

let official: WorkCalendar | null = null;

/** The bundled official calendar (2004 to the package's last year), with optional extra years. */
export function officialCalendar(extra: readonly ExtraYear[] = []): WorkCalendar {
  if (extra.length > 0) return new WorkCalendar(loadData(), extra);
  official ??= new WorkCalendar(loadData());
  return official;
}

function loadData(): CalendarData {
  const require = createRequire(import.meta.url);
  return require('chinese-days/dist/chinese-days.json') as CalendarData;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10) as IsoDate;
}

/** The calendar of a run, built on first use: a run that counts no working days never loads the holiday data. */
export type CalendarSource = () => WorkCalendar;
