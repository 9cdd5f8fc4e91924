import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runYear } from '../src/commands/year.js';
import { yearJson } from '../src/write/year.js';
import { random } from './bench/generate.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * A year run scores big periods on two threads taking turns: one reads the next period while the
 * other scores this one, and a period is scored only with the counts of the periods before it.
 * bingcha-halfyear's 3.1 counts sick and personal leave over the whole year (全年累计超过20天):
 * 12 days in each half are 24 > 20, so the second half loses the point — which it would not if
 * it were scored without the first half's 12 days.
 */
async function half(path: string, date: string, seed: number): Promise<string> {
  const roster: SheetRows = [['工号', '姓名', '窗口', '类别'], ...Array.from({ length: 10 }, (_, i) => [`1${i}`, `人${i}`, '民政', '事业'])];
  const records: SheetRows = [recordHeader, [date, '10', null, null, '3.1', 12]];
  const metrics: SheetRows = [['工号', '指标', '数值'], ...Array.from({ length: 10 }, (_, i) => [`1${i}`, '办结率', 100])];
  // A sheet kaohe does not read, of text that does not compress, so the workbook is past 256 KB
  // and the built CLI scores it in a thread.
  const next = random(seed);
  const padding: SheetRows = Array.from({ length: 3000 }, () => [Array.from({ length: 40 }, () => String.fromCharCode(0x4e00 + Math.floor(next() * 20000))).join('')]);
  return writeWorkbook(path, { 人员: roster, 记录: records, 指标: metrics, 附件: padding });
}

describe('a year on two threads', () => {
  it('scores each period after the ones before it, as in one process', async () => {
    const dir = tempDir();
    await half(join(dir, '2026-H1.xlsx'), '2026-03-02', 1);
    await half(join(dir, '2026-H2.xlsx'), '2026-09-01', 2);
    expect(statSync(join(dir, '2026-H2.xlsx')).size).toBeGreaterThan(256_000);
    const threads = spawnSync(process.execPath, ['bin/kaohe.js', 'year', dir, '--scheme', 'bingcha-halfyear', '--json'], { encoding: 'utf8', env: { ...process.env, KAOHE_YEAR_THREADS: '2' } });
    expect(threads.stderr).toBe('');
    expect(threads.status).toBe(0);
    const json = JSON.parse(threads.stdout) as { subjects: { id: string; months: Record<string, number> }[] };
    const ten = json.subjects.find((s) => s.id === '10')!;
    const eleven = json.subjects.find((s) => s.id === '11')!;
    // 12 days in H1: not over 20 yet, no deduction; 24 by the end of H2: 3.1 costs 1 point in H2
    expect(ten.months['2026-H1']).toBe(eleven.months['2026-H1']);
    expect(ten.months['2026-H2']).toBe(eleven.months['2026-H2']! - 1);
    const here = await runYear([dir], { scheme: 'bingcha-halfyear' });
    // Neither half has a 考勤 sheet: the year says once, at H1, that both count lates and absences as none.
    expect(here.warnings.map((w) => [w.code, basename(w.at.file ?? ''), w.args.periods])).toEqual([['attendance_not_given', '2026-H1.xlsx', 2]]);
    // The warnings name files by path in one and by name in the other: compared apart from them.
    const { warnings: threadWarnings, ...threadRest } = json as typeof json & { warnings: string[] };
    const { warnings: hereWarnings, ...hereRest } = JSON.parse(JSON.stringify(yearJson(here.result, null, here.warnings))) as typeof threadRest & { warnings: string[] };
    expect(threadRest).toEqual(hereRest);
    expect(threadWarnings.map((w) => w.replace(/^.*\//, ''))).toEqual(hereWarnings.map((w) => w.replace(/^.*\//, '')));
  }, 60_000);
});
