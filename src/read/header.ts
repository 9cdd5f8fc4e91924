import { problem, type Problem } from '../core/problems.js';
import type { ColumnSpec } from '../core/input-sheets.js';
import { foldKey } from '../core/text.js';
import { locate, type CellValue, type RawTable, type Table } from './table.js';

/** How far down a title block may push the header row; the collectors wait for this many rows before they look. */
export const HEADER_SEARCH_ROWS = 10;

function cellText(value: CellValue | undefined): string {
  return value === null || value === undefined ? '' : foldKey(String(value));
}

/**
 * Finds the header row (the first row naming the most known columns, within the first rows, so a
 * title block above it is skipped) and maps columns to keys. Unknown columns are kept out with a
 * warning; missing required columns are errors.
 */
export function mapHeader<K extends string>(raw: RawTable, specs: readonly ColumnSpec<K>[]): { table?: Table<K>; problems: Problem[] } {
  const { head, problems } = findHeader(raw, specs);
  if (!head) return { problems };
  return { table: withRows(raw, specs, head), problems };
}

/** A found header with all its data rows mapped (mappedRows), held as a Table. */
export function withRows<K extends string>(raw: RawTable, specs: readonly ColumnSpec<K>[], head: TableHead<K>): Table<K> {
  return { file: head.file, sheet: head.sheet, headerRow: head.headerRow, columns: head.columns, rows: [...mappedRows(raw, specs, head)] };
}

/** A sheet's header row and mapped columns, without its rows: mappedRows maps them one at a time. */
export interface TableHead<K extends string = string> extends Omit<Table<K>, 'rows'> {
  /** Where the header row is in the raw rows. */
  headerIndex: number;
}

/** The header and columns mapHeader finds, with the same problems, mapping no data row. */
export function findHeader<K extends string>(raw: RawTable, specs: readonly ColumnSpec<K>[]): { head?: TableHead<K>; problems: Problem[] } {
  const problems: Problem[] = [];
  const lookup = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) for (const h of spec.headers) lookup.set(foldKey(h), spec);

  let best: { rowIndex: number; hits: number } | null = null;
  raw.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, rowIndex) => {
    const hits = new Set(row.cells.map((c) => lookup.get(cellText(c))?.key).filter(Boolean)).size;
    if (hits > 0 && (best === null || hits > best.hits)) best = { rowIndex, hits };
  });
  if (best === null) {
    const expected = specs.filter((s) => s.required).map((s) => s.headers[0]);
    problems.push(problem('header_missing', locate(raw), { expected: expected.join('、') }));
    return { problems };
  }
  const headerIndex = (best as { rowIndex: number }).rowIndex;
  const headerRow = raw.rows[headerIndex] as RawTable['rows'][number];
  const columns: Table<K>['columns'] = [];
  headerRow.cells.forEach((cell, index) => {
    const text = cell === null ? '' : String(cell).trim();
    if (text === '') return;
    const spec = lookup.get(foldKey(text));
    if (!spec) {
      problems.push(problem('column_unknown', locate(raw, headerRow.row, { header: text, index }), {}, 'warning'));
      return;
    }
    if (columns.some((c) => c.key === spec.key)) return; // a repeated header: the first one counts
    columns.push({ key: spec.key, header: text, index });
  });
  for (const spec of specs) {
    if (spec.required && !columns.some((c) => c.key === spec.key)) {
      problems.push(problem('column_missing', locate(raw, headerRow.row), { column: spec.headers[0] as string, aliases: spec.headers.slice(1).join('、') }));
    }
  }
  return { head: { file: raw.file, sheet: raw.sheet, headerRow: headerRow.row, columns, headerIndex }, problems };
}

/**
 * The data rows under a header by key, made one at a time as they are asked for, blank rows
 * left out: a sheet of 80,000 records is validated without its rows mapped all at once.
 */
export function* mappedRows<K extends string>(raw: RawTable, specs: readonly ColumnSpec<K>[], head: TableHead<K>): Generator<Table<K>['rows'][number]> {
  for (let i = head.headerIndex + 1; i < raw.rows.length; i++) {
    const { row, cells } = raw.rows[i] as RawTable['rows'][number];
    if (head.columns.every((c) => isBlank(cells[c.index]))) continue;
    yield { row, values: valuesOf(cells, specs, head.columns) };
  }
}

/**
 * A data row by key. Every declared column has a value (null when the sheet lacks the column), so
 * validation sees absent optional columns as empty cells. Built key by key in declaration order, so
 * every row's object has the same shape (a city month has 200,000 of them).
 */
function valuesOf<K extends string>(cells: readonly CellValue[], specs: readonly ColumnSpec<K>[], columns: Table<K>['columns']): Record<K, CellValue> {
  const values = {} as Record<K, CellValue>;
  for (const spec of specs) values[spec.key] = null;
  for (const c of columns) values[c.key] = cells[c.index] ?? null;
  return values;
}

export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}
