import { add, divideRoundHalfUp, type Hundredths } from '../core/decimal.js';
import type { SourceLocation } from '../core/problems.js';
import type { Scheme } from '../scheme/model.js';
import { rankDescending, topAwards } from './rank.js';
import type { AwardResult, GradeResult, ScoreResult } from './result.js';

/** One period's result of one subject, as the year list shows it. */
export interface PeriodEntry {
  label: string;
  total: Hundredths;
  /** Bonus excluded: what city-hall-annual's 月度考核 averages. */
  base: Hundredths;
  grade: GradeResult | null;
  flags: string[];
}

/** A person's year of leave and attendance, for the 003 consequences. */
export interface LeaveYear {
  absentDays: number;
  longestAbsentRun: number;
  leaveDays: Record<string, number>;
  /** Where the counted days came from: absent dates, leave rows by type. */
  evidence: { absentDates: string[]; leaveRows: { type: string; at: SourceLocation }[] };
}

export interface YearFlag {
  name: string;
  /** In words: why (which months, which totals, which leave). */
  because: string;
  note: string | null;
  /** The leave rows behind a leave consequence. */
  rows: SourceLocation[];
}

export interface YearRow {
  key: string;
  name: string;
  unit: string;
  category: string;
  periods: (PeriodEntry | null)[];
  total: Hundredths | null;
  /** What rank and thresholds compare: the total, pro-rated to the whole run when asked. */
  comparable: Hundredths | null;
  rank: number | null;
  awards: AwardResult[];
  flags: YearFlag[];
  present: number;
}

export interface YearResult {
  scheme: Scheme;
  year: number;
  labels: string[];
  rows: YearRow[];
  warnings: { award: string; rank: number; winners: number; top: number }[];
}

export interface YearSubject {
  key: string;
  name: string;
  unit: string;
  category: string;
}

/**
 * The year list from the periods' results (or an annual scheme's result): totals by the
 * scheme's year rule, rank, year awards, year flags, partial-year marks and leave consequences.
 * Pure: everything comes in.
 */
export function scoreYear(
  scheme: Scheme,
  year: number,
  labels: readonly string[],
  periods: readonly ScoreResult[],
  subjects: readonly YearSubject[],
  leave: ReadonlyMap<string, LeaveYear>,
  annual: ScoreResult | null,
): YearResult {
  const rules = scheme.year;
  const rows: YearRow[] = subjects.map((subject) => {
    const entries = periods.map((result) => {
      const s = result.subjects.find((x) => x.key === subject.key);
      if (!s) return null;
      return { label: result.period.label, total: s.total, base: (s.total - s.bonus) as Hundredths, grade: s.grade, flags: [...new Set(s.flags.map((f) => f.name))] };
    });
    const present = entries.filter((e): e is PeriodEntry => e !== null);
    let total: Hundredths | null = null;
    const annualSubject = annual?.subjects.find((s) => s.key === subject.key);
    if (annualSubject) total = annualSubject.total;
    else if (present.length > 0 && rules?.total === 'sum') total = add(...present.map((e) => e.total));
    else if (present.length > 0 && rules?.total === 'mean') total = divideRoundHalfUp(BigInt(add(...present.map((e) => e.total))), BigInt(present.length));
    // 合计 × 期数 ÷ 在岗期数: people present part of the year meet the same bar.
    const comparable =
      total !== null && rules?.total === 'sum' && rules.prorate && present.length > 0 && present.length < labels.length
        ? divideRoundHalfUp(BigInt(total) * BigInt(labels.length), BigInt(present.length))
        : total;
    return { ...subject, periods: entries, total, comparable, rank: null, awards: [], flags: [], present: present.length };
  });

  const ranked = rows.filter((r) => r.comparable !== null);
  const { ranks } = rankDescending(
    ranked.map((r) => r.comparable as number),
    scheme.ranking,
  );
  ranked.forEach((r, i) => (r.rank = ranks[i] as number));
  const warnings: YearResult['warnings'] = [];
  for (const award of rules?.awards ?? []) {
    const { winners, tiedAt } = topAwards(ranks, award.top);
    for (const i of winners) ranked[i]?.awards.push({ name: award.name, tied: ranks[i] === tiedAt });
    if (tiedAt !== null) warnings.push({ award: award.name, rank: tiedAt, winners: winners.length, top: award.top });
  }
  if (annual) {
    for (const row of rows) {
      const s = annual.subjects.find((x) => x.key === row.key);
      for (const f of s?.flags ?? []) row.flags.push({ name: f.name, because: '年度考核', note: null, rows: [] });
    }
  }

  const lowest = ranked.length > 0 ? Math.min(...ranked.map((r) => r.comparable as number)) : null;
  for (const row of rows) {
    row.periods.forEach((p) => {
      for (const flag of p?.flags ?? []) row.flags.push({ name: `${shortLabel(p!.label)}${flag}`, because: `${p!.label} 考核结果`, note: null, rows: [] });
    });
    // An annual scheme marks partial years by its own rule (不满一年：出具工作鉴定).
    if (!annual && row.present < labels.length && row.present > 0) {
      row.flags.push({ name: `不满一年：${row.present}${labels[0]?.includes('H') ? '个半年' : '个月'}`, because: `在岗 ${row.periods.flatMap((p) => (p ? [shortLabel(p.label)] : [])).join('、')}`, note: null, rows: [] });
    }
    for (const flag of rules?.flags ?? []) {
      if (row.comparable === null || row.comparable >= flag.totalBelow) continue;
      if (flag.lowest && row.comparable !== lowest) continue;
      const shown = row.comparable === row.total ? `全年 ${row.total! / 100}` : `全年 ${row.total! / 100}（按在岗期折算 ${row.comparable / 100}）`;
      row.flags.push({ name: flag.name, because: `${shown} 低于 ${flag.totalBelow / 100}${flag.lowest ? '，且为中心最低' : ''}`, note: flag.notes.get(row.category) ?? null, rows: [] });
    }
    const stats = leave.get(row.key);
    for (const rule of rules?.leave ?? []) {
      if (!stats) continue;
      const value = rule.measure === 'absent_days' ? stats.absentDays : rule.measure === 'consecutive_absent_days' ? stats.longestAbsentRun : (stats.leaveDays[rule.type ?? ''] ?? 0);
      if (value <= rule.over) continue;
      const what = rule.measure === 'leave_days' ? `${rule.type}${value}天` : rule.measure === 'absent_days' ? `旷工${value}天（${stats.evidence.absentDates.join('、')}）` : `连续旷工${value}个工作日`;
      const rows = rule.measure === 'leave_days' ? stats.evidence.leaveRows.filter((r) => r.type === rule.type).map((r) => r.at) : [];
      row.flags.push({ name: rule.name, because: `${what}，超过${rule.over}天`, note: null, rows });
    }
  }
  return { scheme, year, labels: [...labels], rows, warnings };
}

/** "2026-03" → "3月", "2026-H1" → "上半年". */
export function shortLabel(label: string): string {
  if (label.endsWith('H1')) return '上半年';
  if (label.endsWith('H2')) return '下半年';
  return `${Number(label.slice(5))}月`;
}
