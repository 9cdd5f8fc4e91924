import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import type { IsoDate } from '../src/core/dates.js';
import { parsePeriod, type Period } from '../src/core/period.js';
import { builtinScheme } from './builtin-scheme.js';
import { formatTraceNote } from '../src/messages.js';
import { pointsSummary } from '../src/write/summary.js';
import { publicSummarizer } from '../src/write/public.js';
import { grade } from '../src/score/grades.js';
import type { Mark, MetricValue, MonthlyBase, Person } from '../src/core/input.js';
import { rankDescending } from '../src/score/rank.js';
import type { EngineWarning } from '../src/score/result.js';
import { person, pts, record, run, flagKeys, traceOf } from './builders.js';
import { tempDir, writeWorkbook } from './workbook.js';

const h2 = parsePeriod('2026-H2') as Period;
const year = parsePeriod('2026') as Period;
const nov = '2026-11-10' as IsoDate;
const at = { file: 't.xlsx', sheet: '指标' };

function metric(personId: string, unit: string, value: number): MetricValue {
  return { personId, unit, ruleCode: '4.2', value: pts(value), at };
}

describe('bingcha-halfyear', () => {
  const roster = [person('001', '张三', '民政'), person('002', '李四', '民政')];
  const subject = (result: ReturnType<typeof run>, key: string) => result.subjects.find((s) => s.key === key)!;
  const part = (result: ReturnType<typeof run>, key: string, item: string, name: string) =>
    toNumber(subject(result, key).items.find((it) => it.code === item)!.parts.find((p) => p.name === name)!.score);

  it('办结率 96% leaves 10 − (100 − 96) × 0.5 = 8 on that sub-item', () => {
    const result = run('bingcha-halfyear', { roster, records: [], metrics: [metric('001', '民政', 96), metric('002', '民政', 96.5)] }, false, h2);
    expect(part(result, '001', '4', '办结率')).toBe(8);
    // 96.5% → 3.5 points below × 0.5 = 1.75 → 8.25
    expect(part(result, '002', '4', '办结率')).toBe(8.25);
  });

  it('办结率 100% costs nothing and is no offence: not in the summaries, and explain says it was met', () => {
    const scheme = builtinScheme('bingcha-halfyear');
    const result = run('bingcha-halfyear', { roster, records: [], metrics: [metric('001', '民政', 100), metric('002', '民政', 96)] }, false, h2);
    const summaries = (key: string) => {
      const trace = traceOf(result, key);
      return [pointsSummary(scheme, subject(result, key), trace), publicSummarizer(scheme)(subject(result, key), trace)];
    };
    // 100% reaches the target: (100 − 100) × 0.5 = 0, so 办结率 is not listed; what is, is the
    // 创新 part (5, earned) that no record earned: 工作实绩 35 of 40, 扣分 5, so "创新未得分 -5".
    expect(summaries('001')).toEqual(['创新未得分 -5', '创新未得分 -5']);
    // 96%: (100 − 96) × 0.5 = 2 points, listed with the value it fell short at (not "1次").
    expect(summaries('002')).toEqual(['办结率未达100%（96%） -2; 创新未得分 -5', '办结率未达100%（96%） -2; 创新未得分 -5']);
    const rateNote = (key: string) => formatTraceNote(traceOf(result, key)[0]!.notes.find((n) => n.code === 'rate')!);
    expect(rateNote('001')).toBe('办结率 100%，达到100%，不扣分');
    // The note says how many points below and what each costs, so the −2 can be checked: 4 × 0.5 = 2 (probe16d 3).
    expect(rateNote('002')).toBe('办结率 96%，低于100%共4个百分点，每1个百分点扣0.5分');
  });

  it('two innovations earn +5 only (the 创新 part is capped at 5)', () => {
    const records = [record('4.5', { personId: '001', unit: '民政' }, { date: nov }), record('4.5', { personId: '001', unit: '民政' }, { date: nov })];
    const result = run('bingcha-halfyear', { roster, records }, false, h2);
    expect(part(result, '001', '4', '创新')).toBe(5);
    // 工作实绩 = 10 + 10 + 10 + 5 + 5 = 40; without an innovation 35
    expect(toNumber(subject(result, '001').items.find((it) => it.code === '4')!.score)).toBe(40);
    expect(toNumber(subject(result, '002').items.find((it) => it.code === '4')!.score)).toBe(35);
    // total 100 with it, 95 without
    expect(toNumber(subject(result, '001').total)).toBe(100);
    expect(toNumber(subject(result, '002').total)).toBe(95);
  });

  it('旷工 3 half-days cost 3 in 出勤值勤 (15 → 12)', () => {
    const records = [record('3.4', { personId: '001', unit: '民政' }, { date: nov, count: 3 })];
    const result = run('bingcha-halfyear', { roster, records }, false, h2);
    expect(part(result, '001', '3', '考勤')).toBe(5);
    expect(toNumber(subject(result, '001').items.find((it) => it.code === '3')!.score)).toBe(12);
  });

  it('迟到早退 every 5th costs 1 and 病事假 over 20 days costs 1 once', () => {
    // 迟到早退 4 + 7 = 11 → floor(11 / 5) = 2 points; leave 15 + 6 = 21 days > 20 → 1 point; 8 − 3 = 5
    const who = { personId: '001', unit: '民政' };
    const records = [
      record('3.2', who, { date: nov, count: 4 }),
      record('3.2', who, { date: '2026-12-01' as IsoDate, count: 7 }),
      record('3.1', who, { date: nov, count: 15 }),
      record('3.1', who, { date: '2026-12-02' as IsoDate, count: 6 }),
    ];
    const result = run('bingcha-halfyear', { roster, records }, false, h2);
    expect(part(result, '001', '3', '考勤')).toBe(5);
    const lines = traceOf(result, '001');
    expect(lines.map((l) => toNumber(l.counted))).toEqual([0, 0, 2, 1]);
  });

  it('grades at the boundaries: 89.99 / 90 / 74.99 / 75 / 59.99 / 60 with labels by category', () => {
    const scheme = builtinScheme('bingcha-halfyear');
    const totals = [89.99, 90, 74.99, 75, 59.99, 60].map(pts);
    const subjects = totals.map((total, i) => ({ key: String(i), total, category: i % 2 === 0 ? '公务员' : '事业' }));
    // with the quota set aside (everyone may be 优秀 here), thresholds alone decide
    const graded = grade({ ...scheme.grades!, quota: null }, subjects, rankDescending(totals, 'competition').ranks, [], scheme.decidedBy);
    expect(graded.map((g) => g.label)).toEqual(['称职', '优秀', '基本称职', '合格', '不称职', '基本合格']);
  });

  it('10 people with 4 at ≥ 90 → 2 优秀 (20%), the other two moved down and marked', () => {
    const people: Person[] = Array.from({ length: 10 }, (_, i) => ({ ...person(`1${i}`, `人${i}`, '民政'), category: i === 3 ? '公务员' : '事业' }));
    // everyone starts at 95 (no innovation); 不按规定着装 costs 1 each: 95, 94, 93, 92; the other six lose 10 (廉政) → 85
    const records = people.flatMap((p, i) =>
      i < 4
        ? Array.from({ length: i }, () => record('1.3', { personId: p.id, unit: '民政' }, { date: nov }))
        : [record('5.1', { personId: p.id, unit: '民政' }, { date: nov, points: pts(10) })],
    );
    const result = run('bingcha-halfyear', { roster: people, records }, false, h2);
    const byKey = (key: string) => result.subjects.find((s) => s.key === key)!;
    expect(['10', '11', '12', '13'].map((k) => toNumber(byKey(k).total))).toEqual([95, 94, 93, 92]);
    expect(['10', '11'].map((k) => byKey(k).grade)).toEqual([
      { level: 1, label: '优秀', quota: 'within' },
      { level: 1, label: '优秀', quota: 'within' },
    ]);
    // 93 (事业) → 合格, 92 (公务员) → 称职, both marked over the quota
    expect(byKey('12').grade).toEqual({ level: 2, label: '合格', quota: 'over' });
    expect(byKey('13').grade).toEqual({ level: 2, label: '称职', quota: 'over' });
    expect(byKey('12').flags).toEqual([{ code: 'quota_over', grade: '优秀', label: '合格', because: { grade: '合格' } }]);
    expect(byKey('14').grade).toMatchObject({ label: '合格', quota: null });
  });

  it('a tie straddling the quota gets nobody 优秀 for now: both 并列待定 with one place left (convention 9)', () => {
    const scheme = builtinScheme('bingcha-halfyear');
    // 10 people → quota 2 (20% of 10); 95 is inside; 94 and 94 share 2nd place for the 1 place left
    const totals = [95, 94, 94, 80, 80, 80, 80, 80, 80, 80].map(pts);
    const subjects = totals.map((total, i) => ({ key: `1${i}`, total, category: '事业' }));
    const warnings: EngineWarning[] = [];
    const graded = grade(scheme.grades!, subjects, rankDescending(totals, 'competition').ranks, warnings, scheme.decidedBy);
    expect(graded.slice(0, 3)).toEqual([
      { level: 1, label: '优秀', quota: 'within' },
      { level: 2, label: '合格', quota: 'pending', places: 1 },
      { level: 2, label: '合格', quota: 'pending', places: 1 },
    ]);
    expect(graded.filter((g) => g.label === '优秀')).toHaveLength(1);
    expect(warnings).toEqual([{ code: 'grade_quota_pending', grade: '优秀', quota: 2, places: 1, tied: ['11', '12'], settingKey: '优秀并列裁定', decidedBy: '中心主任办公会' }]);
  });

  it('the committee settles the tie by 工号 in 优秀并列裁定; never more than the quota', () => {
    const scheme = builtinScheme('bingcha-halfyear');
    const totals = [95, 94, 94, 80, 80, 80, 80, 80, 80, 80].map(pts);
    const subjects = totals.map((total, i) => ({ key: `1${i}`, total, category: '事业' }));
    const ranks = rankDescending(totals, 'competition').ranks;
    const settled: EngineWarning[] = [];
    const ruled = grade(scheme.grades!, subjects, ranks, settled, scheme.decidedBy, ['12']);
    // 12 chosen → 优秀 (95 and 12: 2 = quota); 11 drops to 合格
    expect(ruled.slice(0, 3).map((g) => [g.label, g.quota])).toEqual([
      ['优秀', 'within'],
      ['合格', 'over'],
      ['优秀', 'ruled'],
    ]);
    expect(settled).toEqual([]);
    // choosing both would give 3 优秀 > 2: refused, both stay pending
    const excess: EngineWarning[] = [];
    const refused = grade(scheme.grades!, subjects, ranks, excess, scheme.decidedBy, ['11', '12']);
    expect(refused.filter((g) => g.label === '优秀')).toHaveLength(1);
    expect(excess.map((w) => w.code)).toEqual(['grade_quota_ruling_excess', 'grade_quota_pending']);
  });
});

describe('city-hall-monthly', () => {
  const roster = [person('001', '张三', '审批科')];

  it('flags 退回所在部门 for 吃拿卡要 even at 118 points', () => {
    const who = { personId: '001', unit: '审批科' };
    const records = [
      record('5.1', who, { points: pts(10), matter: 'A' }),
      record('5.3', who, { points: pts(8) }),
      record('6.1', who), // veto: scores nothing
    ];
    const s = run('city-hall-monthly', { roster, records }).subjects[0]!;
    // 100 + 10 + 8 = 118
    expect(toNumber(s.total)).toBe(118);
    expect(flagKeys(s.flags)).toEqual(['退回所在部门，并通报有关部门处理']);
  });

  it('flags 无故缺席 from three days (以上 includes three), not two', () => {
    const who = { personId: '001', unit: '审批科' };
    expect(run('city-hall-monthly', { roster, records: [record('6.2', who, { count: 2 })] }).subjects[0]!.flags).toEqual([]);
    const flagged = run('city-hall-monthly', { roster, records: [record('6.2', who, { count: 2 }), record('6.2', who)] }).subjects[0]!;
    expect(flagKeys(flagged.flags)).toEqual(['退回所在部门，并通报有关部门处理']);
  });

  it('caps a section at its points with recorder-given points', () => {
    // 遵守工作纪律 30: 20 + 15 = 35 → 30; total 70
    const who = { personId: '001', unit: '审批科' };
    const s = run('city-hall-monthly', { roster, records: [record('1.1', who, { points: pts(20) }), record('1.1', who, { points: pts(15) })] }).subjects[0]!;
    expect(toNumber(s.total)).toBe(70);
  });
});

describe('city-hall-annual', () => {
  const roster = [person('001', '张三', '审批科'), person('002', '李四', '审批科')];
  const months = (key: string, bases: number[]): MonthlyBase[] =>
    bases.map((b, i) => ({ subjectKey: key, month: `2026-${String(i + 1).padStart(2, '0')}`, base: pts(b), at: { file: 't.xlsx', sheet: '月度' } }));
  const marks = (personId: string, values: [string, number][]): Mark[] =>
    values.map(([itemCode, v]) => ({ personId, unit: '审批科', itemCode, value: pts(v), at: { file: 't.xlsx', sheet: '评分' } }));

  it('monthly base scores averaging 95 give 57 of 60; marks 5/7/7 and deductions give the hand-worked total', () => {
    const who = { personId: '001', unit: '审批科' };
    const result = run(
      'city-hall-annual',
      {
        roster,
        records: [record('3.1', who, { points: pts(2) }), record('7.1', who, { points: pts(3) })],
        monthly: [...months('001', [94, 96, 94, 96, 94, 96, 94, 96, 94, 96, 94, 96]), ...months('002', [100, 100, 100, 100, 100, 100, 100, 100, 100, 100])],
        marks: [...marks('001', [['2', 5], ['4', 7], ['5', 7]]), ...marks('002', [['2', 6], ['4', 8], ['5', 8]])],
      },
      false,
      year,
    );
    const s = result.subjects.find((x) => x.key === '001')!;
    // 月度 60 × 95 / 100 = 57
    expect(toNumber(s.items.find((it) => it.code === '1')!.score)).toBe(57);
    // 100 − (60 − 57) − (6 − 5) − 2 − (8 − 7) − (8 − 7) − 0 + 3 = 95
    expect(toNumber(s.total)).toBe(95);
    expect(s.flags).toEqual([]);
    // 李四: ten months only → full marks 100, flagged 不满一年
    const li = result.subjects.find((x) => x.key === '002')!;
    expect(toNumber(li.total)).toBe(100);
    expect(flagKeys(li.flags)).toEqual(['不满一年：出具工作鉴定']);
  });

  it('the summaries list what the monthly mean and the committee marks lost, as the 扣分 column counts it', () => {
    const scheme = builtinScheme('city-hall-annual');
    const result = run(
      'city-hall-annual',
      {
        roster,
        records: [],
        // 张三: 1199.89 over 12 months → 60 × 1199.89 / 1200 = 59.9945 → 59.99; 李四: 12 × 100 → 60
        monthly: [...months('001', [100, 100, 100, 100, 99.89, 100, 100, 100, 100, 100, 100, 100]), ...months('002', Array.from({ length: 12 }, () => 100))],
        marks: [...marks('001', [['2', 5.5], ['4', 8], ['5', 8]]), ...marks('002', [['2', 6], ['4', 8], ['5', 8]])],
      },
      false,
      year,
    );
    const zhang = result.subjects.find((x) => x.key === '001')!;
    // 扣分 (60 − 59.99) + (6 − 5.5) = 0.51, total 99.49: the summary names both, in item order
    expect([toNumber(zhang.deductions), toNumber(zhang.total)]).toEqual([0.51, 99.49]);
    const trace = traceOf(result, '001');
    expect(pointsSummary(scheme, zhang, trace)).toBe('月度考核情况 -0.01; 个人总结情况 -0.5');
    // the notice names the items too: a committee mark's and the monthly item's names are the 考评办法's headings
    expect(publicSummarizer(scheme)(zhang, trace)).toBe('月度考核情况 -0.01; 个人总结情况 -0.5');
    // 李四: full marks everywhere, nothing lost
    expect(pointsSummary(scheme, result.subjects.find((x) => x.key === '002')!, traceOf(result, '002'))).toBe('无扣分');
  });
});

describe('street-1000', () => {
  it('has ten norms of 100 adding up to 1000, and a bonus item within the 1000 maximum', () => {
    const scheme = builtinScheme('street-1000');
    expect(scheme.items.map((it) => it.type)).toEqual([...Array.from({ length: 10 }, () => 'deduction'), 'bonus']);
    expect(scheme.items.map((it) => (it.type === 'deduction' ? it.points : 0)).slice(0, 10)).toEqual(Array.from({ length: 10 }, () => 10000));
    // schemes.md names the first norm 首问责任制规范 (the seed's heading, 办事首问责任制规范, stays in its quote)
    expect(scheme.items[0]!.name).toBe('首问责任制规范');
    expect(scheme.base).toBe(100000);
    expect(scheme.maximum).toBe(100000);
  });

  it("scores a person as 700 own (70 per norm) + 300 × unit score / 1000", async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-10.xlsx'), {
      人员: [
        ['工号', '姓名', '科室'],
        ['001', '张三', '党政办'],
        ['002', '李四', '党政办'],
        ['003', '王五', '财政所'],
      ],
      记录: [
        ['日期', '工号', '科室', '项目', '分值'],
        ['2026-10-08', '001', null, '1.1', 20],
        // one case may take at most the norm's 100; two add up past it
        ['2026-10-09', null, '党政办', '3.1', 90],
        ['2026-10-10', null, '党政办', '3.1', 60],
      ],
    });
    const units = await runScore(path, { scheme: 'street-1000' });
    // 党政办: 1000 − 20 − min(90 + 60, 100) = 880; 财政所 1000
    expect(units.result.subjects.map((s) => [s.key, toNumber(s.total)])).toEqual([
      ['财政所', 1000],
      ['党政办', 880],
    ]);
    const people = await runScore(path, { scheme: 'street-1000-person' });
    const total = (key: string) => toNumber(people.result.subjects.find((s) => s.key === key)!.total);
    // 张三: 700 − 20 + 300 × 880 / 1000 = 680 + 264 = 944; 李四: 700 + 264 = 964; 王五: 700 + 300 = 1000
    expect(total('001')).toBe(944);
    expect(total('002')).toBe(964);
    expect(total('003')).toBe(1000);
    // the 300-point share lost 300 − 264 = 36 with no record of the person's: named by its item
    const summary = (key: string) => pointsSummary(people.result.scheme, people.result.subjects.find((s) => s.key === key)!);
    expect([summary('002'), summary('003')]).toEqual(['所在科室得分折算 -36', '无扣分']);
  });
});

