import { describe, expect, it } from 'vitest';
import { Book } from '../src/write/book.js';
import { banner, BODY_FONT, bodyLines, table, TITLE_FONT, type Column } from '../src/write/sheets/style.js';

/**
 * Lines under a table written at once (bodyLines, sheets/rows.ts) are the rows banner writes one
 * by one through exceljs: the same workbook bytes, under a boxed table and under a plain one
 * (above 3,000 rows, whose first column's number format exceljs gives the line's cell too).
 */
const columns: Column[] = [
  { header: '名次', kind: 'rank', width: 6 },
  { header: '姓名', kind: 'name', width: 10 },
  { header: '说明', kind: 'text', width: 30 },
];
const width = 46;
const lines = ['部门通报批评：民政窗口（部门合计 -2）', '注：一行很长的说明文字，'.repeat(8), ' 前后有空格 '];

async function workbook(rowCount: number, write: (sheet: Parameters<typeof bodyLines>[0]) => void): Promise<Buffer> {
  const book = new Book();
  const sheet = book.sheet('表', { titleRows: '2:2' });
  banner(sheet, '标题', { font: TITLE_FONT, align: 'left', span: columns.length, width, height: 30 });
  await table(sheet, columns, Array.from({ length: rowCount }, (_, i) => [i + 1, `人${i}`, i % 2 ? '甲' : null]));
  sheet.addRow([]);
  write(sheet);
  banner(sheet, '落款', { font: BODY_FONT, align: 'right', span: columns.length, width, wrap: false });
  book.sheet('说明', { titleRows: null }).addRow(['x']);
  return book.bytes();
}

describe('lines under a table', () => {
  for (const rowCount of [3, 3001]) {
    it(`are written as banner writes them (${rowCount} rows above)`, async () => {
      const oneByOne = await workbook(rowCount, (sheet) => {
        for (const line of lines) banner(sheet, line, { font: BODY_FONT, align: 'left', span: columns.length, width });
      });
      const atOnce = await workbook(rowCount, (sheet) => bodyLines(sheet, lines, { span: columns.length, width }));
      expect(atOnce.equals(oneByOne)).toBe(true);
    });
  }
});
