import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

const WINDOWS = 30;
const windowName = (i: number) => `行政审批局企业开办与不动产登记联合受理综合服务第${i}号窗口`;
/** What window `rater` gives window `rated`: 100 less a little, different for each pair. */
const scoreOf = (rater: number, rated: number) => 100 - ((rater * 7 + rated) % 13);

/** A bingcha-monthly month of thirty windows with long names, each rating the twenty-nine others. */
function month(): string {
  const dir = tempDir();
  const people = Array.from({ length: WINDOWS }, (_, i) => `${String(i + 1).padStart(4, '0')},某${i + 1},${windowName(i + 1)}`);
  writeFileSync(join(dir, '人员.csv'), ['工号,姓名,窗口', ...people].join('\r\n'));
  writeFileSync(join(dir, '记录.csv'), '日期,工号,项目,次数,说明\r\n');
  const peer: string[] = ['评分人,被评对象,分数'];
  for (let rater = 1; rater <= WINDOWS; rater++) for (let rated = 1; rated <= WINDOWS; rated++) if (rater !== rated) peer.push(`${windowName(rater)},${windowName(rated)},${scoreOf(rater, rated)}`);
  writeFileSync(join(dir, '互评.csv'), peer.join('\r\n'));
  return dir;
}

describe('the 扣分明细 lists a window’s peer ratings in rows that print whole', () => {
  it('splits 29 long-named ratings over rows under 409 pt, each rating once and in order, the figures on the first', async () => {
    const out = join(tempDir(), '结果.xlsx');
    const run = await kaohe('score', month(), '--scheme', 'bingcha-monthly', '--period', '2026-10', '-o', out);
    expect(run.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const rows: { values: (string | number | null)[]; height: number }[] = [];
    // Every cell of this sheet is text, a number or empty.
    book.getWorksheet('扣分明细')!.eachRow((row) => rows.push({ values: (row.values as unknown[]).map((v) => (typeof v === 'string' || typeof v === 'number' ? v : null)), height: row.height }));
    // Window 1's peer rows (item 10 窗口互评): values[1] is the window, [5] the item code, [7] the count, [11] 实计, [12] 说明, [13] 来源.
    const peerRows = rows.filter((r) => r.values[1] === windowName(1) && r.values[5] === '10');
    expect(peerRows.length).toBeGreaterThan(1);
    for (const r of peerRows) expect(r.height).toBeLessThanOrEqual(409);
    const listed = peerRows.flatMap((r) => String(r.values[13]).split('、'));
    const expected = Array.from({ length: WINDOWS - 1 }, (_, k) => k + 2).map((rater) => `${windowName(rater)} ${scoreOf(rater, 1)}`);
    expect(listed).toEqual(expected);
    // Window 1 is rated 100 − ((7r + 1) mod 13) by r = 2…30: the residues (7r+1) mod 13 for r = 2…30 run through
    // 2 whole cycles of 0…12 (r = 2…27, sum 2 × 78 = 156) plus r = 28, 29, 30 (197 mod 13 = 2, 204 mod 13 = 9, 211 mod 13 = 3):
    // deductions 156 + 14 = 170, so the sum is 29 × 100 − 170 = 2730; mean 2730 ÷ 29 = 94.1379…, × 10/100 = 9.41.
    expect([peerRows[0]!.values[7], peerRows[0]!.values[11]]).toEqual([29, 9.41]);
    expect(String(peerRows[0]!.values[12])).toContain('合计 2730 ÷ 29');
    expect(String(peerRows[1]!.values[12])).toMatch(/^续：第\d+至\d+个评分（共29个）$/);
  });
});
