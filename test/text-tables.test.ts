import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOldBiff, textTableOf } from '../src/read/file-magic.js';
import { openExport } from '../src/import/open.js';
import { readMonthWorkbook } from '../src/read/workbook-input.js';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

/** Excel 2003 XML (SpreadsheetML) with a sheet per [name, rows], every cell text. */
function spreadsheetMl(sheets: [string, string[][]][]): string {
  const rows = (table: string[][]) => table.map((r) => `<Row>${r.map((v) => `<Cell><Data ss:Type="String">${v}</Data></Cell>`).join('')}</Row>`).join('');
  const body = sheets.map(([name, table]) => `<Worksheet ss:Name="${name}"><Table>${rows(table)}</Table></Worksheet>`).join('');
  return `<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">${body}</Workbook>`;
}

const roster = [['工号', '姓名', '窗口'], ['001', '张一', '民政']];
const records = [['日期', '工号', '项目', '次数'], ['2026-10-09', '001', '1.1', '1']];
const punches = [['工号', '姓名', '日期', '时间'], ['001', '张一', '2026-10-09', '08:01']];
const html = (table: string[][]) => `<html><head><meta charset="utf-8"></head><body><table>${table.map((r) => `<tr>${r.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('')}</table></body></html>`;

function file(name: string, text: string): string {
  const path = join(tempDir(), name);
  writeFileSync(path, text);
  return path;
}

/** `kaohe <command> <path>`, with an output for score that must not appear. */
async function run(command: 'score' | 'attendance', path: string) {
  const output = join(tempDir(), command === 'score' ? '结果.xlsx' : '汇总.xlsx');
  const result = await kaohe(command, path, '--scheme', 'bianmin-10pt', '-o', output);
  return { ...result, written: existsSync(output) };
}

describe('a table saved as text under a workbook name', () => {
  it('tells a web page, Excel 2003 XML and CSV by their first bytes, and nothing else', () => {
    expect(textTableOf(Buffer.from(html(roster)))).toBe('html');
    expect(textTableOf(Buffer.from('\ufeff  <!DOCTYPE html><html>'))).toBe('html');
    // <Table> inside SpreadsheetML is not a web page's table.
    expect(textTableOf(Buffer.from(spreadsheetMl([['人员', roster]])))).toBe('xml');
    expect(textTableOf(Buffer.from('日期,工号,项目,次数\r\n2026-10-09,001,1.1,1\r\n'))).toBe('csv');
    expect(textTableOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 1]))).toBeNull();
    expect(textTableOf(Buffer.from('a\u0001,b'))).toBeNull();
  });

  it('a month workbook saved as Excel 2003 XML named .xls is said to be so, not read as a clock export', async () => {
    const path = file('2026-10.xls', spreadsheetMl([['人员', roster], ['记录', records]]));
    const read = await readMonthWorkbook(path, new Map([['roster', ['人员']]]));
    expect(read.problems.map((p) => [p.code, p.args])).toEqual([['file_unreadable', { reason: 'text_table', kind: 'xml', ext: '.xls' }]]);
    const result = await run('score', path);
    expect([result.code, result.written]).toEqual([1, false]);
    expect(result.stderr).toContain('这是 XML（Excel 2003 XML）格式的表格（扩展名是 .xls），不是工作簿：请在 Excel 中打开后另存为 .xlsx');
    expect(result.stderr).not.toContain('中控');
  });

  it('a punch table saved as a web page named .xls is said to be one, before what a clock profile made of it', async () => {
    const path = file('打卡-2026-10.xls', html(punches));
    const result = await run('attendance', path);
    expect([result.code, result.written]).toEqual([1, false]);
    expect(result.stderr).toContain('这是网页（HTML）格式的表格（扩展名是 .xls）');
    expect(result.stderr).not.toContain('中控');
  });

  it('a roster table saved as a web page named .xls: what it is comes first', async () => {
    const path = file('2026-10.xls', html(roster));
    const result = await run('score', path);
    expect(result.code).toBe(1);
    expect(result.stderr.split('\n')[1]).toContain('这是网页（HTML）格式的表格（扩展名是 .xls）');
  });

  it('a CSV named .xls that no export profile knows is said to be CSV, with how to give it', async () => {
    const path = file('2026-10.xls', '日期,工号,项目,次数\n2026-10-09,001,1.1,1\n');
    const result = await run('score', path);
    expect([result.code, result.written]).toEqual([1, false]);
    expect(result.stderr).toContain('这是 CSV 文本（扩展名是 .xls），不是工作簿：请把扩展名改为 .csv 后给出');
    expect(result.stderr).not.toContain('无法识别');
  });
});

describe('an Excel 4 (or older) workbook', () => {
  /** A BOF record (BIFF2: 09 00, length 4; BIFF3/4: 09 02 / 09 04, length 6), then an EOF record (0A 00, length 0). */
  const biff = (version: 0x00 | 0x02 | 0x04) => Buffer.from([0x09, version, version === 0 ? 4 : 6, 0x00, version === 0 ? 2 : 3, 0, 0x10, 0, ...(version === 0 ? [] : [0, 0]), 0x0a, 0, 0, 0]);

  it('is told by its first record, and a UTF-16 text starting with a tab is not one', () => {
    for (const version of [0x00, 0x02, 0x04] as const) expect(isOldBiff(biff(version))).toBe(true);
    expect(isOldBiff(Buffer.from('\t0001\t', 'utf16le'))).toBe(false);
  });

  it('is said to be one, as a month workbook and as an export, not called UTF-16 text', async () => {
    const path = join(tempDir(), '2026-10.xls');
    writeFileSync(path, biff(0x02));
    expect(await openExport(path)).toMatchObject({ code: 'file_not_xlsx', args: { reason: 'biff_old' } });
    const month = await readMonthWorkbook(path, new Map([['roster', ['人员']]]));
    expect(month.problems.map((p) => [p.code, p.args])).toEqual([['file_not_xlsx', { reason: 'biff_old' }]]);
    const result = await run('attendance', path);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('这是旧版 Excel（Excel 4 或更早）格式的工作簿');
    expect(result.stderr).not.toContain('UTF-16');
  });
});
