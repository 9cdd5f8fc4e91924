import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/commands/batch.js';
import { problem } from '../src/core/problems.js';
import { problemLines } from '../src/messages.js';
import { summaryProratedNote } from '../src/messages/outputs.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const io = { stdout: { write: () => undefined }, stderr: { write: () => undefined } };
const options = (output: string, more: object = {}) => ({ scheme: 'bianmin-10pt', partial: true, output, jobs: '1', noticeDate: '2027-01-04', ...more });

/** Centres with one valid March each (a partial year keeps the run short). */
async function centres(root: string, names: readonly string[]): Promise<void> {
  for (const name of names) {
    mkdirSync(join(root, name), { recursive: true });
    await writeWorkbook(join(root, name, '2026-03.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['001', '甲', '民政']], 记录: [recordHeader, ['2026-03-05', '001', null, null, '1.1', 1]] });
  }
}

describe('kaohe year --each: every output planned before one is written', () => {
  it('refuses two centres of one name under two roots, naming both folders, with or without --force', async () => {
    const [a, b] = [tempDir(), tempDir()];
    await centres(a, ['北街', '南街']);
    await centres(b, ['北街']);
    const out = join(tempDir(), '结果');
    for (const force of [false, true]) {
      await expect(runBatch([a, b], options(out, { force }), io)).rejects.toMatchObject({
        name: 'UsageError',
        code: 'batch_centre_duplicate',
        args: { centre: '北街', folders: `${join(a, '北街')}、${join(b, '北街')}`, file: join(out, '北街-年度考核.xlsx') },
      });
    }
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an existing output of a later centre before writing an earlier one, naming every one', async () => {
    const root = tempDir();
    await centres(root, ['北街', '南街', '西街']);
    const out = tempDir();
    writeFileSync(join(out, '南街-年度考核.xlsx'), 'old');
    writeFileSync(join(out, '汇总.xlsx'), 'old');
    await expect(runBatch([root], options(out), io)).rejects.toMatchObject({ name: 'OutputError', code: 'output_exists', args: { path: `${join(out, '南街-年度考核.xlsx')}、${join(out, '汇总.xlsx')}` } });
    // 北街 (before 南街 in name order) was not written; the old files are untouched
    expect(readdirSync(out).sort()).toEqual(['南街-年度考核.xlsx', '汇总.xlsx']);
    expect(readFileSync(join(out, '南街-年度考核.xlsx'), 'utf8')).toBe('old');
  });

  it('with --force replaces them and writes all four files', async () => {
    const root = tempDir();
    await centres(root, ['北街', '南街', '西街']);
    const out = tempDir();
    writeFileSync(join(out, '南街-年度考核.xlsx'), 'old');
    expect(await runBatch([root], options(out, { force: true }), io)).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['北街-年度考核.xlsx', '南街-年度考核.xlsx', '汇总.xlsx', '西街-年度考核.xlsx'].sort());
    expect(readFileSync(join(out, '南街-年度考核.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('kaohe year --each: files and folders that are not what they should be (exit 2, not a crash)', () => {
  it('-o naming a file, or a folder under a file', async () => {
    const root = tempDir();
    await centres(root, ['北街']);
    const file = join(tempDir(), 'afile');
    writeFileSync(file, 'x');
    for (const output of [file, join(file, '结果')]) {
      await expect(runBatch([root], options(output), io)).rejects.toMatchObject({ name: 'OutputError', code: 'output_not_folder', args: { path: file } });
    }
  });

  it('a link among the centres that points nowhere', async () => {
    const root = tempDir();
    await centres(root, ['北街']);
    symlinkSync('/nonexistent/旧中心', join(root, '旧中心'));
    await expect(runBatch([root], options(join(tempDir(), '结果')), io)).rejects.toMatchObject({ name: 'UsageError', code: 'link_dangling', args: { path: join(root, '旧中心'), target: '/nonexistent/旧中心' } });
  });
});

describe('kaohe year --each: what a scored centre was warned of', () => {
  /** March and April of a centre: 甲 late once a month; each month's 设置 gives its 每分分值. */
  async function centre(root: string, name: string, values: [number, number], people: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政']]): Promise<void> {
    mkdirSync(join(root, name), { recursive: true });
    for (const [i, m] of ['03', '04'].entries()) {
      await writeWorkbook(join(root, name, `2026-${m}.xlsx`), {
        人员: i === 0 ? people : [['工号', '姓名', '窗口'], ['001', '甲', '民政']],
        记录: [recordHeader, [`2026-${m}-05`, '001', null, null, '1.1', 1]],
        设置: [['设置项', '值'], ['每分分值', values[i]!]],
      });
    }
  }

  it('每分分值 50 in March and 60 in April, or a column kaohe ignores: said under the centre’s line and on 汇总’s 问题 sheet', async () => {
    const root = tempDir();
    // 北街: 50 then 60. Its 18 points (9 + 9) would be 900 元 at 50 or 1080 at 60: its workbook has no 考核奖, and that was said nowhere.
    await centre(root, '北街', [50, 60]);
    // 南街: one value, and a 手机 column (D) in March's 人员 that is read as nothing: column_unknown.
    await centre(root, '南街', [50, 50], [['工号', '姓名', '窗口', '手机'], ['001', '甲', '民政', '13800000000']]);
    // 西街: nothing to say.
    await centre(root, '西街', [50, 50]);
    let [stdout, stderr] = ['', ''];
    const out = join(tempDir(), '结果');
    const io = { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    expect(await runBatch([root], options(out, { json: true }), io)).toBe(0);

    // Files named inside the root (北街/2026-04.xlsx), as a failed centre's problems are.
    const [money] = problemLines([problem('year_point_value_differs', { file: '北街/2026-04.xlsx', sheet: '设置' }, { values: '2026-03=50,2026-04=60', missing: '' }, 'warning')]);
    const [column] = problemLines([problem('column_unknown', { file: '南街/2026-03.xlsx', sheet: '人员', row: 1, column: '手机', columnLetter: 'D' }, {}, 'warning')]);
    const lines = stderr.split('\n');
    expect(lines[lines.findIndex((l) => l.startsWith('北街：')) + 1]).toBe(`  ${money}`);
    expect(lines[lines.findIndex((l) => l.startsWith('南街：')) + 1]).toBe(`  ${column}`);
    expect(lines[lines.findIndex((l) => l.startsWith('西街：')) + 1]).not.toMatch(/^ {2}/);

    // --json: each centre's warnings with it
    expect((JSON.parse(stdout) as { centre: string; warnings: string[] }[]).map((c) => [c.centre, c.warnings])).toEqual([
      ['北街', [money]],
      ['南街', [column]],
      ['西街', []],
    ]);

    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(join(out, '汇总.xlsx'));
    const rows: unknown[][] = [];
    summary.getWorksheet('问题')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows).toEqual([
      ['中心', '问题'],
      ['北街', money],
      ['南街', column],
    ]);
    // 汇总's 状态 says a centre was warned of something (one warning each), not a bare 已完成;
    // March and April given (--partial), the other ten months missing.
    const missing = '缺少 1月、2月、5月、6月、7月、8月、9月、10月、11月、12月';
    const status: unknown[][] = [];
    summary.getWorksheet('汇总')!.eachRow((r, n) => n > 1 && status.push((r.values as unknown[]).slice(1, 3)));
    expect(status).toEqual([
      ['北街', `已完成（${missing}；1条提示，见“问题”表）`],
      ['南街', `已完成（${missing}；1条提示，见“问题”表）`],
      ['西街', `已完成（${missing}）`],
      // March and April of twelve months: everyone is ranked by 折合全年, which 最高分 and 最低分 are too
      [summaryProratedNote, summaryProratedNote],
    ]);
  });
});

describe('kaohe year --each: 汇总’s 最高分 and 最低分', () => {
  it('are the figures the centre ranks by (折合全年 for a part-year person), not the raw sums', async () => {
    const root = tempDir();
    mkdirSync(join(root, '东镇'));
    // 甲: 3 lates every month → 7 × 12 = 84, in post all year. 丁 joins in October, never loses a
    // point → 10 × 3 = 30, 折合全年 30 × 12 ÷ 3 = 120, ranked first. The ranking's figures: highest
    // 120 (丁), lowest 84 (甲); the raw sums would give 84 and 30.
    for (let m = 1; m <= 12; m++) {
      const label = `2026-${String(m).padStart(2, '0')}`;
      const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '甲', '民政'], ...(m >= 10 ? [['004', '丁', '民政']] : [])];
      await writeWorkbook(join(root, '东镇', `${label}.xlsx`), { 人员: roster, 记录: [recordHeader, [`${label}-05`, '001', null, null, '1.1', 3]] });
    }
    const out = join(tempDir(), '结果');
    expect(await runBatch([root], options(out, { partial: false }), io)).toBe(0);
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(join(out, '汇总.xlsx'));
    const sheet = summary.getWorksheet('汇总')!;
    expect((sheet.getRow(2).values as unknown[]).slice(1, 6)).toEqual(['东镇', '已完成', 2, 120, 84]);
    // and the sheet says which figure that is
    expect(sheet.getRow(4).getCell(1).value).toBe(summaryProratedNote);
  });
});
