import type { IsoDate } from '../core/dates.js';
import { sessionOf, type Seconds } from '../calendar/hours.js';
import type { Placed } from '../calendar/schedule.js';

/** One clocking with the row and column it was read from; role is known only in the wide shape (上午上班…). */
export interface Punch {
  /** Counted from the midnight of the day whose shift it belongs to (past 86 400 after midnight). */
  at: Seconds;
  role: 'in' | 'out' | null;
  row: number;
  column: number;
}

/** The first and last punch of one session, and how many there were. */
export interface SessionPunches {
  first: Punch;
  last: Punch;
  count: number;
}

/** Per session of the day's shift; null where the session has no punch. */
export type DayPunches = readonly (SessionPunches | null)[];

const NONE: DayPunches = [];

/**
 * Folds punches as they are read into first/last per person, day and session, so memory grows
 * with person-days, not with punch rows (a year of a city hall is millions of rows). Each punch
 * goes to the session it falls in or whose boundary is nearest.
 */
export class PunchBook {
  private readonly days = new Map<string, Map<IsoDate, (SessionPunches | null)[]>>();

  /**
   * Files a punch where Schedule.place put it (`punch.at` is the placed time). `session` is the
   * slot a wide sheet names (上午/下午), used when the shift has exactly those two sessions.
   */
  add(personId: string, placed: Placed, punch: Punch, session?: 0 | 1): void {
    let person = this.days.get(personId);
    if (!person) this.days.set(personId, (person = new Map<IsoDate, (SessionPunches | null)[]>()));
    const sessions = placed.shift.sessions;
    let day = person.get(placed.date);
    if (!day) person.set(placed.date, (day = sessions.map(() => null)));
    const index = session !== undefined && sessions.length === 2 ? session : sessionOf(placed.shift, placed.at);
    const current = day[index];
    if (!current) {
      day[index] = { first: punch, last: punch, count: 1 };
      return;
    }
    current.count += 1;
    if (punch.at < current.first.at) current.first = punch;
    if (punch.at >= current.last.at) current.last = punch;
  }

  day(personId: string, date: IsoDate): DayPunches {
    return this.days.get(personId)?.get(date) ?? NONE;
  }
}
