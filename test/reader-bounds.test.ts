import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, row, writeRawXlsx, type RawSheet } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * Workbooks whose cells reach the edge of the sheet, run by the built CLI in a child process so
 * its peak memory (maxRSS) can be checked. No timing is asserted.
 */
function kaoheMeasured(args: string[]): { code: number | null; stdout: string; stderr: string; peakMB: number } {
  const usage = join(tempDir(), 'usage.json');
  const run = spawnSync(process.execPath, ['test/bench/measure.mjs', ...args], { env: { ...process.env, KAOHE_BENCH_OUT: usage, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const { maxRSS } = JSON.parse(readFileSync(usage, 'utf8')) as { maxRSS: number };
  return { code: run.status, stdout: run.stdout, stderr: run.stderr, peakMB: maxRSS / 1024 };
}

const text = (name: string, rows: string[][]): RawSheet => ({ name, rows: rows.map((r, i) => row(i + 1, r.map((v, c) => cell.text(`${'ABC'[c]}${i + 1}`, v)))).join('') });
const roster = text('人员', [['工号', '姓名', '窗口'], ['001', '张三', '民政窗口'], ['002', '李四', '社保窗口'], ['003', '王五', '国土窗口']]);
const windows = ['民政窗口', '社保窗口', '国土窗口'];
const peer = text('互评', [['评分人', '被评对象', '分数'], ...windows.flatMap((a) => windows.filter((b) => b !== a).map((b) => [a, b, '95']))]);

/** 30,000 records, 10,000 of 9.1 for each window, every row also carrying `extra` (a cell at the sheet's edge). */
function records(extra: (r: number) => string): RawSheet {
  const head = row(1, ['日期', '工号', '项目'].map((h, c) => cell.text(`${'ABC'[c]}1`, h)));
  const body = Array.from({ length: 30_000 }, (_, i) => row(i + 2, [cell.text(`A${i + 2}`, '2026-10-05'), cell.text(`B${i + 2}`, ['001', '002', '003'][i % 3]!), cell.text(`C${i + 2}`, '9.1'), extra(i + 2)]));
  return { name: '记录', rows: head + body.join('') };
}

describe('cells at the edge of the sheet', () => {
  it('30,000 rows each with an empty formatted cell at XFD: the right result in little memory', async () => {
    const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: [roster, records((r) => cell.empty(`XFD${r}`)), peer], formats: ['@'] });
    const run = kaoheMeasured(['score', path, '--scheme', 'bingcha-monthly', '--json']);
    expect(run.code).toBe(0);
    // 10,000 deductions of 1 exhaust item 9 (5 points, 扣完为止): 85 (items 1–8) + 0 + 9.5 (peer 95 × 10/100) = 94.5
    const totals = (JSON.parse(run.stdout) as { subjects: { total: number }[] }).subjects.map((s) => s.total);
    expect(totals).toEqual([94.5, 94.5, 94.5]);
    expect(run.peakMB).toBeLessThan(300);
  }, 60_000);

  it('a reference past XFD stops the sheet at once with an error naming it, in little memory', async () => {
    const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: [roster, records((r) => (r === 2 ? '<c r="XFE2"><v>1</v></c>' : `<c r="XFD${r}"><v>1</v></c>`)), peer] });
    const run = kaoheMeasured(['score', path, '--scheme', 'bingcha-monthly']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('记录: 单元格位置 XFE2 超出 Excel 的范围');
    expect(run.peakMB).toBeLessThan(300);
  }, 60_000);
});
