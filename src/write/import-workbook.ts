import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { recordSheet } from '../core/input-sheets.js';
import type { RawTable } from '../read/table.js';
import { withFixedZipDates } from './pack.js';

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * `kaohe import -o`: the exports as the month workbook's own sheets — 人员, 记录 (empty, for the
 * clerk's records), 考勤, 请假, 班次, 设置 — header rows frozen, every value as text the way the
 * template reads it. Streamed, since 考勤 grows with punches (a city month is ~170,000 rows);
 * fixed dates, so the same exports give the same bytes.
 */
export async function importWorkbook(sheets: { roster: RawTable; punches: RawTable; leave: RawTable; shifts: RawTable; settings: [string, string][] }): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    sink.on('end', resolve);
    sink.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useSharedStrings: true, useStyles: true });
  workbook.creator = 'kaohe';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  const add = (name: string, rows: readonly (readonly unknown[])[], widths: number[]) => {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = widths.map((width) => ({ width, style: { numFmt: '@' } }));
    rows.forEach((cells, i) => {
      const row = sheet.addRow([...cells]);
      if (i === 0) row.font = { bold: true };
      row.commit();
    });
    sheet.commit();
  };
  add(sheets.roster.sheet, sheets.roster.rows.map((r) => r.cells), [10, 10, 16, 10, 10]);
  add(recordSheet.names[0], [recordSheet.columns.map((c) => c.headers[0])], recordSheet.columns.map((c) => c.width));
  add(sheets.punches.sheet, sheets.punches.rows.map((r) => r.cells), [10, 10, 12, 10]);
  add(sheets.leave.sheet, sheets.leave.rows.map((r) => r.cells), [10, 10, 10, 12, 12, 8, 8, 8, 8, 24]);
  add(sheets.shifts.sheet, sheets.shifts.rows.map((r) => r.cells), [10, 10, 12, 12, 28]);
  add('设置', [['设置项', '值'], ...sheets.settings], [16, 36]);
  await workbook.commit();
  await done;
  return withFixedZipDates(Buffer.concat(chunks));
}
