import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { LocalDateTime } from '../src/core/dates.js';
import type { CellValue, RawTable } from '../src/read/table.js';
import { readWorkbookTables } from '../src/read/workbook-input.js';
import { importWorkbook } from '../src/write/import-workbook.js';
import { tempDir } from './workbook.js';

const table = (sheet: string, rows: CellValue[][]): RawTable => ({ file: 'x.xlsx', sheet, rows: rows.map((cells, i) => ({ row: i + 1, cells })) });

const roster = [
  ['工号', '姓名', '窗口', '类别', '考勤号码'],
  ['0001', '陈立新', '民政窗口', null, '1001'],
  ['0002', '王建华', '社保窗口', '窗口人员', null],
];
const punches = [
  ['工号', '姓名', '日期', '时间'],
  ['0001', '陈立新', '2026-11-02', '08:01:07'],
  ['0002', '王建华', '2026-11-02', ''],
];
const empty = (sheet: string, width: number) => table(sheet, [Array.from({ length: width }, (_, i) => `列${i + 1}`)]);

async function write(rosterRows: CellValue[][]): Promise<Buffer> {
  return importWorkbook({ roster: table('人员', rosterRows), punches: table('考勤', punches), leave: empty('请假', 10), shifts: empty('班次', 5), settings: [['考勤起始日期', '2026-11-01']] });
}

/** The <sheetData> of 人员 (sheet1) and the styles of a written workbook. */
async function parts(bytes: Buffer): Promise<{ roster: string; styles: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const text = (name: string) => zip.file(name)!.async('string');
  return { roster: /<sheetData>(.*)<\/sheetData>/s.exec(await text('xl/worksheets/sheet1.xml'))![1]!, styles: await text('xl/styles.xml') };
}

describe('kaohe import -o workbook', () => {
  it('rows of text written directly are the XML exceljs writes for the same rows', async () => {
    // The same roster once all text (written directly) and once with a number appended in a
    // last row, which sends the whole sheet through exceljs's row objects: the rows they share
    // must come out identical, cell for cell, with the same style numbers and shared-string numbers
    // (the strings are added in the same order up to there).
    const direct = await parts(await write(roster));
    const throughExceljs = await parts(await write([...roster, ['0003', '赵丽', '民政窗口', null, 1003]]));
    const lastRow = /<row r="4".*<\/row>$/s;
    expect(throughExceljs.roster).toMatch(lastRow);
    expect(direct.roster).toBe(throughExceljs.roster.replace(lastRow, ''));
    expect(direct.styles).toBe(throughExceljs.styles);
  });

  it('a roster of fewer columns than the sheet styles is written as exceljs writes it', async () => {
    const short = roster.map((cells) => cells.slice(0, 4));
    const direct = await parts(await write(short));
    const throughExceljs = await parts(await write([...short, ['0003', '赵丽', '民政窗口', 1003]]));
    const lastRow = /<row r="4".*<\/row>$/s;
    expect(direct.roster).toContain('spans="1:4"');
    expect(direct.roster).toBe(throughExceljs.roster.replace(lastRow, ''));
  });

  it('reads back as text cells under a bold, frozen header', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await write(roster)) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('考勤')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getRow(1).getCell(1).font).toMatchObject({ bold: true });
    expect(sheet.getRow(2).values).toEqual([undefined, '0001', '陈立新', '2026-11-02', '08:01:07']);
    // An empty text is a cell (as exceljs writes it), not a missing one.
    expect(sheet.getRow(3).getCell(4).value).toBe('');
    for (const r of [2, 3]) for (let c = 1; c <= 4; c++) expect(sheet.getRow(r).getCell(c).numFmt).toBe('@');
    expect(book.getWorksheet('人员')!.getRow(2).getCell(4).numFmt).toBe('@');
  });

  it('a roster read with date and time cells is written so that Excel shows them, and kaohe reads them, as before', async () => {
    // 到岗日期 2026-11-03 (a date cell), 离岗日期 2026-11-30 12:00 (yyyy-mm-dd hh:mm), a time
    // 08:30 (30,600 s) and a boolean. exceljs wrote each LocalDateTime as its JSON
    // ({"year":2026,…}); now they are serials in formats showing the same: 2026-11-03 is serial
    // 46329 (2026-11-03 is 20,760 days after 1970-01-01, + 25,569), 12:00 adds 0.5, 08:30 is
    // 30,600 / 86,400 of a day.
    const dated: CellValue[][] = [
      ['工号', '姓名', '窗口', '到岗日期', '离岗日期', '签到', '备注'],
      ['0001', '陈立新', '民政窗口', new LocalDateTime(2026, 11, 3, 0, 'date'), new LocalDateTime(2026, 11, 30, 12 * 3600, 'datetime'), new LocalDateTime(0, 0, 0, 8 * 3600 + 30 * 60, 'time'), true],
    ];
    const path = join(tempDir(), 'import.xlsx');
    writeFileSync(path, await write(dated));
    const { sheets, problems } = await readWorkbookTables(path, new Map([['roster', ['人员']]]));
    expect(problems).toEqual([]);
    // The reader keeps the roster's own columns (签到 and 备注 are none of them).
    expect(sheets.get('roster')!.rows[1]!.cells).toEqual(dated[1]!.slice(0, 5));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    const row = book.getWorksheet('人员')!.getRow(2);
    expect([4, 5, 6].map((c) => row.getCell(c).numFmt)).toEqual(['yyyy-mm-dd', 'yyyy-mm-dd hh:mm', 'hh:mm']);
    expect(row.getCell(4).value).toEqual(new Date(Date.UTC(2026, 10, 3)));
    // exceljs reads serials as days after 1899-12-30 UTC: 08:30 on that day
    expect(row.getCell(6).value).toEqual(new Date(Date.UTC(1899, 11, 30, 8, 30)));
    expect(row.getCell(7).value).toBe(true);
  });
});
