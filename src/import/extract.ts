import { addDays, type CalendarSource } from '../calendar/calendar.js';
import { DAY, type Seconds } from '../calendar/hours.js';
import type { IsoDate } from '../core/dates.js';
import { monthsChinese } from '../core/period.js';
import { firstPlaceArgs, problem, type Problem, type ProblemCode, type SourceLocation } from '../core/problems.js';
import type { RowFault } from '../read/sheet-source.js';
import { faultProblem } from '../read/xlsx.js';
import { columnLetter, type CellValue, type RawRow } from '../read/table.js';
import { cellText, columnOf, labelKeyOf, type FoundHeader } from './header.js';
import { generalText, isPlainNumberTime } from '../read/number-format.js';
import { clockNumber, idKey, personName, unitName, writtenId } from './identity.js';
import { halfDaySpans, lengthText, leaveOfTheRowAlone, parseLeaveText, untypedLeave, type LeaveSpan } from './leave-text.js';
import { punchLocation, type ImportData, type PunchSheet } from './model.js';
import type { ColumnKey, Profile, VerdictKind } from './profile.js';
import { cardsOf, type Card, type Labels } from './cards.js';
import { dayColumns, holidayMisfit, holidaysInRow, weekdayRowMisfit, type DayColumn, type DayRange } from './days.js';
import { legendSentence, legendUnder, readStatus, type CellStatus } from './legend.js';
import { titleMonth } from './range.js';
import { blankSet, fold, isBlankValue, parseCount, parseExportDate, parsePunchTimes, parseMinutes, parseShiftSessions, shiftText, weekdayConflict, WEEKDAYS, weekdayOf, type DateTime, type PunchTime, type ShiftSession } from './values.js';

/**
 * The one normaliser: runs a profile over a sheet's rows and adds what it finds to the import —
 * people, punches, corrections, leave, stated shifts and rest days, the platform's verdicts.
 * Every value a used column holds is read exactly or reported (file › sheet › row › column).
 */
interface SheetRun {
  file: string;
  sheet: string;
  profile: Profile;
  /** null for a headerless log (attlog): columns by position. */
  header: FoundHeader | null;
  /** Take punches and corrections from this sheet (one punch source per file). */
  punches: boolean;
  /** Only days in --from/--to are kept; rows outside are counted. */
  fromTo: { first: IsoDate; last: IsoDate } | null;
  /**
   * The run's period where the command line states it before anything is read (--period): punches
   * outside it are counted and dropped as they are read, as the run drops them after (keepPeriod),
   * so a clock's log of years is never held. Unlike `fromTo`, the days the sheet is about still take them.
   */
  keep: { first: IsoDate; last: IsoDate } | null;
  /** For dates written without a year. */
  year: number | undefined;
  /** The workbook counts serials from 1904-01-01: a plain number where a date belongs is read so. */
  date1904: boolean;
  /** The export's covered range, for grids whose day columns are bare day numbers; stated when the title says it. */
  range: DayRange | null;
  /** A range in the title without a year and nothing to place it by (no period): why day numbers cannot be placed. */
  yearless?: { text: string; row: number; index: number } | null;
  /** The working calendar a holiday named in a header is checked against. */
  calendar: CalendarSource;
}

interface Who {
  key: string;
}

/** An expected punch's slot of the day (WeCom 打卡详情): 上班 or 下班 at its 应打卡时间. */
interface Slot {
  role: 'in' | 'out';
  at: Seconds;
}

/** Leave read from an expected punch's row, placed on that slot's session once the day's rows are all read. */
interface SlotLeave extends Slot {
  who: Who;
  date: IsoDate;
  spans: LeaveSpan[];
  row: number;
  index: number | undefined;
}

const NO_FAULTS: ReadonlySet<number> = new Set();

/** Text, a number, true/false or nothing: equal when ===, unlike a date cell (an object). */
const isPlain = (value: CellValue): boolean => value === null || typeof value !== 'object';

export class SheetExtractor {
  private readonly blanks: Set<string>;
  private readonly column = new Map<ColumnKey, number>();
  private readonly days: DayColumn[] | null = null;
  private readonly slots: { role: 'in' | 'out'; pair: number; time: number | undefined; result: number | undefined }[];
  private readonly verdictColumns: { kind: VerdictKind; read: 'minutes' | 'count' | 'flag'; index: number }[];
  /** Blocks (KQ803): the person named by the label row, for the times row below it. */
  private pendingBlock: Who | null = null;
  private blockDays: DayColumn[] | null = null;
  /** The day row was found and reported (its days do not fit): the blocks below are not read. */
  private blockDaysRefused = false;
  /** Cards side by side (考勤卡表): their bands, and the rows below the header, read once the sheet is through. */
  private readonly cards: Card[] = [];
  private readonly cardRows: RawRow[] = [];
  /** The sheet a punch's location is made from, when a message needs it. */
  private readonly sheetRef: PunchSheet;
  /** A column of a month repeats a few words (正常, 考勤机M2) and dates tens of thousands of times: each is read once. */
  private readonly folded = new Map<string, string>();
  private readonly dates = new Map<string, DateTime | null>();
  private readonly marked = new Map<keyof Profile['match'], Map<string, boolean>>();
  private readonly verdictWords = new Map<string, { kind: VerdictKind; piece: string }[]>();
  /** Sessions stated row by row (应签到/应签退), gathered per person-day until the sheet ends. */
  private readonly stated = new Map<string, { who: Who; date: IsoDate; sessions: ShiftSession[]; where: SourceLocation }>();
  /** Per-session rows seen (person, day, 时段 → row and the used cells' text), to find one written twice. */
  private readonly sessionRows = new Map<string, { row: number; values: string[] }>();
  /** A row per expected punch (WeCom 打卡详情): each person-day's 上班/下班 times, paired into sessions once the sheet ends. */
  private readonly expected = new Map<string, { who: Who; date: IsoDate; punches: Slot[]; where: SourceLocation }>();
  /** Leave written on such a row without a span of its own: it covers that row's session, known once the day's rows are all read. */
  private readonly slotLeaves: SlotLeave[] = [];
  /** Hand-kept status grids: the sheet's own legend (symbol → category name), and the day cells read once it is complete. */
  private readonly symbols = new Map<string, string>();
  /** The first 考勤时间 cell not read as a time, and how many were not (said once, at finish). */
  private scheduledUnread: { row: number; value: string; count: number } | null = null;
  private readonly statusCells: { who: Who; date: IsoDate; text: string; row: number; index: number }[] = [];
  /** The first and last day the sheet's rows (or day columns) are about: what a sheet without a stated range speaks for. */
  span: { first: IsoDate; last: IsoDate } | null = null;
  /** The first and last day of the punches the sheet holds, kept in the period or not: what a stated range is checked against. */
  punched: { first: IsoDate; last: IsoDate } | null = null;

  constructor(
    private readonly run: SheetRun,
    private readonly data: ImportData,
  ) {
    const { profile, header } = run;
    this.sheetRef = { file: run.file, sheet: run.sheet, headers: header ? header.names.map((n) => n[0] ?? '') : [] };
    this.blanks = blankSet(profile.blankWords);
    if (header) for (const [key, index] of header.columns) this.column.set(key, index);
    else for (const [key, aliases] of Object.entries(profile.columns)) {
      const position = /^#(\d+)$/.exec(aliases?.[0] ?? '');
      if (position) this.column.set(key as ColumnKey, Number(position[1]) - 1);
    }
    // 上班1 下班1 上班2 下班2 …: a slot's pair is the number of clock-ins up to it, less one.
    let ins = 0;
    this.slots = (profile.slots ?? []).map((s) => {
      if (s.role === 'in') ins += 1;
      return { role: s.role, pair: Math.max(0, ins - 1), time: header ? columnOf(header, s.time) : undefined, result: s.result && header ? columnOf(header, s.result) : undefined };
    });
    this.verdictColumns = Object.entries(profile.verdicts ?? {}).flatMap(([kind, v]) =>
      v.columns.flatMap((c) => {
        const index = header ? columnOf(header, c) : undefined;
        return index === undefined ? [] : [{ kind: kind as VerdictKind, read: v.read, index }];
      }),
    );
    // A legend may sit in the title block: category names over their symbols, or a sentence.
    if (header && profile.legend) header.title.forEach((r, i) => this.legendRow(r, header.title[i - 1]?.cells ?? []));
    if (header && profile.shape === 'cards') this.cards = cardsOf(header, profile, this.labelValues);
    if (header && (profile.shape === 'grid' || ((profile.shape === 'summary' || profile.shape === 'day') && profile.cells))) {
      const found = dayColumns(header, new Set(this.column.values()), run.range, run.year, run.date1904);
      if ('problem' in found) {
        // Day numbers found but not placed: the days the run is about are unknown.
        if (found.problem === 'export_days_unknown' && found.args.first !== undefined) this.daysUnknown(header.lastRow, found.args.first);
        else this.report(found.problem, { row: header.lastRow, ...(found.index === undefined ? {} : { index: found.index }) }, found.args);
      } else {
        this.days = found.columns;
        this.checkHolidays(found.columns, (d) => ({ row: header.lastRow, index: d.index }));
        this.checkDaysInRange(header, found.columns);
        this.checkTitleMonth(header, found.columns);
        const above = header.title[header.title.length - 1];
        if (above) this.checkWeekdayRow(above);
        if (header.weekdays) this.checkWeekdayRow(header.weekdays);
      }
    }
  }

  /**
   * Day numbers that cannot be placed: when the title states a range without a year (统计日期：
   * 12-01 至 12-31) and no period was given, said at that range, as its year is what is missing.
   */
  private daysUnknown(row: number, first?: string | number): void {
    const yearless = this.run.yearless;
    // With the days known (a title's range, --period, --from/--to) what is missing is the row of day numbers, not the period.
    const firstArg: Record<string, string | number> = { ...(first === undefined ? {} : { first }), ...(this.run.range ? { profile: this.run.profile.name } : {}) };
    if (!yearless) {
      this.report('export_days_unknown', { row }, firstArg);
      return;
    }
    const at = { file: this.run.file, sheet: this.run.sheet, row: yearless.row, columnLetter: columnLetter(yearless.index) };
    this.data.problems.push(problem('export_range_without_year', at, { ...firstArg, range: yearless.text }));
  }

  /**
   * Day columns none of which falls in the days the sheet is taken for (the period, --from/--to,
   * or a stated range), as a grid headed by October's dates is for a November run: it is of
   * another month and would give nothing for this one without a word. Stops at the first day's
   * header; a grid that overlaps (a 26th-to-25th cycle) keeps its days inside.
   */
  private checkDaysInRange(header: FoundHeader, days: readonly DayColumn[]): void {
    const range = this.run.range;
    const first = days[0];
    if (!range || !first || days.some((d) => d.date >= range.first && d.date <= range.last)) return;
    this.report('grid_days_outside', { row: header.lastRow, index: first.index }, { date: first.date, first: range.first, last: range.last });
  }

  /**
   * A grid's title naming another month than its days were placed in (a hand-kept sheet copied
   * from last month keeps its title): said at the title, the days kept, as the spec has titles stale.
   */
  private checkTitleMonth(header: FoundHeader, days: readonly DayColumn[]): void {
    const named = titleMonth(header.title);
    if (!named) return;
    const months = [...new Set(days.map((d) => d.date.slice(0, 7)))];
    const fits = (m: string) => named.months.some((n) => Number(m.slice(5)) === n.month && (n.year === null || Number(m.slice(0, 4)) === n.year));
    if (months.some(fits)) return;
    const placed = monthsChinese(months);
    // At the title's cell by its letter: the column's header names a day or a person, not the title.
    const at = { file: this.run.file, sheet: this.run.sheet, row: named.row, columnLetter: columnLetter(named.index) };
    this.data.problems.push(problem('grid_title_month_differs', at, { title: named.text, placed }, 'warning'));
  }

  /**
   * A row of weekdays right over or under the day numbers must fit the dates the days were given
   * (from the period or the stated range): one that does not (1 under 四, while 2026-11-01 is a
   * Sunday) shows the grid is of another month, and the run stops at its first such cell.
   */
  private checkWeekdayRow(row: RawRow, days: readonly DayColumn[] = this.days ?? []): void {
    this.checkHolidays(holidaysInRow(row.cells, days), (d) => ({ row: row.row, index: d.index }));
    const misfit = weekdayRowMisfit(row.cells, days);
    if (!misfit) return;
    const { index, ...args } = misfit;
    // Person blocks have no header over their day columns (their "header" is the first label row).
    if (this.run.profile.shape === 'blocks') this.reportByLetter('grid_weekday_differs', row.row, index, args);
    else this.report('grid_weekday_differs', { row: row.row, index }, args);
  }

  /**
   * A holiday's name in a day's place (国庆节 over 2026-11-02) is the export's own statement of
   * that day, as a weekday is: one the official calendar does not have as a holiday stops the
   * run at its first such cell. `at` gives a day's cell (a card's days run down a column).
   */
  private checkHolidays(days: readonly DayColumn[], at: (day: DayColumn) => { row: number; index: number }): void {
    if (!days.some((d) => d.holiday !== undefined)) return;
    const misfit = holidayMisfit(days, this.run.calendar());
    if (!misfit) return;
    const { day, ...args } = misfit;
    const cell = at(day);
    if (this.run.profile.shape === 'grid') this.report('grid_holiday_differs', cell, args);
    else this.reportByLetter('grid_holiday_differs', cell.row, cell.index, args);
  }

  /** A problem at a cell named by its letter alone, where the header row says nothing of the column. */
  private reportByLetter(code: ProblemCode, row: number, index: number | undefined, args: Record<string, string | number>): void {
    const at = { file: this.run.file, sheet: this.run.sheet, row, ...(index === undefined ? {} : { columnLetter: columnLetter(index) }) };
    this.data.problems.push(problem(code, at, args));
  }

  private where(row: number, index?: number): SourceLocation {
    return index === undefined ? { file: this.run.file, sheet: this.run.sheet, row } : punchLocation({ sheet: this.sheetRef, row, column: index });
  }

  /** A grid whose day columns are one 上班/下班 pair a day holds one clock-in and one clock-out a day (not two pairs: 上午, 下午). */
  get twoPunchesADay(): boolean {
    const clockIns = (this.days ?? []).filter((d) => d.role === 'in').map((d) => d.date);
    return this.run.profile.cells === 'times' && (this.days ?? []).some((d) => d.role !== null) && new Set(clockIns).size === clockIns.length;
  }

  /** Whether the layout reads this column (grids and person blocks read every day column); the reader skips the others unread. */
  readonly uses = (column: number): boolean => this.used === null || this.used.has(column);

  /** The columns read, or null for all (grids and person blocks). */
  private get used(): ReadonlySet<number> | null {
    const shape = this.run.profile.shape;
    if (shape === 'blocks' || shape === 'grid' || shape === 'cards') return null;
    this.usedColumns ??= new Set([
      ...this.column.values(),
      ...this.slots.flatMap((s) => [s.time, s.result].filter((c): c is number => c !== undefined)),
      ...this.verdictColumns.map((v) => v.index),
      ...(this.days ?? []).map((d) => d.index),
    ]);
    return this.usedColumns;
  }

  private usedColumns: Set<number> | null = null;

  /** The columns read, left to right, worked out once a sheet (a 考勤明细 row is compared by them). */
  private usedInOrder(): readonly number[] {
    return (this.usedSorted ??= [...(this.used ?? [])].sort((a, b) => a - b));
  }

  private usedSorted: number[] | null = null;

  /** The current row's cells that held no value Excel shows as data: said once, by the fault, not again as empty. */
  private faultedCells: ReadonlySet<number> = NO_FAULTS;

  /**
   * A cell fault as said at its column; a date cell whose number format shows only the weekday
   * (星期四) is said as that: it names no day, so the row's punches cannot be placed. In a column
   * of times a number shown rounded is said as a number, no time (faultProblem's rule).
   */
  private faultProblem(f: RowFault): Problem {
    const said = faultProblem(f.fault, { file: this.run.file, sheet: this.run.sheet }, this.holdsTimes(f.column));
    const at = { ...said.at, ...this.columnName(f.column) };
    const { kind, detail, stored } = f.fault;
    const date = f.fault.date?.date ?? null;
    const dateColumn = f.column === this.column.get('date') || f.column === this.column.get('datetime');
    if (!dateColumn || kind !== 'weekday_only' || date === null) return { ...said, at };
    return problem('export_date_weekday_only', at, { format: detail, stored, date, weekday: `星期${WEEKDAYS[weekdayOf(date)]}` });
  }

  /** Whether a column holds times: 时间, 日期时间, 应打卡时间, a slot's 打卡时间, a day of a grid of times. */
  private holdsTimes(column: number): boolean {
    const keyed = (['time', 'datetime', 'scheduled'] as const).some((k) => this.column.get(k) === column);
    return keyed || this.slots.some((s) => s.time === column) || (this.run.profile.cells === 'times' && (this.days ?? []).some((d) => d.index === column));
  }

  private columnName(column: number): { column?: string } {
    const header = this.sheetRef.headers[column];
    return header ? { column: header } : {};
  }

  private report(code: ProblemCode, at: { row: number; index?: number }, args: Record<string, string | number> = {}): void {
    this.data.problems.push(problem(code, this.where(at.row, at.index), args));
  }

  private cell(cells: readonly CellValue[], key: ColumnKey): CellValue {
    const index = this.column.get(key);
    return index === undefined ? null : (cells[index] ?? null);
  }

  private text(cells: readonly CellValue[], key: ColumnKey): string {
    const value = this.cell(cells, key);
    return isBlankValue(value, this.blanks) ? '' : fold(cellText(value));
  }

  /** A result, device or note cell as written: 未打卡 there is the platform's word, not an empty cell. */
  private words(cells: readonly CellValue[], key: ColumnKey): string {
    const value = this.cell(cells, key);
    if (typeof value !== 'string') return fold(cellText(value));
    let folded = this.folded.get(value);
    if (folded === undefined) {
      folded = fold(value);
      if (this.folded.size < 10_000) this.folded.set(value, folded);
    }
    return folded;
  }

  /** Reads a data row (below the header) by the profile's shape; a cell with no value in a used column is reported. */
  take(row: RawRow, faults: readonly RowFault[] = []): void {
    for (const f of faults) if (this.uses(f.column)) this.data.problems.push(this.faultProblem(f));
    this.faultedCells = faults.length === 0 ? NO_FAULTS : new Set(faults.map((f) => f.column));
    switch (this.run.profile.shape) {
      case 'log':
        return this.logRow(row);
      case 'day':
        return this.dayRow(row);
      case 'grid':
        return this.gridRow(row);
      case 'blocks':
        return this.blockRow(row);
      case 'cards':
        // A card's days are placed by the run of day labels down its band: read at finish().
        this.cardRows.push(row);
        return;
      case 'leave':
        return this.leaveRow(row);
      case 'summary':
        return this.summaryRow(row);
    }
  }

  // ── who ──────────────────────────────────────────────────────────────────────────────────

  private who(row: RawRow, values?: Labels): Who | null {
    const v = values ?? { id: this.cell(row.cells, 'id'), clockId: this.cell(row.cells, 'clockId'), name: this.cell(row.cells, 'name'), unit: this.cell(row.cells, 'unit') };
    // A month repeats each person's cells on every row: they are read once. Plain cells are found
    // by the first of them a layout has (工号, else 考勤号码, else 姓名) and compared, with no key
    // text built for each of ~170,000 rows; date cells by their text.
    const plain = isPlain(v.id) && isPlain(v.clockId) && isPlain(v.name) && isPlain(v.unit);
    const first = v.id ?? v.clockId ?? v.name;
    if (plain) {
      const known = this.seenByFirst.get(first)?.find((s) => s.id === v.id && s.clockId === v.clockId && s.name === v.name && s.unit === v.unit);
      if (known) return known.who;
    }
    const written = `${String(v.id)}\u0000${String(v.clockId)}\u0000${String(v.name)}\u0000${String(v.unit)}`;
    if (!this.seen.has(written)) this.seen.set(written, this.newWho(row, v, values ? undefined : this.column.get('name')));
    const who = this.seen.get(written)!;
    if (plain) this.seenByFirst.set(first, [...(this.seenByFirst.get(first) ?? []), { ...v, who }]);
    return who;
  }

  private readonly seen = new Map<string, Who | null>();

  /** The people the sheet's rows name (keys of data.people). */
  get people(): Set<string> {
    return new Set([...this.seen.values()].flatMap((who) => (who ? [who.key] : [])));
  }
  /** Rows seen, by their first identity cell (a few rows share one: the same person, or one unnamed). */
  private readonly seenByFirst = new Map<CellValue, { id: CellValue; clockId: CellValue; name: CellValue; unit: CellValue; who: Who | null }[]>();

  /** nameIndex: the name's column in the row (none for a card's or block's label row). */
  private newWho(row: RawRow, v: Labels, nameIndex: number | undefined): Who | null {
    const nameCell = { row: row.row, ...(nameIndex === undefined ? {} : { index: nameIndex }) };
    const id = writtenId(v.id, this.blanks);
    const name = isBlankValue(v.name, this.blanks) ? '' : personName(v.name);
    // A 考勤号码 of only zeros beside a name or 工号 is written for no clock (clockNumber); alone
    // (a clock log's user 0) it is all the row says of its person, so it stays, and its punches are
    // matched by it or said unknown — never dropped without a word.
    const clockId = clockNumber(v.clockId, this.blanks) || (id === '' && name === '' ? writtenId(v.clockId, this.blanks) : '');
    if (id === '' && clockId === '' && name === '') return null;
    const unit = isBlankValue(v.unit, this.blanks) ? '' : unitName(v.unit);
    const key = id || clockId ? this.numberKey(id ? 'id' : 'clock', id || clockId, name) : `name:${name}`;
    if (!id && !clockId) {
      const clash = this.nameClash(key, cellText(v.name).trim(), unit, nameCell);
      if (clash) return null;
    }
    const known = this.data.people.get(key);
    if (known && (id || clockId) && known.name && name && known.name !== name) {
      // One number, two people: whose punches they are is not guessed; the row gives them to no one.
      const firstAt = known.namedAt ?? known.at;
      this.report('export_id_two_names', nameCell, { id: id || clockId, value: cellText(v.name).trim(), first: known.written || known.name, ...firstPlaceArgs(firstAt) });
      return null;
    }
    if (known) {
      if (!known.name && name) Object.assign(known, { name, written: cellText(v.name).trim(), namedAt: this.where(row.row, nameIndex) });
      if (!known.clockId && clockId) known.clockId = clockId;
      if (!known.unit && unit) known.unit = unit;
      if (unit) known.units.add(unit);
    } else {
      if (id || clockId) {
        const folded = foldedNumber(key);
        this.data.peopleByNumber.set(folded, [...(this.data.peopleByNumber.get(folded) ?? []), key]);
      }
      this.data.people.set(key, {
        key,
        id,
        clockId,
        name,
        written: cellText(v.name).trim(),
        unit,
        punches: 0,
        at: this.where(row.row, this.column.get(id ? 'id' : clockId ? 'clockId' : 'name')),
        units: new Set(unit ? [unit] : []),
        namedAt: null,
      });
    }
    return { key };
  }

  /**
   * The person key of a number as written: 0101 and 101 may be two people (which roster row each
   * is, matching decides, an exact id first). Only a number met before under the same name in
   * another form (0005 on one sheet, 5 on another) is that person.
   */
  private numberKey(kind: 'id' | 'clock', number: string, name: string): string {
    const exact = `${kind}:${number}`;
    if (!name || this.data.people.has(exact)) return exact;
    const twins = this.data.peopleByNumber.get(foldedNumber(exact)) ?? [];
    return twins.find((k) => this.data.people.get(k)?.name === name) ?? exact;
  }

  /** The unit this sheet first gives each name-only person, and its row. */
  private readonly sheetUnits = new Map<string, { written: string; unit: string; row: number }>();

  /**
   * A name-only row that is two people, not one: written differently from the name's first row
   * in the whole import once notes are stripped (张伟(大) in 11月上, 张伟(小) in 11月下 or in
   * another file), or under another unit than this sheet's first row of the name. Units are
   * compared within one sheet only: a leave list may write a department otherwise than the punch
   * sheet does. Reported at its name cell; whether it is the one already seen is not guessed.
   */
  private nameClash(key: string, written: string, unit: string, at: { row: number; index?: number }): boolean {
    const person = this.data.people.get(key);
    if (person && person.written !== written) {
      this.report('export_name_clash', at, { value: written, unit, first: person.written, firstUnit: person.unit, ...firstPlaceArgs(person.at), name: key.slice('name:'.length) });
      return true;
    }
    const first = this.sheetUnits.get(key);
    if (!first) {
      this.sheetUnits.set(key, { written, unit, row: at.row });
      return false;
    }
    if (first.unit === '' || unit === '' || first.unit === unit) return false;
    this.report('export_name_clash', at, { value: written, unit, first: first.written, firstUnit: first.unit, ...firstPlaceArgs({ file: this.run.file, sheet: this.run.sheet, row: first.row }), name: key.slice('name:'.length) });
    return true;
  }

  // ── what a punch, a correction, a result adds ────────────────────────────────────────────

  /** Keeps a day inside the period (or another range of the run's); counts it otherwise. */
  private inPeriod(date: IsoDate, period = this.run.fromTo): boolean {
    if (!period || (date >= period.first && date <= period.last)) return true;
    this.data.counts.outside += 1;
    return false;
  }

  private punch(who: Who, day: IsoDate, time: PunchTime, role: 'in' | 'out' | null, row: number, index: number | undefined, scheduled: Seconds | null = null): void {
    if (!this.run.punches) return;
    // A 次日 time belongs to the work day it is written under (a late clock-out after midnight):
    // it stays on that day, counted past 24:00 as the shift model counts overnight sessions, so it
    // can close that day's last session and never open the next day's first.
    const date = time.date ?? day;
    this.punched = widened(this.punched, date);
    if (!this.inPeriod(date)) return;
    this.saw(date);
    if (!this.inPeriod(date, this.run.keep)) return;
    this.data.punches.push({ person: who.key, date, at: clockAt(time), role, ...(scheduled === null ? {} : { scheduled }), sheet: this.sheetRef, row, column: index ?? 0 });
    this.data.people.get(who.key)!.punches += 1;
  }

  private correction(who: Who, date: IsoDate, at: Seconds | null, role: 'in' | 'out' | null, text: string, row: number, index: number | undefined, pair: number | null = null): void {
    if (!this.run.punches || !this.inPeriod(date)) return;
    if (at === null && pair === null) {
      this.report('export_correction_unplaced', { row, ...(index === undefined ? {} : { index }) }, { value: text });
      return;
    }
    this.data.counts.corrections += 1;
    this.data.corrections.push({ person: who.key, date, at, role, pair, text, where: this.where(row, index) });
  }

  /**
   * A platform verdict. One on a day is compared for that person-day and kind whatever the layout
   * (a log's 打卡结果 迟到30分钟 on a punch, as a day row's): the platform spoke for it there.
   */
  private verdict(who: Who, date: IsoDate | null, kind: VerdictKind, count: number, text: string, row: number, index: number): void {
    if (date !== null && !this.inPeriod(date)) return;
    this.data.verdicts.push({ person: who.key, date, kind, count, text, where: this.where(row, index) });
    if (date !== null) this.speak(who, date, [kind]);
  }

  private rest(who: Who, date: IsoDate, row: number, index: number | undefined): void {
    if (this.inPeriod(date)) this.data.shifts.push({ person: who.key, date, shift: '休息', where: this.where(row, index) });
  }

  /**
   * The platform gave a row for this person-day (or, with null, for the whole range) that would
   * carry these kinds of verdict: its silence there means "none".
   */
  private speak(who: Who, date: IsoDate | null, kinds: Iterable<VerdictKind>): void {
    if (date !== null && this.run.fromTo && (date < this.run.fromTo.first || date > this.run.fromTo.last)) return;
    const days = this.data.spoken.get(who.key) ?? new Map<IsoDate | null, Set<VerdictKind>>();
    this.data.spoken.set(who.key, days);
    const known = days.get(date) ?? new Set<VerdictKind>();
    days.set(date, known);
    for (const k of kinds) known.add(k);
  }

  /** The kinds the profile's result words can say. */
  private get wordKinds(): Set<VerdictKind> {
    return new Set(this.run.profile.resultWords.map(([, kind]) => kind));
  }

  /** The platform's verdict words in a result or status text, one kind per piece. */
  private verdictsIn(text: string): { kind: VerdictKind; piece: string }[] {
    const known = this.verdictWords.get(text);
    if (known) return known;
    const found: { kind: VerdictKind; piece: string }[] = [];
    for (const piece of text.split(/[;；\n,，]+/).map((p) => p.trim()).filter((p) => p !== '')) {
      const hit = this.run.profile.resultWords.find(([pattern]) => pattern.test(piece));
      if (hit) found.push({ kind: hit[1], piece });
    }
    if (this.verdictWords.size < 10_000) this.verdictWords.set(text, found);
    return found;
  }

  /** The first of the texts that holds a marker of this kind (results repeat: each text is tested once). */
  private matches(kind: keyof Profile['match'], ...texts: string[]): string | null {
    const pattern = this.run.profile.match[kind];
    if (!pattern) return null;
    let known = this.marked.get(kind);
    if (!known) this.marked.set(kind, (known = new Map<string, boolean>()));
    for (const t of texts) {
      if (t === '') continue;
      let hit = known.get(t);
      if (hit === undefined) {
        hit = pattern.test(t);
        if (known.size < 10_000) known.set(t, hit);
      }
      if (hit) return t;
    }
    return null;
  }

  private times(value: CellValue, row: number, index: number | undefined): PunchTime[] | null {
    if (isPlainNumberTime(value)) {
      this.report('time_plain_number', { row, ...(index === undefined ? {} : { index }) }, { value: generalText(value) });
      return null;
    }
    const times = parsePunchTimes(value, this.blanks, this.run.year, this.run.date1904);
    if (times === null) this.unreadable('export_time_invalid', value, row, index);
    return times;
  }

  /** A date or time cell not read: said as a weekday that does not fit its date where that is why. */
  private unreadable(code: 'export_time_invalid' | 'export_date_invalid', value: CellValue, row: number, index: number | undefined): void {
    const where = { row, ...(index === undefined ? {} : { index }) };
    const conflict = weekdayConflict(value, this.run.year);
    if (conflict) this.report('export_weekday_mismatch', where, { value: cellText(value), ...conflict });
    else this.report(code, where, { value: cellText(value) });
  }

  private date(value: CellValue, row: number, index: number | undefined): { date: IsoDate; at?: Seconds } | null {
    if (index !== undefined && this.faultedCells.has(index)) return null;
    if (isBlankValue(value, this.blanks)) {
      this.report('export_date_missing', { row, ...(index === undefined ? {} : { index }) });
      return null;
    }
    const parsed = this.parsedDate(value);
    if (!parsed) this.unreadable('export_date_invalid', value, row, index);
    return parsed;
  }

  /** A date cell read (a sheet repeats few date texts: each is parsed once), saying nothing when it cannot be. */
  private parsedDate(value: CellValue): DateTime | null {
    let parsed = typeof value === 'string' ? this.dates.get(value) : undefined;
    if (parsed === undefined) {
      parsed = parseExportDate(value, this.run.year, this.run.date1904);
      if (typeof value === 'string' && this.dates.size < 10_000) this.dates.set(value, parsed);
    }
    return parsed;
  }

  private shiftCell(who: Who, date: IsoDate, row: RawRow): void {
    const written = this.text(row.cells, 'shift');
    if (written === '') return;
    const index = this.column.get('shift');
    if (this.matches('rest', written)) return this.rest(who, date, row.row, index);
    const sessions = parseShiftSessions(written);
    // A shift named without times (早班) is counted and said; the period's hours apply.
    if (!sessions) {
      if (!this.column.has('shiftStart')) this.data.counts.shiftsWithoutTimes += 1;
      return;
    }
    if (this.inPeriod(date)) this.data.shifts.push({ person: who.key, date, shift: shiftText(sessions), where: this.where(row.row, index) });
  }

  /** A session stated per row (应签到/应签退 of a ZKTeco 时段): gathered for the day, and returned for the row's leave. */
  private shiftTimes(who: Who, date: IsoDate, row: RawRow): ShiftSession | null {
    const start = this.column.get('shiftStart');
    const end = this.column.get('shiftEnd');
    if (start === undefined || end === undefined) return null;
    // The first cell not read is said (this.times), and the row states no session.
    const from = this.times(row.cells[start] ?? null, row.row, start);
    const to = from === null ? null : this.times(row.cells[end] ?? null, row.row, end);
    if (from === null || to === null) return null;
    if (from.length !== 1 || to.length !== 1) return null;
    const session = { start: from[0]!.at, end: to[0]!.at, overnight: to[0]!.at <= from[0]!.at || to[0]!.nextDay };
    const key = `${who.key}\u0000${date}`;
    const day = this.stated.get(key) ?? { who, date, sessions: [], where: this.where(row.row, start) };
    day.sessions.push(session);
    this.stated.set(key, day);
    return session;
  }

  /**
   * Rows about one session (ZKTeco 考勤明细: person, day, 对应时段) hold it once. An identical row
   * again (the export or a copy repeated it) is counted and skipped; a different one is an error
   * naming both rows and the first cell that differs, for the clerk to say which is right.
   * Returns whether the row is to be read.
   */
  private firstOfSession(who: Who, day: IsoDate, row: RawRow): boolean {
    const start = this.column.get('shiftStart');
    if (start === undefined) return true;
    const session = this.text(row.cells, 'shift') || cellText(row.cells[start] ?? null);
    // A row naming no 时段 at all (a rest day's) cannot be told from another row of the day.
    if (session === '') return true;
    const key = `${who.key}\u0000${day}\u0000${session}`;
    const columns = this.usedInOrder();
    const values = columns.map((c) => cellText(row.cells[c] ?? null));
    const seen = this.sessionRows.get(key);
    if (!seen) {
      this.sessionRows.set(key, { row: row.row, values });
      return true;
    }
    const differs = values.findIndex((v, i) => v !== seen.values[i]);
    if (differs === -1) this.data.counts.repeatedRows += 1;
    else {
      const index = columns[differs]!;
      const name = this.data.people.get(who.key)?.name ?? '';
      this.report('export_session_twice', { row: row.row, index }, { first: seen.row, name, date: day, session, before: seen.values[differs]!, after: values[differs]! });
    }
    return false;
  }

  private saw(date: IsoDate): void {
    this.span = widened(this.span, date);
  }

  /** Call after the sheet's last row. */
  finish(): void {
    for (const card of this.cards) this.readCard(card);
    for (const { who, date, sessions, where } of this.stated.values()) {
      if (!this.inPeriod(date)) continue;
      const sorted = [...sessions].sort((a, b) => a.start - b.start);
      this.data.shifts.push({ person: who.key, date, shift: shiftText(sorted), where });
    }
    const expectedSessions = new Map([...this.expected].map(([key, day]) => [key, pairedSessions(day.punches)]));
    for (const [key, { who, date, where }] of this.expected) {
      const sessions = expectedSessions.get(key);
      if (sessions && this.inPeriod(date)) this.data.shifts.push({ person: who.key, date, shift: shiftText(sessions.map(shiftSession)), where });
    }
    for (const leave of this.slotLeaves) this.slotLeave(leave, expectedSessions.get(`${leave.who.key}\u0000${leave.date}`) ?? null);
    // A legend sentence may follow the grid: status cells are read once the sheet is through.
    const read = this.statusCells.map((cell) => ({ cell, status: readStatus(cell.text, this.run.profile.legendWords, this.symbols, cell.date) }));
    // A hand grid that marks a kind anywhere (旷工) marks it everywhere: its silence elsewhere is "none".
    const kinds = new Set(read.flatMap(({ status }) => status?.halves.flatMap((h) => (h.kind === 'verdict' ? [h.verdict] : [])) ?? []));
    for (const { cell, status } of read) this.handStatus(cell, status, kinds);
    // A warning, not an error: 考勤时间 only says which side a punch is, and without it the punch
    // is placed as in an export without the column (first of a session arrives, last leaves).
    if (this.scheduledUnread) {
      const { row, value, count } = this.scheduledUnread;
      this.data.problems.push(problem('export_scheduled_unread', this.where(row, this.column.get('scheduled')), { value, count }, 'warning'));
    }
  }

  /**
   * Leave written in a cell of a row about one day, or about one session of it (a ZKTeco 时段 row
   * with 应签到/应签退): there a bare word (事假) covers that session's times, not the whole day.
   */
  private leaveCell(who: Who, day: IsoDate, value: string, row: number, index: number | undefined, session: ShiftSession | null = null): void {
    if (value === '') return;
    const spans = this.leaveSpans(value, day, row, index);
    for (const written of spans ?? []) this.pushLeave(who, session ? onSession(written, day, session) : written, row, index);
  }

  /**
   * The halves of a day row whose slots the platform marks as leave (钉钉 打卡结果 请假): 上班1/下班1
   * the morning, later pairs the afternoon, as a 补签 known by its slot is placed; null (the
   * whole day) when every pair the row judges is marked. None when no slot is.
   */
  private markedSlots(row: RawRow): { part: '上午' | '下午' | null; index: number } | null {
    const judged = new Set<number>();
    const marked = new Set<number>();
    let index: number | undefined;
    for (const slot of this.slots) {
      if (slot.result === undefined) continue;
      const text = fold(cellText(row.cells[slot.result] ?? null));
      if (text === '') continue;
      judged.add(slot.pair);
      if (!this.matches('leave', text)) continue;
      marked.add(slot.pair);
      index ??= slot.result;
    }
    if (index === undefined) return null;
    if ([...judged].every((pair) => marked.has(pair))) return { part: null, index };
    return { part: marked.has(0) ? (marked.size === 1 ? '上午' : null) : '下午', index };
  }

  /** A leave cell's spans, or null with export_leave_invalid (or export_leave_dates_invalid, its form right) at the cell. */
  private leaveSpans(value: string, day: IsoDate, row: number, index: number | undefined): LeaveSpan[] | null {
    const spans = parseLeaveText(value, day, this.run.year);
    if (Array.isArray(spans)) return spans;
    const at = { row, ...(index === undefined ? {} : { index }) };
    if (spans.wrong === 'dates') this.report('export_leave_dates_invalid', at, { value, piece: spans.piece });
    else this.report('export_leave_invalid', at, { value });
    return null;
  }

  /** A leave span kept when it touches the period. */
  private pushLeave(who: Who, span: LeaveSpan, row: number, index: number | undefined): void {
    if (this.inPeriod(span.first) || this.inPeriod(span.last)) this.data.leaves.push({ person: who.key, ...span, reason: '', where: this.where(row, index) });
  }

  /**
   * Leave on an expected punch's row (调休2H on the 14:00 上班 row) is that slot's session's:
   * its times are the session's, so it excuses that session and not the day's first. A day whose
   * rows do not pair into sessions keeps the leave on the day, as a cell of a day row is read.
   */
  private slotLeave(leave: SlotLeave, sessions: Session[] | null): void {
    const session = sessions?.find((s) => (leave.role === 'in' ? s.start : s.end) === leave.at);
    for (const written of leave.spans) this.pushLeave(leave.who, session ? spanOfSession(written, leave.date, shiftSession(session)) : written, leave.row, leave.index);
  }

  /** A row per expected punch: its role and 应打卡时间 (read whatever the row's result) state that slot of the day. */
  private expectedPunch(who: Who, row: RawRow): Slot | null {
    const index = this.column.get('scheduled');
    const dateIndex = this.column.get('date');
    const role = this.roleOf(this.text(row.cells, 'role'));
    if (index === undefined || dateIndex === undefined || role === null) return null;
    const times = this.times(row.cells[index] ?? null, row.row, index);
    if (times === null) return null;
    const day = this.parsedDate(row.cells[dateIndex] ?? null)?.date;
    if (times.length !== 1 || !day) return null;
    const slot = { role, at: clockAt(times[0]!) };
    const key = `${who.key}\u0000${day}`;
    const entry = this.expected.get(key) ?? { who, date: day, punches: [], where: this.where(row.row, index) };
    entry.punches.push(slot);
    this.expected.set(key, entry);
    return slot;
  }

  private slotLeaveCell(who: Who, date: IsoDate, text: string, slot: Slot, row: number): void {
    const index = this.column.get('leave');
    const spans = this.leaveSpans(text, date, row, index);
    if (spans) this.slotLeaves.push({ who, date, spans, ...slot, row, index });
  }

  /** The platform says the day (or half) is on leave but not which: 请假, leave of no stated type. */
  private markedLeave(who: Who, day: IsoDate, part: '上午' | '下午' | null, row: number, index: number | undefined): void {
    this.pushLeave(who, untypedLeave(day, part), row, index);
  }

  // ── F1: one punch a row ──────────────────────────────────────────────────────────────────

  private logRow(row: RawRow): void {
    const who = this.who(row);
    if (!who) return;
    const slot = this.expectedPunch(who, row);
    const result = this.words(row.cells, 'result');
    const device = this.words(row.cells, 'device');
    const note = this.words(row.cells, 'note');
    if (this.matches('invalid', result, device, note)) {
      this.data.counts.invalid += 1;
      return;
    }
    const dateIndex = this.column.get('date');
    const timeIndex = this.column.get('datetime') ?? this.column.get('time');
    let day: IsoDate | null = null;
    if (dateIndex !== undefined) {
      const parsed = this.date(row.cells[dateIndex] ?? null, row.row, dateIndex);
      if (!parsed) return;
      day = parsed.date;
    }
    const timeCell = timeIndex === undefined ? null : (row.cells[timeIndex] ?? null);
    const stated = this.times(timeCell, row.row, timeIndex);
    if (stated === null) return;
    const times = day === null ? stated : this.onAttendanceDay(stated, day, cellText(timeCell), row.row, timeIndex);
    if (times === null) return;
    const role = slot?.role ?? this.roleOf(this.text(row.cells, 'role'));
    const attendanceDay = day ?? times[0]?.date ?? null;
    if (times.length > 0 && !attendanceDay) {
      this.report('export_date_missing', { row: row.row, ...(dateIndex === undefined ? {} : { index: dateIndex }) });
      return;
    }
    const leaveMark = this.matches('leave', result);
    const leaveText = this.text(row.cells, 'leave');
    if (attendanceDay && leaveText && slot && leaveOfTheRowAlone(leaveText)) this.slotLeaveCell(who, attendanceDay, leaveText, slot, row.row);
    else if (attendanceDay && leaveText) this.leaveCell(who, attendanceDay, leaveText, row.row, this.column.get('leave'));
    else if (attendanceDay && leaveMark && times.length === 0 && slot) this.slotLeaves.push({ who, date: attendanceDay, spans: [untypedLeave(attendanceDay, null)], ...slot, row: row.row, index: this.column.get('result') });
    else if (attendanceDay && leaveMark && times.length === 0) this.markedLeave(who, attendanceDay, null, row.row, this.column.get('result'));
    const correction = this.matches('correction', result, device) ?? (times.some((t) => t.correction) ? '补卡' : null);
    const approved = this.matches('approved', result, note);
    // A log has rows only for punches made: its verdicts are compared, but its silence says nothing.
    if (attendanceDay && !correction && !approved) this.verdictsOfRow(who, attendanceDay, row, result, this.column.get('result'));
    if (correction && attendanceDay) {
      // The slot's time when the row is one (read once, past 24:00 for a 次日 time as any punch is).
      const scheduled = slot?.at ?? this.scheduledAt(row);
      this.correction(who, times[0]?.date ?? attendanceDay, times[0] ? clockAt(times[0]) : scheduled, role, correction, row.row, timeIndex);
      return;
    }
    if (approved && attendanceDay) this.correction(who, times[0]?.date ?? attendanceDay, times[0] ? clockAt(times[0]) : null, role, approved, row.row, timeIndex);
    // Only a row the platform matched to an expected punch (WeCom 打卡详情: 打卡类型 with its
    // 应打卡时间) states the punch's side. A clock's 上下班标志 is the key pressed at the terminal,
    // often left at 上班 all day: its punches are placed by the nearer boundary, as a log's are.
    // A row that names only the scheduled time it was matched to (DingTalk 原始记录 考勤时间 17:30)
    // keeps it: its side is that time's in the day's stated shift, known once every sheet is read.
    const scheduled = slot ? null : this.scheduledAt(row);
    for (const t of times) this.punch(who, attendanceDay as IsoDate, t, slot?.role ?? null, row.row, timeIndex, scheduled);
  }

  /**
   * The scheduled time a log row states (考勤时间; read once, past 24:00 for a 次日 time as any
   * punch is), or null. A cell that is no time is read as a punch cell is: a General number is
   * not taken for a time; such cells are counted and said once (scheduledUnread).
   */
  private scheduledAt(row: RawRow): Seconds | null {
    if (!this.column.has('scheduled')) return null;
    const value = this.cell(row.cells, 'scheduled');
    const stated = isPlainNumberTime(value) ? null : parsePunchTimes(value, this.blanks, this.run.year, this.run.date1904);
    if (stated === null) {
      if (this.scheduledUnread) this.scheduledUnread.count += 1;
      else this.scheduledUnread = { row: row.row, value: typeof value === 'number' ? generalText(value) : cellText(value), count: 1 };
      return null;
    }
    return stated[0] ? clockAt(stated[0]) : null;
  }

  /**
   * Full date-times on a row that also states its 考勤日期 (DingTalk 原始记录): the platform matched
   * the punch to that day. One on the next calendar day (a clock-out after midnight) stays on it
   * as a 次日 time does; one on any other day is not the row's, and is reported, not moved.
   */
  private onAttendanceDay(times: PunchTime[], day: IsoDate, text: string, row: number, index: number | undefined): PunchTime[] | null {
    const next = addDays(day, 1);
    const placed: PunchTime[] = [];
    for (const t of times) {
      if (t.date === undefined || t.date === day) placed.push(t);
      else if (t.date === next && !t.nextDay) placed.push({ ...t, date: day, nextDay: true });
      else {
        this.report('export_punch_off_day', { row, ...(index === undefined ? {} : { index }) }, { value: text, date: day });
        return null;
      }
    }
    return placed;
  }

  private roleOf(text: string): 'in' | 'out' | null {
    const roles = this.run.profile.roles;
    if (!roles || text === '') return null;
    if (roles.in.some((w) => text.includes(w))) return 'in';
    if (roles.out.some((w) => text.includes(w))) return 'out';
    return null;
  }

  private verdictsOfRow(who: Who, date: IsoDate, row: RawRow, text: string, index: number | undefined): void {
    if (text === '' || index === undefined) return;
    if (this.matches('correction', text) || this.matches('approved', text)) return;
    for (const v of this.verdictsIn(text)) this.verdict(who, date, v.kind, 1, v.piece, row.row, index);
  }

  // ── F2/F3: one row a person-day, fixed slots or all times in one cell ───────────────────

  private dayRow(row: RawRow): void {
    const who = this.who(row);
    if (!who) return;
    const dateIndex = this.column.get('date');
    const parsed = this.date(dateIndex === undefined ? null : (row.cells[dateIndex] ?? null), row.row, dateIndex);
    if (!parsed) return;
    const day = parsed.date;
    if (!this.firstOfSession(who, day, row)) return;
    this.saw(day);
    const judgedByWords = this.column.has('result') || this.slots.some((s) => s.result !== undefined);
    this.speak(who, day, [...(judgedByWords ? this.wordKinds : []), ...this.verdictColumns.map((v) => v.kind)]);
    this.shiftCell(who, day, row);
    const session = this.shiftTimes(who, day, row);
    const result = this.words(row.cells, 'result');
    const resultIndex = this.column.get('result');
    if (result !== '') {
      if (this.matches('rest', result)) this.rest(who, day, row.row, resultIndex);
      this.verdictsOfRow(who, day, row, result, resultIndex);
    }
    this.dayLeave(who, day, row, result, session);

    const allTimes = this.column.get('times') ?? this.column.get('time');
    // The side of each time as the slots it stands in state it (WeCom 日报 下班2 15:00), for an all-times column's punches.
    const slotRoles = new Map<Seconds, Set<'in' | 'out'>>();
    for (const slot of this.slots) {
      const slotResult = slot.result === undefined ? '' : fold(cellText(row.cells[slot.result] ?? null));
      if (slotResult && this.matches('invalid', slotResult)) {
        this.data.counts.invalid += 1;
        continue;
      }
      if (slotResult && this.matches('rest', slotResult)) this.rest(who, day, row.row, slot.result);
      const times = slot.time === undefined ? [] : this.times(row.cells[slot.time] ?? null, row.row, slot.time);
      if (times === null) continue;
      if (allTimes !== undefined) {
        for (const t of times) {
          const at = clockAt(t);
          slotRoles.set(at, (slotRoles.get(at) ?? new Set<'in' | 'out'>()).add(slot.role));
        }
      }
      if (slot.result !== undefined) this.verdictsOfRow(who, day, row, slotResult, slot.result);
      const correction = this.matches('correction', slotResult) ?? (times.some((t) => t.correction) ? '补卡' : null);
      if (correction) {
        this.correction(who, day, times[0]?.at ?? null, slot.role, correction, row.row, slot.time ?? slot.result, slot.pair);
        continue;
      }
      const approved = this.matches('approved', slotResult);
      if (approved) this.correction(who, day, times[0]?.at ?? null, slot.role, approved, row.row, slot.time ?? slot.result, slot.pair);
      // With an all-times column the slots only carry results; the punches come from that column.
      if (allTimes === undefined) for (const t of times) this.punch(who, day, t, slot.role, row.row, slot.time);
    }
    if (allTimes !== undefined) {
      const times = this.times(row.cells[allTimes] ?? null, row.row, allTimes);
      for (const t of times ?? []) {
        if (t.correction) this.correction(who, day, t.at, null, '补卡', row.row, allTimes);
        else this.punch(who, day, t, soleRole(slotRoles.get(clockAt(t))), row.row, allTimes);
      }
    }
    for (const v of this.verdictColumns) this.verdictColumn(who, day, row, v);
    if (this.days) this.statusDays(who, row);
  }

  /**
   * A day row's leave. The platform's own marks (slots 请假, 考勤结果 正常（请假）) make those
   * slots leave whatever the approval cell says; its text gives the type, and a text that says
   * nothing of when (事假, 事假4小时) covers the marked slots only. Marks without a text are
   * leave of no stated type (请假).
   */
  private dayLeave(who: Who, day: IsoDate, row: RawRow, result: string, session: ShiftSession | null): void {
    const text = this.text(row.cells, 'leave');
    const marked = this.markedSlots(row);
    if (text && marked && !session && leaveOfTheRowAlone(text)) {
      const index = this.column.get('leave');
      for (const written of this.leaveSpans(text, day, row.row, index) ?? []) this.pushLeave(who, { ...written, part: marked.part }, row.row, index);
    } else if (text) this.leaveCell(who, day, text, row.row, this.column.get('leave'), session);
    else if (marked) this.markedLeave(who, day, marked.part, row.row, marked.index);
    else if (result && this.matches('leave', result)) this.markedLeave(who, day, null, row.row, this.column.get('result'));
  }

  private verdictColumn(who: Who, day: IsoDate | null, row: RawRow, v: { kind: VerdictKind; read: 'minutes' | 'count' | 'flag'; index: number }): void {
    const value = row.cells[v.index] ?? null;
    const n = v.read === 'minutes' ? parseMinutes(value, this.blanks) : parseCount(value, this.blanks);
    if (n === null) {
      this.report('export_count_invalid', { row: row.row, index: v.index }, { value: cellText(value) });
      return;
    }
    if (n > 0) this.verdict(who, day, v.kind, v.read === 'minutes' ? 1 : n, fold(cellText(value)), row.row, v.index);
  }

  // ── F4/F6: a person × day grid ───────────────────────────────────────────────────────────

  private gridRow(row: RawRow): void {
    if (this.run.profile.legend && this.legendRow(row, this.headerAbove(row))) return;
    const who = this.who(row);
    if (!who) return;
    for (const d of this.days ?? []) this.saw(d.date);
    if (this.run.profile.legend) this.keepStatuses(who, row);
    else if (this.run.profile.cells === 'status') this.statusDays(who, row);
    else this.timeDays(who, row, this.days ?? []);
  }

  /** The header's cells when the row is right below it (symbols under category names), else none. */
  private headerAbove(row: RawRow): string[] {
    const header = this.run.header;
    return header && row.row === header.lastRow + 1 ? header.names.map((n) => n[0] ?? '') : [];
  }

  /** Adds a legend the row holds (a sentence in a cell, or symbols under the category names of the row above); whether it held one. */
  private legendRow(row: RawRow, above: readonly CellValue[]): boolean {
    const found = [legendUnder(above, row.cells), ...row.cells.map((c) => (typeof c === 'string' ? legendSentence(c) : null))].filter((m): m is Map<string, string> => m instanceof Map);
    for (const legend of found) for (const [symbol, name] of legend) this.symbols.set(symbol, name);
    return found.length > 0;
  }

  private keepStatuses(who: Who, row: RawRow): void {
    for (const d of this.days ?? []) {
      const value = row.cells[d.index] ?? null;
      if (!isBlankValue(value, this.blanks)) this.statusCells.push({ who, date: d.date, text: fold(cellText(value)), row: row.row, index: d.index });
    }
  }

  /** A hand-kept status: presence, a rest day, the clerk's verdict or leave, each half on its own. */
  private handStatus(cell: { who: Who; date: IsoDate; text: string; row: number; index: number }, status: CellStatus | null, kinds: ReadonlySet<VerdictKind>): void {
    const { who, date, text, row, index } = cell;
    if (!status) {
      const known = [...this.symbols].map(([symbol, name]) => `${name}${symbol}`).join('、');
      this.report('export_status_unknown', { row, index }, { value: text, known });
      return;
    }
    if (!this.inPeriod(date)) return;
    this.speak(who, date, kinds);
    const parts = status.halves.length === 1 ? [null] : (['上午', '下午'] as const);
    status.halves.forEach((half, i) => {
      if (half.kind === 'rest' && status.halves.length === 1) this.rest(who, date, row, index);
      if (half.kind === 'verdict') this.verdict(who, date, half.verdict, 1, text, row, index);
      if (half.kind === 'leave') for (const s of half.spans) this.data.leaves.push({ person: who.key, ...s, part: parts[i] ?? s.part, reason: '', where: this.where(row, index) });
    });
  }

  private timeDays(who: Who, row: RawRow, days: readonly DayColumn[]): void {
    for (const d of days) {
      const times = this.times(row.cells[d.index] ?? null, row.row, d.index);
      for (const t of times ?? []) {
        if (t.correction) this.correction(who, d.date, t.at, d.role, '补卡', row.row, d.index);
        else this.punch(who, d.date, t, d.role, row.row, d.index);
      }
    }
  }

  /** Day cells with the platform's words: verdicts, rest days, leave. */
  private statusDays(who: Who, row: RawRow): void {
    for (const d of this.days ?? []) {
      const value = row.cells[d.index] ?? null;
      if (isBlankValue(value, this.blanks)) continue;
      const text = fold(cellText(value));
      this.speak(who, d.date, this.wordKinds);
      if (this.matches('rest', text)) this.rest(who, d.date, row.row, d.index);
      this.verdictsOfRow(who, d.date, row, text, d.index);
    }
  }

  // ── F4: ZKTeco KQ803 person blocks (a label row, then a row of day cells) ───────────────

  private blockRow(row: RawRow): void {
    const labels = this.labelValues(row.cells);
    if (labels) {
      this.pendingBlock = this.who(row, labels);
      return;
    }
    if (!this.pendingBlock) {
      // A weekday row under the day numbers must fit their dates, as a grid's must.
      if (this.blockDays) this.checkWeekdayRow(row, this.blockDays);
      else if (!this.blockDaysRefused) this.blockDays = this.dayRowOf(row);
      return;
    }
    const who = this.pendingBlock;
    this.pendingBlock = null;
    if (!this.blockDays) {
      if (!this.blockDaysRefused) this.daysUnknown(row.row);
      return;
    }
    for (const d of this.blockDays) this.saw(d.date);
    this.timeDays(who, row, this.blockDays);
  }

  /**
   * A label row ("工 号:", 0012, "姓 名:", 张三 …): each label's value is the next cell that is not
   * blank, unless that is the next label (a person enrolled without a name): then it has none, and
   * the 部门 after it is not taken for the name.
   */
  private readonly labelValues = (cells: readonly CellValue[]): Labels | null => {
    const labelKey = (cell: CellValue) => (typeof cell === 'string' ? labelKeyOf(cell, this.run.profile) : undefined);
    const values: Partial<Record<ColumnKey, CellValue>> = {};
    cells.forEach((cell, i) => {
      const key = labelKey(cell);
      if (!key) return;
      const value = cells.slice(i + 1).find((c) => !isBlankValue(c, this.blanks));
      values[key] = value === undefined || labelKey(value) ? null : value;
    });
    if (values.id === undefined && values.name === undefined && values.clockId === undefined) return null;
    return { id: values.id ?? null, clockId: values.clockId ?? null, name: values.name ?? null, unit: values.unit ?? null };
  };

  /**
   * The day-number row under the title of a person-block report. A run of days that does not fit
   * the dates they are placed on (1⏎四 while 2026-11-01 is a Sunday) is said once at its cell,
   * and no later row is taken for the day row.
   */
  private dayRowOf(row: RawRow): DayColumn[] | null {
    const found = dayColumns({ names: row.cells.map((c) => [cellText(c).trim()]), lastRow: row.row }, new Set(), this.run.range, this.run.year, this.run.date1904);
    if (!('problem' in found)) {
      this.checkHolidays(found.columns, (d) => ({ row: row.row, index: d.index }));
      return found.columns;
    }
    if (found.problem === 'export_days_mismatch' || found.problem === 'export_day_header_unreadable') {
      this.reportByLetter(found.problem, row.row, found.index, found.args);
      this.blockDaysRefused = true;
    }
    return null;
  }

  // ── F2: cards side by side (ZKTeco 考勤卡表), one day table a person ───────────────────────

  private readCard(card: Card): void {
    const who = card.who ? this.who(card.who.row, card.who.values) : null;
    // The last sheet's third card is often empty.
    if (!who) return;
    const rows = this.cardRows.filter((r) => !isBlankValue(r.cells[card.day], this.blanks));
    const found = dayColumns({ names: rows.map((r) => [cellText(r.cells[card.day]).trim()]), lastRow: this.run.header?.lastRow ?? 0 }, new Set(), this.run.range, this.run.year, this.run.date1904);
    if ('problem' in found) {
      // A day label that breaks the run is said at its own row; other problems at the table's first.
      const at = found.problem === 'export_day_header_unreadable' && found.index !== undefined ? rows[found.index] : rows[0];
      this.report(found.problem, { row: at?.row ?? this.run.header?.lastRow ?? 0, index: card.day }, found.args);
      return;
    }
    this.checkHolidays(found.columns, (d) => ({ row: rows[d.index]!.row, index: card.day }));
    const placed = new Set(found.columns.map((d) => d.index));
    found.columns.forEach((d) => this.cardDay(who, rows[d.index]!, d.date, card.slots));
    // A row below the day run (a total, a note) may hold no time: one that does is not guessed into a day.
    rows.forEach((r, i) => {
      if (!placed.has(i) && card.slots.some((s) => !isBlankValue(r.cells[s.index], this.blanks))) this.report('export_date_invalid', { row: r.row, index: card.day }, { value: cellText(r.cells[card.day]) });
    });
  }

  /** One day of a card: each slot a time, or the software's word standing in it (旷工). */
  private cardDay(who: Who, row: RawRow, date: IsoDate, slots: Card['slots']): void {
    this.saw(date);
    this.speak(who, date, this.wordKinds);
    for (const slot of slots) {
      const value = row.cells[slot.index] ?? null;
      const said = typeof value === 'string' ? this.verdictsIn(fold(value)) : [];
      if (said.length > 0) {
        for (const v of said) this.verdict(who, date, v.kind, 1, v.piece, row.row, slot.index);
        continue;
      }
      for (const t of this.times(value, row.row, slot.index) ?? []) {
        if (t.correction) this.correction(who, date, t.at, slot.role, '补卡', row.row, slot.index, slot.pair);
        else this.punch(who, date, t, slot.role, row.row, slot.index);
      }
    }
  }

  // ── F7: leave and approval lists ─────────────────────────────────────────────────────────

  private leaveRow(row: RawRow): void {
    const who = this.who(row);
    if (!who) return;
    const approval = this.run.profile.approval;
    const status = this.text(row.cells, 'status');
    const outcome = this.text(row.cells, 'outcome');
    if (approval?.status && !approval.status.some((w) => status === w)) return;
    if (approval?.outcome && !approval.outcome.some((w) => outcome === w)) return;
    let type = this.text(row.cells, 'type');
    for (const prefix of this.run.profile.leave?.strip ?? []) if (type.startsWith(prefix)) type = type.slice(prefix.length);
    if (type === '' || (this.run.profile.leave?.skip ?? []).includes(type)) return;
    const startIndex = this.column.get('start');
    const endIndex = this.column.get('end');
    const start = this.dateAndHalf(this.cell(row.cells, 'start'), row.row, startIndex);
    const end = this.column.has('end') ? this.dateAndHalf(this.cell(row.cells, 'end'), row.row, endIndex) : start;
    if (!start || !end) return;
    if (end.date < start.date) {
      this.report('export_leave_reversed', { row: row.row, ...(endIndex === undefined ? {} : { index: endIndex }) }, { first: start.date, last: end.date });
      return;
    }
    const length = lengthText(this.withUnit(this.text(row.cells, 'length')));
    const reason = this.text(row.cells, 'reason');
    const spans =
      start.at !== undefined || end.at !== undefined
        ? [{ type, first: start.date, last: end.date, startTime: start.at ?? null, endTime: end.at ?? null, length, part: null }]
        : halfDaySpans(type, length, start.date, start.half, end.date, end.half);
    for (const s of spans) {
      if (!this.inPeriod(s.first) && !this.inPeriod(s.last)) continue;
      this.data.leaves.push({ person: who.key, ...s, reason, where: this.where(row.row, this.column.get('type')) });
    }
  }

  /** A bare number under 时间（天） or 时长(小时) takes the header's unit. */
  private withUnit(length: string): string {
    if (!/^\d+(?:\.\d+)?$/.test(length)) return length;
    const index = this.column.get('length');
    const header = index === undefined ? '' : (this.run.header?.names[index]?.[0] ?? '');
    return /小时/.test(header) ? `${length}小时` : /天/.test(header) ? `${length}天` : length;
  }

  /** "2026-11-05 09:00", "2026-11-05 上午", an Excel date-time. */
  private dateAndHalf(value: CellValue, row: number, index: number | undefined): { date: IsoDate; at?: Seconds; half: '上午' | '下午' | null } | null {
    if (typeof value === 'string') {
      const m = /^(.*?)\s*(上午|下午)$/.exec(fold(value));
      if (m) {
        const parsed = this.date(m[1]!, row, index);
        return parsed ? { date: parsed.date, half: m[2] as '上午' | '下午' } : null;
      }
    }
    const parsed = this.date(value, row, index);
    return parsed ? { ...parsed, half: null } : null;
  }

  // ── F5: counts per person (and F6 day columns beside them) ──────────────────────────────

  private summaryRow(row: RawRow): void {
    const who = this.who(row);
    if (!who) return;
    this.speak(who, null, this.verdictColumns.map((v) => v.kind));
    for (const v of this.verdictColumns) this.verdictColumn(who, null, row, v);
    if (this.days) this.statusDays(who, row);
  }
}

/**
 * A leave word on a session's row, with no day, time or length of its own (事假), covers that
 * session: its 应签到–应签退, past midnight onto the next day for an overnight one. Anything
 * more specific is taken as written.
 */
function onSession(span: LeaveSpan, day: IsoDate, session: ShiftSession): LeaveSpan {
  const bare = span.first === day && span.last === day && span.startTime === null && span.endTime === null && span.part === null && span.length === '';
  return bare ? spanOfSession(span, day, session) : span;
}

/** A leave over one session's times: past midnight onto the next day for an overnight one. */
function spanOfSession(span: LeaveSpan, day: IsoDate, session: ShiftSession): LeaveSpan {
  return { ...span, last: session.overnight ? addDays(day, 1) : day, startTime: session.start, endTime: session.end };
}

/** A session between an expected 上班 and 下班, in seconds on its work day (past 24:00 after midnight). */
interface Session {
  start: Seconds;
  end: Seconds;
}

/**
 * The day's expected punches in time order, each 上班 with the 下班 after it: the sessions the
 * platform judged the day by. Null when they do not alternate so (a slot's row missing).
 */
function pairedSessions(punches: readonly Slot[]): Session[] | null {
  const sorted = [...punches].sort((a, b) => a.at - b.at || (a.role === 'out' ? -1 : 1));
  if (sorted.length % 2 !== 0) return null;
  const sessions: Session[] = [];
  for (let n = 0; n < sorted.length; n += 2) {
    const [start, end] = [sorted[n]!, sorted[n + 1]!];
    if (start.role !== 'in' || end.role !== 'out' || end.at <= start.at) return null;
    sessions.push({ start: start.at, end: end.at });
  }
  return sessions;
}

function shiftSession(s: Session): ShiftSession {
  return { start: s.start % DAY, end: s.end % DAY, overnight: s.end >= DAY };
}

/** A span of days, taking in one more (a new span when there is none). */
function widened(span: { first: IsoDate; last: IsoDate } | null, date: IsoDate): { first: IsoDate; last: IsoDate } {
  if (!span) return { first: date, last: date };
  if (date < span.first) return { ...span, first: date };
  return date > span.last ? { ...span, last: date } : span;
}

/** A punch's time on its work day: a 次日 time counts past 24:00, as the shift model counts overnight sessions. */
function clockAt(time: PunchTime): Seconds {
  return time.nextDay ? time.at + DAY : time.at;
}

/** The side a time's slots agree on; none when it stands in no slot, or in a 上班 and a 下班 alike. */
function soleRole(roles: ReadonlySet<'in' | 'out'> | undefined): 'in' | 'out' | null {
  return roles?.size === 1 ? [...roles][0]! : null;
}

/** "id:0012" → "id:12": a number key without leading zeros or case. */
function foldedNumber(key: string): string {
  const colon = key.indexOf(':');
  return key.slice(0, colon + 1) + idKey(key.slice(colon + 1));
}
