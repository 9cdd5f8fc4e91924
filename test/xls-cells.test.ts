import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { workbookSheets } from '../src/core/input-sheets.js';
import { readExports } from '../src/import/read-exports.js';
import { readInput } from '../src/read/input.js';
import { tempDir } from './workbook.js';

/**
 * A month workbook saved as legacy BIFF .xls read as the .xlsx is: an error value is a fault
 * where the cell is used, and rows the clerk hid are read with the same warning. Invented
 * people: 张一 (0001), 张二 (0002), 张三 (0003).
 */

type Cells = (string | { t: 'e'; v: number })[][];

/** BIFF8 written by SheetJS; `hidden` rows (1-based) of the last sheet get the ROW record Excel writes for a hidden row, which SheetJS's writer leaves out. */
async function writeXls(sheets: Record<string, Cells>, hidden: readonly number[] = []): Promise<string> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), name);
  const bytes = XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer;
  const path = join(tempDir(), '2026-10.xls');
  writeFileSync(path, hidden.length === 0 ? bytes : withHiddenRows(XLSX.CFB as Cfb, bytes, hidden));
  return path;
}

/** The part of SheetJS's CFB library (untyped in its typings) used here. */
interface Cfb {
  read(bytes: Buffer, options: object): unknown;
  find(container: unknown, path: string): { content: Buffer; size: number } | null;
  write(container: unknown, options: object): Buffer;
}

/** Inserts ROW records (MS-XLS 2.4.221, fDyZero set) after the last sheet's DIMENSIONS record; BOUNDSHEET offsets of earlier sheets are unchanged. */
function withHiddenRows(CFB: Cfb, bytes: Buffer, hidden: readonly number[]): Buffer {
  const container = CFB.read(bytes, { type: 'buffer' });
  const stream = CFB.find(container, 'Workbook');
  if (!stream) throw new Error('no Workbook stream');
  const content = Buffer.from(stream.content);
  let dimensionsEnd = -1;
  for (let at = 0; at + 4 <= content.length; at += 4 + content.readUInt16LE(at + 2)) if (content.readUInt16LE(at) === 0x0200) dimensionsEnd = at + 4 + content.readUInt16LE(at + 2);
  const records = hidden.map((row) => {
    const record = Buffer.alloc(20);
    record.writeUInt16LE(0x0208, 0);
    record.writeUInt16LE(16, 2);
    record.writeUInt16LE(row - 1, 4); // rw, 0-based
    record.writeUInt16LE(0, 6); // colMic
    record.writeUInt16LE(3, 8); // colMac
    record.writeUInt16LE(300, 10); // miyRw: 15 pt, the height it shows again at
    record.writeUInt32LE(0x000f0120, 16); // fDyZero (hidden), the always-1 bit, ixfe 15
    return record;
  });
  stream.content = Buffer.concat([content.subarray(0, dimensionsEnd), ...records, content.subarray(dimensionsEnd)]);
  stream.size = stream.content.length;
  return CFB.write(container, { type: 'buffer', fileType: 'cfb' });
}

function read(path: string, roles: string[]) {
  return readInput(path, new Map(roles.map((r) => [r, workbookSheets.get(r as never) ?? []])), {}, { calendar: () => officialCalendar(), year: 2026 });
}

describe('an error value in a .xls cell', () => {
  it('stops at 人员 row 3, column B: 姓名 #N/A is cell_error, not the name "#N/A"', async () => {
    const path = await writeXls({
      人员: [
        ['工号', '姓名', '窗口'],
        ['0001', '张一', '民政窗口'],
        // 0x2A is BIFF's #N/A
        ['0002', { t: 'e', v: 0x2a }, '社保窗口'],
      ],
    });
    const { problems, sheets } = await read(path, ['roster']);
    expect(problems.map((p) => [p.code, p.severity, p.at.sheet, p.at.row, p.at.columnLetter, p.args.value])).toEqual([['cell_error', 'error', '人员', 3, 'B', '#N/A']]);
    // the cell reads empty beside its fault: no name "#N/A" to print
    expect(sheets.get('roster')?.rows.find((r) => r.row === 3)?.cells[1] ?? null).toBeNull();
  });

  it('names each error as Excel shows it, not every one #N/A: 分值 #VALUE! at row 2, #DIV/0! at row 3, 工号 #REF! at row 4', async () => {
    // BIFF8 error codes (MS-XLS 2.5.11 BErr): 0x0F #VALUE!, 0x07 #DIV/0!, 0x17 #REF!; 0x63 (99) is
    // none of them, so it is named by its number rather than passed off as one.
    const path = await writeXls({
      记录: [
        ['日期', '工号', '项目', '分值'],
        ['2026-10-05', '0001', '3.1', { t: 'e', v: 0x0f }],
        ['2026-10-06', '0001', '3.1', { t: 'e', v: 0x07 }],
        ['2026-10-07', { t: 'e', v: 0x17 }, '3.1', '2'],
        ['2026-10-08', '0001', '3.1', { t: 'e', v: 0x63 }],
      ],
    });
    const { problems } = await read(path, ['records']);
    expect(problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.value])).toEqual([
      ['cell_error', 2, 'D', '#VALUE!'],
      ['cell_error', 3, 'D', '#DIV/0!'],
      ['cell_error', 4, 'B', '#REF!'],
      ['cell_error', 5, 'D', '错误码 99'],
    ]);
  });

  it('says nothing of an error in a column no role reads (备注)', async () => {
    const path = await writeXls({
      人员: [
        ['工号', '姓名', '窗口', '备注'],
        ['0001', '张一', '民政窗口', { t: 'e', v: 0x07 }],
      ],
    });
    expect((await read(path, ['roster'])).problems).toEqual([]);
  });
});

describe('hidden columns in a .xls', () => {
  it('names a hidden column kaohe reads (项目, C), not one it does not (经办人, D), as the .xlsx reader does', async () => {
    const XLSX = await import('@e965/xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([
      ['日期', '工号', '项目', '经办人'],
      ['2026-10-05', '0001', '1.1', '王'],
    ]);
    // COLINFO records: C and D hidden (SheetJS writes fHidden)
    sheet['!cols'] = [{ wch: 10 }, { wch: 10 }, { wch: 10, hidden: true }, { wch: 10, hidden: true }];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, '记录');
    const path = join(tempDir(), '2026-10.xls');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const { problems, sheets } = await read(path, ['records']);
    expect(problems.map((p) => [p.code, p.severity, p.at.sheet, p.args.columns])).toEqual([['columns_hidden_read', 'warning', '记录', '项目(C列)']]);
    // read and counted all the same
    expect(sheets.get('records')?.rows[1]?.cells[2]).toBe('1.1');
  });
});

describe('hidden rows in a .xls', () => {
  const records: Cells = [
    ['日期', '工号', '项目'],
    ['2026-10-05', '0001', '1.1'],
    ['2026-10-06', '0002', '1.1'],
    ['2026-10-07', '0003', '1.1'],
    ['2026-10-08', '0001', '2.1'],
  ];

  it('reads rows 3 and 5 the clerk hid and names them once, as the .xlsx reader does', async () => {
    const path = await writeXls({ 记录: records }, [3, 5]);
    const { problems, sheets } = await read(path, ['records']);
    expect(problems.map((p) => [p.code, p.severity, p.at.sheet, p.args.rows, p.args.count])).toEqual([['rows_hidden_read', 'warning', '记录', '3、5', 2]]);
    // all four records are read: Excel's sums count hidden rows too
    expect(sheets.get('records')?.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('says nothing of hidden rows in a copy of 记录 it does not read (记录 (2)), only that the copy holds rows', async () => {
    const path = await writeXls({ 记录: records, '记录 (2)': records }, [3, 5]);
    const { problems } = await read(path, ['records']);
    // the copy's 4 records (rows 2–5, 3 and 5 hidden) are not read: its hidden rows are not "read and counted"
    expect(problems.map((p) => [p.code, p.severity, p.at.sheet, p.args.rows])).toEqual([['sheet_copy_has_rows', 'error', '记录 (2)', 4]]);
  });

  it('says nothing of a hidden row with no value (row 7, below the data)', async () => {
    const path = await writeXls({ 记录: records }, [7]);
    expect((await read(path, ['records'])).problems).toEqual([]);
  });
});

describe('hidden rows in a .xls export given to kaohe import', () => {
  it('warns of rows 3 and 5 the clerk hid, as for a month workbook, and reads them', async () => {
    const path = await writeXls(
      {
        考勤记录: [
          ['部门', '姓名', '考勤号码', '日期时间', '机器号', '比对方式', '卡号'],
          ['民政窗口', '张一', '1', '2026-10-08 08:01:00', '1', '指纹', ''],
          ['民政窗口', '张二', '2', '2026-10-08 08:03:00', '1', '指纹', ''],
          ['民政窗口', '张一', '1', '2026-10-08 17:31:00', '1', '指纹', ''],
          ['民政窗口', '张二', '2', '2026-10-08 17:35:00', '1', '指纹', ''],
        ],
      },
      [3, 5],
    );
    const read = await readExports([path]);
    expect(read.problems.map((p) => [p.code, p.severity, p.at.sheet, p.args.rows, p.args.count])).toEqual([['rows_hidden_read', 'warning', '考勤记录', '3、5', 2]]);
    // by hand: all four punches are read, the hidden rows 3 and 5 (张二's) too; 08:01 is 8×3600+60 = 28860 s,
    // 08:03 28980 s, 17:31 17×3600+31×60 = 63060 s, 17:35 63300 s
    expect(read.punches.map((p) => [p.row, read.people.get(p.person)?.name, p.date, p.at])).toEqual([
      [2, '张一', '2026-10-08', 28860],
      [3, '张二', '2026-10-08', 28980],
      [4, '张一', '2026-10-08', 63060],
      [5, '张二', '2026-10-08', 63300],
    ]);
  });
});
