import { describe, expect, it } from 'vitest';
import { toNumber } from '../src/core/decimal.js';
import type { IsoDate } from '../src/core/dates.js';
import { monthPeriod } from '../src/core/period.js';
import type { Scheme } from '../src/scheme/model.js';
import { scorePeriod } from '../src/score/engine.js';
import { builtinScheme } from './builtin-scheme.js';
import { fullPeer, person, pts, rating, record, run, flagKeys, traceOf } from './builders.js';

const units = ['民政窗口', '社保窗口', '国土窗口'];
const roster = units.map((u, i) => person(`00${i + 1}`, `人员${i + 1}`, u));

function subject(result: ReturnType<typeof run>, key: string) {
  const s = result.subjects.find((x) => x.key === key);
  if (!s) throw new Error(`no subject ${key}`);
  return s;
}

describe('bingcha-monthly (unit scheme, capped items)', () => {
  it('caps an item at its points: 7 hygiene findings on the 5-point item give 0, not −2', () => {
    const records = Array.from({ length: 7 }, () => record('9.1', { unit: '民政窗口' }));
    const result = run('bingcha-monthly', { roster, records, peer: fullPeer(units) });
    const s = subject(result, '民政窗口');
    const hygiene = s.items.find((it) => it.code === '9');
    // 5 − min(7 × 1, 5) = 0; total 100 − 5 = 95
    expect(toNumber(hygiene!.score)).toBe(0);
    expect(toNumber(s.deductions)).toBe(5);
    expect(toNumber(s.total)).toBe(95);
    // the 6th and 7th findings are listed at 1 each but count 0, with the reason
    const last = traceOf(result, '民政窗口').at(-1)!;
    expect(toNumber(last.listed)).toBe(1);
    expect(toNumber(last.counted)).toBe(0);
    expect(last.notes[0]).toMatchObject({ code: 'item_cap', item: '9' });
  });

  it("rolls a person's record up to their unit", () => {
    const records = [record('1.2', { personId: '002', unit: '社保窗口' })];
    const result = run('bingcha-monthly', { roster, records, peer: fullPeer(units) });
    // 与服务对象争吵 −3 → 社保窗口 97
    expect(toNumber(subject(result, '社保窗口').total)).toBe(97);
    expect(toNumber(subject(result, '民政窗口').total)).toBe(100);
  });

  it('converts peer ratings 85,85,85,85,85,86 to 8.52 (self-rating ignored)', () => {
    const many = ['甲', '乙', '丙', '丁', '戊', '己', '庚'];
    const people = many.map((u, i) => person(`1${i}`, `p${i}`, u));
    const scores = [85, 85, 85, 85, 85, 86];
    const peer = [
      ...scores.map((score, i) => rating(many[i + 1]!, '甲', score)),
      rating('甲', '甲', 0), // self-rating: must not count
      ...fullPeer(many).filter((r) => r.ratee !== '甲'),
    ];
    const s = subject(run('bingcha-monthly', { roster: people, records: [], peer }), '甲');
    // mean = 511 / 6 = 85.1666…; × 10 / 100 = 8.51666… → 8.52 (half up)
    expect(toNumber(s.items.find((it) => it.code === '10')!.score)).toBe(8.52);
    // 100 − (10 − 8.52) = 98.52
    expect(toNumber(s.total)).toBe(98.52);
  });

  it('counts two bonus records with the same 事项编号 once, at the higher points', () => {
    const records = [
      record('11.1', { unit: '民政窗口' }, { points: pts(6), matter: 'M-7' }),
      record('11.1', { unit: '民政窗口' }, { points: pts(8), matter: 'M-7', date: '2026-10-09' as IsoDate }),
    ];
    const result = run('bingcha-monthly', { roster, records, peer: fullPeer(units) });
    const s = subject(result, '民政窗口');
    // max(6, 8) = 8 → 100 + 8 = 108
    expect(toNumber(s.bonus)).toBe(8);
    expect(toNumber(s.total)).toBe(108);
    expect(traceOf(result, '民政窗口')[0]!.notes[0]).toMatchObject({ code: 'matter_duplicate', matter: 'M-7' });
  });

  it('takes 事项编号 that differ only in letter case or dash form for one matter (probe15a mx)', () => {
    // M-7, m-7, M—7, M–7, M－7: one matter; max(6, 8, 5, 4, 3) = 8 → 100 + 8 = 108 (summed: 26, cut to 10)
    const matters = ['M-7', 'm-7', 'M—7', 'M–7', 'M－7'];
    const points = [6, 8, 5, 4, 3];
    const records = matters.map((matter, i) => record('11.1', { unit: '民政窗口' }, { points: pts(points[i]!), matter, date: `2026-10-0${i + 5}` as IsoDate }));
    const result = run('bingcha-monthly', { roster, records, peer: fullPeer(units) });
    expect(toNumber(subject(result, '民政窗口').bonus)).toBe(8);
    expect(traceOf(result, '民政窗口').map((l) => toNumber(l.counted))).toEqual([0, 8, 0, 0, 0]);
  });

  it('cuts bonus over the cap to the cap', () => {
    // 表彰 +9, 2 锦旗 +4, 1 来信 +1 = 14 → cut to 10; total 110
    const records = [
      record('11.1', { unit: '国土窗口' }, { points: pts(9) }),
      record('11.3', { unit: '国土窗口' }, { count: 2 }),
      record('11.2', { unit: '国土窗口' }),
    ];
    const result = run('bingcha-monthly', { roster, records, peer: fullPeer(units) });
    const s = subject(result, '国土窗口');
    expect(toNumber(s.bonus)).toBe(10);
    expect(toNumber(s.total)).toBe(110);
    // the 锦旗 line had 4 and keeps 1 (9 + 1 = 10); the 来信 line keeps 0
    const lines = traceOf(result, '国土窗口');
    expect(toNumber(lines[1]!.counted)).toBe(1);
    expect(toNumber(lines[2]!.counted)).toBe(0);
  });

  it('deducts per day over the promised time limit without escalation', () => {
    // 3.1: one case 4 days over → −4; another 7 days over → only 6 of 7 left in the 10-point item
    const records = [
      record('3.1', { unit: '民政窗口' }, { count: 4 }),
      record('3.1', { unit: '民政窗口' }, { count: 7, date: '2026-10-20' as IsoDate }),
    ];
    const result = run('bingcha-monthly', { roster, records, peer: fullPeer(units) });
    const s = subject(result, '民政窗口');
    expect(toNumber(s.items.find((it) => it.code === '3')!.score)).toBe(0);
    expect(toNumber(traceOf(result, '民政窗口')[1]!.counted)).toBe(6);
  });

  it('flags 通报批评 for 吃拿卡要 (6.1) whatever the score', () => {
    const records = [record('6.1', { unit: '民政窗口' })];
    const s = subject(run('bingcha-monthly', { roster, records, peer: fullPeer(units) }), '民政窗口');
    expect(toNumber(s.total)).toBe(98);
    expect(flagKeys(s.flags)).toEqual(['通报批评']);
  });

  it('gives six 红旗窗口 marked 并列 when five-way ranks tie at 5th place', () => {
    // 8 windows: totals 100, 99, 98, 97, 96, 96, 95, 94 → ranks 1,2,3,4,5,5,7,8
    const names = ['一', '二', '三', '四', '五', '六', '七', '八'];
    const people = names.map((u, i) => person(`2${i}`, `q${i}`, u));
    const lost = [0, 1, 2, 3, 4, 4, 5, 6];
    const records = names.flatMap((u, i) => Array.from({ length: lost[i]! }, () => record('4.1', { unit: u })));
    const result = run('bingcha-monthly', { roster: people, records, peer: fullPeer(names) });
    expect(result.subjects.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 5, 7, 8]);
    const winners = result.subjects.filter((s) => s.awards.length > 0);
    expect(winners.map((s) => s.key)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(winners.filter((s) => s.awards[0]!.tied).map((s) => s.key)).toEqual(['五', '六']);
    expect(result.warnings).toContainEqual({ code: 'award_tie', award: '红旗窗口', top: 5, ranks: [5], marked: 2, winners: 6, decidedBy: '中心主任办公会' });
  });

  it('dense ranking: a sole 5th after a tie at 2nd is 6th by count, past the places but tied with nobody (unmarked); a tie at 5th is marked 并列', () => {
    const dense: Scheme = { ...builtinScheme('bingcha-monthly'), ranking: 'dense' };
    const names = ['一', '二', '三', '四', '五', '六', '七'];
    const people = names.map((u, i) => person(`4${i}`, `d${i}`, u));
    const scored = (lost: number[]) => {
      const records = names.flatMap((u, i) => Array.from({ length: lost[i]! }, () => record('4.1', { unit: u })));
      return scorePeriod(dense, { period: monthPeriod(2026, 10), roster: people, records, peer: fullPeer(names), metrics: [], marks: [], monthly: [], unitTotals: new Map() }, { allowMissingPeer: false });
    };
    // totals 100, 99, 99, 98, 97, 96, 95 → dense ranks 1, 2, 2, 3, 4, 5, 6: rank ≤ 5 is six windows
    // for five places; 一 to 五 fill them by count and 六, alone at 5th, is the 6th: the committee
    // decides (convention 5: more than N), but 六 is tied with nobody, so not marked 并列
    const soleFifth = scored([0, 1, 1, 2, 3, 4, 5]);
    expect(soleFifth.subjects.map((s) => s.rank)).toEqual([1, 2, 2, 3, 4, 5, 6]);
    expect(soleFifth.subjects.filter((s) => s.awards.length > 0).map((s) => s.key)).toEqual(['一', '二', '三', '四', '五', '六']);
    expect(soleFifth.subjects.flatMap((s) => s.awards.filter((a) => a.tied).map(() => s.key))).toEqual([]);
    expect(soleFifth.warnings.filter((w) => w.code === 'award_tie')).toEqual([{ code: 'award_tie', award: '红旗窗口', top: 5, ranks: [5], marked: 0, winners: 6, decidedBy: '中心主任办公会' }]);
    // totals 100, 99, 99, 98, 97, 96, 96 → ranks 1, 2, 2, 3, 4, 5, 5: 六 and 七 tie at the boundary
    const tiedFifth = scored([0, 1, 1, 2, 3, 4, 4]);
    expect(tiedFifth.subjects.flatMap((s) => s.awards.filter((a) => a.tied).map(() => s.key))).toEqual(['六', '七']);
    expect(tiedFifth.warnings).toContainEqual({ code: 'award_tie', award: '红旗窗口', top: 5, ranks: [5], marked: 2, winners: 7, decidedBy: '中心主任办公会' });
  });

  it('keeps peer decimals exact: 99.95 → 10 and 99.15 → 9.92', () => {
    // ratings 100 and 99.9 from two raters → mean 99.95 × 10/100 = 9.995 → 10.00 (half up)
    // ratings 99.1 + 99.2 → mean 99.15 → 9.915 → 9.92; total 100 − 0.08 = 99.92
    const people = ['A', 'B', 'C'].map((u, i) => person(`3${i}`, `r${i}`, u));
    const peer = [
      rating('B', 'A', 100),
      rating('C', 'A', 99.9),
      rating('A', 'B', 99.1),
      rating('C', 'B', 99.2),
      rating('A', 'C', 100),
      rating('B', 'C', 100),
    ];
    const result = run('bingcha-monthly', { roster: people, records: [], peer });
    expect(toNumber(result.subjects.find((s) => s.key === 'A')!.total)).toBe(100);
    expect(toNumber(result.subjects.find((s) => s.key === 'B')!.total)).toBe(99.92);
  });
});

describe('bianmin-10pt (person scheme, escalation, negative totals)', () => {
  const people = [person('001', '张三', '民政'), person('002', '李四', '民政'), person('003', '王五', '财政')];

  it('6 late arrivals lose 1+1+1+1+2+2 = 8', () => {
    const records = Array.from({ length: 6 }, (_, i) =>
      record('1.1', { personId: '001', unit: '民政' }, { date: `2026-10-${String(10 + i)}` as IsoDate }),
    );
    const result = run('bianmin-10pt', { roster: people, records, peer: [] });
    const s = result.subjects.find((x) => x.key === '001')!;
    expect(toNumber(s.deductions)).toBe(8);
    expect(toNumber(s.total)).toBe(2);
    expect(traceOf(result, '001')[4]!.notes[0]).toMatchObject({ code: 'escalated', occurrences: [5] });
  });

  it('counts occurrences across the group: 3 迟到 + 3 早退 also lose 8', () => {
    // 1.1 ×3 on the 5th, 1.2 ×3 on the 6th (one row with 次数 3 each): occurrences 1–3 and 4–6 → 1+1+1 + 1+2+2
    const records = [
      record('1.1', { personId: '002', unit: '民政' }, { count: 3 }),
      record('1.2', { personId: '002', unit: '民政' }, { count: 3, date: '2026-10-06' as IsoDate }),
    ];
    const result = run('bianmin-10pt', { roster: people, records, peer: [] });
    const s = result.subjects.find((x) => x.key === '002')!;
    expect(toNumber(traceOf(result, '002')[1]!.escalated)).toBe(5);
    expect(toNumber(s.total)).toBe(2);
  });

  it('旷工 ×5 gives 10 − (2+2+2+2+4) = −2 and 通报批评', () => {
    const records = [record('2.1', { personId: '003', unit: '财政' }, { count: 5 })];
    const result = run('bianmin-10pt', { roster: people, records, peer: [] });
    const s = result.subjects.find((x) => x.key === '003')!;
    expect(toNumber(s.total)).toBe(-2);
    expect(flagKeys(s.flags)).toEqual(['通报批评']);
    expect(s.rank).toBe(3);
    // 财政 has only 王五: unit total −2 < 0 → 部门通报批评; 民政 10 + 10 = 20 is not flagged
    expect(flagKeys(result.units.find((u) => u.unit === '财政')!.flags)).toEqual(['部门通报批评']);
    expect(result.units.find((u) => u.unit === '民政')!.flags).toEqual([]);
  });

  it('takes explicit points for 徇私舞弊 (double what should have been deducted)', () => {
    // should have deducted 1.5 → records 3; 10 − 3 = 7
    const records = [record('3.1', { personId: '001', unit: '民政' }, { points: pts(3) })];
    const s = run('bianmin-10pt', { roster: people, records, peer: [] }).subjects.find((x) => x.key === '001')!;
    expect(toNumber(s.total)).toBe(7);
  });

  it('uses competition ranking: 10, 10, 9 → 1, 1, 3', () => {
    const records = [record('1.3', { personId: '003', unit: '财政' })];
    const result = run('bianmin-10pt', { roster: people, records, peer: [] });
    expect(result.subjects.map((s) => [s.key, s.rank])).toEqual([
      ['001', 1],
      ['002', 1],
      ['003', 3],
    ]);
  });
});

describe('a total past the scheme’s maximum (满分)', () => {
  // street-1000-person: base 1000, bonus up to 100, maximum 1000; 丙's B科 scored 1000 as a unit (its share 300 of 300).
  const bing = person('003', '丙', 'B科');
  const who = { personId: '003', unit: 'B科' };
  const street = (records: ReturnType<typeof record>[]) => run('street-1000-person', { roster: [bing], records, unitTotals: new Map([['B科', pts(1000)]]) });

  it('cuts the bonus past 1000 on the bonus line and says so: −10 and +30 give a bonus of 10, and 1000 − 10 + 10 = 1000', () => {
    const result = street([record('2.1', who, { points: pts(10) }), record('11.1', who, { points: pts(30) })]);
    const s = subject(result, '003');
    // 1000 − 10 + 30 = 1020, 20 past the maximum 1000: the +30 counts 10
    expect(toNumber(s.total)).toBe(1000);
    expect(toNumber(s.deductions)).toBe(10);
    expect(toNumber(s.bonus)).toBe(10);
    expect(toNumber(s.items.find((it) => it.code === '11')!.score)).toBe(10);
    const bonusLine = traceOf(result, '003').find((l) => l.ruleCode === '11.1')!;
    expect([toNumber(bonusLine.listed), toNumber(bonusLine.counted)]).toEqual([30, 10]);
    expect(bonusLine.notes).toEqual([{ code: 'maximum_cut', maximum: pts(1000), cut: pts(20) }]);
  });

  it('counts the bonus lines in date order until the room under 1000 is used', () => {
    const result = street([record('2.1', who, { points: pts(10) }), record('11.1', who, { points: pts(15), date: '2026-10-20' as IsoDate }), record('11.1', who, { points: pts(15), date: '2026-10-05' as IsoDate })]);
    // 1000 − 10 + 15 + 15 = 1020: room for 10 of bonus; the 5 October +15 counts 10 (5 cut), the 20 October +15 counts 0 (15 cut)
    const lines = traceOf(result, '003').filter((l) => l.ruleCode === '11.1');
    expect(lines.map((l) => [l.date, toNumber(l.counted), l.notes.map((n) => ('cut' in n ? toNumber(n.cut) : n.code))])).toEqual([
      ['2026-10-05', 10, [5]],
      ['2026-10-20', 0, [15]],
    ]);
    expect(toNumber(subject(result, '003').bonus)).toBe(10);
  });

  it('scores the items on the very lines the trace gives, after the item cap and the maximum both cut', () => {
    const result = street([
      record('2.1', who, { points: pts(10) }),
      record('11.1', who, { points: pts(60), date: '2026-10-03' as IsoDate }),
      record('11.1', who, { points: pts(70), date: '2026-10-08' as IsoDate }),
    ]);
    // item 11 capped at 100: 60 + 70 counts 60 + 40 (30 cut); 1000 − 10 + 100 = 1090, 90 past 1000:
    // room for 10 of bonus, so the 3 October line counts 10 (50 cut) and the 8 October one 0 (40 more cut)
    const lines = traceOf(result, '003');
    const bonusLines = lines.filter((l) => l.itemCode === '11');
    expect(bonusLines.map((l) => [toNumber(l.counted), l.notes.map((n) => [n.code, 'cut' in n ? toNumber(n.cut) : null])])).toEqual([
      [10, [['maximum_cut', 50]]],
      [0, [['bonus_item_cap', 30], ['maximum_cut', 40]]],
    ]);
    const s = subject(result, '003');
    // the items add up what the trace counts: 11 adds 10 + 0, 2 deducts 10; 1000 − 10 + 10 = 1000
    expect(toNumber(s.items.find((it) => it.code === '11')!.added)).toBe(10);
    expect(toNumber(s.items.find((it) => it.code === '2')!.deducted)).toBe(10);
    expect([toNumber(s.bonus), toNumber(s.deductions), toNumber(s.total)]).toEqual([10, 10, 1000]);
  });

  it('cuts nothing at the maximum itself: −10 and +10 give 1000 with the bonus 10 whole', () => {
    const result = street([record('2.1', who, { points: pts(10) }), record('11.1', who, { points: pts(10) })]);
    const s = subject(result, '003');
    // 1000 − 10 + 10 = 1000
    expect([toNumber(s.total), toNumber(s.bonus)]).toEqual([1000, 10]);
    expect(traceOf(result, '003').flatMap((l) => l.notes)).toEqual([]);
  });
});
