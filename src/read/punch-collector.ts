import type { WorkCalendar } from '../calendar/calendar.js';
import { DAY, parseClock, type Seconds } from '../calendar/hours.js';
import { LocalDateTime, parseDateText, secondsOfDay, type IsoDate } from '../core/dates.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { cleanName } from '../core/text.js';
import { punchSheet } from '../core/input-sheets.js';
import { isBlank, mapHeader } from './header.js';
import { columnLetter, dateFromCell, type CellValue } from './table.js';
import { FaultReporter, withoutFaults } from './table-collector.js';
import type { CellSink, RawCell, SheetRow } from './xlsx.js';

const punchColumns = punchSheet.columns;

type PunchKey = (typeof punchColumns)[number]['key'];

/** One clocking as read: seconds since midnight, its role if the column says, row and column. */
export interface RawPunch {
  at: Seconds;
  role: 'in' | 'out' | null;
  session: 0 | 1 | null;
  row: number;
  column: number;
}

/**
 * A punch is stored as two small integers (a city's year is millions of them):
 * [at + SPAN × (role code + 3 × session code) + SPAN × 9 × column, row]. SPAN is two days: a
 * 次日 time counts past 24:00 on the day it is written under.
 */
const SPAN = 2 * DAY;
const ROLE = { in: 1, out: 2 } as const;
export function pack(p: RawPunch): [number, number] {
  const role = p.role === null ? 0 : ROLE[p.role];
  const session = p.session === null ? 0 : p.session + 1;
  return [p.at + SPAN * (role + 3 * session) + SPAN * 9 * p.column, p.row];
}

export function unpack(packed: number, row: number): RawPunch {
  const at = packed % SPAN;
  const codes = Math.floor(packed / SPAN);
  const role = codes % 3;
  const session = Math.floor(codes / 3) % 3;
  return { at, role: role === 0 ? null : role === 1 ? 'in' : 'out', session: session === 0 ? null : ((session - 1) as 0 | 1), row, column: Math.floor(codes / 9) };
}

/** How far down a title block may push the header row. */
const HEADER_ROWS = 10;

/** What one cell of times reads as: the clockings in it, a day it carries, or a token that is no time. */
type Token = { at: Seconds } | { day: IsoDate } | { bad: string };

/**
 * Reads the 考勤 sheet as a streaming reader delivers it, in any of its three shapes. It keeps
 * per person (as written: 工号 or 姓名) and day only that day's punches, so memory grows with
 * person-days, not with the rows of a year's export. Rows are checked as they come (dates,
 * times, the calendar's years); people, working hours and the period are applied afterwards,
 * because the 人员 and 设置 sheets may come later in the file.
 *
 * It takes cells one by one (CellSink): the first rows wait whole until the header is known,
 * then each row's cells of the punch columns go into slots by column, with no row object; rows
 * from an in-memory table (CSV) come through add(). Repeated texts (a person's 工号, a day, a
 * clock time) are read once each.
 */
export class PunchCollector implements CellSink {
  readonly problems: Problem[] = [];
  /**
   * person key ("id:0001" or "name:张三") → its punches in row order, three numbers each: the
   * day's index in `dayList`, then the packed pair (see pack). One flat list per person rather
   * than a list per person-day: a city's month is a quarter of a million person-days, and the
   * lists' own headers and growth slack weighed four times the punches (issue 17).
   */
  private readonly punchesOf = new Map<string, number[]>();
  /** The days punches fall on, each once, and their indexes. */
  private readonly dayList: IsoDate[] = [];
  private readonly dayIndex = new Map<IsoDate, number>();
  /** The first row of each person key, for "not in the roster" messages. */
  /** Each person key's first row, its row count, and the 姓名 written beside a 工号 there (to check the 工号 against). */
  readonly firstRow = new Map<string, { row: number; count: number; column: number; name: string | null }>();
  private pending: SheetRow[] | null = [];
  private columns: { key: PunchKey; header: string; index: number }[] = [];
  private shape: 'long' | 'cell' | 'wide' | null = null;
  private readonly uncovered = new Set<number>();
  /** A month has a few dozen distinct date cells and tens of thousands of rows: parse each once. */
  private readonly dates = new Map<string, IsoDate | null>();
  /** Each distinct text of a time cell, read once: its tokens. */
  private readonly times = new Map<string, Token[]>();
  /** Each distinct 工号 or 姓名 text, cleaned once: its person key. */
  private readonly people = new Map<string, string>();
  rows = 0;
  private readonly faults: FaultReporter;
  /** Column → the slot (index in `columns`) of its key, once the header is known; -1 for others. */
  private slotOf: number[] = [];
  /** Key → its slot and column. */
  private keySlot: Partial<Record<PunchKey, number>> = {};
  private keyColumn: Partial<Record<PunchKey, number>> = {};
  /** The row being read: its number and the values of its punch columns by slot. */
  private rowNumber = 0;
  private readonly slots: (RawCell | undefined)[] = [];
  /** While the header is not known: the row being assembled. */
  private assembling: SheetRow | null = null;

  constructor(
    readonly file: string,
    readonly sheet: string,
    private readonly calendar: WorkCalendar,
    private readonly defaultYear: number | undefined,
  ) {
    this.faults = new FaultReporter(file, sheet, this.problems);
  }

  /** Once the header is known, only its punch columns are read. */
  readonly keepColumn = (column: number): boolean => this.pending !== null || (this.slotOf[column] ?? -1) >= 0;

  private at(row: number, column?: number): SourceLocation {
    const c = column === undefined ? undefined : this.columns.find((x) => x.index === column);
    return { file: this.file, sheet: this.sheet, row, ...(c ? { column: c.header, columnLetter: columnLetter(c.index) } : {}) };
  }

  /** Locates a stored punch for messages and the audit. */
  locate(punch: RawPunch): SourceLocation {
    return this.at(punch.row, punch.column);
  }

  row(row: number): void {
    if (this.pending) this.assembling = { row, cells: [] };
    else {
      this.rowNumber = row;
      this.slots.fill(undefined);
    }
  }

  cell(column: number, value: RawCell): void {
    if (this.assembling) this.assembling.cells[column] = value;
    else {
      const slot = this.slotOf[column] ?? -1;
      if (slot >= 0) this.slots[slot] = value;
    }
  }

  end(): void {
    if (this.assembling) {
      const row = this.assembling;
      this.assembling = null;
      this.add(row);
    } else this.take();
  }

  /** A whole row (from an in-memory table, or one of the first rows while the header is sought). */
  add(row: SheetRow): void {
    if (this.pending) {
      // Until the header is found, rows wait (a title block may come first).
      this.pending.push(row);
      if (this.pending.length >= HEADER_ROWS) this.findHeader();
      return;
    }
    this.takeRow(row);
  }

  /** Call after the last row. */
  finish(): void {
    if (this.pending) this.findHeader();
  }

  private findHeader(): void {
    const rows = this.pending ?? [];
    this.pending = null;
    const { table, problems } = mapHeader({ file: this.file, sheet: this.sheet, rows: rows.map(withoutFaults) }, punchColumns);
    this.problems.push(...problems.filter((p) => p.code !== 'column_unknown' && p.code !== 'header_missing'));
    if (!table) {
      this.problems.push(problem('punch_shape_unknown', { file: this.file, sheet: this.sheet }));
      return;
    }
    this.columns = table.columns;
    this.slotOf = [];
    this.columns.forEach((c, slot) => {
      this.slotOf[c.index] = slot;
      this.keySlot[c.key] = slot;
      this.keyColumn[c.key] = c.index;
    });
    this.slots.length = this.columns.length;
    const has = (key: PunchKey) => this.columns.some((c) => c.key === key);
    this.shape = has('time') ? 'long' : has('cell') ? 'cell' : ['amIn', 'amOut', 'pmIn', 'pmOut'].some((k) => has(k as PunchKey)) ? 'wide' : null;
    if (!this.shape || (!has('id') && !has('name'))) {
      this.problems.push(problem('punch_shape_unknown', { file: this.file, sheet: this.sheet, row: table.headerRow }));
      this.shape = null;
      return;
    }
    for (const row of rows) if (row.row > table.headerRow) this.takeRow(row);
  }

  private index(key: PunchKey): number | undefined {
    return this.keyColumn[key];
  }

  private takeRow({ row, cells }: SheetRow): void {
    this.rowNumber = row;
    this.columns.forEach((c, slot) => (this.slots[slot] = cells[c.index]));
    this.take();
  }

  /** The value of a punch column in the current row, a fault reported (and read as empty). */
  private value(key: PunchKey): CellValue {
    const slot = this.keySlot[key];
    if (slot === undefined) return null;
    return this.faults.take(this.slots[slot] ?? null, (this.columns[slot] as { header: string }).header);
  }

  private personKey(idCell: CellValue, nameCell: CellValue): string {
    const [prefix, raw] = !isBlank(idCell) ? ['id:', idCell] : ['name:', nameCell];
    const text = String(raw ?? '');
    const cached = this.people.get(prefix + text);
    if (cached !== undefined) return cached;
    const key = prefix + cleanName(text);
    this.people.set(prefix + text, key);
    return key;
  }

  private take(): void {
    if (!this.shape) return;
    const row = this.rowNumber;
    const idCell = this.value('id');
    const nameCell = this.value('name');
    if (isBlank(idCell) && isBlank(nameCell) && (this.shape === 'long' ? isBlank(this.value('time')) : true)) return;
    this.rows += 1;
    const person = this.personKey(idCell, nameCell);
    const seen = this.firstRow.get(person);
    if (seen) seen.count += 1;
    else this.firstRow.set(person, { row, count: 1, column: (!isBlank(idCell) ? this.index('id') : this.index('name')) ?? 0, name: !isBlank(idCell) && !isBlank(nameCell) ? cleanName(String(nameCell)) : null });

    let day: IsoDate | null = null;
    const dateCell = this.value('date');
    if (!isBlank(dateCell)) {
      if (typeof dateCell === 'string') {
        if (!this.dates.has(dateCell)) this.dates.set(dateCell, dateFromCell(dateCell, this.defaultYear));
        day = this.dates.get(dateCell) ?? null;
      } else day = dateFromCell(dateCell, this.defaultYear);
      if (!day) {
        this.problems.push(problem('date_invalid', this.at(row, this.index('date')), { value: String(dateCell) }));
        return;
      }
    }
    if (this.shape === 'long') this.takeCell('time', null, null, person, day);
    else if (this.shape === 'cell') this.takeCell('cell', null, null, person, day);
    else {
      // A date-time in one slot carries its day to the next.
      day = this.takeCell('amIn', 'in', 0, person, day);
      day = this.takeCell('amOut', 'out', 0, person, day);
      day = this.takeCell('pmIn', 'in', 1, person, day);
      this.takeCell('pmOut', 'out', 1, person, day);
    }
  }

  /** Stores the clockings of one time column of the current row; returns the day they belong to. */
  private takeCell(key: PunchKey, role: 'in' | 'out' | null, session: 0 | 1 | null, person: string, day: IsoDate | null): IsoDate | null {
    const row = this.rowNumber;
    const column = this.index(key) ?? 0;
    const dateIndex = this.index('date');
    for (const token of this.tokensOf(this.value(key))) {
      if ('day' in token) {
        day = token.day;
        continue;
      }
      if ('bad' in token) {
        this.problems.push(problem('time_invalid', this.at(row, column), { value: token.bad }));
        continue;
      }
      if (!day) {
        this.problems.push(problem('value_required', this.at(row, dateIndex)));
        return day;
      }
      if (!this.calendar.covers(day)) {
        const year = Number(day.slice(0, 4));
        if (!this.uncovered.has(year)) {
          this.uncovered.add(year);
          const years = [...this.calendar.coveredYears];
          this.problems.push(problem('calendar_year_unknown', this.at(row, dateIndex ?? column), { value: day, covered: `${Math.min(...years)}–${Math.max(...years)}` }));
        }
        continue;
      }
      const [packed, packedRow] = pack({ at: token.at, role, session, row, column });
      this.store(person, day, packed, packedRow);
    }
    return day;
  }

  /** Keeps one packed punch (see pack) of a person on a day. */
  protected store(person: string, day: IsoDate, packed: number, row: number): void {
    let index = this.dayIndex.get(day);
    if (index === undefined) {
      index = this.dayList.length;
      this.dayList.push(day);
      this.dayIndex.set(day, index);
    }
    const list = this.punchesOf.get(person);
    if (list) list.push(index, packed, row);
    else this.punchesOf.set(person, [index, packed, row]);
  }

  /**
   * Each person key (in the order first read) with their punches by day: days in the order first
   * read, each day's packed pairs (see pack) in row order. Built one person at a time, so only
   * the flat lists stay in memory.
   */
  *personDays(): Generator<[string, Map<IsoDate, number[]>]> {
    for (const [person, list] of this.punchesOf) {
      const byDay = new Map<IsoDate, number[]>();
      for (let i = 0; i < list.length; i += 3) {
        const day = this.dayList[list[i]!]!;
        const pairs = byDay.get(day);
        if (pairs) pairs.push(list[i + 1]!, list[i + 2]!);
        else byDay.set(day, [list[i + 1]!, list[i + 2]!]);
      }
      yield [person, byDay];
    }
  }

  /** What a cell of times reads as, in order; a text is read once however often it repeats. */
  private tokensOf(value: CellValue): Token[] {
    if (typeof value !== 'string') return readTokens(value, this.defaultYear);
    let tokens = this.times.get(value);
    if (!tokens) this.times.set(value, (tokens = readTokens(value, this.defaultYear)));
    return tokens;
  }
}

/** The tokens of a cell of times (see tokens()): each a clocking, the day it carries, or a text that is no time. */
function readTokens(value: CellValue, defaultYear: number | undefined): Token[] {
  return tokens(value).flatMap((token): Token[] => {
    if (isBlank(token)) return [];
    // A date-time in one cell ("2026-10-05 08:01:30" or an Excel date-time) carries its own day.
    const day: Token[] = token instanceof LocalDateTime && token.date !== null ? [{ day: token.date }] : [];
    if (typeof token === 'string' && !/[:：]/.test(token)) {
      const asDate = parseDateText(token, defaultYear);
      if (asDate) return [{ day: asDate }];
    }
    const at = timeOf(token);
    return [...day, at === null ? { bad: String(token) } : { at }];
  });
}

/** A time of day from a cell: an Excel time or date-time (not a date alone), a fraction of a day, or text. */
function timeOf(value: CellValue): Seconds | null {
  if (typeof value === 'number') return value >= 0 && value < 1 ? secondsOfDay(value) : null;
  if (value instanceof LocalDateTime) return value.shows === 'date' ? null : value.timeOfDay;
  if (typeof value === 'string') return nextDayClock(value) ?? parseClock(value);
  return null;
}

/**
 * "次日00:30": a clock-out after midnight that belongs to the row's day (kaohe import writes it
 * so), counted past 24:00 as overnight sessions are.
 */
function nextDayClock(text: string): Seconds | null {
  const m = /^次日(.+)$/.exec(text.trim());
  const at = m ? parseClock(m[1]!) : null;
  return at === null ? null : at + DAY;
}

/** The tokens of a one-cell export: "08:01 11:32 14:58 17:31", or with a date first. */
function tokens(value: CellValue): CellValue[] {
  if (typeof value !== 'string') return [value];
  return value
    .normalize('NFKC')
    .replace(/次日\s+/g, '次日')
    .split(/[\s,;，；、|]+/)
    .filter((t) => t !== '');
}

/** Reads the person key back: 工号 or 姓名. */
export function personOfKey(key: string): { id: string } | { name: string } {
  return key.startsWith('id:') ? { id: key.slice(3) } : { name: key.slice(5) };
}
