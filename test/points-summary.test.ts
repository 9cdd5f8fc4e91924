import { describe, expect, it } from 'vitest';
import type { Hundredths } from '../src/core/decimal.js';
import type { SubjectResult, TraceLine } from '../src/score/result.js';
import type { Scheme } from '../src/scheme/model.js';
import { publicSummarizer } from '../src/write/public.js';
import { summarizeTrace } from '../src/write/summary.js';

/** A window whose 窗口互评 item is worth 5 points and whose ratings came to `peerPoints` (hundredths), the item's score. */
function rated(peerPoints: number): SubjectResult {
  return {
    items: [{ type: 'peer', name: '窗口互评', points: 500 as Hundredths, score: peerPoints as Hundredths, component: null, parts: [] }],
    peer: { missing: false, points: peerPoints as Hundredths },
  } as unknown as SubjectResult;
}

/** A person's items as the engine gives them: each with its points and score (hundredths), a component or parts. */
function withItems(items: object[], peer: object | null = null): SubjectResult {
  return { items: items.map((it) => ({ component: null, parts: [], ...it })), peer } as unknown as SubjectResult;
}

function line(ruleCode: string, ruleName: string, count: number, counted: number, sign: 1 | -1 = -1): TraceLine {
  return { ruleCode, ruleName, count, countUnit: '次', counted: counted as Hundredths, sign, notes: [] } as unknown as TraceLine;
}

const byRule = (l: TraceLine) => ({ key: l.ruleCode, label: l.ruleName, showsCount: true });

describe('summarizeTrace: where a subject’s points went', () => {
  it('names the peer rating only when it fell short of the item’s points', () => {
    // Full marks (5 of 5) lose nothing: no 窗口互评 entry, and with no other line "无扣分".
    expect(summarizeTrace(rated(500), [], byRule)).toBe('无扣分');
    // 4.5 of 5: 4.50 − 5.00 = −0.50, shown as -0.5.
    expect(summarizeTrace(rated(450), [], byRule)).toBe('窗口互评 -0.5');
  });

  it('sums lines per entry in trace order, the peer shortfall last', () => {
    // 迟到 twice at 1 point: 2次 −2; 锦旗 once +1; 迟到 again (capped to 0) still counts as an occurrence: 3次 −2.
    const trace = [line('late', '迟到', 1, 100), line('flag', '赠送锦旗', 1, 100, 1), line('late', '迟到', 1, 100), line('late', '迟到', 1, 0)];
    expect(summarizeTrace(rated(480), trace, byRule)).toBe('迟到3次 -2; 赠送锦旗1次 +1; 窗口互评 -0.2');
  });

  it('lists what a component or an earned part lost, in item order after the lines, as the peer rating', () => {
    const at = { file: 't.xlsx', sheet: '评分' };
    const subject = withItems([
      // city-hall-annual 月度考核情况: 12 months summing 1199.89 → 60 × 1199.89 / 1200 = 59.9945 → 59.99 of 60: −0.01
      { type: 'monthly', name: '月度考核情况', points: 6000, score: 5999, component: { code: 'monthly', months: [], sum: 119989, scale: 10000 } },
      // a committee mark of 5.5 for 个人总结情况 (6 points): 5.5 − 6 = −0.5
      { type: 'mark', name: '个人总结情况', points: 600, score: 550, component: { code: 'mark', value: 550, at } },
      // full marks lose nothing and are not listed
      { type: 'mark', name: '绩效评价情况', points: 800, score: 800, component: { code: 'mark', value: 800, at } },
      // street-1000-person: 300 × 880 / 1000 = 264 of 300: −36
      { type: 'unit_share', name: '所在科室得分折算', points: 30000, score: 26400, component: { code: 'unit_share', unit: '党政办', unitTotal: 88000, scale: 100000, scheme: 'street-1000' } },
      // bingcha-halfyear 工作实绩: 创新 (5, earned) without a record scores 0: 创新未得分 −5; 办结率 (not earned) is the records' to show
      {
        type: 'deduction', name: '工作实绩', points: 4000, score: 3300,
        parts: [{ name: '办结率', points: 1000, earned: false, score: 800 }, { name: '创新', points: 500, earned: true, score: 0 }],
      },
      // a bonus item is no shortfall
      { type: 'bonus', name: '其他情况', points: 2000, score: 0 },
    ]);
    const lines = [line('3.1', '公众评价扣分', 1, 200)];
    expect(summarizeTrace(subject, lines, byRule)).toBe('公众评价扣分1次 -2; 月度考核情况 -0.01; 个人总结情况 -0.5; 所在科室得分折算 -36; 创新未得分 -5');
    // nameOf names them on a notice; the lines keep entryOf's labels
    expect(summarizeTrace(subject, [], byRule, (name) => (name === '创新未得分' ? '其他扣分' : name))).toBe('月度考核情况 -0.01; 个人总结情况 -0.5; 所在科室得分折算 -36; 其他扣分 -5');
  });

  it('on a notice, a shortfall whose name is private (病, 请假) reads 其他扣分; a committee mark is named', () => {
    // a scheme without rules or flags: only the items' names are in question
    const scheme = { flags: [], rulesByCode: new Map(), items: [] } as unknown as Scheme;
    const at = { file: 't.xlsx', sheet: '评分' };
    const subject = withItems([
      // 5 of 6 and 5.5 of 6: −1 and −0.5
      { type: 'mark', name: '病事假情况', points: 600, score: 500, component: { code: 'mark', value: 500, at } },
      { type: 'mark', name: '个人总结情况', points: 600, score: 550, component: { code: 'mark', value: 550, at } },
    ]);
    expect(publicSummarizer(scheme)(subject, [])).toBe('其他扣分 -1; 个人总结情况 -0.5');
  });

  it('lists a missing peer rating (scored 0 under --allow-missing-peer) as lost, said 缺互评, so the figures add up to the total (probe15a m3)', () => {
    // 窗口互评 worth 5, no ratings: 0 − 5 = −5; with 迟到 once −1 the entries give −6, as the total lost
    const missing = withItems([{ type: 'peer', name: '窗口互评', points: 500, score: 0 }], { missing: true, points: 0 });
    expect(summarizeTrace(missing, [line('late', '迟到', 1, 100)], byRule)).toBe('迟到1次 -1; 窗口互评 -5（缺互评）');
  });

  it('leaves out lines without an entry and shows no count where the entry hides it', () => {
    const trace = [line('secret', '违反工作纪律', 2, 400), line('veto', '一票否决', 1, 0)];
    const entry = (l: TraceLine) => (l.ruleCode === 'veto' ? null : { key: 'item', label: '工作纪律', showsCount: false });
    // 4 points under the item's name, without "2次"; the veto line is not shown at all.
    expect(summarizeTrace(rated(500), trace, entry)).toBe('工作纪律 -4');
  });

  it('shows a 指标 below its target by its value, not as a count', () => {
    // bingcha-halfyear 4.2: 办结率 96 against 100, 0.5 points per percentage point short:
    // (100 − 96) / 1 × 0.5 = 2 points; the entry reads the value, not "1次".
    const below = { ...line('4.2', '办结率未达100%', 1, 200), notes: [{ code: 'rate', metric: '办结率', value: 9600, target: 10000, per: 100 }] } as unknown as TraceLine;
    expect(summarizeTrace(rated(500), [below, line('late', '迟到', 2, 200)], byRule)).toBe('办结率未达100%（96%） -2; 迟到2次 -2');
  });
});
