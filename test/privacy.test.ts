import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { hundredths, type Hundredths } from '../src/core/decimal.js';
import type { IsoDate } from '../src/core/dates.js';
import { monthPeriod, parsePeriod, type Period } from '../src/core/period.js';
import { builtinSchemeIds } from '../src/scheme/load.js';
import { builtinScheme } from './builtin-scheme.js';
import { rulesOf, type Rule, type Scheme } from '../src/scheme/model.js';
import { scorePeriod } from '../src/score/engine.js';
import type { EntryRecord, Mark, MetricValue, MonthlyBase, PeerRating, Person } from '../src/core/input.js';
import { scoreYear } from '../src/score/year.js';
import type { LeaveYear } from '../src/core/input.js';
import { formatFlag, formatYearFlag } from '../src/messages.js';
import { noticeWorkbook, resultWorkbook } from '../src/write/output.js';
import { publicSummarizer, publicWording, publicYearWording } from '../src/write/public.js';
import { pointsSummary } from '../src/write/summary.js';
import { pts, record, run, traceOf } from './builders.js';
import type { RunInfo } from '../src/write/run-info.js';
import { yearWorkbook } from '../src/write/year.js';

/**
 * Every built-in scheme's notices (the month's 公示 and the year's 等次公示), rendered from a
 * period in which one person triggers every rule, so every flag of the scheme is raised, and a
 * year in which they exceed every leave limit. The notices may show public wordings only.
 */

/** Words that must never reach a notice board (leave, health, discipline, law, dismissal). */
const PRIVATE_WORDS = ['事假', '病假', '病事假', '年休假', '婚假', '丧假', '产假', '公差', '补签', '请假', '违法', '违纪', '党纪', '政纪', '被查处', '辞退', '旷职', '吃拿卡要', '不廉洁', '徇私', '舞弊'];

const at = { file: 'p.xlsx', sheet: '记录' };
const octoberDate = '2026-10-12' as IsoDate;

function periodOf(scheme: Scheme): Period {
  return scheme.period === 'month' ? monthPeriod(2026, 10) : (parsePeriod(scheme.period === 'half' ? '2026-H2' : '2026') as Period);
}

function person(id: string, name: string, unit: string): Person {
  return { id, name, unit, category: '其他', start: null, end: null, clockId: '', at: { file: 'p.xlsx', sheet: '人员' } };
}

/** One record of a rule that counts as much as the rule allows (a flag's at_least is at most 5 here). */
function heavyRecord(rule: Rule, who: Person): EntryRecord {
  const base = { date: octoberDate, personId: who.id, unit: who.unit, ruleCode: rule.code, matter: null, note: '病假期间违纪被查处（说明，不得公示）', recorder: '', at };
  switch (rule.kind) {
    case 'ranged':
      return { ...base, count: 1, points: rule.max };
    case 'explicit':
      return { ...base, count: 1, points: hundredths(500) };
    case 'over':
      return { ...base, count: rule.threshold + 5, points: null };
    case 'per_n':
      return { ...base, count: rule.every * 2, points: null };
    default:
      return { ...base, count: 5, points: null };
  }
}

function scoreEverything(scheme: Scheme) {
  const roster = [person('001', '甲', '一科'), person('002', '乙', '一科'), person('003', '丙', '二科')];
  const offender = roster[0] as Person;
  const rules = scheme.items.flatMap(rulesOf).filter((r) => r.kind !== 'rate');
  const records = rules.map((r) => heavyRecord(r, offender));
  const units = [...new Set(roster.map((p) => p.unit))];
  const keys = scheme.subject === 'unit' ? units : roster.map((p) => p.id);
  const peer: PeerRating[] = keys.flatMap((rater) => keys.filter((k) => k !== rater).map((ratee) => ({ rater, ratee, score: hundredths(9000), at })));
  const metrics: MetricValue[] = scheme.items.flatMap(rulesOf).flatMap((r) => (r.kind === 'rate' ? roster.map((p) => ({ personId: p.id, unit: p.unit, ruleCode: r.code, value: hundredths(p === offender ? 5000 : 10000), at })) : []));
  const marks: Mark[] = scheme.items.flatMap((it) => (it.type === 'mark' ? roster.map((p) => ({ personId: p.id, unit: p.unit, itemCode: it.code, value: (p === offender ? 0 : it.points) as Hundredths, at })) : []));
  // The offender has three months in the hall (不满一年), the others twelve.
  const monthly: MonthlyBase[] = scheme.items.some((it) => it.type === 'monthly')
    ? keys.flatMap((key) => Array.from({ length: key === '001' ? 3 : 12 }, (_, m) => ({ subjectKey: key, month: `2026-${String(m + 1).padStart(2, '0')}`, base: hundredths(key === '001' ? 5000 : 9500), at })))
    : [];
  const unitTotals = new Map(units.map((u) => [u, hundredths(50000)]));
  // The offender also covers 乙's window for two days (临时替岗).
  const covers = [{ substituteId: '001', holderId: '002', first: octoberDate, last: '2026-10-13' as IsoDate, at: { file: 'p.xlsx', sheet: '替岗', row: 2 } }];
  return scorePeriod(scheme, { period: periodOf(scheme), roster, records, peer, metrics, marks, monthly, unitTotals, covers }, { allowMissingPeer: false });
}

const info: RunInfo = {
  kaoheVersion: 'test',
  scheme: { id: 'x', origin: 'x', sha256: '0'.repeat(64) },
  inputs: [],
  settings: new Map([
    ['单位名称', '某某便民服务中心'],
    ['公示联系电话', '0513-80000000'],
  ]),
  noticeDate: '2026-11-23' as IsoDate,
  noticeDays: 5,
  noticePeriod: { first: '2026-11-23' as IsoDate, last: '2026-11-27' as IsoDate, weekdaysOnly: false },
  options: {},
  assumptions: [],
};

/** A year far over every leave limit: 40 days absent, 20 in a row, 70 days 事假, 40 days 病假. */
const heavyLeave: LeaveYear = {
  absentDays: 40,
  longestAbsentRun: 20,
  leaveDays: { 事假: 70, 病假: 40 },
  evidence: { absentDates: ['2026-10-12'], leaveRows: [{ type: '病假', at: { file: 'p.xlsx', sheet: '请假', row: 2 } }], absentRows: [] },
};

async function sheetText(buffer: Buffer, name: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name}`);
  const texts: string[] = [];
  sheet.eachRow((row) => row.eachCell((cell) => texts.push(String(cell.text))));
  return texts.join('\n');
}

/** What must not be on a notice of this scheme: the words above, rules behind flags, internal flag names. */
function privateTermsOf(scheme: Scheme): string[] {
  const behindFlags = scheme.flags.flatMap((f) => ('rule' in f.when ? [scheme.rulesByCode.get(f.when.rule)?.name ?? ''] : []));
  const vetoes = scheme.items.flatMap(rulesOf).filter((r) => r.kind === 'flag').map((r) => r.name);
  const internal = [
    ...scheme.flags.filter((f) => f.public === null).map((f) => f.name),
    ...(scheme.year?.flags ?? []).filter((f) => f.public === null).map((f) => f.name),
    ...(scheme.year?.leave ?? []).filter((f) => f.public === null).map((f) => f.name),
    ...(scheme.grades?.consequences ?? []).filter((c) => c.public === null).map((c) => c.flag),
    ...(scheme.cover && scheme.cover.public === null ? [scheme.cover.flag] : []),
    ...(scheme.year?.flags ?? []).flatMap((f) => [...f.notes.values()]),
    '缺互评',
  ];
  return [...PRIVATE_WORDS, ...behindFlags, ...vetoes, ...internal].filter(Boolean);
}

describe.each(builtinSchemeIds())('notices of %s show public fields only', async (id) => {
  const scheme = builtinScheme(id);
  const month = scoreEverything(scheme);
  const periods = scheme.period === 'year' ? [] : [month];
  const labels = periods.map((p) => p.period.label);
  const subjects = month.subjects.map((s) => ({ key: s.key, name: s.name, unit: s.unit, category: '其他' }));
  const leave = new Map(scheme.subject === 'person' ? [['001', heavyLeave]] : []);
  const year = scoreYear(scheme, 2026, labels, periods, subjects, leave, scheme.period === 'year' ? month : null);
  const monthNotice = await sheetText(await resultWorkbook(month, info), '公示');
  const reprinted = await sheetText(await noticeWorkbook(month, info), '公示');
  const yearNotice = await sheetText(await yearWorkbook(year, info, null), '等次公示');

  it('raises every flag the scheme defines (so the check below has something to hide)', () => {
    const raised = new Set([...month.subjects.flatMap((s) => s.flags.map(formatFlag)), ...month.units.flatMap((u) => u.flags.map(formatFlag))]);
    for (const flag of scheme.flags) expect(raised, flag.name).toContain(flag.name);
    for (const c of scheme.grades?.consequences ?? []) expect(raised, c.flag).toContain(c.flag);
    if (scheme.cover) expect(raised).toContain(scheme.cover.flag);
    const yearRaised = new Set(year.rows.flatMap((r) => r.flags.map(formatYearFlag)));
    for (const flag of [...(scheme.year?.flags ?? []), ...(scheme.year?.leave ?? [])]) expect(yearRaised, flag.name).toContain(flag.name);
  });

  it('公示 and 等次公示 carry no private word, no rule behind a flag, no internal flag and no note', () => {
    for (const term of privateTermsOf(scheme)) {
      expect(monthNotice, `公示 shows “${term}”`).not.toContain(term);
      expect(yearNotice, `等次公示 shows “${term}”`).not.toContain(term);
    }
  });

  it('notice -o reprints the same 公示, summaries included', () => {
    expect(reprinted).toBe(monthNotice);
  });

  it('shows each raised flag by its public wording', () => {
    const offender = month.subjects.find((s) => s.key === (scheme.subject === 'unit' ? '一科' : '001'))!;
    for (const wording of new Set(offender.flags.map(publicWording))) if (wording) expect(monthNotice).toContain(wording);
    // A unit's flag (部门通报批评) is said under the table, by its public wording.
    for (const unit of month.units) for (const wording of unit.flags.map(publicWording)) if (wording) expect(monthNotice).toContain(`${wording}：${unit.unit}`);
    for (const wording of new Set(year.rows.flatMap((r) => r.flags.map(publicYearWording)))) if (wording) expect(yearNotice).toContain(wording);
  });
});

describe('a 违纪 rule on the notice', () => {
  it('bianmin-10pt 3.1 考核中徇私舞弊 shows as its item 考核执行, without the reason or a count', () => {
    // One record of 3.1 with 分值 4 (double the 2 points that should have been deducted): 10 − 4 = 6.
    const scheme = builtinScheme('bianmin-10pt');
    const result = run('bianmin-10pt', { roster: [person('003', '李四', '医保')], records: [record('3.1', { personId: '003', unit: '医保' }, { points: pts(4) })] });
    const subject = result.subjects[0]!;
    const trace = traceOf(result, '003');
    expect(subject.total).toBe(pts(6));
    expect(publicSummarizer(scheme)(subject, trace)).toBe('考核执行 -4');
    // The 得分表 (internal) keeps the rule's own name.
    expect(pointsSummary(scheme, subject, trace)).toBe('考核中徇私舞弊1次 -4');
  });
});
