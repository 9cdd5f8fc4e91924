import { problem, type Problem } from '../core/problems.js';
import type { ColumnSpec } from '../core/input-sheets.js';
import { foldKey, isBlankText } from '../core/text.js';
import { columnLetter, locate, type CellValue, type RawRow, type RawTable, type Table } from './table.js';

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
  return { file: head.file, sheet: head.sheet, headerRow: head.headerRow, columns: head.columns, rows: [...mappedRows(raw, specs, head)], ...(raw.date1904 ? { date1904: true } : {}) };
}

/** A sheet's header row and mapped columns, without its rows: mappedRows maps them one at a time. */
export interface TableHead<K extends string = string> extends Omit<Table<K>, 'rows'> {
  /** Where the header row is in the raw rows. */
  headerIndex: number;
}

/** The header and columns mapHeader finds, with the same problems, mapping no data row. */
export function findHeader<K extends string>(raw: RawTable, specs: readonly ColumnSpec<K>[]): { head?: TableHead<K>; problems: Problem[] } {
  const problems: Problem[] = [];
  const specOf = headerLookup(specs);

  let best: { rowIndex: number; hits: number } | null = null;
  raw.rows.slice(0, HEADER_SEARCH_ROWS).forEach((row, rowIndex) => {
    const hits = new Set(row.cells.map((c) => specOf(cellText(c))?.key).filter(Boolean)).size;
    if (hits > 0 && (best === null || hits > best.hits)) best = { rowIndex, hits };
  });
  if (best === null) {
    const expected = specs.filter((s) => s.required).map((s) => s.headers[0]);
    problems.push(problem('header_missing', locate(raw), { expected: expected.join('、') }));
    return { problems };
  }
  const headerIndex = (best as { rowIndex: number }).rowIndex;
  const headerRow = raw.rows[headerIndex] as RawTable['rows'][number];
  const spans = headerSpans(raw, headerRow);
  const valued = valuedColumns(raw, headerIndex, spans);
  const candidates: { spec: ColumnSpec<K>; header: string; index: number }[] = [];
  const unknown: { header: string; index: number }[] = [];
  headerRow.cells.forEach((cell, index) => {
    if (isBlank(cell)) return;
    const text = String(cell).trim();
    const spec = specOf(foldKey(text));
    if (!spec) return unknown.push({ header: text, index });
    const holding = spanColumns(spans, index).filter((c) => valued.has(c));
    if (holding.length > 1) problems.push(mergedValuesProblem(raw, headerIndex, { spec, header: text, index }, holding));
    // A merged header's values are in one of its columns: that one is the field's (the left one when none has any, or they clash).
    candidates.push({ spec, header: text, index: holding.length === 1 ? (holding[0] as number) : index });
  });
  problems.push(...unknownSaidOnce(raw, headerRow.row, unknown.map((column) => unknownProblem(raw, headerRow.row, column, specs, candidates))));
  const columns: Table<K>['columns'] = [];
  const ambiguous = new Set<K>();
  for (const spec of specs) {
    const chosen = chooseColumn(spec, candidates.filter((c) => c.spec === spec));
    if (!chosen) continue;
    if ('column' in chosen) {
      columns.push({ key: spec.key, header: chosen.column.header, index: chosen.column.index });
      for (const other of chosen.others) {
        problems.push(problem('column_duplicate', locate(raw, headerRow.row, other), { field: fieldName(spec), column: labelOf(other), used: labelOf(chosen.column) }, 'warning'));
      }
    } else {
      ambiguous.add(spec.key);
      const first = chosen.ambiguous[0] as { header: string; index: number };
      problems.push(problem('column_ambiguous', locate(raw, headerRow.row, first), { field: fieldName(spec), columns: chosen.ambiguous.map(labelOf).join('、') }));
    }
  }
  columns.sort((a, b) => a.index - b.index);
  for (const spec of specs) {
    if (spec.required && !ambiguous.has(spec.key) && !columns.some((c) => c.key === spec.key)) {
      problems.push(problem('column_missing', locate(raw, headerRow.row), { column: fieldName(spec), aliases: spec.headers.slice(1).join('、') }));
    }
  }
  const named = namedColumns(spans);
  for (const [index, row] of [...valued].sort(([a], [b]) => a - b)) {
    if (!named.has(index)) problems.push(problem('column_no_header', { file: raw.file, sheet: raw.sheet, row, columnLetter: columnLetter(index) }, {}, 'warning'));
  }
  // The date system goes with the head: rows parsed one at a time under it (记录) read their serials so.
  return { head: { file: raw.file, sheet: raw.sheet, headerRow: headerRow.row, columns, headerIndex, ...(raw.date1904 ? { date1904: true } : {}) }, problems };
}

/**
 * What each header cell names, by its column: the last column it names — its own, or the right
 * end of a merge from it across columns over the header row (次数 merged over D1:E1 names D and
 * E: the clerk sees the header over both).
 */
export function headerSpans(raw: Pick<RawTable, 'headerMerges'>, headerRow: RawRow): Map<number, number> {
  const spans = new Map<number, number>();
  headerRow.cells.forEach((cell, index) => {
    if (!isBlank(cell)) spans.set(index, index);
  });
  for (const merge of raw.headerMerges ?? []) {
    const own = spans.get(merge.left);
    if (own !== undefined && merge.top <= headerRow.row && headerRow.row <= merge.bottom) spans.set(merge.left, Math.max(own, merge.right));
  }
  return spans;
}

/** The columns a header cell names (headerSpans), its own first. */
export function spanColumns(spans: ReadonlyMap<number, number>, index: number): number[] {
  const last = spans.get(index) ?? index;
  return Array.from({ length: last - index + 1 }, (_, i) => index + i);
}

/** The columns some header cell names (headerSpans). */
export function namedColumns(spans: ReadonlyMap<number, number>): Set<number> {
  return new Set([...spans.keys()].flatMap((index) => spanColumns(spans, index)));
}

/**
 * The first data row with a value in each column that is not a lone header's own: the columns
 * of a merged header (which of them holds its values) and those no header names (values a clerk
 * would take to be read).
 */
function valuedColumns(raw: RawTable, headerIndex: number, spans: ReadonlyMap<number, number>): Map<number, number> {
  const lone: boolean[] = [];
  for (const [index, last] of spans) if (index === last) lone[index] = true;
  const found = new Map<number, number>();
  for (let i = headerIndex + 1; i < raw.rows.length; i++) {
    const { row, cells } = raw.rows[i] as RawRow;
    for (let column = 0; column < cells.length; column++) {
      if (!lone[column] && !found.has(column) && !isBlank(cells[column])) found.set(column, row);
    }
  }
  return found;
}

/**
 * Values in two or more columns under one merged header. When every row with a value right of
 * the header's own column has one in that column too (项目 merged over E:F, the code in E and its
 * name typed beside it in F), the header's column is read and the others said unread, a warning:
 * the file reads as before merges were looked at. So is a 说明 spilling to the right, never scored.
 * A value only in another column (次数 in D on one row, in E on the next) would be lost: an error.
 */
function mergedValuesProblem<K extends string>(raw: RawTable, headerIndex: number, column: { spec: ColumnSpec<K>; header: string; index: number }, holding: readonly number[]): Problem {
  const at = locate(raw, raw.rows[headerIndex]!.row, column);
  const columns = holding.map((c) => `${columnLetter(c)}列`).join('、');
  const others = holding.filter((c) => c !== column.index);
  const orphan = raw.rows.slice(headerIndex + 1).find(({ cells }) => isBlank(cells[column.index]) && others.some((c) => !isBlank(cells[c])));
  if (holding.includes(column.index) && (!orphan || column.spec.unscored === true)) {
    return problem('column_merged_unread', at, { columns, read: `${columnLetter(column.index)}列`, unread: others.map((c) => `${columnLetter(c)}列`).join('、') }, 'warning');
  }
  // The first row whose value stands only beside the header's column: where the clerk looks first.
  const beside = orphan ? others.find((c) => !isBlank(orphan.cells[c])) : undefined;
  return problem('column_merged_values', at, { columns, ...(orphan && beside !== undefined ? { row: orphan.row, column: `${columnLetter(beside)}列` } : {}) });
}

/**
 * An unrecognised header: a hint that its column is left out; a warning naming the field it looks
 * like when it holds an optional field's name and no column is read as that field (累计次数 holds
 * 次数: its counts would be taken as 1 without a word).
 */
function unknownProblem<K extends string>(raw: RawTable, row: number, column: { header: string; index: number }, specs: readonly ColumnSpec<K>[], read: readonly { spec: ColumnSpec<K> }[]): Problem {
  const folded = foldKey(column.header);
  const like = specs.find((spec) => !spec.required && !read.some((c) => c.spec === spec) && folded.includes(foldKey(fieldName(spec))));
  return like ? problem('column_resembles', locate(raw, row, column), { field: fieldName(like) }, 'warning') : problem('column_unknown', locate(raw, row, column), {}, 'warning');
}

/** Unrecognised headers up to this many are said each at its column; more are one hint naming the first of them (a sheet of 16,384 columns is one thing to fix). */
const UNKNOWN_EACH = 5;

/** The unread-column problems of a header, the unrecognised ones said once (columns_unknown, where the first was) when there are more than UNKNOWN_EACH. */
function unknownSaidOnce(raw: RawTable, row: number, found: readonly Problem[]): Problem[] {
  const unknown = found.filter((p) => p.code === 'column_unknown');
  if (unknown.length <= UNKNOWN_EACH) return [...found];
  const columns = unknown.slice(0, UNKNOWN_EACH).map((p) => `${p.at.column ?? ''}(${p.at.columnLetter ?? ''}列)`);
  const once = problem('columns_unknown', locate(raw, row), { columns: columns.join('、'), count: unknown.length }, 'warning');
  const first = found.indexOf(unknown[0] as Problem);
  return [...found.slice(0, first), once, ...found.slice(first).filter((p) => p.code !== 'column_unknown')];
}

/** Whether a problem only says a column is left unread: an unrecognised header (or many), one like a field's, or values under no header. */
export function isUnreadColumn(p: Problem): boolean {
  return p.code === 'column_unknown' || p.code === 'columns_unknown' || p.code === 'column_resembles' || p.code === 'column_no_header';
}

/** A field's own name: its canonical header (工号, 窗口 …). */
function fieldName(spec: ColumnSpec): string {
  return spec.headers[0] as string;
}

/** A header with its column letter, as a message names it: 编号(A列). */
function labelOf(column: { header: string; index: number }): string {
  return `${column.header}(${columnLetter(column.index)}列)`;
}

/**
 * The spec a folded header names: one of its headers, or one followed by a bracketed unit or
 * note (次数(天), 分值（分）, 工号(必填)) — the words before the brackets name the field — with or
 * without a required-column mark (*工号, 次数 *).
 */
function headerLookup<K extends string>(specs: readonly ColumnSpec<K>[]): (folded: string) => ColumnSpec<K> | undefined {
  const lookup = new Map<string, ColumnSpec<K>>();
  for (const spec of specs) for (const h of spec.headers) lookup.set(foldKey(h), spec);
  return (folded) => {
    const exact = lookup.get(folded);
    if (exact) return exact;
    const bare = bareName(folded);
    return bare === folded ? undefined : lookup.get(bare);
  };
}

/** A header ending in a bracketed unit (NFKC has folded full-width brackets): the words before it. */
const UNIT_SUFFIX = /^(.+?)\([^()]+\)$/;

/** The mark system exports and templates put before or after a required column's header (NFKC has folded ＊, foldKey the spaces). */
const REQUIRED_MARK = /^\*+|\*+$/g;

/** A folded header without a required-column mark (*工号, 工号* → 工号); else itself. Exports' headers too (import/header.ts). */
export function withoutMark(folded: string): string {
  return folded.replace(REQUIRED_MARK, '');
}

/** A folded header without its mark and a bracketed unit or note at its end (工号(必填)* → 工号); else itself. */
function bareName(folded: string): string {
  const unmarked = withoutMark(folded);
  return withoutMark(UNIT_SUFFIX.exec(unmarked)?.[1] ?? unmarked);
}

/**
 * Which of the columns naming one field is used: the only one; else the one headed exactly by
 * the field's name (工号 over 编号), or with none so, the one headed by the name and a bracketed
 * note (工号（必填） over 编号; 次数 still over 次数（天）), the others set aside with a warning;
 * else none can be chosen without a guess (two aliases, or the field's name twice) and all are
 * named in an error.
 */
function chooseColumn<T extends { header: string; index: number }>(spec: ColumnSpec, found: readonly T[]): { column: T; others: T[] } | { ambiguous: readonly T[] } | null {
  if (found.length === 0) return null;
  if (found.length === 1) return { column: found[0] as T, others: [] };
  const name = foldKey(fieldName(spec));
  const exact = found.filter((c) => withoutMark(foldKey(c.header)) === name);
  const named = exact.length > 0 ? exact : found.filter((c) => bareName(foldKey(c.header)) === name);
  if (named.length !== 1) return { ambiguous: found };
  const column = named[0] as T;
  return { column, others: found.filter((c) => c !== column) };
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

/** An empty cell: none, or text that shows nothing (spaces, a zero-width space, a bidi mark …). */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && isBlankText(value));
}
