import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runYear } from '../src/commands/year.js';
import { toNumber } from '../src/core/decimal.js';
import { builtinScheme } from './builtin-scheme.js';
import { yearJson } from '../src/write/year.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/** Each sheet's rows as cell texts (a merged cell's text in each of its cells). */
async function sheetTexts(path: string): Promise<Record<string, string[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return Object.fromEntries(book.worksheets.map((sheet) => [sheet.name, sheet.getSheetValues().slice(1).map((row) => (Array.isArray(row) ? row.slice(1).map((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '')) : []))]));
}

const month = (m: number) => `2026-${String(m).padStart(2, '0')}`;
const units = ['党政办', '财政所', '城管科', '社保所', '民政科', '综治办'];
/** Rows by rank, ties in the order of `units`. */
const byRank = <R extends { key: string; rank: number | null }>(rows: readonly R[]) =>
  [...rows].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || units.indexOf(a.key) - units.indexOf(b.key));

/**
 * Twelve months of street-1000 (千分制, units), one person per unit. Records name the unit only
 * (the codes are the same in the unit and person schemes, so one workbook serves both)
 * (分值 = points of the case, the seed lists behaviours without figures):
 *   党政办 nothing                                  → 1000 every month, year 1000
 *   财政所 −12 every month; +20 (11.1) in March      → 988, March 1008 cut to 1000 (the +20 counts 12);
 *                                                    year (988 × 11 + 1000) / 12 = 11868 / 12 = 989
 *   城管科 −24 in January                            → (976 + 1000 × 11) / 12 = 11976 / 12 = 998
 *   社保所 −12 in January–June                       → (988 × 6 + 1000 × 6) / 12 = 994; halves 988, 1000
 *   民政科 −6 every month                            → 994
 *   综治办 −50 in December                           → (1000 × 11 + 950) / 12 = 995.8333… → 995.83;
 *                                                    second half (5000 + 950) / 6 = 991.666… → 991.67
 * Ranks: 党政办 1, 城管科 2, 综治办 3, 社保所 4, 民政科 4 (tied), 财政所 6.
 */
async function streetYear(dir: string): Promise<void> {
  const roster: SheetRows = [['工号', '姓名', '科室'], ...units.map((u, i) => [`00${i + 1}`, `人${i + 1}`, u])];
  for (let m = 1; m <= 12; m++) {
    const day = `${month(m)}-10`;
    const records: SheetRows = [recordHeader, [day, null, null, '财政所', '1.1', null, 12], [day, null, null, '民政科', '5.1', null, 6]];
    if (m === 3) records.push([day, null, null, '财政所', '11.1', null, 20]);
    if (m === 1) records.push([day, null, null, '城管科', '2.1', null, 24]);
    if (m <= 6) records.push([day, null, null, '社保所', '7.1', null, 12]);
    if (m === 12) records.push([day, null, null, '综治办', '9.1', null, 50]);
    await writeWorkbook(join(dir, `${month(m)}.xlsx`), { 人员: roster, 记录: records });
  }
}

describe('street-1000 over a year', async () => {
  const dir = tempDir();
  await streetYear(dir);
  const run = await runYear([dir], { scheme: 'street-1000' });
  const row = (unit: string) => run.result.rows.find((r) => r.key === unit)!;

  it('gives every unit a year total (mean of its months) and a rank', () => {
    expect(units.map((u) => [u, toNumber(row(u).total!), row(u).rank])).toEqual([
      ['党政办', 1000, 1],
      ['财政所', 989, 6],
      ['城管科', 998, 2],
      ['社保所', 994, 4],
      ['民政科', 994, 4],
      ['综治办', 995.83, 3],
    ]);
  });

  it('rolls the months up to half years too', () => {
    expect(run.result.halfLabels).toEqual(['2026-H1', '2026-H2']);
    expect(row('社保所').halves!.map((h) => toNumber(h!))).toEqual([988, 1000]);
    expect(row('综治办').halves!.map((h) => toNumber(h!))).toEqual([1000, 991.67]);
  });

  it('names the top 3 先进科室 for the year by default (an assumption, marked), and none monthly', () => {
    expect(byRank(run.result.rows.filter((r) => r.awards.length > 0)).map((r) => [r.key, r.awards])).toEqual([
      ['党政办', [{ name: '先进科室', tied: false }]],
      ['城管科', [{ name: '先进科室', tied: false }]],
      ['综治办', [{ name: '先进科室', tied: false }]],
    ]);
    expect(run.result.awardTops).toEqual([{ name: '先进科室', top: 3, fromRun: false }]);
    // the award is the year's: the monthly scheme names none
    expect(builtinScheme('street-1000').awards).toEqual([]);
  });

  it('--top 5 names five; --top 4 lists both units tied at 4th, marked 并列, for the committee (convention 5)', async () => {
    const five = await runYear([dir], { scheme: 'street-1000', top: 5 });
    expect(byRank(five.result.rows.filter((r) => r.awards.length > 0)).map((r) => r.key)).toEqual(['党政办', '城管科', '综治办', '社保所', '民政科']);
    expect(five.result.warnings).toEqual([]);
    const four = await runYear([dir], { scheme: 'street-1000', top: 4 });
    const winners = byRank(four.result.rows.filter((r) => r.awards.length > 0));
    // ranks 1, 2, 3, 4, 4: five units for four places
    expect(winners.map((r) => [r.key, r.awards[0]!.tied])).toEqual([
      ['党政办', false],
      ['城管科', false],
      ['综治办', false],
      ['社保所', true],
      ['民政科', true],
    ]);
    expect(four.result.warnings).toEqual([{ code: 'award_tie', award: '先进科室', ranks: [4], marked: 2, winners: 5, top: 4, decidedBy: '考核小组' }]);
  });

  it('speaks the street scheme words on its notices and lists: 科室, not 窗口; ties settled by the 考核小组, not a 中心主任办公会', async () => {
    const out = tempDir();
    // January alone: 2026年1月科室考核结果公示 (no 单位名称 in 设置), its unit column 科室.
    expect((await kaohe('score', join(dir, '2026-01.xlsx'), '--scheme', 'street-1000', '-o', join(out, 'jan.xlsx'))).code).toBe(0);
    const jan = await sheetTexts(join(out, 'jan.xlsx'));
    expect(jan.公示![0]![0]).toBe('2026年1月科室考核结果公示');
    expect(jan.公示![2]!.slice(0, 2)).toEqual(['名次', '科室']);
    expect(jan.得分表![1]![1]).toBe('科室');
    expect(jan.扣分明细![1]!.slice(0, 2)).toEqual(['考核对象', '科室']);
    // The year with --top 4: ranks 1, 2, 3, 4, 4 (see above), the tie's note names the 考核小组.
    const year = await kaohe('year', dir, '--scheme', 'street-1000', '--top', '4', '-o', join(out, 'year.xlsx'));
    expect(year.stderr).toContain('先进科室：第4名并列，共5个超过名额4个，标注“并列”，请考核小组研究确定');
    const notice = (await sheetTexts(join(out, 'year.xlsx'))).等次公示!;
    expect(notice[2]!.slice(0, 2)).toEqual(['名次', '科室']);
    expect(notice.map((r) => r[0])).toContain('注：先进科室第4名并列，共5个，超过名额4个，由考核小组研究确定。');
  });

  it('kaohe year --top 5 --json gives each unit the score contract shape with the year figures', async () => {
    const { code, stdout } = await kaohe('year', dir, '--scheme', 'street-1000', '--top', '5', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { subjects: Record<string, unknown>[] };
    expect(json.subjects.filter((s) => (s.awards as string[]).includes('先进科室'))).toHaveLength(5);
    const caizheng = json.subjects.find((s) => s.id === '财政所')!;
    // items are the mean of each month's item scores: 1 → 88 every month; 11 (加分) → March's +20 counts 12
    // (1000 − 12 + 20 = 1008, 8 past the maximum 1000), 12 / 12 = 1; so 1000 − 12 + 1 = 989
    expect(caizheng).toMatchObject({ deductions: 12, bonus: 1, total: 989, rank: 6, halves: { '2026-H1': 990, '2026-H2': 988 } });
    expect((caizheng.items as Record<string, number>)['1']).toBe(88);
    expect((caizheng.items as Record<string, number>)['11']).toBe(1);
    // H1: (988 × 5 + 1000) / 6 = 5940 / 6 = 990
    expect(Object.keys(caizheng).slice(0, 9)).toEqual(['id', 'name', 'unit', 'items', 'deductions', 'bonus', 'total', 'rank', 'awards']);
  });

  it('refuses --top 0', async () => {
    expect((await kaohe('year', dir, '--scheme', 'street-1000', '--top', '0')).code).toBe(2);
  });
});

describe('street-1000-person over a year', async () => {
  const dir = tempDir();
  await streetYear(dir);
  const run = await runYear([dir], { scheme: 'street-1000-person' });

  it('gives every person a year total and rank: 700 own + 300 × the unit score / 1000, month by month', () => {
    const total = (id: string) => toNumber(run.result.rows.find((r) => r.key === id)!.total!);
    // 人1 (党政办) 1000 every month; 人2 (财政所) 700 + 300 × 988 / 1000 = 996.4, March 1000:
    // (996.4 × 11 + 1000) / 12 = 11960.4 / 12 = 996.7
    expect([total('001'), total('002')]).toEqual([1000, 996.7]);
    expect(run.result.rows.every((r) => r.rank !== null)).toBe(true);
    const json = yearJson(run.result, null);
    expect(json.subjects.find((s) => s.id === '002')).toMatchObject({ total: 996.7, rank: 6, items: { '12': 296.7 } });
  });
});
