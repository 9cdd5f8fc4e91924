import type ExcelJS from 'exceljs';
import { recordSheet } from '../core/input-sheets.js';
import type { CellValue, RawTable } from '../read/table.js';
import { Book } from './book.js';
import { printsWide } from './sheets/style.js';
import { RowXml } from './sheets/rows.js';
import { addShownRow } from './shown-cell.js';

/** Every cell is text (numFmt @): one style object for all, so it becomes a style number once. */
const TEXT: Partial<ExcelJS.Style> = { numFmt: '@' };

type Row = readonly CellValue[];

/**
 * `kaohe import -o`: the exports as the month workbook's own sheets — 人员, 记录 (empty, for the
 * clerk's records), 考勤, 请假, 班次, 设置 — header rows frozen, every value as text the way the
 * template reads it, printed as the template's sheets. Streamed, since 考勤 grows with punches (a city month is ~170,000 rows);
 * fixed dates, so the same exports give the same bytes.
 */
export async function importWorkbook(sheets: { roster: RawTable; punches: RawTable; leave: RawTable; shifts: RawTable; settings: [string, string][] }): Promise<Buffer> {
  const book = new Book();
  const add = async (name: string, [head, ...body]: readonly Row[], widths: number[]) => {
    // Printed as the template's sheets are: A4, one page wide, the header on every page.
    const columns = widths.map((width) => ({ width, style: TEXT }));
    const sheet = book.sheet(name, { views: [{ state: 'frozen', ySplit: 1 }], titleRows: '1:1', landscape: printsWide(columns) });
    sheet.columns = columns;
    const header = sheet.addRow([...(head ?? [])]);
    header.font = { bold: true };
    header.commit();
    await addBody(sheet, body, widths.length);
    sheet.commit();
  };
  await add(sheets.roster.sheet, sheets.roster.rows.map((r) => r.cells), [10, 10, 16, 10, 10]);
  await add(recordSheet.names[0], [recordSheet.columns.map((c) => c.headers[0])], recordSheet.columns.map((c) => c.width));
  // 工号, 姓名, 日期, 时间, and 打卡类型 when the export stated roles.
  await add(sheets.punches.sheet, sheets.punches.rows.map((r) => r.cells), [10, 10, 12, 10, 8].slice(0, sheets.punches.rows[0]?.cells.length));
  await add(sheets.leave.sheet, sheets.leave.rows.map((r) => r.cells), [10, 10, 10, 12, 12, 8, 8, 8, 8, 24]);
  await add(sheets.shifts.sheet, sheets.shifts.rows.map((r) => r.cells), [10, 10, 12, 12, 28]);
  await add('设置', [['设置项', '值'], ...sheets.settings], [16, 36]);
  return book.bytes();
}

/**
 * The rows below the header. Rows of text (all the import builds itself, and most rosters) go
 * straight in as the XML exceljs's row writer makes of them (sheets/rows.ts): the same cells,
 * style numbers and shared strings, without a row and cell object per punch. That needs every row
 * to have the same number of cells, none past the styled columns, each text or empty, with some
 * text (exceljs writes a cell for each and skips a row without a value); a table that is not so
 * (a clerk's roster file with numbers or dates) goes through exceljs's rows, each cell as Excel
 * shows it.
 */
async function addBody(sheet: ExcelJS.Worksheet, body: readonly Row[], columns: number): Promise<void> {
  const width = body[0]?.length ?? 0;
  if (width > columns || !body.every((cells) => plainText(cells, width))) {
    // A clerk's roster: dates and times shown as they were; a hole stays empty.
    for (const cells of body) addShownRow(sheet, Array.from(cells, (c) => c ?? null)).commit();
    return;
  }
  await new RowXml(sheet, Array.from({ length: width }, () => TEXT)).write(body as readonly (readonly (string | null)[])[], () => 0);
}

function plainText(cells: Row, width: number): boolean {
  if (cells.length !== width) return false;
  let text = false;
  // Indexed, not every(): a hole (no cell in exceljs) must not pass for an empty cell.
  for (let c = 0; c < width; c++) {
    const value = cells[c];
    if (typeof value === 'string') text = true;
    else if (value !== null) return false;
  }
  return text;
}
