import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readExports } from '../src/import/read-exports.js';
import { tempDir } from './workbook.js';

/**
 * An export whose punches come partly from a hidden sheet (a clerk's Sheet2 with an extra 07:50
 * punch): read as the month workbook's hidden sheets are, and said (sheet_hidden_used), in .xlsx
 * and in .xls. Invented people; 2026-11-03.
 */
const header = ['登记号码', '姓名', '刷卡日期', '刷卡时间'];
const visible = ['08:01', '11:31', '13:58', '17:31'].map((t) => ['001', '张三', '2026/11/3', t]);
const hiddenRows = [['001', '张三', '2026/11/3', '07:50']];

async function xlsx(name: string, hiddenSheet: boolean): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('考勤记录').addRows([header, ...visible]);
  book.addWorksheet('Sheet2', { state: hiddenSheet ? 'hidden' : 'visible' }).addRows([header, ...hiddenRows]);
  const path = join(tempDir(), name);
  await book.xlsx.writeFile(path);
  return path;
}

async function xls(name: string, hiddenSheet: boolean): Promise<string> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([header, ...visible]), '考勤记录');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([header, ...hiddenRows]), 'Sheet2');
  book.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: hiddenSheet ? 1 : 0 }] };
  const path = join(tempDir(), name);
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
  return path;
}

const hiddenWarnings = async (path: string) =>
  (await readExports([path])).problems.filter((p) => p.code === 'sheet_hidden_used').map((p) => ({ severity: p.severity, sheet: p.at.sheet, args: p.args }));

describe('an export read from a hidden sheet says so', () => {
  for (const [kind, write] of [['.xlsx', xlsx], ['.xls', xls]] as const) {
    it(`${kind}: the hidden Sheet2's punches are read, with a warning at that sheet`, async () => {
      const path = await write(`隐藏${kind}`, true);
      // were read without a word: the 07:50 on Sheet2 made the 08:01 arrival on time
      expect(await hiddenWarnings(path)).toEqual([{ severity: 'warning', sheet: 'Sheet2', args: { export: 'punches' } }]);
      const data = await readExports([path]);
      // 4 punches on 考勤记录 + 1 on Sheet2
      expect(data.punches).toHaveLength(5);
    });

    it(`${kind}: the same sheet left visible gives no such warning`, async () => {
      expect(await hiddenWarnings(await write(`可见${kind}`, false))).toEqual([]);
    });
  }
});
