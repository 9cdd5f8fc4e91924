import type ExcelJS from 'exceljs';

/** Fonts that Chinese Windows ships; LibreOffice maps them to Noto CJK where absent. */
export const BODY_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 11 };
export const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 11, bold: true };
export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16, bold: true };

const thin: Partial<ExcelJS.Border> = { style: 'thin' };
export const BOX: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

/** A4 portrait, one page wide, header rows repeated, "第 N 页 共 M 页" in the footer. */
export function printSetup(sheet: ExcelJS.Worksheet, titleRows: string, landscape = false): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: landscape ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    printTitlesRow: titleRows,
  };
  sheet.headerFooter = { ...sheet.headerFooter, oddFooter: '&C第 &P 页 共 &N 页' };
}

/** Roughly how wide text prints: CJK and full-width characters count two. Cheap, for row heights. */
function printWidth(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) width += text.charCodeAt(i) >= 0x2e80 ? 2 : 1;
  return width;
}

/** Above this many rows a table is written plain (no boxes): an audit of a city month stays quick to write. */
const BOXED_ROWS = 3000;

/** Writes a header row and data rows as a boxed table. */
export function table(sheet: ExcelJS.Worksheet, header: string[], rows: (string | number | null)[][], numeric: ReadonlySet<number>): void {
  const head = sheet.addRow(header);
  head.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.border = BOX;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  const boxed = rows.length <= BOXED_ROWS;
  for (const values of rows) {
    const row = sheet.addRow(values);
    row.height = 20;
    if (!boxed) continue;
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      cell.font = BODY_FONT;
      cell.border = BOX;
      cell.alignment = numeric.has(c - 1) ? { horizontal: 'right', vertical: 'middle' } : { horizontal: 'left', vertical: 'middle', wrapText: true };
    }
  }
  if (!boxed) header.forEach((_, c) => (sheet.getColumn(c + 1).font = BODY_FONT));
}

/**
 * Column widths in characters (Chinese characters count double), then row heights for wrapped
 * text: spreadsheets do not grow rows written by a program, so a long summary would overprint.
 */
export function widths(sheet: ExcelJS.Worksheet, values: number[], fromRow = 1): void {
  values.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  sheet.eachRow((row, n) => {
    if (n < fromRow) return;
    let lines = 1;
    row.eachCell((cell, c) => {
      if (!cell.alignment?.wrapText || cell.isMerged) return;
      const width = Math.max(1, (values[c - 1] ?? 10) - 1);
      lines = Math.max(lines, Math.ceil(printWidth(String(cell.text)) / width));
    });
    if (lines > 1) row.height = Math.max(row.height ?? 0, lines * 14.5 + 3);
  });
}
