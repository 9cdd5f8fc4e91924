import type { WorkCalendar } from '../calendar/calendar.js';
import { parseClock, type Seconds } from '../calendar/hours.js';
import { LocalDateTime, parseDateText, type IsoDate } from '../core/dates.js';
import { dateFromCell } from '../validate/fields.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { cleanName } from '../core/text.js';
import { punchSheet } from '../core/input-sheets.js';
import { isBlank, mapHeader } from './header.js';
import { columnLetter, type CellValue } from './table.js';
import { FaultReporter, withoutFaults } from './table-collector.js';
import type { SheetRow } from './xlsx.js';

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
 * [at + 86400 × (role code + 3 × session code) + 86400 × 9 × column, row].
 */
const ROLE = { in: 1, out: 2 } as const;
export function pack(p: RawPunch): [number, number] {
  const role = p.role === null ? 0 : ROLE[p.role];
  const session = p.session === null ? 0 : p.session + 1;
  return [p.at + 86400 * (role + 3 * session) + 86400 * 9 * p.column, p.row];
}

export function unpack(packed: number, row: number): RawPunch {
  const at = packed % 86400;
  const codes = Math.floor(packed / 86400);
  const role = codes % 3;
  const session = Math.floor(codes / 3) % 3;
  return { at, role: role === 0 ? null : role === 1 ? 'in' : 'out', session: session === 0 ? null : ((session - 1) as 0 | 1), row, column: Math.floor(codes / 9) };
}

/** How far down a title block may push the header row. */
const HEADER_ROWS = 10;

/**
 * Reads the 考勤 sheet row by row, as a streaming reader delivers it, in any of its three shapes.
 * It keeps per person (as written: 工号 or 姓名) and day only that day's punches, so memory grows
 * with person-days, not with the rows of a year's export. Rows are checked as they come (dates,
 * times, the calendar's years); people, working hours and the period are applied afterwards,
 * because the 人员 and 设置 sheets may come later in the file.
 */
export class PunchCollector {
  readonly problems: Problem[] = [];
  /** person key ("id:0001" or "name:张三") → day → packed punches (pairs of numbers, see pack). */
  readonly days = new Map<string, Map<IsoDate, number[]>>();
  /** The first row of each person key, for "not in the roster" messages. */
  readonly firstRow = new Map<string, { row: number; count: number; column: number }>();
  private pending: SheetRow[] | null = [];
  private columns: { key: PunchKey; header: string; index: number }[] = [];
  private shape: 'long' | 'cell' | 'wide' | null = null;
  private readonly uncovered = new Set<number>();
  /** A month has a few dozen distinct date cells and tens of thousands of rows: parse each once. */
  private readonly dates = new Map<string, IsoDate | null>();
  rows = 0;
  private readonly faults: FaultReporter;

  constructor(
    readonly file: string,
    readonly sheet: string,
    private readonly calendar: WorkCalendar,
    private readonly defaultYear: number | undefined,
  ) {
    this.faults = new FaultReporter(file, sheet, this.problems);
  }

  /** Once the header is known, only its punch columns are read. */
  readonly keepColumn = (column: number): boolean => this.pending !== null || this.columns.some((c) => c.index === column);

  private at(row: number, column?: number): SourceLocation {
    const c = column === undefined ? undefined : this.columns.find((x) => x.index === column);
    return { file: this.file, sheet: this.sheet, row, ...(c ? { column: c.header, columnLetter: columnLetter(c.index) } : {}) };
  }

  /** Locates a stored punch for messages and the audit. */
  locate(punch: RawPunch): SourceLocation {
    return this.at(punch.row, punch.column);
  }

  add(row: SheetRow): void {
    if (this.pending) {
      // Until the header is found, rows wait (a title block may come first).
      this.pending.push(row);
      if (this.pending.length >= HEADER_ROWS) this.findHeader();
      return;
    }
    this.take(row);
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
    const has = (key: PunchKey) => this.columns.some((c) => c.key === key);
    this.shape = has('time') ? 'long' : has('cell') ? 'cell' : ['amIn', 'amOut', 'pmIn', 'pmOut'].some((k) => has(k as PunchKey)) ? 'wide' : null;
    if (!this.shape || (!has('id') && !has('name'))) {
      this.problems.push(problem('punch_shape_unknown', { file: this.file, sheet: this.sheet, row: table.headerRow }));
      this.shape = null;
      return;
    }
    for (const row of rows) if (row.row > table.headerRow) this.take(row);
  }

  private index(key: PunchKey): number | undefined {
    return this.columns.find((c) => c.key === key)?.index;
  }

  private take({ row, cells }: SheetRow): void {
    if (!this.shape) return;
    const cell = (key: PunchKey): CellValue => {
      const c = this.columns.find((x) => x.key === key);
      return c === undefined ? null : this.faults.take(cells[c.index] ?? null, c.header);
    };
    const idCell = cell('id');
    const nameCell = cell('name');
    if (isBlank(idCell) && isBlank(nameCell) && (this.shape === 'long' ? isBlank(cell('time')) : true)) return;
    this.rows += 1;
    const person = !isBlank(idCell) ? `id:${cleanName(String(idCell))}` : `name:${cleanName(String(nameCell ?? ''))}`;
    const seen = this.firstRow.get(person);
    if (seen) seen.count += 1;
    else this.firstRow.set(person, { row, count: 1, column: (!isBlank(idCell) ? this.index('id') : this.index('name')) ?? 0 });

    const dateIndex = this.index('date');
    let day: IsoDate | null = null;
    const dateCell = cell('date');
    if (!isBlank(dateCell)) {
      if (typeof dateCell === 'string') {
        if (!this.dates.has(dateCell)) this.dates.set(dateCell, dateFromCell(dateCell, this.defaultYear));
        day = this.dates.get(dateCell) ?? null;
      } else day = dateFromCell(dateCell, this.defaultYear);
      if (!day) {
        this.problems.push(problem('date_invalid', this.at(row, dateIndex), { value: String(dateCell) }));
        return;
      }
    }
    const takeCell = (key: PunchKey, role: 'in' | 'out' | null, session: 0 | 1 | null) => {
      const column = this.index(key) ?? 0;
      for (const token of tokens(cell(key))) {
        if (isBlank(token)) continue;
        // A date-time in one cell ("2026-10-05 08:01:30" or an Excel date-time) carries its own day.
        if (token instanceof LocalDateTime && token.date !== null) day = token.date;
        if (typeof token === 'string' && !/[:：]/.test(token)) {
          const asDate = parseDateText(token, this.defaultYear);
          if (asDate) {
            day = asDate;
            continue;
          }
        }
        const at = timeOf(token);
        if (at === null) {
          this.problems.push(problem('time_invalid', this.at(row, column), { value: String(token) }));
          continue;
        }
        if (!day) {
          this.problems.push(problem('value_required', this.at(row, dateIndex)));
          return;
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
        let byDay = this.days.get(person);
        if (!byDay) this.days.set(person, (byDay = new Map()));
        const packed = pack({ at, role, session, row, column });
        const list = byDay.get(day);
        if (list) list.push(...packed);
        else byDay.set(day, [...packed]);
      }
    };
    if (this.shape === 'long') takeCell('time', null, null);
    else if (this.shape === 'cell') takeCell('cell', null, null);
    else {
      takeCell('amIn', 'in', 0);
      takeCell('amOut', 'out', 0);
      takeCell('pmIn', 'in', 1);
      takeCell('pmOut', 'out', 1);
    }
  }
}

/** A time of day from a cell: an Excel time or date-time (not a date alone), a fraction of a day, or text. */
function timeOf(value: CellValue): Seconds | null {
  if (typeof value === 'number') return value >= 0 && value < 1 ? Math.round(value * 86400) : null;
  if (value instanceof LocalDateTime) return value.shows === 'date' ? null : value.timeOfDay;
  if (typeof value === 'string') return parseClock(value);
  return null;
}


/** The tokens of a one-cell export: "08:01 11:32 14:58 17:31", or with a date first. */
function tokens(value: CellValue): CellValue[] {
  if (typeof value !== 'string') return [value];
  return value
    .normalize('NFKC')
    .split(/[\s,;，；、|]+/)
    .filter((t) => t !== '');
}

/** Reads the person key back: 工号 or 姓名. */
export function personOfKey(key: string): { id: string } | { name: string } {
  return key.startsWith('id:') ? { id: key.slice(3) } : { name: key.slice(5) };
}
