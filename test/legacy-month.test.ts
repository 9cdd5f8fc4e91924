import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/** The demo months saved as legacy BIFF .xls, as older Excel and WPS save them (SheetJS writes BIFF8). */
async function asXls(xlsx: string, dir: string): Promise<string> {
  const XLSX = await import('@e965/xlsx');
  const book = XLSX.read(readFileSync(xlsx), { type: 'buffer', cellDates: false, cellNF: true });
  const out = join(dir, xlsx.split('/').pop()!.replace(/\.xlsx$/, '.xls'));
  writeFileSync(out, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
  return out;
}

describe('a month workbook saved as .xls', () => {
  it('scores the same as the .xlsx it was saved from: 人员, 记录 and 互评 read from BIFF', async () => {
    const xls = await asXls('fixtures/demo/2026-10.xlsx', tempDir());
    const fromXlsx = await kaohe('score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly', '--json');
    const fromXls = await kaohe('score', xls, '--scheme', 'bingcha-monthly', '--json');
    expect(fromXls.code).toBe(0);
    // 社保窗口 106.5, first (cli.test.ts works it out by hand); every figure equal
    const subjects = (stdout: string) => (JSON.parse(stdout) as { subjects: { id: string; total: number; rank: number }[] }).subjects;
    expect(subjects(fromXls.stdout)[0]).toMatchObject({ id: '社保窗口', total: 106.5, rank: 1 });
    expect(subjects(fromXls.stdout)).toEqual(subjects(fromXlsx.stdout));
  });

  it('derives attendance from its 考勤 sheet like the .xlsx: 张伟 6, 罗斌 6, 马俊 9', async () => {
    const xls = await asXls('fixtures/demo/2026-11-考勤.xlsx', tempDir());
    const run = await kaohe('score', xls, '--scheme', 'bianmin-10pt', '--json');
    expect(run.code).toBe(0);
    // 张伟: 10 − 3 lates − 1 early = 6; 罗斌: 10 − 2 − 2 (12 Nov all day, 19 Nov morning) = 6; 马俊: typed 1.3 → 9
    const totals = new Map((JSON.parse(run.stdout) as { subjects: { name: string; total: number }[] }).subjects.map((s) => [s.name, s.total]));
    expect([totals.get('张伟'), totals.get('罗斌'), totals.get('马俊')]).toEqual([6, 6, 9]);
  });
});

describe('kaohe template --roster given last month saved as .xls (probe14 tpl)', () => {
  it('carries its 人员 and 设置 as score reads them, not refused as an old or locked file', async () => {
    const dir = tempDir();
    // 到岗日期 an Excel date: 2026-11-16 is serial 46,342 (days since 1899-12-30).
    const xlsx = await writeWorkbook(join(dir, '2026-10.xlsx'), {
      人员: [['工号', '姓名', '窗口', '类别', '到岗日期'], ['0001', '张三', '民政窗口', '公务员', null], ['0002', '李四', '社保窗口', '事业', new Date(Date.UTC(2026, 10, 16))]],
      记录: [recordHeader],
      设置: [['设置项', '值'], ['单位名称', '某镇便民服务中心'], ['公示天数', '7']],
    });
    const xls = await asXls(xlsx, dir);
    const out = join(dir, '2026-11.xlsx');
    const run = await kaohe('template', '--scheme', 'bianmin-10pt', '--roster', xls, '-o', out);
    expect([run.code, run.stderr]).toEqual([0, `已写出：${out}（考核工作簿）\n`]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const rows: unknown[][] = [];
    wb.getWorksheet('人员')!.eachRow((row) => rows.push([1, 2, 3, 4, 5].map((c) => row.getCell(c).value)));
    expect(rows.slice(1)).toEqual([
      ['0001', '张三', '民政窗口', '公务员', null],
      ['0002', '李四', '社保窗口', '事业', new Date(Date.UTC(2026, 10, 16))],
    ]);
    const settings = new Map<string, string>();
    wb.getWorksheet('设置')!.eachRow((row) => settings.set(row.getCell(1).text, row.getCell(2).text));
    expect([settings.get('单位名称'), settings.get('公示天数')]).toEqual(['某镇便民服务中心', '7']);
  });
});
