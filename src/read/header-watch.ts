import type { ColumnSpec } from '../core/input-sheets.js';
import { problem, type Problem } from '../core/problems.js';
import { findHeader, headerSpans, isBlank, namedColumns, spanColumns } from './header.js';
import type { CellValue, RawRow, RawTable } from './table.js';

/**
 * What the columns outside a streamed sheet's mapped ones say of its header: the columns each
 * mapped header names (its merge's), which column of a header merged across columns holds the
 * header's values (the first of them to show one: the 考勤 collector reads it from then on), and
 * the first value in each column no header names. A collector that keeps no rows (考勤) has the
 * header mapped again over those first values at the end (problems), so that values in two
 * columns of a merge (column_merged_values) and values under no header (column_no_header) are said
 * by the rule a template sheet whose rows are kept is (TableCollector keeps those values in its rows).
 * Each watched column is read only until it shows a value.
 */
export class HeaderWatch<K extends string> {
  /** Each column of a mapped header merged across columns → the merge's first column (the header cell's). */
  private readonly mergeOf = new Map<number, number>();
  /** Each header cell's column → the last column it names (headerSpans). */
  private readonly spans: ReadonlyMap<number, number>;
  /** A merge's first column → the column of it holding the header's values, once one has shown a value. */
  private readonly holding = new Map<number, number>();
  /** The columns some header names, its own or by a merge. */
  private readonly named: ReadonlySet<number>;
  /** Each watched column's first value and its row. */
  private readonly first = new Map<number, { row: number; value: CellValue }>();

  /** `head`: the sheet's rows down to its header row (the last), with the header's merges; `mapped`: the columns the header maps. */
  constructor(
    private readonly head: RawTable,
    private readonly specs: readonly ColumnSpec<K>[],
    mapped: readonly number[],
  ) {
    const spans = headerSpans(head, head.rows[head.rows.length - 1] as RawRow);
    this.spans = spans;
    for (const [left, last] of spans) {
      if (last === left || !mapped.some((c) => left <= c && c <= last)) continue;
      for (let column = left; column <= last; column++) this.mergeOf.set(column, left);
    }
    this.named = namedColumns(spans);
  }

  /** The first column of the mapped merge a column is in; undefined for a column in none. */
  mergeAt(column: number): number | undefined {
    return this.mergeOf.get(column);
  }

  /** The columns a mapped column's header names, left to right: its merge's, or the column alone. */
  columnsOf(column: number): number[] {
    return spanColumns(this.spans, this.mergeOf.get(column) ?? column);
  }

  /** Whether a column's cells are still to be read: a merge's, or one no header names, that has not shown a value yet. */
  watches(column: number): boolean {
    return !this.first.has(column) && (this.mergeOf.has(column) || !this.named.has(column));
  }

  /**
   * A value of a watched column at `row`: its first is kept. Returns the merge's first column when
   * this is the first column of a merge to show a value (it holds the header's values); else undefined.
   */
  see(column: number, value: CellValue, row: number): number | undefined {
    if (isBlank(value) || !this.watches(column)) return undefined;
    this.first.set(column, { row, value });
    const left = this.mergeOf.get(column);
    if (left === undefined || this.holding.has(left)) return undefined;
    this.holding.set(left, column);
    return left;
  }

  /** Values in two columns of a merge, and in columns no header names: the header mapped again over the first values seen. */
  problems(): Problem[] {
    const byRow = new Map<number, CellValue[]>();
    for (const [column, { row, value }] of this.first) {
      const cells = byRow.get(row) ?? [];
      cells[column] = value;
      byRow.set(row, cells);
    }
    const rows = [...byRow].sort(([a], [b]) => a - b).map(([row, cells]) => ({ row, cells: Array.from(cells, (c) => c ?? null) }));
    const { problems } = findHeader({ ...this.head, rows: [...this.head.rows, ...rows] }, this.specs);
    // A 考勤 header merged over several time columns (打卡时间 over 上班/下班) holds punches in each:
    // reading one of them would make the others' punches absences, so any two columns with values refuse.
    return problems.flatMap((p) => (p.code === 'column_merged_unread' ? [problem('column_merged_values', p.at, { columns: p.args.columns ?? '' })] : p.code === 'column_merged_values' || p.code === 'column_no_header' ? [p] : []));
  }
}
