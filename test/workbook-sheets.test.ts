import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { readExports } from '../src/import/read-exports.js';
import { workbookSheets } from '../src/core/input-sheets.js';
import { readInput } from '../src/read/input.js';
import { readWorkbookTables, rolePlayers } from '../src/read/workbook-input.js';
import { cell, row, writeRawXlsx, type RawSheet } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * Reading a month workbook's template sheets: two sheets for one role, rows the clerk hid, and
 * 设置 values whose key kaohe does not use. Invented people: 张一 (0001), 张二 (0002).
 */

/** A workbook of raw XML sheets, read for the wanted roles of a month. */
async function readSheets(sheets: RawSheet[], roles: string[], prefix?: string) {
  const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets, ...(prefix ? { prefix } : {}) });
  return readWorkbookTables(path, new Map(roles.map((r) => [r, workbookSheets.get(r as never) ?? []])));
}

const textRow = (r: number, texts: string[]) => row(r, texts.map((t, i) => cell.text(`${String.fromCharCode(65 + i)}${r}`, t)));

describe('two sheets for one role', () => {
  it('refuses 记录 and RECORDS both visible, naming both; merges nothing', async () => {
    const head = textRow(1, ['日期', '工号', '项目']);
    const read = await readSheets(
      [
        { name: '记录', rows: head + textRow(2, ['2026-10-05', '0001', '1.1']) },
        { name: 'RECORDS', rows: head + textRow(2, ['2026-10-06', '0002', '2.1']) },
      ],
      ['records'],
    );
    expect(read.problems.map((p) => [p.code, p.severity, p.args.role, p.args.sheets])).toEqual([['sheet_role_twice', 'error', '记录', '“记录”、“RECORDS”']]);
  });

  it('refuses 人员.csv beside roster.csv in a folder, as two sheets of a workbook', async () => {
    const dir = tempDir();
    const people = '工号,姓名,窗口\n0001,张一,民政窗口\n';
    writeFileSync(join(dir, '人员.csv'), people);
    writeFileSync(join(dir, 'roster.csv'), `${people}0002,张二,社保窗口\n`);
    const read = await readInput(dir, new Map([['roster', workbookSheets.get('roster') ?? []]]), {}, { calendar: () => officialCalendar(), year: 2026 });
    expect(read.problems.map((p) => [p.code, p.args.sheets])).toEqual([['sheet_role_twice', '“roster.csv”、“人员.csv”']]);
  });

  it('still reads a visible sheet over a hidden copy without an error (a stale copy kept out of sight)', async () => {
    const head = textRow(1, ['工号', '姓名', '窗口']);
    const read = await readSheets(
      [
        { name: 'Staff', state: 'hidden', rows: head },
        { name: '人员', rows: head + textRow(2, ['0001', '张一', '民政窗口']) },
      ],
      ['roster'],
    );
    expect(read.problems).toEqual([]);
    expect(read.sheets.get('roster')?.sheet).toBe('人员');
  });
});

describe('a copy of a role sheet (记录 (2), 记录 - 副本)', () => {
  const head = textRow(1, ['日期', '工号', '项目']);
  const records = head + textRow(2, ['2026-10-05', '0001', '1.1']);
  const brief = (p: { code: string; severity: string; at: { sheet?: string }; args: object }) => [p.code, p.severity, p.at.sheet, p.args];

  // Excel's, WPS's, Explorer's and a clerk's names for a copy of 记录 (and a copy of a copy); each holds 张二's one record.
  it.each(['记录 (2)', '记录(2)', '记录（2）', '记录_2', '记录 - 副本', '记录 - 副本 (2)', '记录副本', 'Records - Copy', '记录 - 副本 - 副本', '记录2', '记录 2', '记录-2', '记录（二）'])('refuses %s holding records beside 记录: they would not be scored', async (name) => {
    const copy = head + textRow(2, ['2026-10-06', '0002', '2.1']);
    const read = await readSheets([{ name: '记录', rows: records }, { name, rows: copy }], ['records']);
    // 1 data row under a header mapping 日期 and 项目 (the required columns) as 记录's does
    expect(read.problems.map(brief)).toEqual([['sheet_copy_has_rows', 'error', name, { role: '记录', read: '记录', rows: 1 }]]);
    expect(read.sheets.get('records')?.sheet).toBe('记录');
  });

  it('refuses a copy holding records when there is no 记录 at all, naming none read', async () => {
    const read = await readSheets([{ name: '记录 (2)', rows: records + textRow(3, ['2026-10-07', '0002', '2.1']) }], ['records']);
    expect(read.problems.map(brief)).toEqual([['sheet_copy_has_rows', 'error', '记录 (2)', { role: '记录', read: '', rows: 2 }]]);
  });

  it('warns of a copy with a header and no rows, one whose header is not 记录’s, and a hidden one', async () => {
    const read = await readSheets(
      [
        { name: '记录', rows: records },
        { name: '记录 (2)', rows: head },
        // 工号 and 姓名 only: the required 日期 and 项目 are missing, the rows are not records
        { name: '记录 (3)', rows: textRow(1, ['工号', '姓名']) + textRow(2, ['0001', '张一']) },
        { name: '记录 - 副本', state: 'hidden', rows: records },
      ],
      ['records'],
    );
    expect(read.problems.map(brief)).toEqual([
      ['sheet_copy_ignored', 'warning', '记录 (2)', { role: '记录', read: '记录' }],
      ['sheet_copy_ignored', 'warning', '记录 (3)', { role: '记录', read: '记录' }],
      ['sheet_copy_ignored', 'warning', '记录 - 副本', { role: '记录', read: '记录' }],
    ]);
  });

  it('refuses a 设置 copy holding a known key, and says nothing of 说明', async () => {
    const read = await readSheets(
      [
        { name: '设置', rows: textRow(1, ['单位名称', '某某中心']) },
        { name: '设置 (2)', rows: textRow(1, ['每分分值', '50']) + textRow(2, ['备用', 'x']) },
        { name: '说明', rows: textRow(1, ['说明']) },
      ],
      ['settings', 'records'],
    );
    // 每分分值 is a known key with a value; 备用 is not one: 1 row
    expect(read.problems.map(brief)).toEqual([['sheet_copy_has_rows', 'error', '设置 (2)', { role: '设置', read: '设置', rows: 1 }]]);
  });

  it('refuses 记录 (2) holding records in a workbook saved as .xls', async () => {
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['日期', '工号', '项目'], ['2026-10-05', '0001', '1.1']]), '记录');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['日期', '工号', '项目'], ['2026-10-06', '0002', '2.1']]), '记录 (2)');
    const path = join(tempDir(), '2026-10.xls');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const read = await readInput(path, new Map([['records', workbookSheets.get('records') ?? []]]), {}, { calendar: () => officialCalendar(), year: 2026 });
    expect(read.problems.map(brief)).toEqual([['sheet_copy_has_rows', 'error', '记录 (2)', { role: '记录', read: '记录', rows: 1 }]]);
  });

  it('refuses 记录 - 副本.csv holding records beside 记录.csv in a folder, and warns of an empty 记录 (2).csv', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '记录.csv'), '日期,工号,项目\n2026-10-05,0001,1.1\n');
    writeFileSync(join(dir, '记录 - 副本.csv'), '日期,工号,项目\n2026-10-06,0002,2.1\n2026-10-07,0002,2.1\n');
    writeFileSync(join(dir, '记录 (2).csv'), '日期,工号,项目\n');
    const read = await readInput(dir, new Map([['records', workbookSheets.get('records') ?? []]]), {}, { calendar: () => officialCalendar(), year: 2026 });
    expect(read.problems.map((p) => [p.code, p.at.file, p.args])).toEqual([
      ['sheet_copy_ignored', join(dir, '记录 (2).csv'), { role: '记录', read: '记录.csv' }],
      ['sheet_copy_has_rows', join(dir, '记录 - 副本.csv'), { role: '记录', read: '记录.csv', rows: 2 }],
    ]);
    expect(read.files).toEqual([join(dir, '记录.csv')]);
  });
});

describe('a sheet under a name kaohe does not read, holding a role sheet’s rows', () => {
  const brief = (p: { code: string; severity: string; at: { sheet?: string }; args: object }) => [p.code, p.severity, p.at.sheet, p.args];
  const recordHead = textRow(1, ['日期', '工号', '姓名', '窗口', '项目']);
  const records = recordHead + textRow(2, ['2026-10-08', '0001', '张一', '', '1.1']);
  const leave = textRow(1, ['工号', '姓名', '类型', '开始日期', '结束日期']) + textRow(2, ['0002', '张二', '事假', '2026-10-12', '2026-10-14']);

  // 张二's 事假 of 12–14 October in a sheet named otherwise would be scored as 旷工 on three days.
  it.each(['请假记录', '请假登记表'])('refuses %s (its name holds 请假) holding leave when there is no 请假 sheet', async (name) => {
    const read = await readSheets([{ name: '记录', rows: recordHead }, { name, rows: leave }], ['records', 'leave']);
    expect(read.problems.map(brief)).toEqual([['sheet_unread_has_rows', 'error', name, { role: '请假', read: '' }]]);
  });

  // 假条 names no role: it may be the clerk's own; kaohe says it has 请假's columns and was not read.
  it('warns of 假条 holding leave: not read, the columns it shares with 请假 named', async () => {
    const read = await readSheets([{ name: '记录', rows: recordHead }, { name: '假条', rows: leave }], ['records', 'leave']);
    // every header of `leave` is a 请假 column: 工号 姓名 类型 开始日期 结束日期
    expect(read.problems.map(brief)).toEqual([['sheet_unread_like_role', 'warning', '假条', { role: '请假', columns: '工号、姓名、类型、开始日期、结束日期' }]]);
  });

  // 张二's record of 20 October would be left out of the month beside 张一's in 记录.
  it.each(['记录（下半月）', '10月记录', '往月记录'])('refuses %s holding records beside 记录, naming 记录 (not 人员, whose columns its header holds too)', async (name) => {
    const half = recordHead + textRow(2, ['2026-10-20', '0002', '张二', '', '2.1']);
    const read = await readSheets([{ name: '记录', rows: records }, { name, rows: half }], ['roster', 'records']);
    // 记录's header maps 5 columns as 记录 (日期 工号 姓名 窗口 项目) and 3 as 人员 (工号 姓名 窗口)
    expect(read.problems.map(brief)).toEqual([['sheet_unread_has_rows', 'error', name, { role: '记录', read: '记录' }]]);
    expect(read.sheets.get('records')?.sheet).toBe('记录');
  });

  it('warns of Sheet2 holding records beside 记录, naming 记录 by the most columns', async () => {
    const half = recordHead + textRow(2, ['2026-10-20', '0002', '张二', '', '2.1']);
    const read = await readSheets([{ name: '记录', rows: records }, { name: 'Sheet2', rows: half }], ['roster', 'records']);
    // 5 columns as 记录 (日期 工号 姓名 窗口 项目) over 3 as 人员 (工号 姓名 窗口)
    expect(read.problems.map(brief)).toEqual([['sheet_unread_like_role', 'warning', 'Sheet2', { role: '记录', columns: '日期、工号、姓名、窗口、项目' }]]);
  });

  // The rows typed into Sheet2 while 记录 keeps its header alone: the month would be scored on no record at all.
  it('refuses Sheet2 holding records when 记录 has no row, naming 记录 to move them into', async () => {
    const half = recordHead + textRow(2, ['2026-10-20', '0002', '张二', '', '2.1']);
    const read = await readSheets([{ name: '记录', rows: recordHead }, { name: 'Sheet2', rows: half }], ['roster', 'records']);
    // 记录 maps 日期 工号 姓名 窗口 项目 over 人员's 工号 姓名 窗口, as beside a 记录 with rows
    expect(read.problems.map(brief)).toEqual([['sheet_unread_role_empty', 'error', 'Sheet2', { role: '记录', read: '记录', columns: '日期、工号、姓名、窗口、项目' }]]);
  });

  it('refuses 假条 holding leave when 请假 has its header only, in a workbook saved as .xls too', async () => {
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['工号', '姓名', '类型', '开始日期']]), '请假');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['工号', '姓名', '类型', '开始日期'], ['0002', '张二', '事假', '2026-10-12']]), '假条');
    const path = join(tempDir(), '2026-10.xls');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const read = await readInput(path, new Map([['leave', workbookSheets.get('leave') ?? []]]), {}, { calendar: () => officialCalendar(), year: 2026 });
    expect(read.problems.map(brief)).toEqual([['sheet_unread_role_empty', 'error', '假条', { role: '请假', read: '请假', columns: '工号、姓名、类型、开始日期' }]]);
  });

  // Ordinary sheets of a service centre that map a role's required columns but are no copy of it.
  it.each([
    // 日期 and 时间 are 考勤's date and punch time; 窗口, 办理人, 事项 are no 考勤 column
    ['办件登记', ['日期', '时间', '窗口', '办理人', '事项'], ['2026-10-08', '09:15', '一号窗', '张一', '营业执照'], 'punches', '考勤', '日期、时间'],
    // 日期, 工号, 时间 are 考勤's; 星期 and 值班人 are not
    ['值班表', ['日期', '星期', '值班人', '工号', '时间'], ['2026-10-10', '六', '张一', '0001', '08:30'], 'punches', '考勤', '日期、工号、时间'],
    // 工号, 姓名 and 部门 (as 窗口) are 人员's required columns; 职务, 电话 are none of its
    ['花名册', ['工号', '姓名', '部门', '职务', '电话'], ['0001', '张一', '综合窗口', '科员', '12345'], 'roster', '人员', '工号、姓名、部门'],
  ])('warns of %s (no role in its name) without calling it the role’s sheet', async (name, head, data, role, roleName, columns) => {
    const read = await readSheets([{ name, rows: textRow(1, head) + textRow(2, data) }], [role]);
    expect(read.problems.map(brief)).toEqual([['sheet_unread_like_role', 'warning', name, { role: roleName, columns }]]);
  });

  it('refuses 钉钉打卡导出 (its name holds 打卡) holding punches', async () => {
    const punches = textRow(1, ['工号', '姓名', '日期', '打卡时间']) + textRow(2, ['0001', '张一', '2026-10-08', '08:01 17:40']);
    const read = await readSheets([{ name: '钉钉打卡导出', rows: punches }], ['records', 'punches']);
    expect(read.problems.map(brief)).toEqual([['sheet_unread_has_rows', 'error', '钉钉打卡导出', { role: '考勤', read: '' }]]);
  });

  it('never looks at kaohe’s own output sheets kept in the workbook (扣分明细, 9月扣分明细, 得分表, 公示)', async () => {
    const half = recordHead + textRow(2, ['2026-10-20', '0002', '张二', '', '2.1']);
    const read = await readSheets(
      [
        { name: '记录', rows: records },
        { name: '扣分明细', rows: half },
        { name: '9月扣分明细', rows: half },
        { name: '得分表', rows: half },
        { name: '公示', rows: half },
      ],
      ['roster', 'records'],
    );
    expect(read.problems.map(brief)).toEqual([]);
  });

  it('refuses a sheet holding punches under another name (a date and a time are 考勤’s header)', async () => {
    const punches = textRow(1, ['工号', '姓名', '日期', '打卡时间']) + textRow(2, ['0001', '张一', '2026-10-08', '08:01 17:40']);
    const read = await readSheets([{ name: '10月考勤', rows: punches }], ['punches']);
    expect(read.problems.map(brief)).toEqual([['sheet_unread_has_rows', 'error', '10月考勤', { role: '考勤', read: '' }]]);
  });

  it('says nothing of a header without rows, a header lacking a required column, a hidden sheet, roles not wanted, or 说明 and 代码表', async () => {
    const read = await readSheets(
      [
        { name: '记录', rows: records },
        { name: 'Sheet2', rows: recordHead },
        // 工号 and 姓名 only: 记录 needs 日期 and 项目, 人员 needs 窗口
        { name: 'Sheet3', rows: textRow(1, ['工号', '姓名']) + textRow(2, ['0001', '张一']) },
        { name: '旧记录', state: 'hidden', rows: records },
        // 请假 is not wanted (a scheme without attendance): its rows are nobody's business here
        { name: '请假记录', rows: leave },
        { name: '说明', rows: records },
        { name: '代码表', rows: records },
      ],
      ['records'],
    );
    expect(read.problems.map(brief)).toEqual([]);
  });

  it('refuses 请假记录 holding leave in a workbook saved as .xls', async () => {
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['工号', '姓名', '类型', '开始日期'], ['0002', '张二', '事假', '2026-10-12']]), '请假记录');
    const path = join(tempDir(), '2026-10.xls');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const read = await readInput(path, new Map([['leave', workbookSheets.get('leave') ?? []]]), {}, { calendar: () => officialCalendar(), year: 2026 });
    expect(read.problems.map(brief)).toEqual([['sheet_unread_has_rows', 'error', '请假记录', { role: '请假', read: '' }]]);
  });
});

describe('hidden rows', () => {
  const head = textRow(1, ['日期', '工号', '项目']);
  const data = (r: number, id: string) => [cell.text(`A${r}`, '2026-10-05'), cell.text(`B${r}`, id), cell.text(`C${r}`, '1.1')].join('');

  it('reads rows the clerk hid and names them once per sheet', async () => {
    const rows = [
      head,
      row(2, [data(2, '0001')]),
      `<row r="3" hidden="1">${data(3, '0002')}</row>`,
      row(4, [data(4, '0001')]),
      // as Excel writes a filtered row: other attributes before hidden
      `<row r="5" spans="1:3" ht="15" customHeight="1" hidden="true" x14ac:dyDescent="0.25">${data(5, '0002')}</row>`,
      // hidden and empty: nothing was read from it
      '<row r="6" hidden="1"></row>',
    ].join('');
    const read = await readSheets([{ name: '记录', rows }], ['records']);
    expect(read.problems.map((p) => [p.code, p.severity, p.at.sheet, p.args.rows, p.args.count])).toEqual([['rows_hidden_read', 'warning', '记录', '3、5', 2]]);
    expect(read.sheets.get('records')?.rows.map((r) => r.row)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads them so where the XML takes the general path (prefixed elements)', async () => {
    const rows = [head, `<row r="2" hidden="1">${data(2, '0001')}</row>`, row(3, [data(3, '0002')])].join('');
    const read = await readSheets([{ name: '记录', rows }], ['records'], 'x');
    expect(read.problems.map((p) => [p.code, p.args.rows])).toEqual([['rows_hidden_read', '2']]);
    expect(read.sheets.get('records')?.rows.map((r) => r.row)).toEqual([1, 2, 3]);
  });

  it('takes a row of no height (ht="0") for a hidden one, on the quick path and the general one', async () => {
    // row 3 at height 0, row 4 at 0.0 with customHeight: Excel shows neither; row 5 at 15 points is shown
    const rows = [head, row(2, [data(2, '0001')]), `<row r="3" ht="0" customHeight="1">${data(3, '0002')}</row>`, `<row r="4" customHeight="1" ht="0.0">${data(4, '0001')}</row>`, `<row r="5" ht="15" customHeight="1">${data(5, '0002')}</row>`].join('');
    for (const prefix of [undefined, 'x']) {
      const read = await readSheets([{ name: '记录', rows }], ['records'], prefix);
      expect(read.problems.map((p) => [p.code, p.severity, p.args.rows, p.args.count])).toEqual([['rows_hidden_read', 'warning', '3、4', 2]]);
    }
  });

  it('tells a hidden row by one rule on the quick path and the general one (ht is a number: -0, 0E0 and " 0 " are 0)', async () => {
    // rows 3–5 have height 0 written three ways, row 6 is half a point high, row 7 says hidden="0": only 3, 4 and 5 are hidden
    const rows = [
      head,
      row(2, [data(2, '0001')]),
      `<row r="3" ht="-0" customHeight="1">${data(3, '0002')}</row>`,
      `<row r="4" ht=" 0 " customHeight="1">${data(4, '0001')}</row>`,
      `<row r="5" customHeight="1" ht="0E0">${data(5, '0002')}</row>`,
      `<row r="6" ht="0.5" customHeight="1">${data(6, '0001')}</row>`,
      `<row r="7" hidden="0" ht="15">${data(7, '0002')}</row>`,
    ].join('');
    for (const prefix of [undefined, 'x']) {
      const read = await readSheets([{ name: '记录', rows }], ['records'], prefix);
      expect(read.problems.map((p) => [p.code, p.args.rows, p.args.count])).toEqual([['rows_hidden_read', '3、4、5', 3]]);
    }
  });

  it('warns so where an .xlsx export given to kaohe import hides row 3', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('考勤记录');
    sheet.addRows([
      ['部门', '姓名', '考勤号码', '日期时间', '机器号', '比对方式', '卡号'],
      ['民政窗口', '张一', '1', '2026-10-08 08:01:00', '1', '指纹', ''],
      ['民政窗口', '张二', '2', '2026-10-08 08:03:00', '1', '指纹', ''],
    ]);
    sheet.getRow(3).hidden = true;
    const path = join(tempDir(), '考勤记录.xlsx');
    await book.xlsx.writeFile(path);
    const read = await readExports([path]);
    expect(read.problems.map((p) => [p.code, p.severity, p.at.sheet, p.args.rows, p.args.count])).toEqual([['rows_hidden_read', 'warning', '考勤记录', '3', 1]]);
    // both punches read, 张二's hidden one too
    expect(read.punches.map((p) => p.row)).toEqual([2, 3]);
  });

  it('says nothing of a sheet without hidden rows', async () => {
    const read = await readSheets([{ name: '记录', rows: head + row(2, [data(2, '0001')]) }], ['records']);
    expect(read.problems).toEqual([]);
  });
});

describe('an unknown 设置 key', () => {
  it('does not stop the run for a fault in its value, which is never used; a known key’s fault does', async () => {
    const rows = [
      textRow(1, ['设置项', '值']),
      row(2, [cell.text('A2', '备注'), cell.error('B2', '#N/A')]),
      row(3, [cell.text('A3', '单位名称'), cell.error('B3', '#REF!')]),
      row(4, [cell.error('A4', '#N/A'), cell.text('B4', 'x')]),
    ].join('');
    const read = await readSheets([{ name: '设置', rows }], ['settings']);
    expect(read.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.value])).toEqual([
      ['cell_error', 3, 'B', '#REF!'],
      ['cell_error', 4, 'A', '#N/A'],
    ]);
  });
});

describe('hidden columns', () => {
  const head = textRow(1, ['日期', '工号', '项目', '经办人', '次数']);
  const data = (r: number, id: string, count: number) => row(r, [cell.text(`A${r}`, '2026-10-05'), cell.text(`B${r}`, id), cell.text(`C${r}`, '1.1'), cell.text(`D${r}`, '旧'), cell.number(`E${r}`, count)]);

  it('reads a hidden column kaohe uses and names it once, by header and letter', async () => {
    // E (次数) hidden by hand: its 3 and 2 are read and counted, as Excel sums them
    const read = await readSheets([{ name: '记录', rows: head + data(2, '0001', 3) + data(3, '0002', 2), cols: '<col min="5" max="5" width="9" hidden="1" customWidth="1"/>' }], ['records']);
    expect(read.problems.map((p) => [p.code, p.severity, p.at.sheet, p.args.columns])).toEqual([['columns_hidden_read', 'warning', '记录', '次数(E列)']]);
    expect(read.sheets.get('records')?.rows.map((r) => r.cells[4])).toEqual(['次数', 3, 2]);
  });

  it('takes a column of width 0 for hidden, and says nothing of a hidden column kaohe does not read (经办人) or holding no data', async () => {
    // B (工号) at width 0 is read; D (经办人, no known column) and F–H (empty) hidden are not said
    const cols = '<col min="2" max="2" width="0" customWidth="1"/><col min="4" max="4" width="9" hidden="1"/><col min="6" max="8" width="9" hidden="true"/>';
    const read = await readSheets([{ name: '记录', rows: head + data(2, '0001', 3), cols }], ['records']);
    expect(read.problems.filter((p) => p.code === 'columns_hidden_read').map((p) => p.args.columns)).toEqual(['工号(B列)']);
  });

  it('names a hidden column of 考勤 whose punches it reads', async () => {
    // C (时间) hidden: 0001's 08:01 on 9 October is read all the same
    const punches = textRow(1, ['工号', '日期', '时间']) + textRow(2, ['0001', '2026-10-09', '08:01']);
    const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: [{ name: '考勤', rows: punches, cols: '<col min="3" max="3" width="9" hidden="1"/>' }] });
    const read = await readWorkbookTables(path, new Map([['punches', ['考勤']]]), { punches: { calendar: () => officialCalendar(), year: 2026 } });
    // the collector keeps its own problems (validation says them with the punches')
    expect([...read.problems, ...(read.punches?.problems ?? [])].map((p) => [p.code, p.severity, p.at.sheet, p.args.columns])).toEqual([['columns_hidden_read', 'warning', '考勤', '时间(C列)']]);
    expect(read.punches?.rows).toBe(1);
  });

  it('says nothing of a hidden column kaohe maps that holds no value (说明 hidden, empty), in 记录 as in 考勤', async () => {
    // 记录: F (说明) hidden and empty under its header; E (次数) hidden with 3 in it is named
    const withNote = textRow(1, ['日期', '工号', '项目', '经办人', '次数', '说明']);
    const records = await readSheets([{ name: '记录', rows: withNote + data(2, '0001', 3), cols: '<col min="5" max="6" width="9" hidden="1"/>' }], ['records']);
    expect(records.problems.filter((p) => p.code === 'columns_hidden_read').map((p) => p.args.columns)).toEqual(['次数(E列)']);
    // 考勤: C (时间) hidden with 08:01 in it is named, D (打卡类型) hidden and empty is not
    const punches = textRow(1, ['工号', '日期', '时间', '打卡类型']) + textRow(2, ['0001', '2026-10-09', '08:01']);
    const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: [{ name: '考勤', rows: punches, cols: '<col min="3" max="4" width="9" hidden="1"/>' }] });
    const read = await readWorkbookTables(path, new Map([['punches', ['考勤']]]), { punches: { calendar: () => officialCalendar(), year: 2026 } });
    expect((read.punches?.problems ?? []).map((p) => [p.code, p.args.columns])).toEqual([['columns_hidden_read', '时间(C列)']]);
    // a 考勤 whose one hidden mapped column is empty says nothing at all
    const empty = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: [{ name: '考勤', rows: punches, cols: '<col min="4" max="4" width="9" hidden="1"/>' }] });
    const quiet = await readWorkbookTables(empty, new Map([['punches', ['考勤']]]), { punches: { calendar: () => officialCalendar(), year: 2026 } });
    expect(quiet.punches?.problems).toEqual([]);
    expect(quiet.punches?.rows).toBe(1);
  });

  it('names the hidden columns of a sheet with merged cells (read again with the merges) once', async () => {
    const read = await readSheets([{ name: '记录', rows: head + data(2, '0001', 3) + data(3, '0001', 2), cols: '<col min="1" max="1" width="9" hidden="1"/>', merges: ['B2:B3'] }], ['records']);
    expect(read.problems.filter((p) => p.code === 'columns_hidden_read').map((p) => p.args.columns)).toEqual(['日期(A列)']);
  });
});

describe('dates shown without their day', () => {
  it('refuses 到岗日期 formatted yyyy"年"m"月" at its cell (which day of October is not shown), and reads 月份 so formatted as its month', async () => {
    // 46296 is 2026-10-01; Excel shows 2026年10月 in both cells
    const formats = ['yyyy"年"m"月"'];
    const roster = textRow(1, ['工号', '姓名', '窗口', '到岗日期']) + row(2, [cell.text('A2', '0001'), cell.text('B2', '张一'), cell.text('C2', '民政窗口'), cell.number('D2', 46296, 1)]);
    const monthly = textRow(1, ['工号', '月份', '基本分']) + row(2, [cell.text('A2', '0001'), cell.number('B2', 46296, 1), cell.number('C2', 90)]);
    const path = await writeRawXlsx(join(tempDir(), '2026.xlsx'), { sheets: [{ name: '人员', rows: roster }, { name: '月度', rows: monthly }], formats });
    const read = await readWorkbookTables(path, new Map([['roster', workbookSheets.get('roster') ?? []], ['monthly', workbookSheets.get('monthly') ?? []]]));
    expect(read.problems.map((p) => [p.code, p.at.sheet, p.at.row, p.at.column, p.args])).toEqual([['date_format_without_day', '人员', 2, '到岗日期', { format: 'yyyy"年"m"月"', date: '2026-10-01', stored: '46296' }]]);
    expect(String(read.sheets.get('monthly')?.rows[1]?.cells[1])).toBe('2026-10-01');
  });
});

describe('the sheet a workbook given for one role by flag stands for (rolePlayers)', () => {
  const shown = () => false;
  const punchNames = workbookSheets.get('punches')!;
  it('its sheet of the role’s names, else its only visible sheet under no role’s name', () => {
    const names = (sheets: { name: string }[]) => rolePlayers(sheets, shown, punchNames, true).players.map((s) => s.name);
    expect(names([{ name: '人员' }, { name: '打卡' }])).toEqual(['打卡']);
    expect(names([{ name: 'Sheet1' }])).toEqual(['Sheet1']);
    // 人员.xlsx given by --punches is a roster, not a 考勤 under another name; two unnamed sheets are no choice to guess.
    expect(names([{ name: '人员' }])).toEqual([]);
    expect(names([{ name: 'Sheet1' }, { name: 'Sheet2' }])).toEqual([]);
    // A month workbook (not given by flag) never takes Sheet1 for its 考勤.
    expect(rolePlayers([{ name: 'Sheet1' }], shown, punchNames, false).players).toEqual([]);
  });
});
