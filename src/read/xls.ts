import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { problem, type Problem } from '../core/problems.js';
import type { Merge } from './merges.js';
import { BUILTIN_FORMAT_CODES, customNumberShows, type NumberShows } from './number-format.js';
import { rowsSource, type SheetSource } from './sheet-source.js';
import { CellFault, formattedNumber, type RawCell, type SheetRow } from './xlsx.js';

/**
 * Legacy exports: BIFF .xls (every ZKTeco report, DingTalk 签到 and 审批 exports), and the HTML
 * or SpreadsheetML tables some programs save under a .xls name. Read by SheetJS as published on
 * the registry as @e965/xlsx 0.20.3 — never npm `xlsx` 0.18.5 (CVE-2023-30533, CVE-2024-22363) —
 * required only when such a file is read, so no other command pays for it.
 */
const XLS_LIMITS = {
  /** A month's export is a few MB; a .xls cannot hold more than 65,536 rows anyway. */
  fileBytes: 64_000_000,
  /** Cells the file declares (BIFF dimensions, HTML/XML cell tags) before the cells are built. */
  declaredCells: 20_000_000,
  /** Cells actually read. */
  cells: 8_000_000,
};

type SheetJs = typeof import('@e965/xlsx');
type SheetJsCell = import('@e965/xlsx').CellObject;

/**
 * SheetJS's CommonJS build, which loads its code pages itself (old BIFF5 files from Chinese clock
 * software are GBK, code page 936). Required, not imported: the bundled command line is a script
 * compiled from V8's code cache (src/cli/launch.ts), where Node 20 has no import() that works.
 */
function sheetJs(): SheetJs {
  return createRequire(import.meta.url)('@e965/xlsx') as SheetJs;
}

/** Reads a legacy .xls (or HTML/XML saved as .xls) whole, with size guards before and after parsing. */
export async function xlsSource(path: string, limits = XLS_LIMITS): Promise<SheetSource | Problem> {
  const info = await stat(path);
  if (info.size > limits.fileBytes) return tooLarge(path, `文件 ${Math.round(info.size / 1e6)} MB`);
  const bytes = await readFile(path);
  const text = looksLikeText(bytes);
  if (text) {
    const tags = countCellTags(bytes);
    if (tags > limits.declaredCells) return tooLarge(path, `${tags} 个单元格`);
  }
  const xlsx = sheetJs();
  // Text tables keep their text as written (raw): "2026-11-02" stays what the export shows.
  // cellStyles: SheetJS reads the columns' widths and hidden flags (COLINFO) only with it.
  const options = { type: 'buffer', dense: true, cellNF: true, cellStyles: true, cellDates: false, cellText: !!text, cellHTML: false, cellFormula: false, raw: !!text } as const;
  try {
    if (!text) {
      const dims = xlsx.read(bytes, { ...options, sheetRows: 1 });
      // '!fullref' is SheetJS's full extent of a sheet read with sheetRows; its typings leave it untyped.
      const declared = dims.SheetNames.reduce((n, name) => n + areaOf(xlsx, (dims.Sheets[name]?.['!fullref'] as string | undefined) ?? dims.Sheets[name]?.['!ref']), 0);
      if (declared > limits.declaredCells) return tooLarge(path, `${declared} 个单元格`);
    }
    useExcelFormats(xlsx);
    const book = xlsx.read(bytes, options);
    const date1904 = !!book.Workbook?.WBProps?.date1904;
    const read = cellReader(date1904);
    let cells = 0;
    const sheets = book.SheetNames.map((name, index) => {
      const sheet = book.Sheets[name];
      const data = (sheet?.['!data'] ?? []) as (SheetJsCell | undefined)[][];
      const values: RawCell[][] = data.map((cellsOfRow, r) => (cellsOfRow ? Array.from(cellsOfRow, (c, column) => read(c, r + 1, column)) : []));
      fillMerges(values, sheet?.['!merges'] ?? []);
      const rows: SheetRow[] = [];
      values.forEach((cellsOfRow, r) => {
        if (cellsOfRow.every((v) => v === null || v === undefined)) return;
        cells += cellsOfRow.length;
        rows.push({ row: r + 1, cells: Array.from(cellsOfRow, (v) => v ?? null) });
      });
      const hidden = (book.Workbook?.Sheets?.[index]?.Hidden ?? 0) !== 0;
      return { name, rows, hidden, hiddenRows: hiddenRowsOf(sheet?.['!rows']), hiddenColumns: hiddenColumnsOf(sheet?.['!cols']), merges: (sheet?.['!merges'] ?? []).map(asMerge) };
    });
    if (cells > limits.cells) return tooLarge(path, `${cells} 个单元格`);
    return rowsSource(path, text ? 'html' : 'xls', sheets, date1904);
  } catch (error) {
    const message = String((error as Error).message ?? error);
    // SheetJS names a real password (EncryptedPackage); other CFB damage it may call "ZIP encryption".
    const reason = /password/i.test(message) ? 'encrypted' : 'corrupt';
    return problem('file_unreadable', { file: path }, { reason, detail: message.split('\n')[0] ?? '' });
  }
}

/**
 * SheetJS gives a BIFF cell the code of its format id from one table for the whole process: each
 * file's FORMAT records are added to it, and an id no record names has SheetJS's en-US code, or
 * none (Excel writes no record for its built-in formats, so a cell in 31 yyyy"年"m"月"d"日" or 32
 * h"时"mm"分" came as a plain number). Before each file the table is set to Excel's Chinese
 * built-ins and nothing else: a cell reads in the format Excel shows it in, never in one another
 * file defined (an id no one defines is General).
 */
function useExcelFormats(xlsx: SheetJs): void {
  // SheetJS's typings leave SSF untyped; get_table gives the table it reads and writes.
  const table = (xlsx.SSF as { get_table(): Record<string, string | undefined> }).get_table();
  for (const id of Object.keys(table)) table[id] = undefined;
  for (const [id, code] of BUILTIN_FORMAT_CODES) table[id] = code;
}

/** The rows (1-based) a sheet hides, by hand or by a filter (BIFF ROW records with fDyZero). */
function hiddenRowsOf(rows: readonly ({ hidden?: boolean } | undefined)[] | undefined): ReadonlySet<number> {
  const hidden = new Set<number>();
  rows?.forEach((info, r) => {
    if (info?.hidden) hidden.add(r + 1);
  });
  return hidden;
}

/** The columns (0-based) a sheet hides (COLINFO with fHidden, or width 0), as the .xlsx reader finds them in <cols>. */
function hiddenColumnsOf(columns: readonly ({ hidden?: boolean; width?: number } | undefined)[] | undefined): ReadonlySet<number> {
  const hidden = new Set<number>();
  columns?.forEach((info, column) => {
    if (info?.hidden || info?.width === 0) hidden.add(column);
  });
  return hidden;
}

function tooLarge(file: string, detail: string): Problem {
  return problem('export_too_large', { file }, { detail });
}

/** HTML or XML tables saved as .xls start with "<" (after an optional BOM and white space). */
function looksLikeText(bytes: Buffer): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 512 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  return bytes[i] === 0x3c;
}

/** Table cells an HTML (<td>, <th>) or SpreadsheetML (<Cell>) file declares, counted on the bytes. */
function countCellTags(bytes: Buffer): number {
  const text = bytes.toString('latin1');
  return (text.match(/<(?:td|th|cell|ss:cell)[\s>/]/gi) ?? []).length;
}

function areaOf(xlsx: SheetJs, ref: string | undefined): number {
  if (!ref) return 0;
  const range = xlsx.utils.decode_range(ref);
  return (range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1);
}

/** A SheetJS merged range (0-based rows and columns) as the .xlsx reader gives one (1-based rows). */
function asMerge(range: { s: { r: number; c: number }; e: { r: number; c: number } }): Merge {
  return { top: range.s.r + 1, left: range.s.c, bottom: range.e.r + 1, right: range.e.c };
}

/**
 * Merged cells as the .xlsx reader gives them: each row a merge covers reads the merge's value in
 * its first column (a person reads a merged block so), its other columns empty.
 */
function fillMerges(rows: RawCell[][], merges: readonly { s: { r: number; c: number }; e: { r: number; c: number } }[]): void {
  for (const m of merges) {
    const value = rows[m.s.r]?.[m.s.c] ?? null;
    if (value === null) continue;
    for (let r = m.s.r + 1; r <= m.e.r && r < rows.length; r++) {
      const row = (rows[r] ??= []);
      row[m.s.c] = value;
    }
  }
}

/**
 * The text Excel shows for a BIFF error code (SheetJS's table, which it does not export): a .xls
 * is read without cell text (cellText false), so an error cell carries only its code.
 */
const BIFF_ERRORS: ReadonlyMap<number, string> = new Map([
  [0x00, '#NULL!'],
  [0x07, '#DIV/0!'],
  [0x0f, '#VALUE!'],
  [0x17, '#REF!'],
  [0x1d, '#NAME?'],
  [0x24, '#NUM!'],
  [0x2a, '#N/A'],
  [0x2b, '#GETTING_DATA'],
]);

/** An error cell's text as Excel shows it; a code BIFF does not define is named by its number, not guessed. */
function errorText(code: SheetJsCell['v']): string {
  return (typeof code === 'number' ? BIFF_ERRORS.get(code) : undefined) ?? `错误码 ${String(code)}`;
}

/**
 * SheetJS cells as the .xlsx reader gives values: a number as its number format shows it (z, the
 * format code SheetJS gives for built-in and custom formats alike: a date, the number, 0001,
 * 95%, or a fault), errors a fault (cell_error where used), stubs nothing. Each format code is read once.
 */
function cellReader(date1904: boolean): (cell: SheetJsCell | undefined, row: number, column: number) => RawCell {
  const formats = new Map<string, NumberShows>();
  const showsOf = (code: string): NumberShows => {
    if (!formats.has(code)) formats.set(code, customNumberShows(code));
    return formats.get(code) ?? null;
  };
  return (cell, row, column) => {
    if (!cell) return null;
    switch (cell.t) {
      case 's':
        return cell.v === undefined || cell.v === '' ? null : String(cell.v);
      case 'b':
        return Boolean(cell.v);
      case 'e':
        // As the .xlsx reader: an error value is no value, reported where the cell is used.
        return new CellFault('error_value', row, column, cell.w ?? errorText(cell.v));
      case 'n': {
        return formattedNumber(Number(cell.v), typeof cell.z === 'string' ? showsOf(cell.z) : null, date1904, row, column);
      }
      default:
        return null;
    }
  };
}
