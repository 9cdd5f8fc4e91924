import { settingKeyOf, type ColumnSpec } from '../core/input-sheets.js';
import type { Problem } from '../core/problems.js';
import { findHeader, HEADER_SEARCH_ROWS, isBlank } from './header.js';
import { HeaderWatch } from './header-watch.js';
import type { Merge } from './merges.js';
import type { RawRow, RawTable } from './table.js';
import { CellFault, faultProblem, HiddenColumns, type CellSink, type RawCell, type SheetRow } from './xlsx.js';

/** A row with its faults left out, for finding a header and for rows nobody validates. */
export function withoutFaults(row: SheetRow): RawRow {
  if (!row.cells.some((c) => c instanceof CellFault)) return row as RawRow;
  const cells: RawRow['cells'] = [];
  row.cells.forEach((value, column) => {
    if (!(value instanceof CellFault)) cells[column] = value;
  });
  return { row: row.row, cells };
}

/**
 * Reports each fault once, where a column in use holds it (a merged fault covers several rows
 * but is one cell), and reads it as empty.
 */
export class FaultReporter {
  private readonly seen = new Set<CellFault>();

  constructor(
    private readonly file: string,
    private readonly sheet: string,
    private readonly problems: Problem[],
  ) {}

  /** The value to use: faults become null after being reported (`time`: the column holds times). */
  take<T>(value: T | CellFault, header: string, time = false): T | null {
    if (!(value instanceof CellFault)) return value;
    if (!this.seen.has(value)) {
      this.seen.add(value);
      this.problems.push(faultProblem(value, { file: this.file, sheet: this.sheet, column: header }, time));
    }
    return null;
  }
}

/**
 * Collects a template sheet (人员, 记录 …) as a streaming reader delivers it: the first rows wait
 * until the header is known, then only the columns the header maps are kept, so unknown and far
 * columns cost nothing. A header merged across columns keeps all of them (its values may be in
 * any: read/header.ts decides), and a column no header names keeps its first value, so mapping
 * the result's header again says it. Faults in kept columns of data rows are reported; the header
 * and the rows above it keep all their cells (without faults), so mapping the result's header
 * again gives the same columns and the same warnings. `keyValue` sheets (设置) have no header:
 * columns A and B.
 */
export class TableCollector implements CellSink {
  readonly problems: Problem[] = [];
  private readonly faults: FaultReporter;
  private readonly rows: RawRow[] = [];
  private pending: SheetRow[] | null = [];
  /** Kept column → its header, once known. */
  private kept: Map<number, string> | null;
  /** The row being taken cell by cell: whole while the header is sought, then its kept cells only. */
  private current: SheetRow = { row: 0, cells: [] };
  /** Columns Excel hides in the sheet, and those of them a data row gave a value to (said at the end). */
  private readonly hidden = new HiddenColumns();
  /** Kept columns that hold a month (月份), once the header is known. */
  private monthColumns: ReadonlySet<number> = new Set();
  /** The sheet's merges across columns, told before its rows. */
  private merges: readonly Merge[] = [];
  /** The header row's number, once known. */
  private headerRow = 0;
  /** Once the header is known (none for 设置): the columns its headers name, and the first value of each no header names (kept in its row, then no longer read). */
  private watch: HeaderWatch<string> | null = null;

  constructor(
    readonly file: string,
    readonly sheet: string,
    private readonly columns: readonly ColumnSpec[] | 'keyValue',
    /** The workbook counts serials from 1904-01-01 (see RawTable). */
    private readonly date1904: boolean,
  ) {
    this.faults = new FaultReporter(file, sheet, this.problems);
    this.kept = columns === 'keyValue' ? new Map([[0, ''], [1, '']]) : null;
    if (this.kept) this.pending = null;
  }

  /** Whether the reader should read a column's cells at all. */
  readonly keepColumn = (column: number): boolean => this.kept === null || this.kept.has(column) || this.watch?.watches(column) === true;

  /** A cell outside the kept columns (of row `row`): kept into `cells` when it is the first value of a column no header names. */
  private watched(column: number, value: RawCell, row: number, cells: SheetRow['cells']): void {
    if (value instanceof CellFault || isBlank(value) || !this.watch?.watches(column)) return;
    this.watch.see(column, value, row);
    cells[column] = value;
  }

  row(row: number): void {
    this.current = { row, cells: [] };
  }

  hiddenColumns(columns: ReadonlySet<number>): void {
    this.hidden.hide(columns);
  }

  mergedCells(merges: readonly Merge[]): void {
    this.merges = merges.filter((m) => m.right > m.left);
  }

  /** A cell of the current row: a data row's is kept as prune would keep it (left to right, as prune reports faults), with no row built first. */
  cell(column: number, value: RawCell): void {
    if (this.pending) {
      this.current.cells[column] = value;
      return;
    }
    const header = this.kept?.get(column);
    if (header === undefined) return this.watched(column, value, this.current.row, this.current.cells);
    if (this.unusedValue(column, value, this.current.cells[0])) return;
    this.hidden.took(column);
    const taken = this.faults.take(this.monthShown(column, value), header);
    if (taken !== null) this.current.cells[column] = taken;
  }

  end(): boolean {
    if (this.pending) return this.add(this.current);
    this.keep(this.current as RawRow);
    return true;
  }

  /** Takes a row; false when reading may stop (no header within the first rows: nothing more will be used). */
  add(row: SheetRow): boolean {
    if (!this.pending) {
      this.keep(this.prune(row));
      return true;
    }
    this.pending.push(row);
    return this.pending.length < HEADER_SEARCH_ROWS || this.findHeader();
  }

  /** The sheet as a raw table; call after the last row. */
  finish(): RawTable {
    if (this.pending) this.findHeader();
    this.problems.push(...this.hidden.problems(this.file, this.sheet, (index) => this.kept?.get(index) ?? ''));
    const headerMerges = this.merges.filter((m) => m.top <= this.headerRow && this.headerRow <= m.bottom);
    return { file: this.file, sheet: this.sheet, rows: this.rows, ...(this.date1904 ? { date1904: true } : {}), ...(headerMerges.length > 0 ? { headerMerges } : {}) };
  }

  /** Maps the waiting rows' header; false when there is none. */
  private findHeader(): boolean {
    const waiting = this.pending ?? [];
    this.pending = null;
    const clean = waiting.map(withoutFaults);
    const raw = { file: this.file, sheet: this.sheet, rows: clean, headerMerges: this.merges };
    const columns = this.columns as readonly ColumnSpec[];
    const { head } = findHeader(raw, columns);
    if (!head) {
      this.rows.push(...clean);
      return false;
    }
    const watch = new HeaderWatch({ ...raw, rows: clean.slice(0, head.headerIndex + 1) }, columns, head.columns.map((c) => c.index));
    // Every column a mapped header names is kept: which of a merged header's holds its values is known only at the end.
    // Left to right, the order prune reports faults in.
    const monthKeys = new Set(columns.filter((spec) => 'type' in spec && spec.type === 'month').map((spec) => spec.key));
    const kept = new Map<number, string>();
    const monthColumns = new Set<number>();
    for (const mapped of [...head.columns].sort((a, b) => a.index - b.index)) {
      for (const column of watch.columnsOf(mapped.index)) {
        kept.set(column, mapped.header);
        if (monthKeys.has(mapped.key)) monthColumns.add(column);
      }
    }
    this.kept = kept;
    this.monthColumns = monthColumns;
    this.headerRow = head.headerRow;
    this.watch = watch;
    waiting.forEach((row, i) => this.keep(row.row > head.headerRow ? this.prune(row) : (clean[i] as RawRow)));
    return true;
  }

  /**
   * A month column's date shown without its day (2026年10月 in yyyy"年"m"月") is the month it
   * shows, which is all the column asks; anywhere else it stays a fault (which day is not shown).
   */
  private monthShown(column: number, value: RawCell): RawCell {
    if (!(value instanceof CellFault) || value.kind !== 'date_without_day' || !this.monthColumns.has(column)) return value;
    return value.date ?? value;
  }

  /**
   * A 设置 value's fault where the key is not one kaohe knows: the row is ignored (with a warning
   * when validated), so its value is never used and its #N/A must not stop the run.
   */
  private unusedValue(column: number, value: RawCell, key: RawCell | undefined): boolean {
    if (this.columns !== 'keyValue' || column !== 1 || !(value instanceof CellFault)) return false;
    return key === undefined || key === null || key instanceof CellFault || settingKeyOf(String(key)) === undefined;
  }

  private keep(row: RawRow): void {
    if (row.cells.length > 0) this.rows.push(row);
  }

  /** A data row with only the kept columns (and a first value no header names), faults reported. */
  private prune(row: SheetRow): RawRow {
    const cells: RawRow['cells'] = [];
    if (this.watch) {
      row.cells.forEach((value, column) => {
        if (!this.kept?.has(column)) this.watched(column, value, row.row, cells);
      });
    }
    for (const [column, header] of this.kept ?? []) {
      const value = row.cells[column];
      if (value === undefined || this.unusedValue(column, value, row.cells[0])) continue;
      this.hidden.took(column);
      const taken = this.faults.take(this.monthShown(column, value), header);
      if (taken !== null) cells[column] = taken;
    }
    return { row: row.row, cells };
  }
}
