import { once } from 'node:events';
import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type Range from 'exceljs/lib/doc/range.js';
import { columnLetter } from '../../read/table.js';

/** What the streaming worksheet keeps that rows written here must use and move on. */
interface StreamingSheet {
  /** The merged ranges, written as <mergeCells> when the sheet is committed; each merge after them is checked against them. */
  _merges: Range[];
  lastRow: ExcelJS.Row | undefined;
  workbook: { styles: { addStyleModel(style: Partial<ExcelJS.Style>, cellType: number): number }; sharedStrings: { add(text: string): number } };
  /** The sheet's part (book.ts's PartStream), with its deflater. */
  stream: { write(text: string, encoding?: 'latin1'): void; deflater: Writable };
  /** The next row number to be written. */
  _rowZero: number;
  _rows: unknown[];
  startedData: boolean;
}

/**
 * How much XML may wait for the deflater before the writer does: enough that making rows and
 * deflating them overlap, little against the tens of megabytes a city month's audit would pile.
 * Each flush's XML becomes a buffer that is garbage once deflated; the longer buffers wait, the
 * more of them outlive the young generation and stay until a full collection (at 4 MB up to
 * ~70 MB of them at 8,000 staff, ~20–30 MB at 1 MB).
 */
const ZIP_BACKLOG = 1024 * 1024;

/**
 * How much XML is handed to the zip at a time: what the sheet's stream hands the deflater as one
 * piece (book.ts gathers a sheet's XML into pieces of at least 64 KB). The deflater works on its own thread,
 * but each chunk it finishes is collected, and the next handed to it, on this one: only in a
 * turn of the event loop, so the writer gives one after each slice.
 */
const SLICE_CHARS = 64 * 1024;

/** A turn of the event loop: for the deflater to be handed its next chunk. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** exceljs's cell types, as its style writer distinguishes them (a cell with no value counts as a number). */
const NULL_TYPE = 0;
const NUMBER_TYPE = 2;
const STRING_TYPE = 3;

/**
 * A table's data rows written into a streaming sheet as the XML exceljs's row writer makes of
 * them — the same cells, style numbers (its style writer, given the same shared style object per
 * column) and shared strings — without building exceljs row and cell objects: for a city month's
 * tens of thousands of audit rows those cost more than everything else the writing does. Every
 * column gets a cell (a styled empty one where there is no value), as exceljs writes a row whose
 * cells were all given a style.
 *
 * The rows above (title, header) must be committed first; write() moves the sheet's row count on,
 * so rows the sheet adds afterwards (notes) follow them.
 */
export class RowXml {
  private readonly sheet: StreamingSheet;
  private readonly refs: string[];
  /** Each column's style number, once its first cell has given it (exceljs keeps a style object's first number). */
  private readonly styleIds: (number | undefined)[] = [];
  private next: number;
  private xml = '';
  /**
   * Each column's last text and its shared-string number: a column repeats its text down the
   * rows (a subject's name, unit and dates in the audit), and the same text has the same number,
   * so only a new text is looked up in the workbook's table of ~100,000.
   */
  private readonly lastTexts: (string | null)[] = [];
  private readonly lastNumbers: number[] = [];

  constructor(
    sheet: ExcelJS.Worksheet,
    private readonly styles: readonly Partial<ExcelJS.Style>[],
  ) {
    this.sheet = sheet as unknown as StreamingSheet;
    if (this.sheet._rows.length > 0 || !this.sheet.startedData) throw new Error('commit the rows above a table before its data rows');
    this.next = this.sheet._rowZero;
    this.refs = styles.map((_, i) => columnLetter(i));
  }

  /**
   * Writes the rows into the sheet's stream a slice of SLICE_CHARS at a time, after each slice
   * giving the deflater a turn and waiting for the zip to take it (taken), so that making rows
   * and deflating them overlap and a long table never piles up in memory.
   */
  async write(rows: Iterable<readonly (string | number | null)[]>, heightOf: (values: readonly (string | number | null)[]) => number): Promise<void> {
    for (const values of rows) {
      this.add(values, heightOf(values));
      if (this.xml.length >= SLICE_CHARS) {
        this.flush();
        await this.taken();
      }
    }
    this.flush();
  }

  private add(values: readonly (string | number | null)[], height: number): void {
    const n = this.next++;
    const { styles: styleBook, sharedStrings } = this.sheet.workbook;
    let cells = '';
    for (let c = 0; c < this.styles.length; c++) {
      const value = values[c] ?? null;
      const type = value === null ? NULL_TYPE : typeof value === 'number' ? NUMBER_TYPE : STRING_TYPE;
      const styleId = (this.styleIds[c] ??= styleBook.addStyleModel(this.styles[c] as Partial<ExcelJS.Style>, type));
      const at = `<c r="${this.refs[c]}${n}"${styleId ? ` s="${styleId}"` : ''}`;
      if (value === null) cells += styleId ? `${at}/>` : '';
      else if (type === NUMBER_TYPE) cells += `${at}><v>${value}</v></c>`;
      else cells += `${at} t="s"><v>${this.sharedString(c, value as string, sharedStrings)}</v></c>`;
    }
    this.xml += rowXml(n, height, this.styles.length, cells);
  }

  private sharedString(column: number, text: string, sharedStrings: StreamingSheet['workbook']['sharedStrings']): number {
    if (this.lastTexts[column] !== text) {
      this.lastTexts[column] = text;
      this.lastNumbers[column] = sharedStrings.add(text);
    }
    return this.lastNumbers[column]!;
  }

  private flush(): void {
    if (this.xml === '') return;
    // Row XML is ASCII (texts are shared strings, cells hold numbers): its Latin-1 bytes are
    // its UTF-8 bytes, copied rather than encoded.
    this.sheet.stream.write(this.xml, 'latin1');
    this.xml = '';
    this.sheet._rowZero = this.next;
  }

  /**
   * Resolves once the sheet's deflater holds no more than ZIP_BACKLOG of its XML. exceljs's
   * sheet stream hands its XML on without waiting for the deflater, so without waiting here a
   * city month's audit piled up before it (48 MB of XML at 8,000 staff on a busy machine).
   */
  private async taken(): Promise<void> {
    await nextTurn();
    const { deflater } = this.sheet.stream;
    // Over the backlog the stream has said it wants no more, so it says 'drain' once empty.
    if (deflater.writableLength > ZIP_BACKLOG) await once(deflater, 'drain');
  }
}

/** Row `n` of `span` columns as exceljs's row writer makes it, around its cells' XML; a height of 0 is the default, not written. */
function rowXml(n: number, height: number, span: number, cells: string): string {
  return `<row r="${n}"${height ? ` ht="${height}" customHeight="1"` : ''} spans="1:${span}" x14ac:dyDescent="0.25">${cells}</row>`;
}

/** A line of text across a table's width: its text and its row's height. */
interface LineRow {
  text: string;
  height: number;
}

/**
 * Rows of one text each in a cell merged across `span` columns, all of one style (banner's rows
 * under a table, sheets/style.ts), written as the XML exceljs writes of such a row: the text in
 * the first cell, the merged cells styled alike and empty, the merge listed for <mergeCells>. A
 * city month's units' flags are hundreds of such rows; exceljs builds row and cell objects for
 * each and checks each merge against every one before it.
 */
export function writeLineRows(sheet: ExcelJS.Worksheet, lines: readonly LineRow[], style: Partial<ExcelJS.Style>, span: number): void {
  if (lines.length === 0) return;
  const s = sheet as unknown as StreamingSheet;
  // Rows exceljs holds (a blank row before the lines) go first.
  s.lastRow?.commit();
  const { styles: styleBook, sharedStrings } = s.workbook;
  // Required here, not imported: runs that write no workbook load this module too (a terminal's
  // attendance), and exceljs is loaded only by runs that write.
  const MergedRange = createRequire(import.meta.url)('exceljs/lib/doc/range.js') as typeof Range;
  // The first cell holds text; exceljs gives its style object the number it gets there, and the
  // merged cells (which share the object) the same.
  const styleId = styleBook.addStyleModel(style, STRING_TYPE);
  const at = styleId ? ` s="${styleId}"` : '';
  let xml = '';
  let n = s._rowZero;
  for (const line of lines) {
    let cells = `<c r="A${n}"${at} t="s"><v>${sharedStrings.add(line.text)}</v></c>`;
    for (let c = 1; c < span; c++) cells += `<c r="${columnLetter(c)}${n}"${at}/>`;
    xml += rowXml(n, line.height, span, cells);
    if (span > 1) s._merges.push(new MergedRange(n, 1, n, span));
    n += 1;
  }
  s.stream.write(xml, 'latin1');
  s._rowZero = n;
}
