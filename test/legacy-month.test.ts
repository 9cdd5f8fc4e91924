import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

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
