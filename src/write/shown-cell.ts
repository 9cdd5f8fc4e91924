import type { CellValue } from '../read/table.js';

/**
 * A cell read from a clerk's workbook as the value to write for it: text and numbers as they are;
 * a date, time or boolean as the text Excel shows (2026-11-03, 08:30, TRUE). exceljs would write a
 * read date (LocalDateTime) as its JSON. `template --roster` and `import -o` both write so.
 */
export function shownCell(value: CellValue): string | number | null {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}
