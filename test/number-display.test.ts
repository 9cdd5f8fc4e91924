import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Book } from '../src/write/book.js';
import { table, type Column } from '../src/write/sheets/style.js';

/**
 * Convention 3: a number shows without trailing zeros (98.5, not 98.50; 100, not 100.00). A column
 * of 100, 98.5 and 0.25 took the most decimals of the column before (0.00: 100.00, 98.50); no fixed
 * format shows each as it is, and a number format of its own (0.##) would print 100 as "100.".
 * General (no number format) is what Excel and LibreOffice show as the number itself.
 */
const columns: Column[] = [
  { header: '姓名', kind: 'name', width: 10 },
  { header: '总分', kind: 'score', width: 8 },
  { header: '次数', kind: 'count', width: 8 },
];

async function written(rowCount: number): Promise<ExcelJS.Worksheet> {
  const book = new Book();
  const sheet = book.sheet('表', { titleRows: '1:1' });
  const values: [number, number][] = [[100, 3], [98.5, 0.5], [0.25, 1], [-3, 2]];
  await table(sheet, columns, Array.from({ length: rowCount }, (_, i) => [`人${i}`, ...values[i % values.length]!]));
  const read = new ExcelJS.Workbook();
  await read.xlsx.load((await book.bytes()) as unknown as ArrayBuffer);
  return read.getWorksheet('表')!;
}

describe('numbers in a written table', () => {
  // 3 rows are boxed cell by cell; 3,001 are styled by column (style.ts, BOXED_ROWS).
  for (const rowCount of [4, 3001]) {
    it(`keep their values and have no fixed decimals (${rowCount} rows)`, async () => {
      const sheet = await written(rowCount);
      expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(2).value)).toEqual([100, 98.5, 0.25, -3]);
      expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(3).value)).toEqual([3, 0.5, 1, 2]);
      for (let r = 2; r <= 5; r++) for (const c of [2, 3]) expect(sheet.getRow(r).getCell(c).numFmt ?? 'General').toBe('General');
    });
  }
});
