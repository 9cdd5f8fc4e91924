import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook } from './workbook.js';

/**
 * A --notice-date before the last day of the period it posts (2025-11-02 for 2026年10月: a year
 * slip) or more than a year after it is taken, and said: the notice would be dated before its
 * results exist, or a year late. The notice is still written (exit 0).
 */
describe('--notice-date against the period it posts', async () => {
  const dir = tempDir();
  const month = await writeWorkbook(join(dir, '2026-10.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['0001', '张三', '民政']], 记录: [recordHeader] });
  const noticeDated = async (date: string, command = 'score') => {
    const run = await kaohe(command, month, '--scheme', 'bianmin-10pt', '-o', join(tempDir(), 'out.xlsx'), '--notice-date', date);
    expect(run.code).toBe(0);
    return run.stderr.split('\n').filter((line) => line.includes('--notice-date'));
  };

  it('says a date before the period ends: 2025-11-02 for October 2026', async () => {
    expect(await noticeDated('2025-11-02')).toEqual([
      '提示：--notice-date: 公示日期 2025年11月2日 早于考核期2026年10月的最后一天（2026年10月31日），那时还没有这一期的结果：如年份或月份写错了，请改正 --notice-date 后重新生成公示',
    ]);
    // its last day is the period's: 10-30 is before it, 10-31 is not
    expect(await noticeDated('2026-10-30', 'notice')).toHaveLength(1);
    expect(await noticeDated('2026-10-31')).toEqual([]);
  });

  it('says a date more than a year after it: 2027-11-01 is 366 days after 2026-10-31, 2027-10-31 is 365', async () => {
    expect(await noticeDated('2027-11-01')).toEqual([
      '提示：--notice-date: 公示日期 2027年11月1日 比考核期2026年10月的最后一天（2026年10月31日）晚一年以上：如年份写错了，请改正 --notice-date 后重新生成公示',
    ]);
    expect(await noticeDated('2027-10-31')).toEqual([]);
    expect(await noticeDated('2026-11-02')).toEqual([]);
  });

  it('checks a year notice against the last period it sums up: a partial year of October only may be posted in November', async () => {
    const yearDated = async (date: string) => {
      const run = await kaohe('year', month, '--scheme', 'bianmin-10pt', '--partial', '-o', join(tempDir(), 'year.xlsx'), '--notice-date', date);
      expect(run.code).toBe(0);
      return run.stderr.split('\n').filter((line) => line.includes('--notice-date'));
    };
    expect(await yearDated('2026-11-20')).toEqual([]);
    expect((await yearDated('2025-11-20'))[0]).toContain('公示日期 2025年11月20日 早于考核期2026年10月的最后一天（2026年10月31日）');
  });
});
