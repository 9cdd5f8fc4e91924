import { describe, expect, it } from 'vitest';
import type { Hundredths } from '../src/core/decimal.js';
import type { SubjectResult, TraceLine } from '../src/score/result.js';
import { summarizeTrace } from '../src/write/summary.js';

/** A window whose 窗口互评 item is worth 5 points and whose ratings came to `peerPoints` (hundredths). */
function rated(peerPoints: number): SubjectResult {
  return {
    items: [{ type: 'peer', name: '窗口互评', points: 500 as Hundredths }],
    peer: { missing: false, points: peerPoints as Hundredths },
  } as unknown as SubjectResult;
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
