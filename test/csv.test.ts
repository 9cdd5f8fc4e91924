import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { detectDelimiter, readCsv } from '../src/read/csv.js';
import { inMemory, textChoice, textPieces } from '../src/read/text-encoding.js';
import { toCsv } from '../src/write/csv.js';
import { toScoreJson } from '../src/write/json.js';
import { tempDir } from './workbook.js';
import { kaohe } from './kaohe.js';

/** A text file's bytes decoded whole, as the readers decode them a piece at a time (a BOM dropped). */
function decodeText(bytes: Uint8Array) {
  const choice = textChoice(bytes, inMemory(bytes));
  return { text: [...textPieces(inMemory(bytes), choice)].join(''), encoding: choice.encoding, undecodable: choice.undecodable };
}

const demo = 'fixtures/demo/2026-10.xlsx';

/** A sheet of the demo workbook as CSV text, dates as 2026-10-05, fields quoted when needed. */
async function sheetAsCsv(name: string, delimiter: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(demo);
  const lines: string[] = [];
  wb.getWorksheet(name)!.eachRow((row) => {
    const cells = (row.values as unknown[]).slice(1).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v as string | number)));
    lines.push(cells.map((c) => (/[",;\t\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(delimiter));
  });
  return lines.join('\r\n') + '\r\n';
}

describe('CSV inputs', () => {
  it('a GBK roster and a UTF-8-BOM records CSV score the same as the workbook', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'roster.csv'), iconv.encode(await sheetAsCsv('人员', ','), 'gbk'));
    // semicolons, a BOM, and a 说明 with a line break inside quotes
    const records = (await sheetAsCsv('记录', ';')).replace('上班时间吃东西', '"上班时间\n吃东西"');
    writeFileSync(join(dir, 'records.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(records)]));
    writeFileSync(join(dir, 'peer.csv'), await sheetAsCsv('互评', '\t'));
    writeFileSync(join(dir, 'settings.csv'), iconv.encode(await sheetAsCsv('设置', ','), 'gb18030'));

    const fromCsv = await runScore(undefined, {
      scheme: 'bingcha-monthly',
      period: '2026-10',
      roster: join(dir, 'roster.csv'),
      records: join(dir, 'records.csv'),
      peer: join(dir, 'peer.csv'),
      settings: join(dir, 'settings.csv'),
    });
    const fromWorkbook = await runScore(demo, { scheme: 'bingcha-monthly' });
    expect(toScoreJson(fromCsv.result, []).subjects).toEqual(toScoreJson(fromWorkbook.result, []).subjects);
    expect(fromCsv.settings.get('单位名称')).toBe('栟茶镇便民服务中心');
  });

  it('reads a folder of CSVs named after the sheets', async () => {
    const dir = join(tempDir(), '2026-10');
    mkdirSync(dir);
    writeFileSync(join(dir, '人员.csv'), iconv.encode(await sheetAsCsv('人员', ','), 'gbk'));
    writeFileSync(join(dir, '记录.csv'), await sheetAsCsv('记录', ','));
    writeFileSync(join(dir, '互评.csv'), await sheetAsCsv('互评', ','));
    const run = await runScore(dir, { scheme: 'bingcha-monthly' });
    // the folder name gives the period; 社保窗口 106.5 as from the workbook
    expect(run.result.period.label).toBe('2026-10');
    expect(run.result.subjects[0]).toMatchObject({ key: '社保窗口', rank: 1 });
  });

  it('decodes GBK without mojibake and keeps UTF-8 as UTF-8', () => {
    expect(decodeText(iconv.encode('工号,姓名\n0001,陈建国', 'gbk'))).toEqual({ text: '工号,姓名\n0001,陈建国', encoding: 'gb18030', undecodable: false });
    expect(decodeText(Buffer.from('工号,姓名'))).toEqual({ text: '工号,姓名', encoding: 'utf-8', undecodable: false });
    expect(detectDelimiter('工号;姓名;窗口\n1;2;3')).toBe(';');
    expect(detectDelimiter('工号\t姓名\n1\t2')).toBe('\t');
  });

  it('takes the delimiter of the header, not of a title line above it', () => {
    // A tab export whose title holds one comma: the header after it has 3 tabs and no quote.
    expect(detectDelimiter('考勤报表\n统计日期：2026-10-01 至 2026-10-31, 制表时间：2026-11-01 09:00\n姓名\t工号\t1\t2\n甲\t0001\t08:01\t08:02')).toBe('\t');
    // A comma CSV under a title with no delimiter stays comma.
    expect(detectDelimiter('2026年10月考勤\n工号,姓名,日期,时间\n0001,甲,2026-10-08,08:01')).toBe(',');
    // The same with the header's cells quoted, as some programs write every cell: its quotes close on the line.
    expect(detectDelimiter('统计日期：2026-11-01 至 2026-11-30, 制表时间：2026-12-01\n"工号";"姓名";"日期";"时间"\n"0001";"甲";"2026-11-02";"08:01"')).toBe(';');
    // A two-column semicolon header, then the rest of a quoted cell run over two lines with commas outside its quotes as read line by line: the header decides.
    expect(detectDelimiter('工号;姓名\n"甲\n乙";"1,234.5";"a,b"')).toBe(';');
  });

  it('refuses each cell whose bytes are neither UTF-8 nor GBK, at its line and column, showing what it reads as', async () => {
    const dir = tempDir();
    // GBK, but line 3's 说明 ends in a lone 0xFF, which no GBK (GB18030) text has: it reads 迟到�
    const gbk = Buffer.concat([iconv.encode('日期,姓名,项目,说明\n2026-10-05,张三,9.1,正常\n2026-10-06,李四,9.1,迟到', 'gbk'), Buffer.from([0xff]), Buffer.from('\n')]);
    writeFileSync(join(dir, 'gbk.csv'), gbk);
    expect((await readCsv(join(dir, 'gbk.csv'))).problems).toMatchObject([{ code: 'csv_cell_undecodable', at: { row: 3, columnLetter: 'D' }, args: { value: '迟到\ufffd' } }]);
    // a UTF-8 BOM, then 陈建国 with 建 cut to its first byte (E5): it reads 陈�国
    const cut = Buffer.concat([Buffer.from('\ufeff工号,姓名\n0001,陈'), Buffer.from([0xe5]), Buffer.from('国\n')]);
    writeFileSync(join(dir, 'cut.csv'), cut);
    expect((await readCsv(join(dir, 'cut.csv'))).problems).toMatchObject([{ code: 'csv_cell_undecodable', at: { row: 2, columnLetter: 'B' }, args: { value: '陈\ufffd国' } }]);
  });

  it('numbers rows by the line a record starts on, even after a quoted line break', async () => {
    const path = join(tempDir(), 'records.csv');
    writeFileSync(path, '日期,姓名,项目,说明\n2026-10-05,张三,9.1,"两行\n说明"\n2026-10-06,李四,9.1,x\n');
    const { table } = await readCsv(path);
    expect(table!.rows.map((r) => r.row)).toEqual([1, 2, 4]);
  });
});

describe('a folder of CSV files and its 设置', () => {
  /** Invented people: 张一 (0001) and 张二 (0002), one record; 设置 as given (none when undefined). */
  const folder = (settings?: string): string => {
    const dir = tempDir();
    writeFileSync(join(dir, '人员.csv'), '工号,姓名,窗口\r\n0001,张一,民政窗口\r\n0002,张二,社保窗口\r\n');
    writeFileSync(join(dir, '记录.csv'), '日期,工号,项目,说明\r\n2026-10-05,0001,1.1,\r\n');
    if (settings !== undefined) writeFileSync(join(dir, '设置.csv'), settings);
    return dir;
  };

  it('a 公示天数 that is no number stops check and score -o alike at its cell, exit 1, nothing written', async () => {
    const dir = folder('设置项,值\r\n公示天数,五\r\n');
    const out = join(tempDir(), 'x.xlsx');
    const check = await kaohe('check', dir, '--scheme', 'bianmin-10pt', '--period', '2026-10');
    const score = await kaohe('score', dir, '--scheme', 'bianmin-10pt', '--period', '2026-10', '-o', out, '--notice-date', '2026-11-03');
    expect([check.code, score.code]).toEqual([1, 1]);
    // 设置.csv row 2 (row 1 is the header), column B (值)
    for (const run of [check, score]) expect(run.stderr).toContain(`${join(dir, '设置.csv')} › 设置 › 第2行 › 值(B列)`);
    expect(existsSync(out)).toBe(false);
  });

  it('without 设置.csv the notice hint names 设置.csv, not a 设置 sheet of 人员.csv', async () => {
    const run = await kaohe('notice', folder(), '--scheme', 'bianmin-10pt', '--period', '2026-10', '--notice-date', '2026-11-03', '-o', join(tempDir(), 'n.xlsx'));
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('设置.csv: ');
    expect(run.stderr).not.toContain('人员.csv › 设置');
  });
});

describe('CSV output, for Excel', () => {
  it('keeps text Excel would take for a number, date or TRUE as the text written, and reads it back so', async () => {
    // Excel opens 0001 as 1, 1e3 as 1000, TRUE as a boolean, 2026-10-05 as a date, 0012 as 12;
    // ="0001" shows 0001. In the file the field is quoted and its quotes doubled: "=""0001""".
    // A number stays a number, a name stays bare, =1+1 keeps its ' guard (never run as a formula).
    const rows = [
      ['工号', '姓名', '窗口', '日期', '总分'],
      ['0001', '1e3', '0012', '2026-10-05', 9.5],
      ['0002', 'TRUE', '民政窗口', null, -1],
      ['0003', '陈立新', '=1+1', '10月5日', 10],
    ];
    const text = toCsv(rows).toString('utf8');
    expect(text.split('\r\n').slice(1, 4)).toEqual([
      '"=""0001""","=""1e3""","=""0012""","=""2026-10-05""",9.5',
      '"=""0002""","=""TRUE""",民政窗口,,-1',
      '"=""0003""",陈立新,\'=1+1,"=""10月5日""",10',
    ]);
    const path = join(tempDir(), 'out.csv');
    writeFileSync(path, text);
    const { table } = await readCsv(path);
    expect(table!.rows[1]!.cells.slice(0, 4)).toEqual(['0001', '1e3', '0012', '2026-10-05']);
  });
});
