import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { inputTables } from '../scripts/input-tables.js';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

/**
 * One declaration per input sheet: this file runs kaohe on a copy of src/core/input-sheets.ts in
 * which 记录's 次数 column is renamed 发生次数 (and its alias 数量 becomes 件数). Validation, the
 * template and the README table all follow the copy, because all three read the declaration.
 */
vi.mock('../src/core/input-sheets.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/core/input-sheets.js')>();
  const recordSheet = {
    ...real.recordSheet,
    columns: real.recordSheet.columns.map((c) => (c.key === 'count' ? { ...c, headers: ['发生次数', '件数', 'count'] } : c)),
  };
  return { ...real, recordSheet, inputSheets: real.inputSheets.map((s) => (s.role === 'records' ? recordSheet : s)) };
});

function month(countHeader: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, '人员.csv'), '工号,姓名,窗口\n001,张三,民政窗口\n');
  // 1.3 上班时间玩游戏: 每次扣1分 (bianmin-10pt), 3 times
  writeFileSync(join(dir, '记录.csv'), `日期,工号,项目,${countHeader}\n2026-10-05,001,1.3,3\n`);
  return dir;
}

async function total(countHeader: string): Promise<number> {
  const run = await kaohe('score', month(countHeader), '--scheme', 'bianmin-10pt', '--period', '2026-10', '--json');
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { subjects: { total: number }[] }).subjects[0]!.total;
}

describe('renaming a column in the declaration', () => {
  it('changes validation: 发生次数 and 件数 are read, 次数 is now an unknown column', async () => {
    // 3 × 1 = 3 points off 10
    expect(await total('发生次数')).toBe(7);
    expect(await total('件数')).toBe(7);
    // 次数 is ignored, and the record counts once: 10 − 1 = 9
    expect(await total('次数')).toBe(9);
    const check = await kaohe('check', month('次数'), '--scheme', 'bianmin-10pt', '--period', '2026-10');
    expect(check.stderr).toMatch(/记录\.csv › 记录 › 第1行 › 次数\(D列\): /);
  });

  it('changes the template: 记录 is headed 发生次数', async () => {
    const out = join(tempDir(), 't.xlsx');
    expect((await kaohe('template', '--scheme', 'bianmin-10pt', '-o', out)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const header = (workbook.getWorksheet('记录')!.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('发生次数');
    expect(header).not.toContain('次数');
  });

  it("changes the README's table", () => {
    expect(inputTables()).toContain('| 发生次数 | 件数、count |  | 默认1；按天计的填天数（半天填0.5） |');
    expect(inputTables()).not.toContain('| 次数 |');
  });
});
