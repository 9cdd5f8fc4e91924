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

/** Writes a header row and data rows as a boxed table. */
export function table(sheet: ExcelJS.Worksheet, header: string[], rows: (string | number | null)[][], numeric: ReadonlySet<number>): void {
  const head = sheet.addRow(header);
  head.eachCell((cell) => {
    cell.font = HEADER_FONT;
    cell.border = BOX;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  for (const values of rows) {
    const row = sheet.addRow(values);
    for (let c = 1; c <= header.length; c++) {
      const cell = row.getCell(c);
      cell.font = BODY_FONT;
      cell.border = BOX;
      cell.alignment = numeric.has(c - 1) ? { horizontal: 'right', vertical: 'middle' } : { horizontal: 'left', vertical: 'middle', wrapText: true };
    }
  }
}

/** Column widths in characters; Chinese characters count double. */
export function widths(sheet: ExcelJS.Worksheet, values: number[]): void {
  values.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
}
