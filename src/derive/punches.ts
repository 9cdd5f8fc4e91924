import type { IsoDate } from '../core/dates.js';
import { sessionIndexOf, sessionsOn, type Seconds, type WorkingHours } from '../calendar/hours.js';

/** One clocking with the row and column it was read from; role is known only in the wide shape (上午上班…). */
export interface Punch {
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

export type DayPunches = [SessionPunches | null, SessionPunches | null];

/**
 * Folds punches as they are read into first/last per person, day and session, so memory grows
 * with person-days, not with punch rows (a year of a city hall is millions of rows).
 */
export class PunchBook {
  private readonly days = new Map<string, Map<IsoDate, DayPunches>>();

  constructor(private readonly hours: WorkingHours) {}

  add(personId: string, date: IsoDate, punch: Punch, session?: 0 | 1): void {
    let person = this.days.get(personId);
    if (!person) this.days.set(personId, (person = new Map()));
    let day = person.get(date);
    if (!day) person.set(date, (day = [null, null]));
    const index = session ?? sessionIndexOf(sessionsOn(this.hours, date), punch.at);
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
    return this.days.get(personId)?.get(date) ?? [null, null];
  }
}
