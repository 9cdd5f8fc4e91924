import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { subjectTrace } from '../src/score/engine.js';
import { publicSummarizer } from '../src/write/public.js';
import { pointsSummary } from '../src/write/summary.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

/**
 * bingcha-halfyear H2 for four people (指标 办结率 100 for all; no innovation: 创新未得分 −5 each):
 *   0001 迟到早退 (3.2, 每5次扣1分) 4 times → 4 / 5 = 0 whole fives: 0 points
 *   0002 病事假累计超过20天 (3.1) 20 days → not over 20: 0 points
 *   0003 the same, 25 days → over 20: −1
 *   0004 nothing
 * The audit and the 得分表 list every record; the notice posts no entry of 0 points.
 */
async function half(): Promise<string> {
  const roster: SheetRows = [['工号', '姓名', '窗口', '类别'], ['0001', '甲', '民政', '事业'], ['0002', '乙', '民政', '事业'], ['0003', '丙', '社保', '事业'], ['0004', '丁', '社保', '事业']];
  const records: SheetRows = [recordHeader, ['2026-07-06', '0001', null, null, '3.2', 4], ['2026-07-06', '0002', null, null, '3.1', 20], ['2026-07-06', '0003', null, null, '3.1', 25]];
  const metrics: SheetRows = [['工号', '指标', '数值'], ...['0001', '0002', '0003', '0004'].map((id) => [id, '办结率', 100])];
  return writeWorkbook(join(tempDir(), '2026-H2.xlsx'), { 人员: roster, 记录: records, 指标: metrics });
}

describe('entries of 0 points and counts of days', async () => {
  const path = await half();
  const { result } = await runScore(path, { scheme: 'bingcha-halfyear' });
  const of = (key: string) => result.subjects.find((s) => s.key === key)!;

  it('the 得分表 keeps them, a rule named with its days taking its count in brackets (20天（25天）, not 20天25天)', () => {
    expect(['0001', '0002', '0003'].map((k) => pointsSummary(result.scheme, of(k)))).toEqual([
      '迟到早退4次 0; 创新未得分 -5',
      '病事假累计超过20天（20天） 0; 创新未得分 -5',
      '病事假累计超过20天（25天） -1; 创新未得分 -5',
    ]);
  });

  it('the notice leaves an entry of 0 points off (病事假 being private, shown by its part: 考勤)', () => {
    const notice = publicSummarizer(result.scheme);
    expect(['0001', '0002', '0003', '0004'].map((k) => notice(of(k), subjectTrace(result.scheme, of(k))))).toEqual([
      '创新未得分 -5',
      '创新未得分 -5',
      '考勤 -1; 创新未得分 -5',
      '创新未得分 -5',
    ]);
  });

  it('the 说明 sheet says the 考核期 once', async () => {
    const out = join(tempDir(), 'out.xlsx');
    expect((await kaohe('score', path, '--scheme', 'bingcha-halfyear', '-o', out)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const periods: unknown[] = [];
    book.getWorksheet('说明')!.eachRow((row) => {
      if (row.getCell(1).value === '考核期') periods.push(row.getCell(2).value);
    });
    expect(periods).toEqual(['2026年下半年（2026-07-01 至 2026-12-31）']);
  });
});
