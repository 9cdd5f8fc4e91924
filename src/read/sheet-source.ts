import type { Problem } from '../core/problems.js';
import type { Merge } from './merges.js';
import { withoutFaults } from './table-collector.js';
import type { RawRow } from './table.js';
import { CellFault, hiddenRowsRead, Workbook, type SheetRow } from './xlsx.js';

/**
 * A file of sheets as the import of exports reads it: which sheets there are, the first rows of
 * any sheet (to recognise its layout), and every row of the sheet chosen. xlsx, xls, CSV and
 * attlog text all come this way, so one normaliser serves them all.
 */
export interface SheetInfo {
  name: string;
  hidden: boolean;
}

/**
 * A cell that holds no value (an error value, a formula without a result, a number shown otherwise)
 * where a row has one. A consumer reports it (faultProblem) only if the column is one it uses, and
 * knows whether that column holds times.
 */
export interface RowFault {
  column: number;
  fault: CellFault;
}

export interface SheetSource {
  file: string;
  /** What the bytes are, whatever the file is called. */
  format: 'xlsx' | 'xls' | 'csv' | 'attlog' | 'html';
  /** The workbook counts serials from 1904-01-01: a plain number where a date belongs is read so. */
  date1904: boolean;
  sheets(): Promise<SheetInfo[]>;
  /** The first `count` rows (fewer when the sheet is shorter), faults left out. */
  head(sheet: string, count: number): Promise<RawRow[]>;
  /** Every row, in order, one at a time; a fault reads as an empty cell and comes beside the row. Columns `keep` refuses may be left out unread. */
  rows(sheet: string, onRow: (row: RawRow, faults: readonly RowFault[]) => void, keep?: (column: number) => boolean): Promise<void>;
  /** The columns (0-based) a sheet hides, where the source knows them apart from its rows (xls); a collector names those it reads. */
  hiddenColumns?(sheet: string): ReadonlySet<number>;
  /** A sheet's merged ranges, where the source knows them apart from its rows (xls): a collector's header may be merged across columns. */
  mergedCells?(sheet: string): readonly Merge[];
  /** Problems met while reading (a sheet past Excel's bounds, hidden rows read, device artefacts): filled as sheets are read, so taken after the last rows() call. */
  problems: Problem[];
  close(): void;
}

/** .xlsx through the streaming reader (src/read/xlsx.ts); merged cells as the reader gives them. */
export async function xlsxSource(path: string): Promise<SheetSource> {
  const book = await Workbook.open(path);
  const problems: Problem[] = [];
  const info = (name: string) => book.sheets.find((s) => s.name === name)!;
  return {
    file: path,
    format: 'xlsx',
    date1904: book.date1904,
    problems,
    sheets: () => Promise.resolve(book.sheets.map((s) => ({ name: s.name, hidden: s.visibility !== 'visible' }))),
    async head(sheet, count) {
      const read = await book.head(info(sheet), count);
      return read.rows.map(withoutFaults);
    },
    async rows(sheet, onRow, keep) {
      const found = await book.readSheet(info(sheet), {
        ...(keep ? { keepColumn: keep } : {}),
        onRow: (row) => onRow(withoutFaults(row), faultsOf(row)),
      });
      problems.push(...found);
    },
    close: () => book.close(),
  };
}

/**
 * A CSV file as a one-sheet source (UTF-8 or GBK, delimiter detected: src/read/csv.ts), read from
 * the file each time rows are asked for, never held: opening reads it once for its problems,
 * keeping no row. A CSV with a problem has no rows (and its sheet no name), as its table is none.
 */
export async function csvSource(path: string): Promise<SheetSource> {
  // The CSV reader is loaded for CSV files only.
  const csv = await import('./csv.js');
  const sheet = csv.csvSheetName(path);
  const problems = await csv.readCsvRows(path, sheet, () => undefined);
  if (problems.length > 0) return streamedSource(path, 'csv', '', problems, () => undefined);
  return streamedSource(path, 'csv', sheet, problems, async (onRow) => void (await csv.readCsvRows(path, sheet, onRow)));
}

/**
 * A one-sheet source read from its file each time rows are asked for (CSV, an attlog), never held:
 * `eachRow` hands its rows in order until one returns true.
 */
export function streamedSource(file: string, format: SheetSource['format'], name: string, problems: Problem[], eachRow: (onRow: (row: RawRow) => boolean | void) => void | Promise<void>): SheetSource {
  return {
    file,
    format,
    date1904: false,
    problems,
    sheets: () => Promise.resolve([{ name, hidden: false }]),
    async head(asked, count) {
      const rows: RawRow[] = [];
      if (asked === name && count > 0) await eachRow((row) => rows.push(row) >= count);
      return rows;
    },
    async rows(asked, onRow) {
      if (asked === name) await eachRow((row) => onRow(row, []));
    },
    hiddenColumns: () => new Set(),
    mergedCells: () => [],
    close: () => undefined,
  };
}

/** A row's faults. */
function faultsOf(row: SheetRow): RowFault[] {
  const faults: RowFault[] = [];
  row.cells.forEach((cell) => {
    if (cell instanceof CellFault) faults.push({ column: cell.column, fault: cell });
  });
  return faults;
}

/** A sheet already in memory; `hiddenRows` and `hiddenColumns`: the rows and columns Excel hides (xls: SheetJS's '!rows' and '!cols'); `merges`: its merged ranges ('!merges'). */
interface SheetInMemory {
  name: string;
  rows: SheetRow[];
  hidden?: boolean;
  hiddenRows?: ReadonlySet<number>;
  hiddenColumns?: ReadonlySet<number>;
  merges?: readonly Merge[];
}

/**
 * Sheets already in memory (xls) as a source; xls cells may be faults, given as the
 * xlsx source gives them. Reading a sheet with hidden rows warns as the .xlsx reader does, counting
 * a hidden row with a value (or fault) in a column kept.
 */
export function rowsSource(file: string, format: SheetSource['format'], sheets: SheetInMemory[], date1904: boolean): SheetSource {
  const problems: Problem[] = [];
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const sheet = (name: string): SheetInMemory => byName.get(name) ?? { name, rows: [] };
  return {
    file,
    format,
    date1904,
    problems,
    sheets: () => Promise.resolve(sheets.map((s) => ({ name: s.name, hidden: s.hidden ?? false }))),
    head: (name, count) => Promise.resolve(sheet(name).rows.slice(0, count).map(withoutFaults)),
    hiddenColumns: (name) => sheet(name).hiddenColumns ?? new Set(),
    mergedCells: (name) => sheet(name).merges ?? [],
    rows(name, onRow, keep = () => true) {
      const { rows, hiddenRows } = sheet(name);
      const hiddenRead: number[] = [];
      for (const row of rows) {
        if (hiddenRows?.has(row.row) && row.cells.some((value, column) => value !== null && keep(column))) hiddenRead.push(row.row);
        onRow(withoutFaults(row), faultsOf(row));
      }
      problems.push(...hiddenRowsRead(file, name, hiddenRead));
      return Promise.resolve();
    },
    close: () => undefined,
  };
}
