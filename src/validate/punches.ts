import type { IsoDate } from '../core/dates.js';
import { sessionOf, type PunchRole, type Seconds } from '../calendar/hours.js';
import type { Placed } from '../calendar/schedule.js';
import { MAX_COLUMNS } from '../read/table.js';

/** One clocking with the row and column it was read from; role is known where the sheet or export states it (上午上班…, 打卡类型, 下班2). */
export interface Punch {
  /** Counted from the midnight of the day whose shift it belongs to (past 86 400 after midnight). */
  at: Seconds;
  role: PunchRole;
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
 * Per session of a day, five numbers: how many punches, then the first punch's time and place,
 * then the last one's (see placeOf). Numbers rather than objects: a city's month holds a quarter
 * of a million person-days while attendance is derived (issue 17).
 */
const FIELDS = 5;
const ROLES = [null, 'in', 'out'] as const;

/** A punch's role, row and column as one whole number (below 2^53 for any row and column a sheet has). */
function placeOf(punch: Punch): number {
  return (punch.row * MAX_COLUMNS + punch.column) * 3 + ROLES.indexOf(punch.role);
}

function punchOf(at: Seconds, place: number): Punch {
  const cell = Math.floor(place / 3);
  return { at, role: ROLES[place % 3]!, row: Math.floor(cell / MAX_COLUMNS), column: cell % MAX_COLUMNS };
}

/** Numbers per block of the book's store: 512 KB, so a city month's book is some thirty blocks. */
const BLOCK = 65_536;

/**
 * Folds punches as they are read into first/last per person, day and session, so memory grows
 * with person-days, not with punch rows (a year of a city hall is millions of rows). Each punch
 * goes to the session it falls in or whose boundary is nearest.
 *
 * A day is its session count, then FIELDS numbers per session, in blocks of typed arrays; each
 * person has their days and where each starts. A city month's quarter of a million person-days
 * were a list and a map entry each on the heap (27 MB at 8,000 staff, while attendance is
 * derived): in typed arrays they take half that, outside the heap V8 grows in proportion to
 * what it holds.
 */
export class PunchBook {
  private readonly blocks: Float64Array[] = [];
  /** Numbers used in the last block. */
  private used = BLOCK;
  /** person → their days and where each starts in the store: date, place, date, place… */
  private readonly days = new Map<string, (IsoDate | number)[]>();

  /**
   * Files a punch where Schedule.place put it (`punch.at` is the placed time). `session` is the
   * slot a wide sheet names (上午/下午), used when the shift has exactly those two sessions.
   */
  add(personId: string, placed: Placed, punch: Punch, session?: 0 | 1): void {
    let person = this.days.get(personId);
    if (!person) this.days.set(personId, (person = []));
    const sessions = placed.shift.sessions;
    let where = dayIn(person, placed.date);
    if (where < 0) {
      where = this.allocate(sessions.length);
      person.push(placed.date, where);
    }
    const day = this.blocks[Math.floor(where / BLOCK)]!;
    const at = (where % BLOCK) + 1 + (session !== undefined && sessions.length === 2 ? session : sessionOf(placed.shift, placed.at, punch.role)) * FIELDS;
    const place = placeOf(punch);
    const count = day[at]!;
    day[at] = count + 1;
    if (count === 0 || punch.at < day[at + 1]!) {
      day[at + 1] = punch.at;
      day[at + 2] = place;
    }
    if (count === 0 || punch.at >= day[at + 3]!) {
      day[at + 3] = punch.at;
      day[at + 4] = place;
    }
  }

  /** The dates anyone has a punch on (as placed: a night shift's 00:30 is on the day before). */
  punchedDates(): Set<IsoDate> {
    const dates = new Set<IsoDate>();
    for (const person of this.days.values()) for (let i = 0; i < person.length; i += 2) dates.add(person[i] as IsoDate);
    return dates;
  }

  /** The day's sessions; a session with one punch has it as both first and last (the same object). */
  day(personId: string, date: IsoDate): DayPunches {
    const person = this.days.get(personId);
    const where = person ? dayIn(person, date) : -1;
    if (where < 0) return NONE;
    const day = this.blocks[Math.floor(where / BLOCK)]!;
    const start = where % BLOCK;
    const sessions: (SessionPunches | null)[] = [];
    for (let s = 0, at = start + 1; s < day[start]!; s++, at += FIELDS) {
      const count = day[at]!;
      if (count === 0) {
        sessions.push(null);
        continue;
      }
      const first = punchOf(day[at + 1]!, day[at + 2]!);
      sessions.push({ first, last: count === 1 ? first : punchOf(day[at + 3]!, day[at + 4]!), count });
    }
    return sessions;
  }

  /** Room for a day of `sessions` sessions, all counts 0: where it starts. */
  private allocate(sessions: number): number {
    const size = 1 + sessions * FIELDS;
    if (this.used + size > BLOCK) {
      this.blocks.push(new Float64Array(BLOCK));
      this.used = 0;
    }
    const where = (this.blocks.length - 1) * BLOCK + this.used;
    this.blocks[this.blocks.length - 1]![this.used] = sessions;
    this.used += size;
    return where;
  }
}

/** Where a person's day starts in the store, or −1; the day last filed is looked at first (punches come a person's day at a time). */
function dayIn(person: readonly (IsoDate | number)[], date: IsoDate): number {
  for (let i = person.length - 2; i >= 0; i -= 2) if (person[i] === date) return person[i + 1] as number;
  return -1;
}
