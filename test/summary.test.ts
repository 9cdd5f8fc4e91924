import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaohe } from './kaohe.js';
import { tempDir } from './workbook.js';

/**
 * With -o the full table is in the file, so the terminal gets a summary: counts, the top of the
 * ranking, who is flagged, and what was written. Without -o the full table stays.
 */
const demo = 'fixtures/demo/2026-10.xlsx';

describe('score -o prints a summary, score alone the full table', () => {
  it('the summary: counts, the top ten, the flagged, the file and what it holds', async () => {
    const out = join(tempDir(), '结果.xlsx');
    const run = await kaohe('score', demo, '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-11-23');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    // 12 windows; 社保窗口 106.5 first and 税务窗口 89.5 last (see outputs.test.ts)
    expect(lines[1]).toMatch(/^12个考核对象，\d+条计分记录；最高106.5分，最低89.5分。$/);
    const header = lines.findIndex((l) => l.startsWith('名次'));
    const top = lines.slice(header + 1, lines.indexOf('', header)).filter((l) => /^\s*\d/.test(l));
    expect(top).toHaveLength(10);
    expect(top[0]).toMatch(/^\s*1\s+社保窗口\s+106\.5\s+红旗窗口$/);
    // ranks 11 and 12 (国土窗口, 税务窗口) are left to the file
    expect(run.stdout).toContain('（其余2行见得分表）');
    expect(run.stdout).not.toContain('税务窗口');
    // 残联窗口's 吃拿卡要 record is a 通报批评 (see outputs.test.ts)
    expect(run.stdout).toContain('有标注的1个：残联窗口（通报批评）');
    // no per-subject account of points: that is the table's
    expect(run.stdout).not.toContain('扣分/加分明细');
    expect(run.stderr).toContain(`已写出：${out}（得分表、公示、扣分明细、说明工作簿）`);
  });

  it('without -o, the full table with every subject and its points', async () => {
    const run = await kaohe('score', demo, '--scheme', 'bingcha-monthly');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('扣分/加分明细');
    expect(run.stdout).toContain('税务窗口');
    expect(run.stdout).toContain('超过承诺时限3天 -3');
  });

  it('attendance -o: the month in one line', async () => {
    const out = join(tempDir(), '考勤.xlsx');
    const run = await kaohe('attendance', 'fixtures/demo/2026-11-考勤.xlsx', '-o', out);
    expect(run.code).toBe(0);
    // the demo's November (fixtures/demo/make-demo.ts): 张伟 late 3 times and early once, 罗斌
    // absent 12 Nov all day and 19 Nov morning (1.5 days), 朱红梅 forgot to clock on 25 Nov with
    // no 补签 (1 缺卡), 林芳 on 事假 5–6 Nov; the other 16 of the 20 have full attendance
    expect(run.stdout.trim()).toBe('2026年11月考勤汇总：20人；迟到3次，早退1次，旷工1.5天，缺卡1次；全勤16人。');
    expect(run.stderr).toContain(`已写出：${out}（考勤汇总、考勤明细工作簿）`);
  });
});
