import { notAFileProblem } from '../core/files.js';
import type { Readable } from 'node:stream';
import { fromSerial, serialOfIsoText, type LocalDateTime } from '../core/dates.js';
import { problem, type Problem } from '../core/problems.js';
import { FIXED_WORKBOOK_DATE, WORKBOOK_AUTHOR } from '../core/version.js';
import { builtinNumberShows, clockPartText, customNumberShows, excelValue, sectionFor, showNumber, type DateTimeFormat, type NumberFormat, type NumberShows } from './number-format.js';
import { fileHead, isOldBiff, OLE_MAGIC, oldBiffProblem, startsWith, textTableOf, textTableProblem, ZIP_MAGIC } from './file-magic.js';
import { MergeFill, parseRange, scanMerges, type Merge } from './merges.js';
import { columnLetter, MAX_COLUMNS, MAX_ROWS, type CellValue } from './table.js';
import { decodeText, decodeTextChecked, INCOMPLETE, NOT_HANDLED, Tag, XmlScanner, type XmlHandler } from './xml.js';
import { openGuardedZip, ZipPartSize, ZipPartTwice, ZipRefused, type GuardedZip } from './zip-guard.js';

/**
 * The one .xlsx reader, for workbooks of every size. It streams: the zip's parts are inflated
 * and scanned as they arrive (src/read/xml.ts), and each row is handed on and forgotten.
 *
 * What it gives (also for importing clock and platform exports, which recognise a layout by content):
 *   const book = await Workbook.open(path, { onProgress });   // zip guard, sheet list
 *   book.sheets                  // [{ name, visibility: 'visible' | 'hidden' | 'veryHidden' }] in tab order
 *   await book.head(sheet, 30)   // the first rows, raw, parsing no further
 *   await book.readSheet(sheet, { onRow, keepColumn })   // every row, sparse, row by row
 *   book.close()
 * A header is mapped on such rows with mapHeader (read/header.ts) after withoutFaults
 * (read/table-collector.ts); chooseSheets (read/workbook-input.ts) applies the hidden-sheet rule.
 * Rows are sparse: `cells[i]` is column i (0 = A) and a column with no value is a hole, so an
 * empty or merely formatted cell allocates nothing and a value at XFD does not allocate the
 * columns before it (iterate with forEach, which skips holes). Only rows with a value come.
 *
 * Cell values are what Excel shows, whatever the machine's time zone or locale:
 * - shared and inline strings (rich-text runs joined, phonetic guides skipped, _x000D_ escapes
 *   decoded), numbers, booleans;
 * - numbers in a date or time format (built-in ids, or custom codes such as yyyy"年"m"月"d"日",
 *   [$-804]上午/下午h"时"mm"分", [h]:mm) as LocalDateTime, in the 1900 system (with its
 *   fictitious 1900-02-29) or the 1904 one, at the minute shown where the format shows no
 *   seconds; `t="d"` ISO cells as the serial they stand for, shown in the cell's format as a
 *   number is (General: the serial itself, as Excel shows it);
 * - numbers in any other format as it shows them (number-format.ts): the number where the format
 *   shows it exactly (4 in 0, 4.5 in 0.00), the text of a zero-padded id (1 in 0000 is "0001")
 *   or a percentage (0.95 in 0% is "95%");
 * - formulas by their cached result (a saved 0 is 0).
 * A cell Excel cannot show as a value is a CellFault rather than a guess: an error value
 * (#N/A), a formula with no cached result or in a workbook that asks to be recalculated on
 * opening (xlsxwriter's fullCalcOnLoad, whose cached values are placeholders), a formula that
 * calls TODAY, NOW, RAND, RANDBETWEEN or RANDARRAY (Excel shows a new result each time it
 * opens the file, not the saved one), a value that
 * does not parse, a number its format shows as another (4.4 in 0 shows 4) or in a way kaohe
 * does not render (0"次", ¥, 1.5E+00), a time in a format that shows no time of day (31:00 for
 * 08:31 in mm:ss). Consumers report a fault only where they use the cell
 * (see faultProblem).
 *
 * Merged cells, one rule for every sheet: each row a merge covers reads the merge's value in the
 * merge's first column, as a person reads a merged block, and its other columns read empty. Rows
 * below the sheet's last row with a value of its own are outside the data and are not made up.
 * `<mergeCells>` comes after the rows in the XML, so a cheap first pass (inflating and a byte
 * search, no parsing) finds the merges; head() pays it too.
 *
 * A cell reference past XFD or row 1,048,576 stops that sheet at once with cell_out_of_bounds.
 */

export type SheetVisibility = 'visible' | 'hidden' | 'veryHidden';

export interface SheetInfo {
  name: string;
  visibility: SheetVisibility;
  /** The sheet's XML part in the zip. */
  part: string;
}

/**
 * A cell that has no value Excel would show as data, or a number Excel shows as another
 * (number_rounded: 4.4 in format 0 shows 4; number_format_unknown: a format kaohe cannot render;
 * weekday_only: a format that shows only the weekday, 星期四, which names no day; date_without_day:
 * a date format that shows no day of the month, 2026年10月).
 * `row` and `column` are where it sits (1-based row, 0-based column).
 */
export class CellFault {
  constructor(
    readonly kind: 'formula_without_result' | 'formula_recalculated_on_load' | 'formula_volatile' | 'error_value' | 'unreadable' | 'not_utf8' | 'number_rounded' | 'number_format_unknown' | 'weekday_only' | 'not_time_of_day' | 'date_without_day',
    readonly row: number,
    readonly column: number,
    /** The formula, the error text (#N/A), the unreadable value (one not UTF-8 as read, with U+FFFD), what Excel shows, or the number format. */
    readonly detail: string,
    /** For a number shown otherwise: the number stored, as Excel's General shows it. */
    readonly stored = '',
    /** For not_time_of_day: the number format (mm:ss), whose text `detail` is ('' where kaohe cannot render it). */
    readonly format = '',
    /** For weekday_only and date_without_day: the date the number stored is (read as a date cell), whose weekday or month the cell shows; null where it is no date. */
    readonly date: LocalDateTime | null = null,
  ) {}
}

export type RawCell = CellValue | CellFault;

export interface SheetRow {
  /** 1-based, as Excel numbers it. */
  row: number;
  /** Sparse: index 0 = column A; holes are empty cells. */
  cells: RawCell[];
}

interface ReadSheetOptions {
  /** Each row with at least one value, in order; return false to stop reading. */
  onRow?(row: SheetRow): boolean | void;
  /** Instead of rows: the cells one by one, with no row objects built (see CellSink). */
  cells?: CellSink;
  /** Columns (0-based) whose cells are read; others are skipped unread. Default: all. */
  readonly keepColumn?: (column: number) => boolean;
}

/** What Excel hides in a sheet, told to a consumer before its rows: it says those it reads. */
export interface HiddenParts {
  /** Columns (0-based) hidden (`<col hidden="1">`, or width 0), once the sheet's <cols> are read. */
  hiddenColumns?(columns: ReadonlySet<number>): void;
}

/** A sheet's merged ranges, told to a consumer before its rows (when it has any): a header merged across columns names them all. */
export interface MergedParts {
  mergedCells?(merges: readonly Merge[]): void;
}

/**
 * A consumer of a sheet's cells as they are read: for each row with a value, `row`, then each of
 * its cells with a value (kept columns only, left to right), then `end` (return false to stop
 * reading). Nothing is allocated per row: a consumer that needs a few columns (the punch
 * collector: 工号, 日期, 时间) takes them as they pass.
 */
export interface CellSink extends HiddenParts, MergedParts {
  row(row: number): void;
  /** `shared`: the value's index in the shared strings when it is one (else -1 or absent), for a consumer that keeps what it made of each text by number. */
  cell(column: number, value: RawCell, shared?: number): void;
  end(): boolean | void;
}

/** A warning naming the hidden (filtered) rows a pass read: Excel counts them, and so does kaohe, but the clerk may have hidden them to leave them out. */
export function hiddenRowsRead(file: string, sheet: string, rows: readonly number[]): Problem[] {
  return rows.length === 0 ? [] : [problem('rows_hidden_read', { file, sheet }, { rows: rows.slice(0, HIDDEN_ROWS_NAMED).join('、'), count: rows.length }, 'warning')];
}

/**
 * The hidden columns a consumer took a value from, named in one warning at the end (次数(E列)): as
 * with rows, Excel counts them and so does kaohe, but the clerk may have hidden one to leave it
 * out. A hidden column kaohe maps that gives no value says nothing. The one rule of every collector.
 */
export class HiddenColumns {
  private hidden: ReadonlySet<number> = new Set();
  private readonly taken = new Set<number>();

  /** The sheet's hidden columns, as the reader tells them (CellSink.hiddenColumns). */
  hide(columns: ReadonlySet<number>): void {
    this.hidden = columns;
  }

  /** The sheet hides a column: otherwise nothing taken need be noted. */
  get any(): boolean {
    return this.hidden.size > 0;
  }

  /** A value was taken from this column. */
  took(column: number): void {
    if (this.hidden.has(column)) this.taken.add(column);
  }

  /** The warning naming the hidden columns values were taken from, each by its header. */
  problems(file: string, sheet: string, headerOf: (column: number) => string): Problem[] {
    if (this.taken.size === 0) return [];
    const named = [...this.taken].sort((a, b) => a - b).map((index) => (headerOf(index) ? `${headerOf(index)}(${columnLetter(index)}列)` : `${columnLetter(index)}列`));
    return [problem('columns_hidden_read', { file, sheet }, { columns: named.join('、') }, 'warning')];
  }
}

/**
 * The problem a fault becomes where a consumer uses the cell. In a time column (`time`) a number
 * shown rounded (0.330555 in 0.00 shows 0.33) is a number shown, no time, said as under General.
 */
export function faultProblem(fault: CellFault, at: { file: string; sheet: string; column?: string }, time = false): Problem {
  const where = { file: at.file, sheet: at.sheet, row: fault.row, ...(at.column ? { column: at.column } : {}), columnLetter: columnLetter(fault.column) };
  switch (fault.kind) {
    case 'formula_without_result':
      return problem('formula_without_result', where, { formula: fault.detail, reason: 'no_result' });
    case 'formula_recalculated_on_load':
      return problem('formula_without_result', where, { formula: fault.detail, reason: 'recalculate_on_load' });
    case 'formula_volatile':
      return problem('formula_without_result', where, { formula: fault.detail, reason: 'volatile' });
    case 'error_value':
      return problem('cell_error', where, { value: fault.detail });
    case 'unreadable':
      return problem('cell_unreadable', where, { value: fault.detail });
    case 'not_utf8':
      return problem('cell_not_utf8', where, { value: fault.detail });
    case 'number_rounded':
      if (time) return problem('time_plain_number', where, { value: fault.detail });
      return problem('cell_shown_differs', where, { reason: 'rounded', shown: fault.detail, stored: fault.stored });
    case 'number_format_unknown':
    case 'weekday_only':
      return problem('cell_shown_differs', where, { reason: 'format', format: fault.detail, stored: fault.stored });
    case 'not_time_of_day':
      return problem('cell_shown_differs', where, { reason: 'not_time_of_day', shown: fault.detail, format: fault.format, stored: fault.stored });
    case 'date_without_day':
      return problem('date_format_without_day', where, { format: fault.detail, date: fault.date?.date ?? '', stored: fault.stored });
  }
}

/**
 * A number cell as Excel shows it in its style's format: in General (null) the number on the 15
 * significant digits shown; else a date or time, the number, the text a zero-padded id or a
 * percentage shows (0001, 95%), or a fault where Excel shows another number or kaohe cannot tell
 * what it shows.
 */
export function formattedNumber(n: number, shows: NumberShows, date1904: boolean, row: number, column: number): RawCell {
  if (shows === null) return excelValue(n);
  if ('sections' in shows) return dateTimeShown(n, shows, date1904, row, column);
  if ('shows' in shows) return new CellFault('weekday_only', row, column, shows.code, storedText(n), '', fromSerial(n, date1904, 'date'));
  return numberShown(n, shows, row, column);
}

/** A number as a number format shows it: the number, the text of an id or a percentage, or a fault. */
function numberShown(n: number, format: NumberFormat, row: number, column: number): RawCell {
  const shown = showNumber(n, format);
  if ('value' in shown) return shown.value;
  if ('text' in shown) return shown.text;
  const stored = storedText(n);
  return 'rounded' in shown ? new CellFault('number_rounded', row, column, shown.rounded, stored) : new CellFault('number_format_unknown', row, column, shown.unknown, stored);
}

/** The number stored, as Excel's General shows it: for a fault's message only. */
function storedText(n: number): string {
  return String(excelValue(n));
}

/**
 * A number in a date or time format as Excel shows it: a date or time (read at the minute shown
 * where the format shows no seconds: 08:30:40 in h:mm is the 8:30 the clerk sees), the number
 * where a condition picks a number section (45000 in [>=46000]yyyy-mm-dd;0), or a fault where the
 * format shows a part of a time that is no time of day (31:00 for 08:31 in mm:ss) or a date
 * without its day (2026年10月 in yyyy"年"m"月": which day is not shown), or no section takes the number. Excel shows a date out of its range as ####.
 */
function dateTimeShown(n: number, format: DateTimeFormat, date1904: boolean, row: number, column: number): RawCell {
  const section = sectionFor(n, format);
  if (section === null) return new CellFault('number_format_unknown', row, column, format.code, storedText(n));
  if (section.shows === 'number') return section.format ? numberShown(n, section.format, row, column) : excelValue(n);
  if (section.shows === 'clock_part') return new CellFault('not_time_of_day', row, column, clockPartText(n, section.section) ?? '', storedText(n), format.code);
  if (section.shows === 'no_day') {
    const stored = fromSerial(n, date1904, 'date');
    return stored ? new CellFault('date_without_day', row, column, format.code, storedText(n), '', stored) : new CellFault('error_value', row, column, '########');
  }
  return fromSerial(n, date1904, section.shows, section.seconds) ?? new CellFault('error_value', row, column, '########');
}

/** A reason the file cannot be read as a workbook, as the problem to report. */
export class WorkbookFileError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.code);
  }
}

/**
 * A sheet's XML as no spreadsheet program writes it: a row numbered at or before the one above it,
 * a row number or cell reference that is none, a cell given twice in a row, a cell whose reference
 * names another row. Which value would stand is a guess. Or a shared-string cell in a workbook
 * without its shared strings (a part lost): every text of the sheet is gone.
 */
class SheetDamage extends Error {
  constructor(
    readonly fault: 'row_order' | 'row_number' | 'cell_twice' | 'cell_ref' | 'cell_row' | 'strings_missing',
    readonly row: number | null,
    readonly ref: string,
  ) {
    super(fault);
  }
}

/** A part of another size than the zip's directory says, named with the sheet it holds when it is one. */
function partSizeProblem(file: string, error: ZipPartSize, sheet?: string): Problem {
  return problem('file_unreadable', { file, ...(sheet === undefined ? {} : { sheet }) }, { reason: 'damaged', fault: error.longer ? 'part_longer' : 'part_shorter', ref: error.part });
}

/**
 * The problem an error met reading a file is when it is the file's own (damaged, cut, refused, or
 * the system's: gone, locked, unreadable); null for an error of kaohe's own, which is no damage.
 */
export function fileFault(file: string, error: unknown): Problem | null {
  if (error instanceof WorkbookFileError) return error.problem;
  if (error instanceof ZipRefused) return problem('zip_too_large', { file }, { detail: error.message });
  if (error instanceof ZipPartSize) return partSizeProblem(file, error);
  if (error instanceof ZipPartTwice) return problem('file_unreadable', { file }, { reason: 'damaged', fault: 'part_twice', ref: [...new Set(error.names)].join('、'), count: error.names.length });
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return problem('file_missing', { file });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') return problem('file_unreadable', { file }, { reason: 'locked' });
  return error instanceof Error && 'syscall' in error ? corruptProblem(file, error) : null;
}

/** fileFault's problem, any other error said as a file that cannot be read (where only opening it can fail). */
export function fileProblem(file: string, error: unknown): Problem {
  return fileFault(file, error) ?? corruptProblem(file, error);
}

function corruptProblem(file: string, error: unknown): Problem {
  return problem('file_unreadable', { file }, { reason: 'corrupt', detail: String((error as Error).message ?? error).split('\n')[0] ?? '' });
}

/**
 * Refuses what is not a regular .xlsx file before opening it: a folder, a named pipe, a device, an
 * .xls (an Excel 4 one named as such), a web page, Excel 2003 XML or CSV under a workbook's name (said as what it is), other bytes.
 */
async function checkFile(path: string, known: Buffer | undefined): Promise<void> {
  const notAFile = notAFileProblem(path);
  if (notAFile) throw new WorkbookFileError(notAFile);
  const head = known ?? (await fileHead(path));
  if (startsWith(head, ZIP_MAGIC)) return;
  if (startsWith(head, OLE_MAGIC)) throw new WorkbookFileError(problem('file_not_xlsx', { file: path }, { reason: 'ole' }));
  if (isOldBiff(head)) throw new WorkbookFileError(oldBiffProblem(path));
  const text = textTableOf(head);
  if (text) throw new WorkbookFileError(textTableProblem(path, text));
  throw new WorkbookFileError(problem('file_unreadable', { file: path }, { reason: 'not_zip' }));
}

/** Feeds one part through a handler; false when the zip has no such part. */
async function scanPart(zip: GuardedZip, part: string, handler: XmlHandler, onBytes?: (n: number) => void): Promise<boolean> {
  const stream = await zip.open(part);
  if (!stream) return false;
  await scanStream(stream, handler, onBytes);
  return true;
}

/** Thrown by a handler to stop reading a part early. */
class StopReading extends Error {}

async function scanStream(stream: Readable, handler: XmlHandler, onBytes?: (n: number) => void): Promise<void> {
  const scanner = new XmlScanner(handler);
  try {
    for await (const chunk of stream) {
      onBytes?.((chunk as Buffer).length);
      scanner.write(chunk as Buffer);
    }
    scanner.end();
  } catch (error) {
    stream.destroy();
    if (!(error instanceof StopReading)) throw error;
  }
}

/** A handler for parts read by their attributes only (workbook, relationships). */
function elements(onOpen: (name: string, tag: Tag) => void): XmlHandler {
  return { wantsText: false, open: onOpen, close: () => undefined, text: () => undefined };
}

const isTrue = (value: string | undefined) => value === '1' || value === 'true';
/** A height or width of 0 (ht="0", width="0.0", an xsd:double: also -0, 0E0, " 0 "): what it sizes is not shown. */
const isZero = (value: string | undefined) => value !== undefined && value.trim() !== '' && Number(value) === 0;
/** A row Excel does not show: set hidden (by hand or by a filter), or of no height. The one rule for the quick path and the general one. */
const rowHidden = (tag: Tag) => isTrue(tag.raw('hidden')) || isZero(tag.raw('ht'));

/** Resolves a relationship target against the folder of the part that declares it. */
function resolvePart(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

/** Where a part's relationships are kept: xl/workbook.xml's in xl/_rels/workbook.xml.rels. */
function relationshipsPartOf(part: string): string {
  const folder = part.split('/').slice(0, -1).join('/');
  return `${folder ? `${folder}/` : ''}_rels/${part.split('/').pop() ?? ''}.rels`;
}

/**
 * A part's relationships by Id. One Id given twice with different targets (which sheet is rId2?)
 * refuses the file: Excel writes each Id once, and taking either would be a guess.
 */
async function relationships(zip: GuardedZip, file: string, part: string): Promise<Map<string, { target: string; type: string }>> {
  const rels = new Map<string, { target: string; type: string }>();
  const relsPart = relationshipsPartOf(part);
  await scanPart(
    zip,
    relsPart,
    elements((name, tag) => {
      if (name !== 'Relationship' || tag.get('TargetMode') === 'External') return;
      const id = tag.get('Id') ?? '';
      const rel = { target: resolvePart(part, tag.get('Target') ?? ''), type: tag.get('Type') ?? '' };
      const before = rels.get(id);
      if (before && (before.target !== rel.target || before.type !== rel.type)) {
        throw new WorkbookFileError(problem('file_unreadable', { file }, { reason: 'damaged', fault: 'relationship_twice', part: relsPart, ref: id, targets: `${before.target}、${rel.target}` }));
      }
      rels.set(id, rel);
    }),
  );
  return rels;
}

/** What a sheet that is no worksheet is, by its relationship's type (…/chartsheet, …/xlMacrosheet, …/xlIntlMacrosheet, …/dialogsheet). */
export type NotTableKind = 'chart' | 'macro' | 'dialog' | 'other';

/** A sheet the workbook lists that holds no rows (a chart sheet, an Excel 4 macro sheet, a dialog sheet). */
export interface NotTable {
  name: string;
  kind: NotTableKind;
}

function sheetKindOf(type: string): NotTableKind {
  if (type.endsWith('/chartsheet')) return 'chart';
  if (/\/xl(Intl)?Macrosheet$/i.test(type)) return 'macro';
  return type.endsWith('/dialogsheet') ? 'dialog' : 'other';
}

/**
 * Refuses a workbook listing a sheet whose r:id no relationship of the workbook part has: its
 * part is unknown, and read as absent a lost 记录 would change the scores without a word. Excel
 * saves no such file (it opens one only by repairing it, dropping the sheet).
 */
function refuseSheetsUnrelated(file: string, main: string, sheets: readonly { name: string; id: string }[], rels: ReadonlyMap<string, unknown>): void {
  const lost = sheets.find((s) => !rels.has(s.id));
  if (!lost) return;
  // Said of the file, naming the sheet: no sheet of it is read.
  throw new WorkbookFileError(problem('file_unreadable', { file }, { reason: 'damaged', fault: 'sheet_relationship_missing', sheet: lost.name, ref: lost.id, part: relationshipsPartOf(main) }));
}

/** Sheet names as a message lists them: “记录”、“记录”. */
export const quotedSheets = (names: readonly string[]) => names.map((n) => `“${n}”`).join('、');

/**
 * Refuses a workbook that lists two sheets of one name (Excel compares sheet names without case,
 * and opens such a file only by repairing it, renaming one) or two sheets on one part (a sheet
 * whose own part is lost, or a copy of another): which sheet is 记录, or whose rows the part
 * holds, is a guess. Excel saves neither.
 */
function refuseSheetsTwice(file: string, sheets: readonly { name: string; part: string }[]): void {
  type Listed = (typeof sheets)[number];
  const twice = (key: (sheet: Listed) => string) => {
    const groups = new Map<string, Listed[]>();
    for (const sheet of sheets) groups.set(key(sheet), [...(groups.get(key(sheet)) ?? []), sheet]);
    return [...groups.entries()].find(([k, group]) => k !== '' && group.length > 1)?.[1];
  };
  const named = twice((s) => s.name.toLowerCase());
  if (named) {
    throw new WorkbookFileError(problem('file_unreadable', { file }, { reason: 'damaged', fault: 'sheet_name_twice', sheets: quotedSheets(named.map((s) => s.name)), parts: named.map((s) => s.part).filter(Boolean).join('、') }));
  }
  const shared = twice((s) => s.part.toLowerCase());
  if (shared) {
    throw new WorkbookFileError(problem('file_unreadable', { file }, { reason: 'damaged', fault: 'sheet_part_shared', sheets: quotedSheets(shared.map((s) => s.name)), ref: shared[0]?.part ?? '' }));
  }
}

/** `_x000D_`-style escapes of characters XML cannot hold, as Excel writes them in strings. */
function unescapeString(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

export interface OpenOptions {
  /** Inflated bytes read so far and in all, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
  /** The file's first bytes (fileHead), when the caller has read them already to tell what it is. */
  readonly head?: Buffer;
}

export class Workbook {
  /** The shared strings; a text whose bytes are not UTF-8 is missing here and kept in notUtf8Strings. */
  private strings: readonly (string | undefined)[] | null = null;
  /** The workbook declares no shared-strings part, or declares one the zip lacks. */
  private stringsMissing = false;
  private readonly notUtf8Strings = new Map<number, string>();
  /** Each sheet's merged ranges, found once: a sheet's head and then its rows must not inflate it twice to find them. */
  private readonly merges = new Map<string, Promise<Merge[]>>();
  private styles: readonly NumberShows[] | null = null;
  private done = 0;
  private elsewhere = 0;
  private total: number;

  private constructor(
    readonly file: string,
    private readonly zip: GuardedZip,
    readonly sheets: readonly SheetInfo[],
    /** The sheets listed that are not worksheets (chart, macro, dialog sheets): no rows to read, but a name a clerk may have meant. */
    readonly notTables: readonly NotTable[],
    /** Serials count from 1904-01-01 (<workbookPr date1904="1"/>). */
    readonly date1904: boolean,
    /** <calcPr fullCalcOnLoad="1"/>: the cached formula results are placeholders. */
    readonly recalculatesOnLoad: boolean,
    private readonly sharedStringsPart: string | null,
    private readonly stylesPart: string | null,
    private readonly options: OpenOptions,
  ) {
    this.total = this.bytesOf([...sheets.map((s) => s.part), sharedStringsPart, stylesPart]);
  }

  /** Opens a workbook through the zip guard and lists its worksheets. Throws WorkbookFileError, ZipRefused or an I/O error (see fileProblem). */
  static async open(path: string, options: OpenOptions = {}): Promise<Workbook> {
    await checkFile(path, options.head);
    const zip = await openGuardedZip(path);
    try {
      const root = await relationships(zip, path, '');
      const main = [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
      const rels = await relationships(zip, path, main);
      const found: { name: string; visibility: SheetVisibility; id: string }[] = [];
      let date1904 = false;
      let recalculates = false;
      const present = await scanPart(
        zip,
        main,
        elements((name, tag) => {
          if (name === 'workbookPr') date1904 = isTrue(tag.get('date1904'));
          else if (name === 'calcPr') recalculates = isTrue(tag.get('fullCalcOnLoad'));
          else if (name === 'sheet') {
            const state = tag.get('state');
            found.push({ name: tag.get('name') ?? '', visibility: state === 'hidden' || state === 'veryHidden' ? state : 'visible', id: tag.get('id') ?? '' });
          }
        }),
      );
      if (!present) throw new Error(`${main} missing`);
      refuseSheetsUnrelated(path, main, found, rels);
      // Every sheet listed, of any kind: a chart sheet's or a macro sheet's name is a tab's as a worksheet's is. kaohe reads the worksheets.
      const listed = found.map(({ name, visibility, id }) => ({ name, visibility, part: rels.get(id)?.target ?? '', type: rels.get(id)?.type ?? '' }));
      refuseSheetsTwice(path, listed);
      const sheets = listed.flatMap(({ name, visibility, part, type }) => (type.endsWith('/worksheet') ? [{ name, visibility, part }] : []));
      const notTables = listed.flatMap(({ name, type }) => (type.endsWith('/worksheet') ? [] : [{ name, kind: sheetKindOf(type) }]));
      const partOf = (type: string) => [...rels.values()].find((r) => r.type.endsWith(type))?.target ?? null;
      return new Workbook(path, zip, sheets, notTables, date1904, recalculates, partOf('/sharedStrings'), partOf('/styles'), options);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  /** Sets the progress total to the parts that will really be read (the sheets named, with strings and styles). */
  willRead(sheets: readonly SheetInfo[]): void {
    this.total = this.bytesOf([...sheets.map((s) => s.part), this.sharedStringsPart, this.stylesPart]);
  }

  /** The sheets' XML, in bytes inflated. */
  sizeOf(sheets: readonly SheetInfo[]): number {
    return this.bytesOf(sheets.map((s) => s.part));
  }

  private bytesOf(parts: readonly (string | null)[]): number {
    return parts.reduce((sum, part) => sum + (part ? (this.zip.entries.get(part.toLowerCase())?.uncompressedSize ?? 0) : 0), 0);
  }

  /** Bytes of this workbook read so far by another thread (the 考勤 sheet's, see punch-thread.ts), for the progress. */
  readElsewhere(done: number): void {
    this.elsewhere = done;
    this.progress(0);
  }

  private progress = (bytes: number) => {
    this.done += bytes;
    const done = this.done + this.elsewhere;
    this.options.onProgress?.(done, Math.max(done, this.total));
  };

  /**
   * Whether kaohe wrote this workbook (a result, a notice, a template, an import) and nothing has
   * saved it since: its core properties still name kaohe as author with kaohe's fixed date. Excel,
   * WPS and LibreOffice all stamp the date they save.
   */
  async writtenByKaohe(): Promise<boolean> {
    const fields = new Map<string, string>();
    let field = '';
    const local = (name: string) => name.slice(name.indexOf(':') + 1);
    await scanPart(this.zip, 'docProps/core.xml', {
      wantsText: true,
      open: (name, _tag, empty) => void (field = empty ? '' : local(name)),
      close: () => void (field = ''),
      text: (text) => void (field !== '' && fields.set(field, (fields.get(field) ?? '') + text)),
    });
    return fields.get('creator') === WORKBOOK_AUTHOR && Date.parse(fields.get('modified') ?? '') === FIXED_WORKBOOK_DATE.getTime();
  }

  close(): void {
    this.zip.close();
  }

  /** The first `count` rows with a value, raw (merges applied), reading no further. */
  async head(sheet: SheetInfo, count = 30): Promise<{ rows: SheetRow[]; problems: Problem[] }> {
    const rows: SheetRow[] = [];
    const problems = await this.readSheet(sheet, { onRow: (row) => rows.push(row) < count });
    return { rows, problems };
  }

  /** Reads every row of a sheet to `onRow` (or its cells to `cells`). Returns the bounds problem that stopped it, if any, and the hidden rows read; throws on a corrupt part. */
  async readSheet(sheet: SheetInfo, options: ReadSheetOptions): Promise<Problem[]> {
    await this.loadShared();
    const pass = await this.scanSheet(sheet, await this.mergesOf(sheet), options);
    return [...pass.problems, ...hiddenRowsRead(this.file, sheet.name, pass.hiddenRows)];
  }

  /**
   * The same, in one pass instead of two for a consumer that can start again: `consumer` gives a
   * fresh one. Merged cells are listed after a sheet's rows, so the pass reads the rows as they
   * come and notes any merges; only a sheet that has some (rare in data sheets) is read again,
   * by a fresh consumer, with its merges applied. The first pass over every sheet that
   * readSheet makes to find merges is saved. Returns the consumer that read the sheet through.
   */
  async readSheetOnce<T extends ReadSheetOptions>(sheet: SheetInfo, consumer: () => T): Promise<{ problems: Problem[]; consumer: T }> {
    await this.loadShared();
    const first = consumer();
    const found: Merge[] = [];
    const pass = await this.scanSheet(sheet, [], first, found);
    if (pass.completed && found.length === 0) return { problems: [...pass.problems, ...hiddenRowsRead(this.file, sheet.name, pass.hiddenRows)], consumer: first };
    // Merges, or a pass that stopped before the merges could be seen: read again knowing them.
    const merges = pass.completed ? found.sort((a, b) => a.top - b.top || a.left - b.left) : await this.mergesOf(sheet);
    const again = consumer();
    const read = await this.scanSheet(sheet, merges, again);
    return { problems: [...read.problems, ...hiddenRowsRead(this.file, sheet.name, read.hiddenRows)], consumer: again };
  }

  private mergesOf(sheet: SheetInfo): Promise<Merge[]> {
    let found = this.merges.get(sheet.part);
    if (!found) this.merges.set(sheet.part, (found = this.openSheet(sheet).then(scanMerges).catch((error: unknown) => this.sizeFault(sheet, error))));
    return found;
  }

  /** Rethrows an error met reading a sheet's part, a part of another size than declared said as the sheet's. */
  private sizeFault(sheet: SheetInfo, error: unknown): never {
    throw error instanceof ZipPartSize ? new WorkbookFileError(partSizeProblem(this.file, error, sheet.name)) : error;
  }

  /** One pass over a sheet with these merges; `found` collects the sheet's own when they were not known. */
  private async scanSheet(sheet: SheetInfo, merges: Merge[], options: ReadSheetOptions, found: Merge[] | null = null): Promise<{ problems: Problem[]; completed: boolean; hiddenRows: number[] }> {
    const context = { strings: this.strings ?? [], stringsMissing: this.stringsMissing, notUtf8Strings: this.notUtf8Strings, styles: this.styles ?? [], date1904: this.date1904, recalculatesOnLoad: this.recalculatesOnLoad };
    const handler = new SheetHandler(context, merges, options, found);
    try {
      await scanStream(await this.openSheet(sheet), handler, this.progress);
    } catch (error) {
      if (!(error instanceof SheetDamage)) return this.sizeFault(sheet, error);
      const where = { file: this.file, sheet: sheet.name, ...(error.row === null ? {} : { row: error.row }) };
      throw new WorkbookFileError(problem('file_unreadable', where, { reason: 'damaged', fault: error.fault, ref: error.ref }));
    }
    const problems = handler.outOfBounds ? [problem('cell_out_of_bounds', { file: this.file, sheet: sheet.name }, { ref: handler.outOfBounds })] : [];
    return { problems, completed: handler.completed, hiddenRows: handler.hiddenRows };
  }

  /** A sheet's XML; a sheet the workbook lists whose part the zip lacks is a damaged file, said with the sheet's name. */
  private async openSheet(sheet: SheetInfo): Promise<Readable> {
    const stream = await this.zip.open(sheet.part);
    if (!stream) throw new WorkbookFileError(problem('file_unreadable', { file: this.file, sheet: sheet.name }, { reason: 'damaged', fault: 'sheet_part_missing', ref: sheet.part }));
    return stream;
  }

  private async loadShared(): Promise<void> {
    if (this.strings && this.styles) return;
    const strings = this.sharedStringsPart ? await this.readStrings(this.sharedStringsPart) : null;
    this.strings = strings ?? [];
    this.stringsMissing = strings === null;
    this.styles = this.stylesPart ? await this.readStyles(this.stylesPart) : [];
  }

  /** The shared strings: each <si>'s text runs joined, phonetic guides (<rPh>) left out; null when the zip has no such part. */
  private async readStrings(part: string): Promise<(string | undefined)[] | null> {
    const strings: (string | undefined)[] = [];
    const notUtf8Strings = this.notUtf8Strings;
    let current = '';
    let bad = false;
    let phonetic = 0;
    let inText = false;
    const present = await scanPart(
      this.zip,
      part,
      {
        get wantsText() {
          return inText;
        },
        open(name, _tag, empty) {
          if (name === 'si') {
            current = '';
            bad = false;
            if (empty) strings.push('');
          } else if (name === 'rPh' && !empty) phonetic += 1;
          else if (name === 't' && !empty && phonetic === 0) inText = true;
        },
        close(name) {
          if (name === 't') inText = false;
          else if (name === 'rPh') phonetic -= 1;
          else if (name === 'si') {
            if (bad) notUtf8Strings.set(strings.length, unescapeString(current));
            strings.push(bad ? undefined : unescapeString(current));
          }
        },
        text(text, notUtf8) {
          current += text;
          bad ||= notUtf8;
        },
      },
      this.progress,
    );
    return present ? strings : null;
  }

  /** For each cell style (<cellXfs> index), what its number format shows a number as. */
  private async readStyles(part: string): Promise<NumberShows[]> {
    const custom = new Map<number, NumberShows>();
    const styles: NumberShows[] = [];
    let section: 'numFmts' | 'cellXfs' | null = null;
    await scanPart(
      this.zip,
      part,
      {
        wantsText: false,
        open(name, tag, empty) {
          if ((name === 'numFmts' || name === 'cellXfs') && !empty) section = name;
          else if (name === 'numFmt' && section === 'numFmts') custom.set(Number(tag.get('numFmtId')), customNumberShows(tag.get('formatCode') ?? ''));
          else if (name === 'xf' && section === 'cellXfs') {
            const id = Number(tag.get('numFmtId') ?? 0);
            styles.push(custom.has(id) ? (custom.get(id) ?? null) : builtinNumberShows(id));
          }
        },
        close(name) {
          if (name === section) section = null;
        },
        text: () => undefined,
      },
      this.progress,
    );
    return styles;
  }
}

/** "B12" → [1, 12] (0-based column, 1-based row); column or row 0 when absent; -1 when not a reference. */
function parseRef(ref: string): [number, number] {
  let column = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    column = column * 26 + (c - 96);
    if (column > MAX_COLUMNS) return [MAX_COLUMNS, -1];
  }
  let row = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return [-1, -1];
    row = row * 10 + d;
  }
  return [column - 1, row];
}

/** A row's cells handed to a sink (rows assembled because the sheet has merges). */
function replay(row: SheetRow, sink: CellSink): boolean | void {
  sink.row(row.row);
  row.cells.forEach((value, column) => sink.cell(column, value));
  return sink.end();
}

/** Where a fast-read tag's r, s and t values are, and where the tag ends (or INCOMPLETE, NOT_HANDLED). */
interface Attributes {
  end: number;
  empty: boolean;
  r: number | null;
  rEnd: number;
  s: number;
  t: string | null;
}

const TYPES = ['n', 's', 'b', 'e', 'd', 'str', 'inlineStr'];
const scratch: Attributes = { end: NOT_HANDLED, empty: false, r: null, rEnd: 0, s: 0, t: null };

/** A cell type written in s[from, to), or null when it is none Excel writes. */
function typeAt(s: string, from: number, to: number): string | null {
  if (to - from === 1) {
    const c = s.charCodeAt(from);
    return c === 115 ? 's' : c === 110 ? 'n' : c === 98 ? 'b' : c === 101 ? 'e' : c === 100 ? 'd' : null;
  }
  for (const type of TYPES) if (type.length === to - from && s.startsWith(type, from)) return type;
  return null;
}

/**
 * The attributes of a tag from `i` (just after its name) to its `>` or `/>`: r by position, s as
 * a number, t as one of the known types. The one-letter attributes Excel writes (` r="A2"`)
 * are matched in place; others are stepped over. Anything unusual (a prefixed r, s or t, an
 * unknown type, a style that is not a number) is NOT_HANDLED, for the general path to read.
 */
function readAttributes(s: string, i: number): Attributes {
  // One object for every tag read (a month has a million): read its fields before the next call.
  const found = scratch;
  found.end = NOT_HANDLED;
  found.empty = false;
  found.r = null;
  found.rEnd = 0;
  found.s = 0;
  found.t = null;
  for (;;) {
    let c = s.charCodeAt(i);
    if (c === 32 && s.charCodeAt(i + 2) === 61 /* = */ && s.charCodeAt(i + 3) === 34 /* " */) {
      const close = s.indexOf('"', i + 4);
      if (close < 0) break;
      if (!takeAttribute(found, s, s.charCodeAt(i + 1), i + 4, close)) return found;
      i = close + 1;
      continue;
    }
    while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++i);
    if (Number.isNaN(c)) break;
    if (c === 62 /* > */) {
      found.end = i + 1;
      return found;
    }
    if (c === 47 /* / */) {
      const next = s.charCodeAt(i + 1);
      if (Number.isNaN(next)) break;
      if (next !== 62) return found;
      found.end = i + 2;
      found.empty = true;
      return found;
    }
    // Any other attribute: its name, =, and its quoted value.
    const name = i;
    let local = i;
    while (c !== 61 /* = */ && c !== 32 && c !== 62 && c !== 47 && !Number.isNaN(c)) {
      if (c === 58 /* : */) local = i + 1;
      c = s.charCodeAt(++i);
    }
    const nameEnd = i;
    while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++i);
    if (Number.isNaN(c)) break;
    if (c !== 61) return found;
    c = s.charCodeAt(++i);
    while (c === 32 || c === 9 || c === 10 || c === 13) c = s.charCodeAt(++i);
    if (Number.isNaN(c)) break;
    if (c !== 34 && c !== 39) return found;
    const close = s.indexOf(c === 34 ? '"' : "'", i + 1);
    if (close < 0) break;
    // r, s or t with a prefix (x:r) is for the general path, which reads names by their local part.
    if (nameEnd - local === 1 && isRst(s.charCodeAt(local)) && (local !== name || !takeAttribute(found, s, s.charCodeAt(local), i + 1, close))) return found;
    i = close + 1;
  }
  found.end = INCOMPLETE;
  return found;
}

const isRst = (c: number) => c === 114 || c === 115 || c === 116;

/** Notes an r, s or t value found at s[from, to); false when it cannot be read here. */
function takeAttribute(found: Attributes, s: string, which: number, from: number, to: number): boolean {
  if (which === 114 /* r */) {
    found.r = from;
    found.rEnd = to;
  } else if (which === 115 /* s */) {
    found.s = digitsAt(s, from, to);
    return found.s >= 0;
  } else if (which === 116 /* t */) {
    found.t = typeAt(s, from, to);
    return found.t !== null;
  }
  return true;
}

/**
 * A cell's tag as Excel and most libraries write it, read in one go from just after `<c`:
 * ` r="B12"`, then optionally ` s="3"` and ` t="s"`, then `>` or `/>`. Null for any other
 * spelling (readAttributes reads those); INCOMPLETE when the chunk ends inside it.
 */
function cellTag(s: string, i: number): Attributes | null {
  if (s.charCodeAt(i) !== 32 || s.charCodeAt(i + 1) !== 114 /* r */ || s.charCodeAt(i + 2) !== 61 || s.charCodeAt(i + 3) !== 34) return null;
  const found = scratch;
  found.r = i + 4;
  let c = s.charCodeAt((i += 4));
  while ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) c = s.charCodeAt(++i);
  if (c !== 34 /* " */) return Number.isNaN(c) ? incomplete() : null;
  found.rEnd = i;
  found.s = 0;
  found.t = null;
  c = s.charCodeAt(++i);
  if (c === 32 && s.charCodeAt(i + 1) === 115 /* s */ && s.charCodeAt(i + 2) === 61 && s.charCodeAt(i + 3) === 34) {
    let style = 0;
    c = s.charCodeAt((i += 4));
    while (c >= 48 && c <= 57) {
      style = style * 10 + (c - 48);
      c = s.charCodeAt(++i);
    }
    if (c !== 34) return Number.isNaN(c) ? incomplete() : null;
    found.s = style;
    c = s.charCodeAt(++i);
  }
  if (c === 32 && s.charCodeAt(i + 1) === 116 /* t */ && s.charCodeAt(i + 2) === 61 && s.charCodeAt(i + 3) === 34) {
    const close = s.indexOf('"', i + 4);
    if (close < 0) return incomplete();
    found.t = typeAt(s, i + 4, close);
    if (found.t === null) return null;
    c = s.charCodeAt((i = close + 1));
  }
  if (c === 62 /* > */) {
    found.end = i + 1;
    found.empty = false;
    return found;
  }
  if (c === 47 /* / */ && s.charCodeAt(i + 1) === 62) {
    found.end = i + 2;
    found.empty = true;
    return found;
  }
  return Number.isNaN(c) || Number.isNaN(s.charCodeAt(i + 1)) ? incomplete() : null;
}

const SPANS = ' spans="';
/** How many hidden rows a warning lists by number; it counts them all. */
const HIDDEN_ROWS_NAMED = 20;
const DESCENT = ' x14ac:dyDescent="';

/**
 * A row's tag as Excel writes it, read from just after `<row`: ` r="12"`, then any of
 * ` spans="1:4"` and ` x14ac:dyDescent="0.25"` (which say nothing kaohe reads), then `>` or `/>`.
 * Null for anything else, or a chunk that ends inside it: readAttributes reads the tag then. Rows
 * are a third of a punch sheet's tags, and stepping over those two names letter by letter cost
 * more than the row's cells.
 */
function rowTag(s: string, i: number): Attributes | null {
  if (s.charCodeAt(i) !== 32 || s.charCodeAt(i + 1) !== 114 /* r */ || s.charCodeAt(i + 2) !== 61 || s.charCodeAt(i + 3) !== 34) return null;
  const r = (i += 4);
  let c = s.charCodeAt(i);
  while (c >= 48 && c <= 57) c = s.charCodeAt(++i);
  if (c !== 34 /* " */) return null;
  const rEnd = i++;
  for (;;) {
    c = s.charCodeAt(i);
    if (c === 62 /* > */ || (c === 47 /* / */ && s.charCodeAt(i + 1) === 62)) {
      const found = scratch;
      found.r = r;
      found.rEnd = rEnd;
      found.s = 0;
      found.t = null;
      found.empty = c === 47;
      found.end = c === 47 ? i + 2 : i + 1;
      return found;
    }
    const skip = s.startsWith(SPANS, i) ? SPANS.length : s.startsWith(DESCENT, i) ? DESCENT.length : 0;
    const close = skip === 0 ? -1 : s.indexOf('"', i + skip);
    if (close < 0) return null;
    i = close + 1;
  }
}

function incomplete(): Attributes {
  scratch.end = INCOMPLETE;
  return scratch;
}

/** A whole number written in s[from, to), or -1 if it is not one. */
function digitsAt(s: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** The 0-based column of a reference such as B12 in s[from, to), or -1 when it is anything but a plain reference to a cell of row `row` inside the sheet's bounds. */
function columnAt(s: string, from: number, to: number, row: number): number {
  let column = 0;
  let i = from;
  for (; i < to; i++) {
    const c = s.charCodeAt(i) | 0x20;
    if (c < 97 || c > 122) break;
    column = column * 26 + (c - 96);
    if (column > MAX_COLUMNS) return -1;
  }
  if (i === from || i === to) return -1;
  return digitsAt(s, i, to) === row ? column - 1 : -1;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A call of a function whose result changes each time Excel calculates (RANDARRAY is stored as _xlfn.RANDARRAY); text in quotes is taken out first. */
const VOLATILE_CALL = /(?:^|[^\w.])(?:_xlfn\.)?(?:today|now|rand|randbetween|randarray)\s*\(/i;

/** What a sheet's cells are read with: the workbook's strings, styles and settings. */
interface CellContext {
  /** A text not UTF-8 is missing here (a cell of it reads as a fault) and kept in notUtf8Strings, as read. */
  strings: readonly (string | undefined)[];
  /** No shared-strings part: a cell of t="s" is damage (SheetDamage), not one unreadable cell. */
  stringsMissing: boolean;
  notUtf8Strings: ReadonlyMap<number, string>;
  /** Per cell style: what its number format shows a number as (null: General). */
  styles: readonly NumberShows[];
  date1904: boolean;
  recalculatesOnLoad: boolean;
}

/** Whether s has `</x>` at i, x being the one-letter element name `letter` (v, c). */
function endsElement(s: string, i: number, letter: number): boolean {
  return s.charCodeAt(i) === 60 && s.charCodeAt(i + 1) === 47 && s.charCodeAt(i + 2) === letter && s.charCodeAt(i + 3) === 62;
}

/** Whether a character ends a tag's name: space, tab, line break, > or /. */
const endsName = (c: number) => c === 32 || c === 62 || c === 47 || c === 9 || c === 10 || c === 13;

/**
 * Turns the events of one sheet's XML into sparse rows (merges applied), or hands the cells
 * straight to a CellSink when the sheet has no merges. The rows and cells of the usual shape
 * (`<row r="2">`, `<c r="A2" s="1" t="s"><v>12</v></c>`, `<c r="B2"/>`) are read by `fast`
 * without events or attribute lookups; anything else (formulas, inline strings, pretty-printed
 * or prefixed XML) takes the general path, which the fast one only ever hands a token back to.
 */
class SheetHandler implements XmlHandler {
  wantsText = false;
  readonly cutAfter = '</row>';
  /** The reference that broke the bounds, once one has. */
  outOfBounds: string | null = null;
  /** The pass read the sheet to its end (neither the consumer nor a bound stopped it). */
  completed = false;
  /** Rows with a value read that Excel hides (`<row hidden="1">`: hidden by hand or by a filter; or `ht="0"`: no height). */
  readonly hiddenRows: number[] = [];
  /** Columns Excel hides, from <cols>, for the consumer (HiddenParts). */
  private readonly hiddenColumns = new Set<number>();

  private rowNumber = 0;
  /** Per column, the last row that gave it a cell: a cell given twice in a row is found at once. */
  private readonly cellRow = new Int32Array(MAX_COLUMNS);
  private rowHidden = false;
  /** A row tag read on the quick path, seen through a Tag to tell whether it is hidden (rowHidden). */
  private readonly quickRowTag = new Tag();
  private cells: RawCell[] = [];
  private cellCount = 0;
  private column = -1;
  private skip = false;
  private type = '';
  private style = 0;
  private formula: string | null = null;
  /** The current cell's formula is shared (`<f t="shared" si="0">`): its index; only the first cell of the group holds the text. */
  private sharedIndex: string | null = null;
  /** Shared formulas (by index) that call a volatile function: their text, for the cells that share them. */
  private readonly volatileShared = new Map<string, string>();
  private value = '';
  /** The value's bytes are not UTF-8. */
  private notUtf8 = false;
  private hasValue = false;
  private inInline = false;
  private phonetic = 0;
  private target: 'v' | 'f' | 't' | null = null;
  /** Rows are assembled and merges applied, unless cells go straight to a sink. */
  private readonly fill: MergeFill | null;
  private readonly sink: CellSink | null;
  /** The consumer told what the sheet hides (the sink, also where rows are assembled for it). */
  private readonly told: HiddenParts | null;
  private readonly keep: ((column: number) => boolean) | null;
  private stopped = false;

  constructor(
    private readonly book: CellContext,
    merges: MergeFill['merges'],
    options: ReadSheetOptions,
    /** Where the sheet's own <mergeCell> ranges are collected, when they were not known before. */
    private readonly found: Merge[] | null,
  ) {
    this.keep = options.keepColumn ?? null;
    const sink = options.cells;
    this.told = sink ?? null;
    if (merges.length > 0) sink?.mergedCells?.(merges);
    this.sink = sink && merges.length === 0 ? sink : null;
    const deliver = sink ? (row: SheetRow) => replay(row, sink) : (row: SheetRow) => options.onRow?.(row);
    this.fill = this.sink ? null : new MergeFill(merges, (row) => this.deliver(row, deliver));
  }

  open(name: string, tag: Tag, empty: boolean): void {
    switch (name) {
      case 'row': {
        const r = tag.raw('r');
        this.startRow(r === undefined ? this.rowNumber + 1 : Number(r), r);
        this.rowHidden = rowHidden(tag);
        if (empty) this.endRow();
        break;
      }
      case 'c': {
        const ref = tag.raw('r');
        if (ref === undefined) this.place(this.column + 1);
        else {
          const [column, row] = parseRef(ref);
          if (row < 0 && column < 0) throw new SheetDamage('cell_ref', this.rowNumber, ref);
          if (column >= MAX_COLUMNS || row > MAX_ROWS) return this.outside(ref);
          // F9 inside row 3: read as F3, it would be a value moved without a word.
          if (row > 0 && row !== this.rowNumber) throw new SheetDamage('cell_row', this.rowNumber, ref);
          this.place(column);
        }
        this.skip = this.keep ? !this.keep(this.column) : false;
        if (empty) return;
        this.type = tag.raw('t') ?? 'n';
        this.style = Number(tag.raw('s') ?? 0);
        this.formula = null;
        this.value = '';
        this.notUtf8 = false;
        this.hasValue = false;
        break;
      }
      case 'v':
        if (this.skip) return;
        this.hasValue = true;
        if (!empty) this.startText('v');
        break;
      case 'f':
        if (this.skip) return;
        this.formula = '';
        this.sharedIndex = tag.raw('t') === 'shared' ? (tag.raw('si') ?? null) : null;
        if (!empty) this.startText('f');
        break;
      case 'is':
        if (!empty) this.inInline = true;
        break;
      case 'rPh':
        if (!empty) this.phonetic += 1;
        break;
      case 't':
        if (this.skip || !this.inInline || this.phonetic > 0) return;
        this.hasValue = true;
        if (!empty) this.startText('t');
        break;
      case 'col':
        if (isTrue(tag.raw('hidden')) || isZero(tag.raw('width'))) this.hideColumns(Number(tag.raw('min')), Number(tag.raw('max')));
        break;
      case 'mergeCell': {
        const merge = this.found ? parseRange(tag.get('ref') ?? '') : null;
        if (merge) this.found?.push(merge);
        break;
      }
    }
  }

  close(name: string): void {
    switch (name) {
      case 'v':
      case 'f':
      case 't':
        this.target = null;
        this.wantsText = false;
        break;
      case 'is':
        this.inInline = false;
        break;
      case 'rPh':
        this.phonetic -= 1;
        break;
      case 'c':
        if (!this.skip) this.endCell();
        break;
      case 'row':
        this.endRow();
        break;
      case 'cols':
        if (this.hiddenColumns.size > 0) this.told?.hiddenColumns?.(this.hiddenColumns);
        break;
      case 'worksheet':
        this.completed = !this.stopped;
        break;
    }
  }

  text(text: string, notUtf8: boolean): void {
    if (this.target === 'f') this.formula += text;
    else {
      this.value += text;
      this.notUtf8 ||= notUtf8;
    }
  }

  fast(s: string, lt: number): number {
    const c1 = s.charCodeAt(lt + 1);
    const c2 = s.charCodeAt(lt + 2);
    if (Number.isNaN(c2)) return INCOMPLETE;
    if (c1 === 99 /* c */ && endsName(c2)) return this.fastCell(s, lt);
    if (c1 === 114 /* r */ && c2 === 111 /* o */ && s.charCodeAt(lt + 3) === 119 /* w */) {
      const c4 = s.charCodeAt(lt + 4);
      return Number.isNaN(c4) ? INCOMPLETE : endsName(c4) ? this.fastRow(s, lt) : NOT_HANDLED;
    }
    if (c1 === 47 /* / */ && c2 === 114 /* r */ && s.startsWith('ow>', lt + 3)) {
      this.endRow();
      return lt + 6;
    }
    return NOT_HANDLED;
  }

  /** `<row …>` (only its r attribute is read) and then as many of its cells and its `</row>` as the quick path can read. */
  private fastRow(s: string, lt: number): number {
    const quick = rowTag(s, lt + 4);
    const attrs = quick ?? readAttributes(s, lt + 4);
    if (attrs.end < 0) return attrs.end;
    // A tag with attributes beyond r, spans and dyDescent may say the row is hidden: read as the general path reads it.
    const hidden = quick === null && rowHidden(this.rowTagAt(s, lt + 4, attrs.end, attrs.empty));
    const row = attrs.r === null ? this.rowNumber + 1 : digitsAt(s, attrs.r, attrs.rEnd);
    // Out of order or past the last row: the general path says so.
    if (row <= this.rowNumber || row > MAX_ROWS) return NOT_HANDLED;
    const empty = attrs.empty;
    let at = attrs.end;
    this.startRow(row, undefined);
    this.rowHidden = hidden;
    if (empty) {
      this.endRow();
      return at;
    }
    while (s.charCodeAt(at) === 60 /* < */ && s.charCodeAt(at + 1) === 99 /* c */ && endsName(s.charCodeAt(at + 2))) {
      const next = this.fastCell(s, at);
      // The rest of the row (or what the chunk does not hold yet) is read from here.
      if (next < 0) return at;
      at = next;
    }
    if (s.startsWith('</row>', at)) {
      this.endRow();
      return at + 6;
    }
    return at;
  }

  /** `<c …/>`, `<c …></c>` or `<c …><v>text</v></c>`, or NOT_HANDLED for any other cell. */
  private fastCell(s: string, lt: number): number {
    const attrs = cellTag(s, lt + 2) ?? readAttributes(s, lt + 2);
    if (attrs.end < 0) return attrs.end;
    let column = this.column + 1;
    if (attrs.r !== null) {
      column = columnAt(s, attrs.r, attrs.rEnd, this.rowNumber);
      // Past XFD, in another row, or not a reference: the general path says which.
      if (column < 0) return NOT_HANDLED;
    }
    // Read before anything else reads attributes (the result is shared).
    const { empty, s: style } = attrs;
    const type = attrs.t ?? 'n';
    let end = attrs.end;
    let from = -1;
    let to = -1;
    if (!empty) {
      if (s.length < end + 4) return INCOMPLETE;
      // (Characters compared one by one: startsWith is a call, and this runs for every cell.)
      if (s.charCodeAt(end) === 60 /* < */ && s.charCodeAt(end + 1) === 118 /* v */ && s.charCodeAt(end + 2) === 62 /* > */) {
        // Only plain text between <v> and </v> (no comment or CDATA), then </c>.
        const close = s.indexOf('<', end + 3);
        if (close < 0 || s.length < close + 8) return INCOMPLETE;
        if (!endsElement(s, close, 118 /* v */) || !endsElement(s, close + 4, 99 /* c */)) return NOT_HANDLED;
        from = end + 3;
        to = close;
        end = close + 8;
      } else if (endsElement(s, end, 99 /* c */)) end += 4;
      else return NOT_HANDLED;
    }
    this.place(column);
    this.skip = this.keep ? !this.keep(column) : false;
    if (from < 0 || this.skip) return end;
    if (type === 's') {
      // A shared string by its index, without making the index's text.
      const index = digitsAt(s, from, to);
      const shared = index < 0 ? undefined : this.book.strings[index];
      if (shared !== undefined) {
        if (shared !== '') this.put(shared, index);
        return end;
      }
    }
    this.type = type;
    this.style = style;
    this.formula = null;
    const raw = s.slice(from, to);
    // Only a text formula's result is checked for UTF-8: a number, boolean or date with such bytes does not parse.
    const checked = type === 'str' ? decodeTextChecked(raw) : null;
    this.value = type === 's' ? raw : (checked?.text ?? decodeText(raw));
    this.notUtf8 = checked?.notUtf8 ?? false;
    this.hasValue = true;
    this.endCell();
    return end;
  }

  /** The attributes of a row tag the quick path read, from just after `<row` to its end, as the general path's Tag. */
  private rowTagAt(s: string, from: number, end: number, empty: boolean): Tag {
    const tag = this.quickRowTag;
    tag.source = s;
    tag.start = from;
    // The general path's Tag ends at the tag's > (its / when empty).
    tag.end = end - (empty ? 2 : 1);
    return tag;
  }

  private startRow(next: number, r: string | undefined): void {
    if (!Number.isInteger(next)) throw new SheetDamage('row_number', null, r ?? '');
    if (next <= this.rowNumber) throw new SheetDamage('row_order', next, String(next));
    if (next > MAX_ROWS) return this.outside(`第${next}行`);
    this.rowNumber = next;
    if (!this.sink) this.cells = [];
    this.cellCount = 0;
    this.column = -1;
  }

  private startText(target: 'v' | 'f' | 't'): void {
    this.target = target;
    this.wantsText = true;
  }

  /** The current cell is in this column: refused when the row has given it a cell already. */
  private place(column: number): void {
    if (this.cellRow[column] === this.rowNumber) throw new SheetDamage('cell_twice', this.rowNumber, `${columnLetter(column)}${this.rowNumber}`);
    this.cellRow[column] = this.rowNumber;
    this.column = column;
  }

  /** Columns min to max (1-based, as <col> gives them) are hidden; a range that is none is passed over. */
  private hideColumns(min: number, max: number): void {
    if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1) return;
    for (let column = min; column <= Math.min(max, MAX_COLUMNS); column++) this.hiddenColumns.add(column - 1);
  }

  private outside(ref: string): never {
    this.outOfBounds = ref;
    throw new StopReading();
  }

  private endCell(): void {
    const value = this.formula !== null ? this.formulaValue() : this.hasValue ? this.typedValue() : null;
    if (value !== null) this.put(value);
  }

  /** A value of the current cell, to the row or the sink. */
  private put(value: RawCell, shared = -1): void {
    if (this.sink) {
      if (this.cellCount === 0) this.sink.row(this.rowNumber);
      this.sink.cell(this.column, value, shared);
    } else this.cells[this.column] = value;
    this.cellCount += 1;
  }

  private endRow(): void {
    if (this.stopped) return;
    if (this.cellCount > 0) {
      if (this.rowHidden) this.hiddenRows.push(this.rowNumber);
      if (this.sink) {
        if (this.sink.end() === false) this.stop();
      } else this.fill?.row({ row: this.rowNumber, cells: this.cells });
    }
    if (!this.sink) this.cells = [];
    this.cellCount = 0;
  }

  private deliver(row: SheetRow, to: (row: SheetRow) => boolean | void): void {
    if (to(row) === false) this.stop();
  }

  private stop(): never {
    this.stopped = true;
    throw new StopReading();
  }

  private fault(kind: CellFault['kind'], detail: string): CellFault {
    return new CellFault(kind, this.rowNumber, this.column, detail);
  }

  private formulaValue(): RawCell {
    const formula = this.formula ?? '';
    if (this.book.recalculatesOnLoad) return this.fault('formula_recalculated_on_load', formula);
    const volatile = this.volatileFormula(formula);
    if (volatile !== null) return this.fault('formula_volatile', volatile);
    // A text formula may have an empty result (=IF(A1="","",…)); any other needs a cached value.
    if (!this.hasValue || (this.value === '' && this.type !== 'str')) return this.fault('formula_without_result', formula);
    return this.typedValue();
  }

  /** The formula (or the shared one it is part of) when it calls a volatile function, else null. */
  private volatileFormula(formula: string): string | null {
    const index = this.sharedIndex;
    if (index !== null && formula === '') return this.volatileShared.get(index) ?? null;
    // Quoted text only takes calls away, so most formulas are let go without a copy of their text.
    if (!VOLATILE_CALL.test(formula) || !VOLATILE_CALL.test(formula.replace(/"[^"]*"/g, ''))) return null;
    if (index !== null) this.volatileShared.set(index, formula);
    return formula;
  }

  private typedValue(): RawCell {
    const text = this.value;
    switch (this.type) {
      case 's': {
        if (this.book.stringsMissing) throw new SheetDamage('strings_missing', this.rowNumber, `${columnLetter(this.column)}${this.rowNumber}`);
        const index = NUMBER.test(text) ? Number(text) : -1;
        const s = this.book.strings[index];
        if (s !== undefined) return s === '' ? null : s;
        const notUtf8Text = this.book.notUtf8Strings.get(index);
        return notUtf8Text === undefined ? this.fault('unreadable', text) : this.fault('not_utf8', notUtf8Text);
      }
      case 'str':
      case 'inlineStr':
        if (this.notUtf8) return this.fault('not_utf8', unescapeString(text));
        return text === '' ? null : unescapeString(text);
      case 'b':
        return text === '1' || text === 'true' ? true : text === '0' || text === 'false' ? false : this.fault('unreadable', text);
      case 'e':
        return this.fault('error_value', text);
      case 'd': {
        // Excel stores the value as its serial and shows that in the cell's format: a date in a
        // date format, the number (46328.35486…) in General or a number format.
        const serial = serialOfIsoText(text, this.book.date1904);
        if (serial === null) return this.fault('unreadable', text);
        return formattedNumber(serial, this.book.styles[this.style] ?? null, this.book.date1904, this.rowNumber, this.column);
      }
      default: {
        if (!NUMBER.test(text)) return this.fault('unreadable', text);
        return formattedNumber(Number(text), this.book.styles[this.style] ?? null, this.book.date1904, this.rowNumber, this.column);
      }
    }
  }
}
