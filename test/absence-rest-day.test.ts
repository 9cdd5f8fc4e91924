import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * A typed 旷工 (bianmin-10pt 2.1, 2 points a day, its absences counted in days) dated on a day off
 * is most likely a wrong date: warned at the row's 日期, still counted (a make-up working day may
 * be so). October 2026: 1–7 国庆节 (the 4th a Sunday in it), the 10th (Saturday) a 调休 working
 * day, the 11th a plain Sunday, the 12th a Monday.
 */
describe('typed 旷工 on a weekend or 法定节假日 (probe15a wk)', () => {
  it('is warned at its 日期 on a holiday and a weekend, not on a 调休 working day or a weekday; each still counts', async () => {
    const roster = [['工号', '姓名', '窗口'], ['0001', '甲', '民政']];
    const absent = (date: string) => [date, '0001', null, null, '2.1', 1, null, null, null];
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), {
      人员: roster,
      记录: [recordHeader, absent('2026-10-01'), absent('2026-10-04'), absent('2026-10-10'), absent('2026-10-11'), absent('2026-10-12')],
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    const warned = run.warnings.filter((w) => w.code === 'absence_on_rest_day');
    // rows 2 (10-01, 国庆节), 3 (10-04, in the 国庆 break) and 5 (10-11, Sunday); not row 4 (调休) nor 6 (Monday)
    expect(warned.map((w) => [w.at.sheet, w.at.row, w.at.column, w.args.holiday])).toEqual([
      ['记录', 2, '日期', '国庆节'],
      ['记录', 3, '日期', '国庆节'],
      ['记录', 5, '日期', ''],
    ]);
    // all five count: 4 × 2 + the 5th doubled (二类行为 5次以上按2倍) 4 = 12; 10 − 12 = −2
    expect(run.result.subjects[0]!.total).toBe(-200);
  });
});
