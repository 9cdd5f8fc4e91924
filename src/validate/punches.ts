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

/** What the book keeps of a punch besides its time: its role and the cell it was read from. */
type PunchPlace = Pick<Punch, 'role' | 'row' | 'column'>;

/**
 * Per session of a day, five numbers: how many punches, then the first punch's time and place,
 * then the last one's (see placeOf). Numbers rather than objects: a city's month holds a quarter
 * of a million person-days while attendance is derived (issue 17).
 */
const FIELDS = 5;
const ROLES = [null, 'in', 'out'] as const;

/** A punch's role, row and column as one whole number (below 2^53 for any row and column a sheet has). */
function placeOf(punch: PunchPlace): number {
  return (punch.row * MAX_COLUMNS + punch.column) * 3 + ROLES.indexOf(punch.role);
}

/** A punch of a day named without making it: its session's first (2 × session) or last (2 × session + 1). */
export type PunchRef = number;

/** The whole day taken as one session, as a two-punch or flexible day is judged: its first punch, its last, all of them. */
export const WHOLE_DAY = -1;

/**
 * A person's day as the book holds it, read in place: per session of the day's shift, how many
 * punches and the first and last of them (one punch is both). Nine days in ten are judged on
 * time from these numbers alone; a punch is made (punch()) only for what an event says of it.
 */
export class DayPunches {
  constructor(
    private readonly store: Float64Array,
    private readonly start: number,
  ) {}

  /** The sessions of the day's shift; 0 on a day without a punch. */
  get sessions(): number {
    return this.store[this.start]!;
  }

  /** How many punches fell in a session (or the WHOLE_DAY); 0 for one without (or past the day's sessions). */
  count(session: number): number {
    if (session === WHOLE_DAY) return this.total();
    return session < this.sessions ? this.store[this.start + 1 + session * FIELDS]! : 0;
  }

  /** How many punches the day has in all. */
  total(): number {
    let sum = 0;
    for (let s = 0; s < this.sessions; s++) sum += this.count(s);
    return sum;
  }

  /** A session's first punch; of the WHOLE_DAY, the earliest (of equal ones the earlier session's). Only for a session with punches. */
  first(session: number): PunchRef {
    if (session !== WHOLE_DAY) return 2 * session;
    let earliest = -1;
    for (let s = 0; s < this.sessions; s++) if (this.count(s) > 0 && (earliest < 0 || this.at(2 * s) < this.at(earliest))) earliest = 2 * s;
    return earliest;
  }

  /** A session's last punch (its first when it has one); of the WHOLE_DAY, the latest (of equal ones the later session's). */
  last(session: number): PunchRef {
    if (session !== WHOLE_DAY) return 2 * session + 1;
    let latest = -1;
    for (let s = 0; s < this.sessions; s++) if (this.count(s) > 0 && (latest < 0 || this.at(2 * s + 1) >= this.at(latest))) latest = 2 * s + 1;
    return latest;
  }

  at(punch: PunchRef): Seconds {
    return this.store[this.offset(punch)]!;
  }

  role(punch: PunchRef): PunchRole {
    return ROLES[this.store[this.offset(punch) + 1]! % 3]!;
  }

  /** The punch with the row and column it was read from. */
  punch(punch: PunchRef): Punch {
    const place = this.store[this.offset(punch) + 1]!;
    const cell = Math.floor(place / 3);
    return { at: this.at(punch), role: ROLES[place % 3]!, row: Math.floor(cell / MAX_COLUMNS), column: cell % MAX_COLUMNS };
  }

  /** Where a punch's time is: its session's numbers, then the first's or the last's pair. */
  private offset(punch: PunchRef): number {
    return this.start + 2 + (punch >> 1) * FIELDS + (punch & 1) * 2;
  }
}

/** A day without a punch. */
export const NO_PUNCHES = new DayPunches(new Float64Array(1), 0);

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
   * Files a punch where Schedule.place put it, at the time placed. `session` is the slot a wide
   * sheet names (上午/下午), used when the shift has exactly those two sessions.
   */
  add(personId: string, placed: Placed, punch: PunchPlace, session?: 0 | 1): void {
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
    if (count === 0 || placed.at < day[at + 1]!) {
      day[at + 1] = placed.at;
      day[at + 2] = place;
    }
    if (count === 0 || placed.at >= day[at + 3]!) {
      day[at + 3] = placed.at;
      day[at + 4] = place;
    }
  }

  /** The dates anyone has a punch on (as placed: a night shift's 00:30 is on the day before). */
  punchedDates(): Set<IsoDate> {
    const dates = new Set<IsoDate>();
    for (const person of this.days.values()) for (let i = 0; i < person.length; i += 2) dates.add(person[i] as IsoDate);
    return dates;
  }

  /** The day's punches, per session of its shift; none on a day without. */
  day(personId: string, date: IsoDate): DayPunches {
    const person = this.days.get(personId);
    const where = person ? dayIn(person, date) : -1;
    return where < 0 ? NO_PUNCHES : new DayPunches(this.blocks[Math.floor(where / BLOCK)]!, where % BLOCK);
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
