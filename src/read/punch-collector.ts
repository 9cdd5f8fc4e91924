import { yearCovered, type WorkCalendar } from '../calendar/calendar.js';
import { clock, DAY, parseClock, sameClocking, type Seconds } from '../calendar/hours.js';
import { LocalDateTime, parseDateText, type IsoDate } from '../core/dates.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { cleanName } from '../core/text.js';
import { punchSheet } from '../core/input-sheets.js';
import { findHeader, HEADER_SEARCH_ROWS, isBlank, isUnreadColumn } from './header.js';
import { HeaderWatch } from './header-watch.js';
import type { Merge } from './merges.js';
import { columnLetter, dateFromCell, shownValue, type CellValue } from './table.js';
import { FaultReporter, withoutFaults } from './table-collector.js';
import { CellFault, HiddenColumns, type CellSink, type RawCell, type SheetRow } from './xlsx.js';
import { generalText, isPlainNumberTime } from './number-format.js';

const punchColumns = punchSheet.columns;

type PunchKey = (typeof punchColumns)[number]['key'];
/** The columns that hold times (时间, 打卡时间, 上午上班 …). */
const TIME_KEYS: ReadonlySet<PunchKey> = new Set(punchColumns.filter((c) => c.type === 'time' || c.type === 'punches').map((c) => c.key));

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
  return [packed(p.at, p.role, p.session, p.column), p.row];
}

/** The first number of pack's pair, made without the punch object. */
function packed(at: Seconds, role: RawPunch['role'], session: RawPunch['session'], column: number): number {
  return at + SPAN * ((role === null ? 0 : ROLE[role]) + 3 * (session === null ? 0 : session + 1)) + SPAN * 9 * column;
}

export function unpack(packed: number, row: number): RawPunch {
  const at = packed % SPAN;
  const codes = Math.floor(packed / SPAN);
  const role = codes % 3;
  const session = Math.floor(codes / 3) % 3;
  return { at, role: role === 0 ? null : role === 1 ? 'in' : 'out', session: session === 0 ? null : ((session - 1) as 0 | 1), row, column: Math.floor(codes / 9) };
}

/**
 * What the collector asks of the calendar: the years whose official days it has. Only these, so
 * that a collector on the punch thread (given the years alone) judges a date as one here does.
 */
export type YearsCovered = Pick<WorkCalendar, 'coveredYears'>;

/** For a collector that reads no more (fromSnapshot). */
const NO_YEARS: YearsCovered = { coveredYears: new Set() };

/** Each person key's first row, its row count, and the 姓名 texts written beside a 工号 (to check the 工号 against). */
export interface FirstRow {
  row: number;
  count: number;
  column: number;
  /** Each 姓名 written beside the 工号, in the order first met: 李四 on rows of 王五's 工号 is a slip to say. */
  names: WrittenName[];
}

/** A 姓名 as written beside a 工号 (cleaned as 记录's 姓名 is), the first row and 姓名 column it is on, and its rows. */
export interface WrittenName {
  name: string;
  row: number;
  column: number;
  count: number;
}

/** A punch column the header maps: its key, its header as written, its 0-based column. */
interface PunchColumn {
  key: PunchKey;
  header: string;
  index: number;
}

/** A finished collector as data for another thread (see PunchCollector.snapshot). */
export interface PunchSnapshot {
  file: string;
  sheet: string;
  problems: Problem[];
  rows: number;
  firstRow: Map<string, FirstRow>;
  columns: PunchColumn[];
  people: string[];
  days: IsoDate[];
  uncoveredDays: Map<IsoDate, SourceLocation>;
  punches: Pick<PunchBlocks, 'blocks' | 'count'>;
}

/** The numbers kept of a punch, in this order: its person, its day, the packed pair's first number and its row. */
const FIELD = { person: 0, day: 1, packed: 2, row: 3 } as const;
const FIELDS = 4;
/**
 * Punches per block. A block is made at its full size once and filled; one growing list per
 * column was copied at each growth, three times its size allocated in all (16.6 MB for the
 * 5.4 MB of a 2,000-staff month's punches).
 */
const BLOCK = 8192;

/**
 * Punches as blocks of numbers, FIELDS per punch, in plain lists (V8's heap). Typed arrays of
 * this length are memory glibc maps on its own, and freeing them raised the peak of a
 * 2,000-staff month by ~8 MB (BENCHMARKS.md, issue 17): glibc then keeps later buffers in its heap.
 */
class PunchBlocks {
  constructor(
    /** Past 2³¹ for a far column, a packed number makes its block a list of doubles, exact to 2⁵³. */
    readonly blocks: number[][] = [],
    /** How many punches: the last block holds the last ones and has room after them. */
    public count = 0,
  ) {}

  push(person: number, day: number, packed: number, row: number): void {
    const at = (this.count % BLOCK) * FIELDS;
    if (at === 0) this.blocks.push(new Array<number>(BLOCK * FIELDS));
    const block = this.blocks[this.blocks.length - 1]!;
    block[at + FIELD.person] = person;
    block[at + FIELD.day] = day;
    block[at + FIELD.packed] = packed;
    block[at + FIELD.row] = row;
    this.count += 1;
  }

  /** Punch i's number `field` (one of FIELD). */
  field(i: number, field: (typeof FIELD)[keyof typeof FIELD]): number {
    return this.blocks[Math.floor(i / BLOCK)]![(i % BLOCK) * FIELDS + field]!;
  }
}

/** The words a 打卡类型 cell may hold (kaohe import writes 上班 and 下班; WeCom says 上班打卡). */
const ROLE_WORDS: ReadonlyMap<string, 'in' | 'out'> = new Map([
  ['上班', 'in'],
  ['上班打卡', 'in'],
  ['下班', 'out'],
  ['下班打卡', 'out'],
]);

/** What one cell of times reads as: the clockings in it, a day it carries, or a token that is no time. */
type Token = { at: Seconds } | { day: IsoDate } | { bad: string; plainNumber?: true };
/** In sharedClocks: a shared string not read yet, and one that is not a single plain time. */
const UNREAD = -2;
const NO_CLOCK = -1;

/**
 * Reads the 考勤 sheet as a streaming reader delivers it, in any of its three shapes. It keeps
 * each punch as four numbers in blocks of plain lists (PunchBlocks: person as written, 工号 or 姓名; day;
 * packed time; row; see `stored`), so memory grows with the punches, not with row objects. Rows are checked as they come (dates,
 * times, the calendar's years); people, working hours and the period are applied afterwards,
 * because the 人员 and 设置 sheets may come later in the file.
 *
 * It takes cells one by one (CellSink): the first rows wait whole until the header is known,
 * then each row's cells of the punch columns go into slots by column, with no row object; rows
 * from an in-memory table (CSV) come through add(). Repeated texts (a person's 工号, a day, a
 * clock time) are read once each.
 */
export class PunchCollector implements CellSink {
  /** The punches came from an export, whose import says itself the days nobody punched (export_days_without_punches). */
  readonly fromExport: boolean = false;
  readonly problems: Problem[];
  /**
   * Every punch in row order, as FIELD numbers side by side in blocks (PunchBlocks): its person
   * (index in `personList`), its day (index in `dayList`), the packed pair (see pack) and its row.
   * Blocks rather than a list per person or person-day: a city's month is a quarter of a million
   * person-days, and lists' headers and growth slack weighed four times the punches (issue 17).
   */
  private readonly stored: PunchBlocks;
  /** The person keys ("id:0001" or "name:张三") that have punches, in the order first stored, and their indexes. */
  private readonly personList: string[];
  private readonly personIndex = new Map<string, number>();
  /** The days punches fall on, each once, and their indexes (-1: a day the calendar does not cover). */
  private readonly dayList: IsoDate[];
  private readonly dayIndex = new Map<IsoDate, number>();
  /** Each person key's first row, its row count, and the 姓名 written beside a 工号 there (to check the 工号 against). */
  readonly firstRow: Map<string, FirstRow>;
  /** The first rows, held until the header is known; null once it is. */
  private pending: SheetRow[] | null;
  private columns: PunchColumn[];
  private shape: 'long' | 'cell' | 'wide' | null = null;
  /**
   * Each day of a year the calendar lacks, at its first date cell. Its punches are kept: outside
   * the period they are ignored as any other (a December log running into January); the
   * validator refuses the days the period needs (resolvePunches).
   */
  readonly uncoveredDays: Map<IsoDate, SourceLocation>;
  /** A month has a few dozen distinct date cells and tens of thousands of rows: parse each once. */
  private readonly dates = new Map<string, IsoDate | null>();
  /** Each distinct text of a time cell, read once: its tokens; and by shared-string index. */
  private readonly times = new Map<string, Token[]>();
  private readonly sharedTimes: (Token[] | undefined)[] = [];
  /**
   * By shared-string index: the clock a text of one plain time reads as (08:01), NO_CLOCK for any
   * other text, UNREAD before it is met. Most punches are such a cell, and one number from this
   * small list stores one, where its tokens (a list and an object, each somewhere in the heap)
   * cost a cache miss or more per punch: 70 ms of a 2,000-staff month's read (issue 17).
   */
  private sharedClocks = new Int32Array(0);
  /** Each distinct 工号 or 姓名 text, cleaned once: its person key. */
  private readonly idKeys = new Map<string, string>();
  private readonly nameKeys = new Map<string, string>();
  rows: number;
  private readonly faults: FaultReporter;
  /** Column → the slot (index in `columns`) of its key, once the header is known; -1 for others. */
  private slotOf: number[] = [];
  /**
   * Each key's slot, -1 when the header has no such column. Read by property name in the row
   * loop (keySlot.date), not by a key in a variable: that read, one place for many keys, is slow.
   */
  private keySlot = Object.fromEntries(punchColumns.map((c) => [c.key, -1])) as Record<PunchKey, number>;
  /** The row being read: its number and the values of its punch columns by slot. */
  private rowNumber = 0;
  private readonly slots: (RawCell | undefined)[] = [];
  /** Each slot's shared-string index in the current row, -1 when its value is no shared string. */
  private sharedSlots = new Int32Array(0);
  /** Columns Excel hides in the sheet (HiddenParts), and those of them a read row took a value from (said at the end). */
  private readonly hidden = new HiddenColumns();
  /** The sheet's merges across columns, told before its rows: a header merged over D1:E1 names both columns. */
  private merges: readonly Merge[] = [];
  /** Once the header is known: the columns read for what they say of it (a merged header's, those no header names). */
  private watch: HeaderWatch<PunchKey> | null = null;
  /** While the header is not known: the row being assembled. */
  private assembling: SheetRow | null = null;
  /**
   * What the rows before gave, asked again only when a cell differs: an export lists a person's
   * punches together and a day's punches in a row, so most rows repeat the last 工号, date and day.
   */
  private readonly last = {
    id: undefined as CellValue | undefined,
    name: undefined as CellValue | undefined,
    person: '',
    first: { row: 0, count: 0, column: 0, names: [] } as FirstRow,
    written: null as WrittenName | null,
    dateCell: undefined as CellValue | undefined,
    day: null as IsoDate | null,
    coveredDay: '',
    dayIndex: -1,
    indexed: '',
    personIndex: -1,
  };

  /** A collector to read a sheet with; or, given what one collected (a snapshot), that collector finished. */
  constructor(
    readonly file: string,
    readonly sheet: string,
    private readonly calendar: YearsCovered,
    private readonly defaultYear: number | undefined,
    /** The workbook counts serials from 1904-01-01: a plain number in the 日期 column is read so. */
    private readonly date1904: boolean,
    collected: PunchSnapshot | null = null,
  ) {
    this.problems = collected?.problems ?? [];
    this.rows = collected?.rows ?? 0;
    this.firstRow = collected?.firstRow ?? new Map<string, FirstRow>();
    this.columns = collected?.columns ?? [];
    this.personList = collected?.people ?? [];
    this.dayList = collected?.days ?? [];
    this.uncoveredDays = collected?.uncoveredDays ?? new Map<IsoDate, SourceLocation>();
    this.stored = collected ? new PunchBlocks(collected.punches.blocks, collected.punches.count) : new PunchBlocks();
    this.pending = collected ? null : [];
    this.faults = new FaultReporter(file, sheet, this.problems);
  }

  /** Once the header is known, only its punch columns are read, and the columns watched until they show a value. */
  readonly keepColumn = (column: number): boolean => this.pending !== null || (this.slotOf[column] ?? -1) >= 0 || this.watch?.watches(column) === true;

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
      for (let slot = 0; slot < this.slots.length; slot++) {
        this.slots[slot] = undefined;
        this.sharedSlots[slot] = -1;
      }
    }
  }

  cell(column: number, value: RawCell, shared = -1): void {
    if (this.assembling) this.assembling.cells[column] = value;
    else {
      const slot = this.slotOf[column] ?? -1;
      if (slot >= 0) {
        this.slots[slot] = value;
        this.sharedSlots[slot] = shared;
      } else this.watched(column, value, shared);
    }
  }

  /** A cell of a watched column; the first of a merged header's columns to show a value becomes its punch column, from this row on. */
  private watched(column: number, value: RawCell, shared: number): void {
    const left = this.watch?.see(column, value instanceof CellFault ? null : value, this.rowNumber);
    if (left === undefined) return;
    const slot = this.columns.findIndex((c) => c.index === left);
    this.columns[slot] = { ...this.columns[slot]!, index: column };
    this.slotOf[column] = slot;
    this.slots[slot] = value;
    this.sharedSlots[slot] = shared;
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
      if (this.pending.length >= HEADER_SEARCH_ROWS) this.findHeader();
      return;
    }
    this.takeRow(row);
  }

  hiddenColumns(columns: ReadonlySet<number>): void {
    this.hidden.hide(columns);
  }

  mergedCells(merges: readonly Merge[]): void {
    this.merges = merges.filter((m) => m.right > m.left);
  }

  /** Call after the last row. Hidden punch columns a row's value was read from are named (read and said, as hidden rows are). */
  finish(): void {
    if (this.pending) this.findHeader();
    if (this.watch) this.problems.push(...this.watch.problems());
    this.problems.push(...this.hidden.problems(this.file, this.sheet, (index) => this.columns.find((c) => c.index === index)?.header ?? ''));
  }

  private findHeader(): void {
    const rows = this.pending ?? [];
    this.pending = null;
    const clean = rows.map(withoutFaults);
    const { head: table, problems } = findHeader({ file: this.file, sheet: this.sheet, rows: clean, headerMerges: this.merges }, punchColumns);
    // An export's own columns are not said; values in a merge's columns and under no header are said by the watch, over all rows.
    this.problems.push(...problems.filter((p) => !isUnreadColumn(p) && p.code !== 'header_missing' && p.code !== 'column_merged_values' && p.code !== 'column_merged_unread'));
    if (!table) {
      this.problems.push(problem('punch_shape_unknown', { file: this.file, sheet: this.sheet }));
      return;
    }
    const watch = new HeaderWatch({ file: this.file, sheet: this.sheet, rows: clean.slice(0, table.headerIndex + 1), headerMerges: this.merges }, punchColumns, table.columns.map((c) => c.index));
    // A merged header's punch column is the first of its columns to show a value (watched); until then its first one, read as empty.
    this.columns = table.columns.map((c) => ({ key: c.key, header: c.header, index: watch.mergeAt(c.index) ?? c.index }));
    this.slotOf = [];
    this.columns.forEach((c, slot) => {
      if (watch.mergeAt(c.index) === undefined) this.slotOf[c.index] = slot;
      this.keySlot[c.key] = slot;
    });
    this.slots.length = this.columns.length;
    this.sharedSlots = new Int32Array(this.columns.length).fill(-1);
    const has = (key: PunchKey) => this.columns.some((c) => c.key === key);
    this.shape = has('time') ? 'long' : has('cell') ? 'cell' : ['amIn', 'amOut', 'pmIn', 'pmOut'].some((k) => has(k as PunchKey)) ? 'wide' : null;
    if (!this.shape || (!has('id') && !has('name'))) {
      this.problems.push(problem('punch_shape_unknown', { file: this.file, sheet: this.sheet, row: table.headerRow }));
      this.shape = null;
      return;
    }
    this.watch = watch;
    for (const row of rows) if (row.row > table.headerRow) this.takeRow(row);
  }

  /** The current row's punch columns that hold a value, for the hidden ones to be named. */
  private noteHidden(): void {
    this.columns.forEach((c, slot) => {
      if (this.slots[slot] !== undefined) this.hidden.took(c.index);
    });
  }

  /** The column of a slot, if the header has it. */
  private columnOf(slot: number): number | undefined {
    return slot < 0 ? undefined : this.columns[slot]!.index;
  }

  private takeRow({ row, cells }: SheetRow): void {
    this.rowNumber = row;
    if (this.watch) {
      cells.forEach((value, column) => {
        if ((this.slotOf[column] ?? -1) < 0) this.watched(column, value, -1);
      });
    }
    this.columns.forEach((c, slot) => {
      this.slots[slot] = cells[c.index];
      this.sharedSlots[slot] = -1;
    });
    this.take();
  }

  /** The value of a punch column (by its slot) in the current row, a fault reported (and read as empty). */
  private value(slot: number): CellValue {
    if (slot < 0) return null;
    const column = this.columns[slot]!;
    return this.faults.take(this.slots[slot] ?? null, column.header, TIME_KEYS.has(column.key));
  }

  private personKey(idCell: CellValue, nameCell: CellValue): string {
    const byId = !isBlank(idCell);
    const raw = byId ? idCell : nameCell;
    const text = typeof raw === 'string' ? raw : String(raw ?? '');
    const keys = byId ? this.idKeys : this.nameKeys;
    const cached = keys.get(text);
    if (cached !== undefined) return cached;
    const key = (byId ? 'id:' : 'name:') + cleanName(text);
    keys.set(text, key);
    return key;
  }

  /** The entry of a 姓名 written beside a person key's 工号, made on its first row. */
  private writtenName(first: FirstRow, name: string, row: number): WrittenName {
    const known = first.names.find((n) => n.name === name);
    if (known) return known;
    const written = { name, row, column: this.columnOf(this.keySlot.name) ?? 0, count: 0 };
    first.names.push(written);
    return written;
  }

  private take(): void {
    if (!this.shape) return;
    const row = this.rowNumber;
    const idCell = this.value(this.keySlot.id);
    const nameCell = this.value(this.keySlot.name);
    const nobody = isBlank(idCell) && isBlank(nameCell);
    // Only an empty row is skipped.
    if (nobody && !this.holdsAny()) return;
    this.rows += 1;
    const dateCell = this.value(this.keySlot.date);
    // A row naming nobody, or naming someone with neither a day nor a time (a time of an unquoted
    // multi-line cell fallen into 工号), has no punch to keep: refused at its empty cells, as a
    // row of 记录 is, before it names anyone.
    const undated = isBlank(dateCell) && !this.holdsTime();
    if (nobody || undated) {
      if (nobody) this.problems.push(problem('value_required', this.at(row, this.columnOf(this.keySlot.id) ?? this.columnOf(this.keySlot.name))));
      if (undated && !this.dateFaulted()) {
        const at = this.at(row, this.columnOf(this.keySlot.date) ?? this.columnOf(this.timeSlot()));
        // A line that names something but holds no punch: a footer (制表人：…) or a section title, or a stray time.
        const written = [idCell, nameCell].filter((v) => !isBlank(v)).map((v) => shownValue(v)).join(' ');
        this.problems.push(nobody ? problem('value_required', at) : problem('punch_row_without_punch', at, { value: written }));
      }
      return;
    }
    // Most sheets hide no column: one check a row.
    if (this.hidden.any) this.noteHidden();
    const last = this.last;
    // A person's rows usually come together: the same cells as the row before are the same person.
    if (idCell !== last.id || nameCell !== last.name || last.person === '') {
      last.id = idCell;
      last.name = nameCell;
      last.person = this.personKey(idCell, nameCell);
      const seen = this.firstRow.get(last.person);
      last.first = seen ?? { row, count: 0, column: (!isBlank(idCell) ? this.columnOf(this.keySlot.id) : this.columnOf(this.keySlot.name)) ?? 0, names: [] };
      if (!seen) this.firstRow.set(last.person, last.first);
      last.written = isBlank(idCell) || isBlank(nameCell) ? null : this.writtenName(last.first, cleanName(String(nameCell)), row);
    }
    last.first.count += 1;
    if (last.written) last.written.count += 1;
    const person = last.person;

    let day: IsoDate | null = null;
    if (!isBlank(dateCell)) {
      if (dateCell === last.dateCell) day = last.day;
      else if (typeof dateCell === 'string') {
        if (!this.dates.has(dateCell)) this.dates.set(dateCell, dateFromCell(dateCell, this.defaultYear, this.date1904));
        day = this.dates.get(dateCell) ?? null;
        last.dateCell = dateCell;
        last.day = day;
      } else day = dateFromCell(dateCell, this.defaultYear, this.date1904);
      if (!day) {
        this.problems.push(problem('date_invalid', this.at(row, this.columnOf(this.keySlot.date)), { value: String(dateCell) }));
        return;
      }
      if (dateCell instanceof LocalDateTime && dateCell.shows === 'datetime' && dateCell.seconds !== 0) this.checkDateTime(row, dateCell);
    }
    // Without a 打卡类型 column (most sheets) no cell is read for it.
    const role = this.keySlot.role < 0 ? null : this.roleOf(row);
    if (this.shape === 'long') this.takeCell(this.keySlot.time, role, null, person, day);
    else if (this.shape === 'cell') this.takeCell(this.keySlot.cell, role, null, person, day, true);
    else {
      // A date-time in one slot carries its day to the next.
      day = this.takeCell(this.keySlot.amIn, 'in', 0, person, day);
      day = this.takeCell(this.keySlot.amOut, 'out', 0, person, day);
      day = this.takeCell(this.keySlot.pmIn, 'in', 1, person, day);
      this.takeCell(this.keySlot.pmOut, 'out', 1, person, day);
    }
  }

  /**
   * A 日期 cell showing a time (2026-10-12 07:55) beside 时间 09:30: which is the clocking cannot be
   * told, so it is refused at the 日期 cell, as a 时间 cell showing another day is at its own. Its
   * time among the row's times (to the minute where either shows none: sameClocking), or 00:00 (a
   * date in a cell formatted with hh:mm), says nothing new.
   */
  private checkDateTime(row: number, dateCell: LocalDateTime): void {
    const cells = this.timeSlots()
      .filter((slot) => slot >= 0)
      .map((slot) => ({ value: this.value(slot), shared: this.sharedSlots[slot] ?? -1 }));
    if (cells.some(({ value, shared }) => this.tokensOf(value, shared).some((t) => 'at' in t && sameClocking(t.at, dateCell.seconds)))) return;
    const shown = cells.map(({ value }) => value).filter((v) => !isBlank(v)).map(shownValue);
    this.problems.push(problem('punch_date_time_differs', this.at(row, this.columnOf(this.keySlot.date)), { value: String(dateCell), time: clock(dateCell.seconds), times: shown.join(' ') }));
  }

  /** The slots of the columns that hold the times, by the sheet's shape. */
  private timeSlots(): number[] {
    const { time, cell, amIn, amOut, pmIn, pmOut } = this.keySlot;
    return this.shape === 'long' ? [time] : this.shape === 'cell' ? [cell] : [amIn, amOut, pmIn, pmOut];
  }

  /** Whether the current row has anything in a time column (a fault, said where read, counts). Asked only of rows without a 日期. */
  private holdsTime(): boolean {
    return this.timeSlots().some((slot) => this.holds(slot));
  }

  /** Whether any punch column of the current row holds something. Asked only of rows naming nobody. */
  private holdsAny(): boolean {
    for (let slot = 0; slot < this.slots.length; slot++) if (this.holds(slot)) return true;
    return false;
  }

  private holds(slot: number): boolean {
    const value = slot < 0 ? undefined : this.slots[slot];
    return value instanceof CellFault || !isBlank(value);
  }

  /** The first time column of the sheet's shape (时间, 打卡时间, or the first of 上午上班 … 下午下班 it has). */
  private timeSlot(): number {
    return this.timeSlots().find((slot) => slot >= 0) ?? -1;
  }

  /** The row's 打卡类型: 上班 or 下班, null when blank; anything else is refused at its cell. */
  private roleOf(row: number): 'in' | 'out' | null {
    const value = this.value(this.keySlot.role);
    if (isBlank(value)) return null;
    // 上班/下班 as kaohe import writes them are found as they are, without a normalized copy per row.
    const role = typeof value === 'string' ? (ROLE_WORDS.get(value) ?? ROLE_WORDS.get(value.normalize('NFKC').replace(/\s+/g, ''))) : undefined;
    if (role === undefined) this.problems.push(problem('punch_role_invalid', this.at(row, this.columnOf(this.keySlot.role)), { value: String(value) }));
    return role ?? null;
  }

  /**
   * A 打卡类型 on a row of several times (08:45 12:05 13:20 17:40, 下班) cannot say which of them
   * it is: refused at its cell, and the times read without a role. One time keeps the role.
   */
  private oneTimeRole(row: number, role: 'in' | 'out', tokens: readonly Token[]): 'in' | 'out' | null {
    const times = tokens.filter((t) => 'at' in t).length;
    if (times <= 1) return role;
    this.problems.push(problem('punch_role_several_times', this.at(row, this.columnOf(this.keySlot.role)), { value: String(this.value(this.keySlot.role)), count: times }));
    return null;
  }

  /**
   * Stores the clockings of one time column of the current row; returns the day they belong to.
   * `stated`: the role its slot or its row gives; `byRow`: the row's 打卡类型, which a cell of several
   * times cannot take (oneTimeRole), read from the tokens the cell is stored from.
   */
  private takeCell(slot: number, stated: 'in' | 'out' | null, session: 0 | 1 | null, person: string, day: IsoDate | null, byRow = false): IsoDate | null {
    const row = this.rowNumber;
    const column = this.columnOf(slot) ?? 0;
    const shared = this.sharedSlots[slot] ?? -1;
    // One plain time on a row whose day is known and covered, as nearly every punch is: stored
    // as the loop below would store its one token (a role the row states is the cell's own).
    if (shared >= 0 && day !== null) {
      const clock = this.sharedClock(shared, slot);
      const dayIndex = clock === NO_CLOCK ? -1 : this.coveredDay(day);
      if (dayIndex >= 0) {
        this.stored.push(this.personOf(person), dayIndex, packed(clock, stated, session, column), row);
        return day;
      }
    }
    const dateIndex = this.columnOf(this.keySlot.date);
    const value = this.value(slot);
    const tokens = this.tokensOf(value, shared);
    const role = byRow && stated !== null ? this.oneTimeRole(row, stated, tokens) : stated;
    for (const token of tokens) {
      if ('day' in token) {
        // A row has one day (its date cell, or the first date written): a time is never moved to another.
        if (day !== null && token.day !== day) {
          this.problems.push(problem('punch_date_off_row', this.at(row, column), { value: String(value), stated: token.day, date: day }));
          return day;
        }
        day = token.day;
        continue;
      }
      if ('bad' in token) {
        if (token.plainNumber) this.problems.push(problem('time_plain_number', this.at(row, column), { value: token.bad }));
        else this.problems.push(problem('time_invalid', this.at(row, column), { value: token.bad, ...cellBeside(token.bad, value) }));
        continue;
      }
      if (!day) {
        // A date cell holding #DIV/0! or a formula without its result is reported as that, once.
        if (!this.dateFaulted()) this.problems.push(problem('value_required', this.at(row, dateIndex)));
        return day;
      }
      let dayIndex = this.coveredDay(day);
      if (dayIndex < 0) dayIndex = this.uncoveredDay(day, this.at(row, dateIndex ?? column));
      this.stored.push(this.personOf(person), dayIndex, packed(token.at, role, session, column), row);
    }
    return day;
  }

  /** The index of a day of a year the calendar lacks, noting where it is first met (uncoveredDays). */
  protected uncoveredDay(day: IsoDate, where: SourceLocation): number {
    if (!this.uncoveredDays.has(day)) this.uncoveredDays.set(day, where);
    return this.dayOf(day);
  }

  /** The current row's date cell is a fault (an error value, a formula without its result), reported when read. */
  private dateFaulted(): boolean {
    return this.keySlot.date >= 0 && this.slots[this.keySlot.date] instanceof CellFault;
  }

  /** A covered day's index (dayOf); -1 for a day of a year the calendar does not cover, which uncoveredDay notes and indexes. */
  private coveredDay(day: IsoDate): number {
    if (day === this.last.coveredDay) return this.last.dayIndex;
    const index = this.coveredDayOf(day);
    this.last.coveredDay = day;
    this.last.dayIndex = index;
    return index;
  }

  private coveredDayOf(day: IsoDate): number {
    if (!yearCovered(this.calendar.coveredYears, day)) return -1;
    return this.dayOf(day);
  }

  /** A day's index, given it when first met. */
  private dayOf(day: IsoDate): number {
    const known = this.dayIndex.get(day);
    if (known !== undefined) return known;
    this.dayList.push(day);
    this.dayIndex.set(day, this.dayList.length - 1);
    return this.dayList.length - 1;
  }

  private personOf(person: string): number {
    if (person === this.last.indexed) return this.last.personIndex;
    let index = this.personIndex.get(person);
    if (index === undefined) {
      index = this.personList.length;
      this.personList.push(person);
      this.personIndex.set(person, index);
    }
    this.last.indexed = person;
    this.last.personIndex = index;
    return index;
  }

  /** Keeps one packed punch (see pack) of a person on a day, for punches taken from an export (a day the calendar lacks noted first: uncoveredDay). */
  protected store(person: string, day: IsoDate, packedPunch: number, row: number): void {
    this.stored.push(this.personOf(person), this.dayOf(day), packedPunch, row);
  }

  /**
   * Each person key (in the order first read) with their punches by day: days in the order first
   * read, each day's packed pairs (see pack) in row order. Built one person at a time, so beside
   * the blocks only an order of the punches (one number each) is held for all.
   */
  *personDays(): Generator<[string, Map<IsoDate, number[]>]> {
    const stored = this.stored;
    const { count } = stored;
    // The punches grouped by person, keeping row order within each (a counting sort).
    const start = new Int32Array(this.personList.length + 1);
    for (let i = 0; i < count; i++) start[stored.field(i, FIELD.person) + 1]! += 1;
    for (let p = 0; p < this.personList.length; p++) start[p + 1]! += start[p]!;
    const order: number[] = new Array<number>(count).fill(0);
    const next = start.slice(0, -1);
    for (let i = 0; i < count; i++) order[next[stored.field(i, FIELD.person)]!++] = i;
    for (let p = 0; p < this.personList.length; p++) {
      const byDay = new Map<IsoDate, number[]>();
      for (let k = start[p]!; k < start[p + 1]!; k++) {
        const i = order[k]!;
        const date = this.dayList[stored.field(i, FIELD.day)]!;
        const packedPunch = stored.field(i, FIELD.packed);
        const row = stored.field(i, FIELD.row);
        const pairs = byDay.get(date);
        if (pairs) pairs.push(packedPunch, row);
        else byDay.set(date, [packedPunch, row]);
      }
      yield [this.personList[p]!, byDay];
    }
  }

  /**
   * What was collected, as plain data for another thread (copied by postMessage: the punches
   * of a 2,000-staff month are ~5 MB). fromSnapshot makes the same collector of it.
   */
  snapshot(): PunchSnapshot {
    const { blocks, count } = this.stored;
    return { file: this.file, sheet: this.sheet, problems: this.problems, rows: this.rows, firstRow: this.firstRow, columns: this.columns, people: this.personList, days: this.dayList, uncoveredDays: this.uncoveredDays, punches: { blocks, count } };
  }

  /** The collector a snapshot was taken of, finished: only what it collected can be asked of it. */
  static fromSnapshot(snapshot: PunchSnapshot): PunchCollector {
    return new PunchCollector(snapshot.file, snapshot.sheet, NO_YEARS, undefined, false, snapshot);
  }

  /** The clock of the shared string `shared` (the value of `slot`) when it is one plain time and nothing else; else NO_CLOCK. Read once per string. */
  private sharedClock(shared: number, slot: number): number {
    if (shared >= this.sharedClocks.length) {
      const grown = new Int32Array(Math.max(shared + 1, 2 * this.sharedClocks.length)).fill(UNREAD);
      grown.set(this.sharedClocks);
      this.sharedClocks = grown;
    }
    let clock = this.sharedClocks[shared]!;
    if (clock === UNREAD) {
      const tokens = this.tokensOf(this.value(slot), shared);
      const only = tokens.length === 1 ? tokens[0]! : null;
      clock = only !== null && 'at' in only ? only.at : NO_CLOCK;
      this.sharedClocks[shared] = clock;
    }
    return clock;
  }

  /** What a cell of times reads as, in order; a text is read once however often it repeats. */
  private tokensOf(value: CellValue, shared: number): Token[] {
    if (typeof value !== 'string') return readTokens(value);
    // A shared string's tokens by its index: a list read instead of a text hashed per punch.
    if (shared >= 0) {
      const known = this.sharedTimes[shared];
      if (known !== undefined) return known;
    }
    let tokens = this.times.get(value);
    if (!tokens) this.times.set(value, (tokens = readTokens(value)));
    if (shared >= 0) {
      while (this.sharedTimes.length <= shared) this.sharedTimes.push(undefined);
      this.sharedTimes[shared] = tokens;
    }
    return tokens;
  }
}

/**
 * The tokens of a cell of times (see tokens()): each a clocking, the day it carries, or a text that
 * is no time. A date in it is a whole one, year written ("2026-10-05 08:01:30"): "11.30" or "8.30"
 * is no date but a time mistyped, and is reported as one.
 */
function readTokens(value: CellValue): Token[] {
  return tokens(value).flatMap((token): Token[] => {
    if (isBlank(token)) return [];
    // A date-time in one cell ("2026-10-05 08:01:30" or an Excel date-time) carries its own day.
    const day: Token[] = token instanceof LocalDateTime && token.date !== null ? [{ day: token.date }] : [];
    if (typeof token === 'string' && !/[:：]/.test(token)) {
      const asDate = parseDateText(token);
      if (asDate) return [{ day: asDate }];
    }
    // A number Excel shows as a number (0.722222222, 7.55) is no time, whatever it would be as a fraction of a day.
    if (isPlainNumberTime(token)) return [{ bad: generalText(token), plainNumber: true }];
    const at = timeOf(token);
    return [...day, at === null ? { bad: shownValue(token) } : { at }];
  });
}

/** The cell's text beside one token of it that is no time (上午 of 上午 7:55), so the clerk sees what was written; nothing when the token is the whole cell. */
function cellBeside(token: string, value: CellValue): { cell?: string } {
  const shown = shownValue(value);
  return shown.trim() === token ? {} : { cell: shown };
}

/** A time of day from a cell: an Excel time or date-time (not a date alone), or text. */
function timeOf(value: CellValue): Seconds | null {
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
