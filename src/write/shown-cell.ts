import type ExcelJS from 'exceljs';
import type { LocalDateTime } from '../core/dates.js';
import type { CellValue } from '../read/table.js';

/**
 * A cell read from a clerk's workbook, written again so that Excel shows it as it showed there
 * and kaohe reads it back as the same value: text, numbers and booleans as they are; a date,
 * time or duration as that serial with a format that shows it as LocalDateTime writes it
 * (2026-11-03, 2026-11-30 12:00, 08:30, 36:00). exceljs would write the value read (a
 * LocalDateTime) as its JSON. `template --roster` and `import -o` both write so.
 */
function shownCell(value: CellValue): { value: ExcelJS.CellValue; numFmt?: string } {
  if (value === null || typeof value !== 'object') return { value };
  const serial = serialOf(value);
  // A day before 1900-03-01 has no serial Excel and exceljs count alike (Excel's 1900-02-29): its text.
  if (serial === null) return { value: String(value) };
  return { value: new Date(serial), numFmt: FORMATS[value.shows] + (value.seconds % 60 ? ':ss' : '') };
}

/** The format that shows each kind of value as LocalDateTime's toString does; seconds added where there are some. */
const FORMATS: Record<LocalDateTime['shows'], string> = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm', time: 'hh:mm', duration: '[h]:mm' };

/** Epoch milliseconds exceljs turns into the serial Excel shows as this value (exceljs counts from 1899-12-30 in UTC). */
function serialOf(value: LocalDateTime): number | null {
  const time = value.seconds * 1000;
  if (value.shows === 'time' || value.shows === 'duration') return Date.UTC(1899, 11, 30) + time;
  if (value.year < 1900 || (value.year === 1900 && value.month < 3)) return null;
  return Date.UTC(value.year, value.month - 1, value.day) + time;
}

/** A row of cells read, each as shownCell writes it. */
export function addShownRow(sheet: ExcelJS.Worksheet, cells: readonly CellValue[]): ExcelJS.Row {
  const shown = cells.map(shownCell);
  const row = sheet.addRow(shown.map((s) => s.value));
  shown.forEach((s, i) => {
    if (s.numFmt) row.getCell(i + 1).numFmt = s.numFmt;
  });
  return row;
}
