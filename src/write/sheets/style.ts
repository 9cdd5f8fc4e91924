import type ExcelJS from 'exceljs';
import { RowXml, writeLineRows } from './rows.js';

/** Fonts that Chinese Windows ships; LibreOffice maps them to Noto CJK where absent. */
export const BODY_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
export const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 11, bold: true };
export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16, bold: true };

const thin: Partial<ExcelJS.Border> = { style: 'thin' };
const BOX: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** One printed line of 11-point text, and the padding of a table row. */
const LINE_HEIGHT = 15;
const ROW_PADDING = 5;
/**
 * Excel's tallest row (409 points): a row cannot be taller in Excel, whatever the file says.
 * About 27 lines of 11-point text; a longer text (a 1,000-character 说明) stays whole in its cell
 * (shown in full in the formula bar), the row prints its first lines.
 */
const MAX_ROW_HEIGHT = 409;

/** Whether `text` in a column `width` units wide prints whole in one row (Excel's tallest row, 11-point text). */
export const printsInOneRow = (text: string, width: number) => linesIn(text, width) * LINE_HEIGHT + ROW_PADDING <= MAX_ROW_HEIGHT;

/** Height of a table row with `lines` lines of text of `scale` times 11 points, at most Excel's maximum. */
export const rowHeight = (lines: number, scale = 1) => Math.min(MAX_ROW_HEIGHT, (lines * LINE_HEIGHT + ROW_PADDING) * scale);

export const PRINT_MARGINS = { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 } as const;

export const FOOTER = '&C第 &P 页 共 &N 页';

/**
 * Every sheet prints on A4 (paperSize 9), one page wide however long, centred, its header rows
 * repeated on every page. `titleRows` is null for a sheet without a table.
 */
export function pageSetupOf(titleRows: string | null, landscape: boolean): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { ...PRINT_MARGINS },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
}

/** How wide columns are side by side, in column-width units. */
export const widthOf = (columns: readonly { width: number }[]): number => columns.reduce((sum, c) => sum + c.width, 0);

/** Whether columns this wide print on A4 landscape: wider than portrait's page fits legibly. */
export const printsWide = (columns: readonly { width: number }[]): boolean => widthOf(columns) > 100;

/** The same print setup for a sheet of an in-memory workbook (the template), set once it is built, with "第 N 页 共 M 页" in the footer. */
export function printSetup(sheet: ExcelJS.Worksheet, titleRows: string | null, landscape = false): void {
  sheet.pageSetup = { ...sheet.pageSetup, ...pageSetupOf(titleRows, landscape) };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: FOOTER };
}

/** Roughly how wide text prints in column-width units: CJK and full-width characters count two. */
function printWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A character beyond the first plane is two code units (a surrogate pair) and prints wide.
    if (unit >= 0xd800 && unit <= 0xdbff) i += 1;
    width += unit >= 0x2e80 ? 2 : 1;
  }
  return width;
}

/** Lines `text` takes in a column `width` units wide (each line of the text wrapped on its own, an indent and padding off). */
export function linesIn(text: string, width: number): number {
  const usable = Math.max(1, width - 2);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(printWidth(line) / usable)), 0);
}

/**
 * What a column holds decides how it prints: ranks and ids centred and never wrapped (名次 1
 * beside 工号 0002 must not read 10002), numbers right-aligned with one number format for the
 * whole column, text wrapped inside its width.
 */
export type ColumnKind = 'rank' | 'id' | 'name' | 'text' | 'score' | 'count' | 'money' | 'date';

export interface Column {
  header: string;
  kind: ColumnKind;
  width: number;
}

export type Cell = string | number | null;

const MONEY_FORMAT = '#,##0.00';

function styleOf(kind: ColumnKind): { alignment: Partial<ExcelJS.Alignment>; numFmt?: string; wraps: boolean } {
  const middle = { vertical: 'middle' } as const;
  switch (kind) {
    case 'rank':
      return { alignment: { ...middle, horizontal: 'center' }, numFmt: '0', wraps: false };
    case 'id':
      return { alignment: { ...middle, horizontal: 'center' }, numFmt: '@', wraps: false };
    case 'date':
      return { alignment: { ...middle, horizontal: 'center' }, wraps: false };
    // An indent keeps a right-aligned number off the text that starts the next column (106.5超过…).
    // No number format (General): each number shows as it is, trailing zeros dropped (100, 98.5,
    // 0.25; convention 3), where a fixed format pads (100.00) or leaves a point (100.).
    case 'score':
    case 'count':
      return { alignment: { ...middle, horizontal: 'right', indent: 1 }, wraps: false };
    case 'money':
      return { alignment: { ...middle, horizontal: 'right', indent: 1 }, numFmt: MONEY_FORMAT, wraps: false };
    case 'name':
    case 'text':
      return { alignment: { ...middle, horizontal: 'left', wrapText: true, indent: 1 }, wraps: true };
  }
}

/** Above this many rows a table is written plain (no boxes, one height): an audit of a city month stays quick to write. */
const BOXED_ROWS = 3000;

/**
 * Writes a header row and data rows as a boxed table, with column widths and formats. Rows get
 * explicit heights (programs' rows are not grown by spreadsheets, so a long text would
 * overprint): one height for every row of a list that is read across ('uniform', the tallest
 * wrapped cell's), or each its own for long detail listings ('each').
 * The data rows go straight into the sheet's stream as XML (rows.ts), with the cells of a column
 * sharing one style object, which becomes a style number once rather than once a cell; the
 * sheet must be a streaming one (book.ts). Returns the header row's number.
 */
export async function table(sheet: ExcelJS.Worksheet, columns: readonly Column[], rows: TableRows, heights: 'uniform' | 'each' = 'uniform'): Promise<number> {
  const head = sheet.addRow(columns.map((c) => c.header));
  head.height = rowHeight(Math.max(1, ...columns.map((c) => linesIn(c.header, c.width))));
  head.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.border = BOX;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const styles = columns.map((c) => styleOf(c.kind));
  const wraps = styles.map((s) => s.wraps);
  const linesOf = (r: readonly Cell[]) => Math.max(1, ...columns.map((c, i) => (wraps[i] && r[i] !== null && r[i] !== undefined ? linesIn(String(r[i]), c.width) : 1)));
  const found = rows.surveyed ?? surveyOf(new TableSurvey(heights === 'uniform' ? linesOf : null), rows);
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
  });
  const boxed = found.count <= BOXED_ROWS;
  // Column styles come before the rows: the streaming writer writes <cols> with the first row.
  const cellStyles = boxed ? styles.map(boxedStyle) : plainColumns(sheet, columns, styles, head.number);
  const uniform = boxed && heights === 'uniform' ? found.lines : 1;
  head.commit();
  await new RowXml(sheet, cellStyles).write(rows, (values) => rowHeight(boxed && heights === 'each' ? linesOf(values) : uniform));
  return head.number;
}

/**
 * A table's rows: a list, or rows made as they are written (an object whose iterator makes them),
 * so that a long listing is never held whole. They are gone through twice: once for whether the
 * table is short enough to be boxed and the rows' height (the survey, which stops as soon as the
 * table is too long for a box), once to write them. Or the survey is made beforehand
 * (`surveyed`), where the rows are at hand anyway, for a table of rows each of its own height ('each').
 */
export type TableRows = Iterable<readonly Cell[]> & { surveyed?: TableSurvey };

/**
 * The first pass over a table's rows, a row at a time: how many there are, up to one past what a
 * boxed table may have, and (given `linesOf`, for a table of one row height) the most lines a row
 * of a boxed table wraps to. Past that count nothing more is asked of the rows (`full`).
 */
export class TableSurvey {
  count = 0;
  lines = 1;

  constructor(private readonly linesOf: ((r: readonly Cell[]) => number) | null = null) {}

  /** Too long to be boxed: the rest of the rows change nothing. */
  get full(): boolean {
    return this.count > BOXED_ROWS;
  }

  add(row: readonly Cell[]): void {
    this.count += 1;
    if (this.linesOf && !this.full) this.lines = Math.max(this.lines, this.linesOf(row));
  }
}

/** `survey` with the rows of `rows` added, until it is full. */
export function surveyOf(survey: TableSurvey, rows: Iterable<readonly Cell[]>): TableSurvey {
  for (const row of rows) {
    if (survey.full) break;
    survey.add(row);
  }
  return survey;
}

/** A boxed table's cell: body font, thin box, the column's alignment and number format. */
function boxedStyle(style: ReturnType<typeof styleOf>): Partial<ExcelJS.Style> {
  return { font: BODY_FONT, border: BOX, alignment: style.alignment, ...(style.numFmt ? { numFmt: style.numFmt } : {}) };
}

/**
 * A long table styled by column, not cell by cell: returns each column's style for its cells.
 * Setting a column's style restyles the cells already in it, so the title and header above
 * keep their fonts by being set again.
 */
function plainColumns(sheet: ExcelJS.Worksheet, columns: readonly Column[], styles: ReturnType<typeof styleOf>[], headerRow: number): Partial<ExcelJS.Style>[] {
  const above: { cell: ExcelJS.Cell; font: Partial<ExcelJS.Font>; alignment: Partial<ExcelJS.Alignment> }[] = [];
  for (let r = 1; r <= headerRow; r++) sheet.getRow(r).eachCell({ includeEmpty: false }, (cell) => above.push({ cell, font: { ...cell.font }, alignment: { ...cell.alignment } }));
  const cellStyles = columns.map((_, i) => {
    const column = sheet.getColumn(i + 1);
    const style = styles[i];
    column.font = BODY_FONT;
    if (style?.numFmt) column.numFmt = style.numFmt;
    if (style) column.alignment = { ...style.alignment, wrapText: false };
    return { font: BODY_FONT, ...(style?.numFmt ? { numFmt: style.numFmt } : {}), ...(style ? { alignment: { ...style.alignment, wrapText: false } } : {}) };
  });
  for (const { cell, font, alignment } of above) {
    cell.font = font;
    cell.alignment = alignment;
    cell.numFmt = 'General';
  }
  return cellStyles;
}

/** Lines under a table (its notes, its units' flags), after a blank row: body font, left, across the table's width; nothing when there are none. */
export function linesBelow(sheet: ExcelJS.Worksheet, lines: readonly string[], across: { span: number; width: number }): void {
  if (lines.length === 0) return;
  sheet.addRow([]);
  bodyLines(sheet, lines, across);
}

/**
 * Lines of body text across the table's width, left-aligned and wrapped, one merged cell each:
 * as banner writes each, written at once (rows.ts) because a city's units' flags are hundreds.
 * Their style is what exceljs gives a cell in the first column (its column's style, a plain
 * table's number format included) with banner's font and alignment.
 */
export function bodyLines(sheet: ExcelJS.Worksheet, lines: readonly string[], { span, width }: { span: number; width: number }): void {
  const { numFmt, border, fill, protection } = sheet.getColumn(1).style ?? {};
  const style: Partial<ExcelJS.Style> = {
    ...(numFmt ? { numFmt } : {}),
    ...(border ? { border } : {}),
    ...(fill ? { fill } : {}),
    ...(protection ? { protection } : {}),
    font: BODY_FONT,
    alignment: { horizontal: 'left', vertical: 'middle', wrapText: true },
  };
  writeLineRows(sheet, lines.map((text) => ({ text, height: Math.max(rowHeight(linesIn(text, width)), rowHeight(1)) })), style, span);
}

/** A title (or note) across the table's width, in one merged cell of computed height. */
export function banner(sheet: ExcelJS.Worksheet, text: string, options: { font: Partial<ExcelJS.Font>; align: 'left' | 'center' | 'right'; span: number; width: number; wrap?: boolean; height?: number }): ExcelJS.Row {
  const row = sheet.addRow([text]);
  if (options.span > 1) sheet.mergeCells(row.number, 1, row.number, options.span);
  const cell = row.getCell(1);
  cell.font = options.font;
  const wrap = options.wrap ?? true;
  cell.alignment = { horizontal: options.align, vertical: 'middle', wrapText: wrap };
  const scale = (options.font.size ?? 11) / 11;
  const lines = wrap ? linesIn(text, options.width / scale) : 1;
  row.height = options.height ?? Math.max(rowHeight(lines, scale), rowHeight(1));
  return row;
}

/** Key/value rows of a 说明 sheet, printable on A4 portrait (its sheet made with title rows '1:1'). */
export async function addAboutRows(sheet: ExcelJS.Worksheet, rows: readonly [string, string][]): Promise<void> {
  await table(sheet, [
    { header: '项目', kind: 'name', width: 22 },
    { header: '内容', kind: 'text', width: 70 },
  ], rows.map(([k, v]) => [k, v]), 'each');
}

/** The print options of a 说明 sheet (addAboutRows). */
export const ABOUT_SHEET = { titleRows: '1:1' } as const;
