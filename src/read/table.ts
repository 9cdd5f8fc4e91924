import { fromExcelSerial, isCompactDateNumber, LocalDateTime, parseDateText, type IsoDate } from '../core/dates.js';
import type { SourceLocation } from '../core/problems.js';
import type { Merge } from './merges.js';

/**
 * What every reader (xlsx, csv) hands to validation: cell values as Excel shows them (formulas
 * as their results, rich text as text, dates and times as wall-clock LocalDateTime values), with
 * row numbers and column letters as the clerk sees them.
 */
export type CellValue = string | number | boolean | LocalDateTime | null;

export interface RawRow {
  /** 1-based sheet row number. */
  row: number;
  /** Index 0 = column A. May be sparse: a hole is an empty cell (read with `?? null`). */
  cells: CellValue[];
}

export interface RawTable {
  file: string;
  sheet: string;
  rows: RawRow[];
  /** The workbook counts serials from 1904-01-01 (a plain number in a date column is read so); absent for 1900 and CSV. */
  date1904?: true;
  /** Merges across columns over the header row (a header merged over D1:E1): which columns a header names (read/header.ts). */
  headerMerges?: readonly Merge[];
}

/** A sheet whose header row has been found and whose columns are mapped to canonical keys. */
export interface Table<K extends string = string> {
  file: string;
  sheet: string;
  headerRow: number;
  columns: { key: K; header: string; index: number }[];
  rows: { row: number; values: Record<K, CellValue> }[];
  /** As RawTable's. */
  date1904?: true;
}

/** Excel's sheet size: columns A to XFD, rows 1 to 1,048,576. */
export const MAX_COLUMNS = 16_384;
export const MAX_ROWS = 1_048_576;

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function locate(table: Pick<Table, 'file' | 'sheet'>, row?: number, column?: { header: string; index: number }): SourceLocation {
  // Each case written out, not spread: a city month's 记录 locate every row, some twice.
  const { file, sheet } = table;
  if (row === undefined) return column ? { file, sheet, column: column.header, columnLetter: columnLetter(column.index) } : { file, sheet };
  return column ? { file, sheet, row, column: column.header, columnLetter: columnLetter(column.index) } : { file, sheet, row };
}

/** A cell's value as Excel shows it in a message: a boolean as TRUE or FALSE (String gives true). */
export function shownValue(v: CellValue): string {
  return typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
}

/**
 * A date from a cell: an Excel date, a serial number of the workbook's date system, an 8-digit
 * number read as yyyymmdd (20261005, as typed without quotes) where that is a valid date, or
 * text typed one of the accepted ways.
 */
export function dateFromCell(v: CellValue, defaultYear: number | undefined, date1904: boolean): IsoDate | null {
  if (v instanceof LocalDateTime) return v.date;
  if (typeof v === 'number') return isCompactDateNumber(v) ? parseDateText(String(v)) : fromExcelSerial(v, date1904);
  if (typeof v === 'string') return parseDateText(v, defaultYear);
  return null;
}
