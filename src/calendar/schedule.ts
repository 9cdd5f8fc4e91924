import { addDays, type WorkCalendar } from './calendar.js';
import { DAY, distanceTo, seasonOn, type DayShift, type Hours, type Seconds, type WorkShift } from './hours.js';
import type { IsoDate } from '../core/dates.js';
import type { SourceLocation } from '../core/problems.js';

/** A 班次 row: a person's (or everyone's, personId null) shift or rest over a span of days. */
export interface ShiftRow {
  personId: string | null;
  first: IsoDate;
  last: IsoDate;
  shift: DayShift;
  at: SourceLocation;
}

/** Where a punch is filed: the day whose shift it belongs to, and its time counted from that day. */
export interface Placed {
  date: IsoDate;
  at: Seconds;
  shift: WorkShift;
}

const EVERYONE = '';

/** 05:00: a punch before it, on a day whose schedule starts later, is the night after the day before. */
const SMALL_HOURS_END: Seconds = 5 * 3600;

/** A working day whose last session ends past 24:00 (an overnight shift). */
function endsPastMidnight(shift: DayShift): shift is WorkShift {
  return shift.kind === 'work' && shift.sessions[shift.sessions.length - 1]!.end > DAY;
}

/**
 * Who works when: a person's 班次 row, else everyone's, else the official calendar (weekends and
 * holidays off, 调休 Saturdays on) with the season's hours. A 班次 row wins over the calendar
 * both ways: a stated shift on a Saturday is a working day, 休息 on a weekday is not.
 */
export class Schedule {
  private readonly rows = new Map<string, ShiftRow>();
  /** The calendar's and seasons' answer per date, and the day before each date (looked up per punch). */
  private readonly byDate = new Map<IsoDate, DayShift>();
  private readonly before = new Map<IsoDate, IsoDate>();
  /** Whether a shift of the schedule ends past midnight: else no punch belongs to the day before (place). */
  private readonly overnight: boolean;

  constructor(
    readonly hours: Hours,
    readonly calendar: WorkCalendar,
    rows: readonly ShiftRow[] = [],
  ) {
    for (const row of rows) {
      for (let d = row.first; d <= row.last; d = addDays(d, 1)) this.rows.set(`${row.personId ?? EVERYONE}|${d}`, row);
    }
    this.overnight = [...hours.seasons.map((s) => s.shift), ...rows.map((r) => r.shift)].some(endsPastMidnight);
  }

  /** The 班次 row that sets a person's day, if any. */
  rowOn(personId: string, date: IsoDate): ShiftRow | undefined {
    return this.rows.get(`${personId}|${date}`) ?? this.rows.get(`${EVERYONE}|${date}`);
  }

  /** Throws YearNotCovered for a year the calendar does not know (and no 班次 row speaks for). */
  on(personId: string, date: IsoDate): DayShift {
    const row = this.rows.size === 0 ? undefined : this.rowOn(personId, date);
    if (row) return row.shift;
    let shift = this.byDate.get(date);
    if (!shift) {
      shift = this.calendar.isWorkday(date) ? seasonOn(this.hours, date).shift : { kind: 'rest', label: this.calendar.dayName(date) ?? '周末' };
      this.byDate.set(date, shift);
    }
    return shift;
  }

  /**
   * The shifts a person's day may have: its own (on); for a day of a year the calendar lacks that
   * no 班次 row sets, both a working day's (the season's hours) and a rest day's, so that a
   * caller may go on where either gives the same answer (a 01-01 punch ending 12-31's night shift).
   */
  shiftsOn(personId: string, date: IsoDate): DayShift[] {
    if (this.calendar.covers(date) || this.rowOn(personId, date)) return [this.on(personId, date)];
    return [seasonOn(this.hours, date).shift, { kind: 'rest', label: '' }];
  }

  private dayBefore(date: IsoDate): IsoDate {
    let before = this.before.get(date);
    if (!before) this.before.set(date, (before = addDays(date, -1)));
    return before;
  }

  /**
   * Whether a punch at `at` is in the small hours (before 05:00, written on its calendar day, not
   * 次日) of a day whose schedule (`today`) starts at 05:00 or later: the night after the day
   * before, never this day's arrival (place files it there).
   */
  inSmallHours(at: Seconds, today: DayShift): boolean {
    if (at >= SMALL_HOURS_END) return false;
    return today.kind !== 'work' || today.sessions[0]!.start >= SMALL_HOURS_END;
  }

  /**
   * The shift a punch on `date` belongs to. A punch in the small hours (inSmallHours) ends the
   * day before: its last session when that is a working day, else it is no one's (null), as a
   * rest day's punch is. Before noon a punch may end the day before's overnight shift: it goes
   * there when it is nearer that shift's end than today's first session (on a rest day: always).
   * One counted past 24:00 (written 次日) already belongs to `date` and stays there. Null on a
   * rest day. `today`: the shift `date` is taken to have (shiftsOn).
   */
  place(personId: string, date: IsoDate, at: Seconds, today: DayShift = this.on(personId, date)): Placed | null {
    if (this.inSmallHours(at, today)) {
      const before = this.dayBefore(date);
      const yesterday = this.calendar.covers(before) ? this.on(personId, before) : null;
      return yesterday?.kind === 'work' ? { date: before, at: at + DAY, shift: yesterday } : null;
    }
    if (this.overnight && at < DAY / 2 && this.calendar.covers(this.dayBefore(date))) {
      const before = this.dayBefore(date);
      const yesterday = this.on(personId, before);
      if (endsPastMidnight(yesterday)) {
        const fromYesterday = distanceTo(yesterday.sessions[yesterday.sessions.length - 1]!, at + DAY);
        const fromToday = today.kind === 'work' ? distanceTo(today.sessions[0]!, at) : Infinity;
        if (fromYesterday < fromToday) return { date: before, at: at + DAY, shift: yesterday };
      }
    }
    return today.kind === 'work' ? { date, at, shift: today } : null;
  }
}
