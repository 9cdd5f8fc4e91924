import { add, divideRoundHalfUp, type Hundredths } from '../core/decimal.js';
import type { IsoDate } from '../core/dates.js';
import { parsePeriod } from '../core/period.js';
import type { SourceLocation } from '../core/problems.js';
import { isActiveIn, unitKey, type LeaveYear } from '../core/input.js';
import type { BonusEffect, LeaveMeasure, Scheme } from '../scheme/model.js';
import { rankDescending, topAwards } from './rank.js';
import type { AwardResult, EngineWarning, FlagResult, GradeResult, ScoreResult, UnitResult } from './result.js';

/** The figures the score contract gives each subject: items by code, deductions, bonus, total. */
export interface Figures {
  items: Record<string, Hundredths>;
  deductions: Hundredths;
  bonus: Hundredths;
  total: Hundredths;
}

/** One period's result of one subject, as the year list shows it. */
export interface PeriodEntry extends Figures {
  label: string;
  /** Bonus excluded: what city-hall-annual's 月度考核 averages. */
  base: Hundredths;
  grade: GradeResult | null;
  flags: FlagResult[];
}

/** A year-list flag as data, worded in src/messages.ts. */
export type YearFlag = (
  /**
   * `periods`: the periods the subject has results in, the basis of a months_below flag (不满一年);
   * `dated`: periods the run lacks (--partial) that their roster dates count them in post.
   */
  | { code: 'annual'; flag: FlagResult; periods: string[]; dated: string[] }
  | { code: 'period'; period: string; flag: FlagResult }
  /**
   * `present`: the periods in post, those with results (`periods`) and those the run lacks
   * (--partial) that their roster dates count them in post (`dated`), as for 'annual'.
   */
  | { code: 'partial_year'; present: number; kind: 'month' | 'half'; periods: string[]; dated: string[] }
  | { code: 'year_total'; name: string; public: string | null; total: Hundredths; comparable: Hundredths; below: Hundredths; lowest: boolean }
  | { code: 'leave'; name: string; public: string | null; measure: LeaveMeasure; type: string | null; value: number; over: number; dates: string[]; bonus: BonusEffect | null }
) & {
  /** Extra words the scheme gives by staff category (条管部门人员: 建议上级主管部门调离). */
  note: string | null;
  /** The leave rows behind a leave consequence. */
  rows: SourceLocation[];
};

export interface YearRow {
  key: string;
  name: string;
  unit: string;
  category: string;
  periods: (PeriodEntry | null)[];
  /** The year's figures by the scheme's rule (sum or mean of the periods, or the annual result). */
  figures: Figures | null;
  total: Hundredths | null;
  /** What rank and thresholds compare: the total, pro-rated to the whole run when asked. */
  comparable: Hundredths | null;
  /** Half-year roll-ups of a monthly scheme (上半年, 下半年) by the same rule; null where absent. */
  halves: (Hundredths | null)[] | null;
  rank: number | null;
  awards: AwardResult[];
  flags: YearFlag[];
  present: number;
}

/** A unit's year (bianmin-10pt's 部门): its period totals by the scheme's year rule, and its period flags. */
export interface YearUnit {
  unit: string;
  /** Null where the scheme has no year total (each period stands alone). */
  total: Hundredths | null;
  /** Each period's flags, with the unit's total of that period they were raised on. */
  flags: { period: string; flag: FlagResult; total: Hundredths }[];
}

export interface YearResult {
  scheme: Scheme;
  year: number;
  labels: string[];
  /** Periods of the year with no input (a --partial run), e.g. ["2026-11", "2026-12"]. */
  missing: string[];
  /** An annual scheme's own result, whose items (月度考核 → 60, marks, deductions, bonus) the year list shows. */
  annual: ScoreResult | null;
  /** The half-year labels when the year shows halves ("2026-H1", "2026-H2"). */
  halfLabels: string[];
  /** The N of each year award as run (the scheme's, or --top). */
  awardTops: { name: string; top: number; fromRun: boolean }[];
  /** In rank order; ties, and subjects without a total, in the order given (roster order). */
  rows: YearRow[];
  /** The units the periods total (a scheme with unit flags), in the order of the rows. */
  units: YearUnit[];
  /** The year's own: a tie at an award's boundary. */
  warnings: (Extract<EngineWarning, { code: 'award_tie' }> | LowestPassedOver)[];
  /** Each period's warnings (a quota tie pending, a year-span threshold…), with the period. */
  periodWarnings: { period: string; warning: EngineWarning }[];
}

/** People below a `lowest` flag's line at or under the centre's last place who had left by the period's end: not candidates. */
export interface LowestPassedOver {
  code: 'lowest_passed_over';
  flag: string;
  people: { name: string; end: IsoDate }[];
}

export interface YearSubject {
  key: string;
  name: string;
  unit: string;
  category: string;
  /** A person's 到岗日期 and 离岗日期, each the annual roster's, else the latest period's that gives it; none for a unit. */
  start?: IsoDate | null;
  end?: IsoDate | null;
}

interface YearOptions {
  /** --top N: the N of the year's awards (先进科室), instead of the scheme's default. */
  top?: number;
  /** Periods of the year without input (--partial): said on every output, counted in pro-rating. */
  missing?: readonly string[];
}

function entryOf(result: ScoreResult, key: string): PeriodEntry | null {
  const s = result.subjects.find((x) => x.key === key);
  if (!s) return null;
  return {
    label: result.period.label,
    items: Object.fromEntries(s.items.filter((it) => it.type !== 'veto').map((it) => [it.code, it.score])),
    deductions: s.deductions,
    bonus: s.bonus,
    total: s.total,
    base: (s.total - s.bonus) as Hundredths,
    grade: s.grade,
    flags: s.flags,
  };
}

/**
 * Sum or mean of periods' figures, each figure computed exactly and rounded once, half up, to
 * hundredths (convention 11): a mean is never taken of rounded parts.
 */
function combine(entries: readonly Figures[], rule: 'sum' | 'mean'): Figures {
  const of = (pick: (f: Figures) => Hundredths) => combined(entries.map(pick), rule);
  const codes = [...new Set(entries.flatMap((e) => Object.keys(e.items)))];
  return {
    items: Object.fromEntries(codes.map((c) => [c, of((f) => f.items[c] ?? (0 as Hundredths))])),
    deductions: of((f) => f.deductions),
    bonus: of((f) => f.bonus),
    total: of((f) => f.total),
  };
}

/** Periods' values summed, or their exact mean rounded once, half up (convention 11). */
function combined(values: readonly Hundredths[], rule: 'sum' | 'mean'): Hundredths {
  const sum = add(...values);
  return rule === 'sum' ? sum : divideRoundHalfUp(BigInt(sum), BigInt(values.length));
}

/**
 * Each unit's period totals combined by the year rule (none: no year total), with its period
 * flags; in the year list's order of their members (the first member's rank). A unit is one
 * however a month's roster writes it (unitKey), shown as its members' rows show it.
 */
function yearUnits(periods: readonly ScoreResult[], rows: readonly YearRow[], combining: 'sum' | 'mean' | null): YearUnit[] {
  // Each period's unit results by unit, keyed once, in period order.
  const totalled = new Map<string, { period: string; result: UnitResult }[]>();
  for (const r of periods) {
    for (const u of r.units) {
      const key = unitKey(u.unit);
      const entries = totalled.get(key) ?? [];
      entries.push({ period: r.period.label, result: u });
      totalled.set(key, entries);
    }
  }
  // Shown as the first member's row writes it, else as the first period's result does.
  const shown = new Map<string, string>();
  for (const { unit } of rows) {
    const key = unitKey(unit);
    if (totalled.has(key) && !shown.has(key)) shown.set(key, unit);
  }
  for (const [key, entries] of totalled) if (!shown.has(key)) shown.set(key, entries[0]!.result.unit);
  return [...shown].map(([key, unit]) => {
    const entries = totalled.get(key) ?? [];
    const total = combining === null ? null : combined(entries.map((e) => e.result.total), combining);
    return { unit, total, flags: entries.flatMap((e) => e.result.flags.map((flag) => ({ period: e.period, flag, total: e.result.total }))) };
  });
}

/**
 * Whether the year ranks and compares anyone by a prorated total (合计 × 期数 ÷ 在岗期数) that
 * differs from their 全年: the outputs then show that figure beside it.
 */
export function isProrated(result: Pick<YearResult, 'rows'>): boolean {
  return result.rows.some((r) => r.comparable !== r.total);
}

/**
 * Of the periods given, those a person's roster dates (到岗/离岗日期) reach: all of them unless
 * the dates end before one or begin after it. Counts a run's gap (--partial) as in post unless
 * the dates say otherwise: the gap is not the person's absence, while a given period they have no
 * result in is (they are not on its roster).
 */
export function periodsInPost(labels: readonly string[], dates: { start?: IsoDate | null; end?: IsoDate | null }): string[] {
  return labels.filter((label) => {
    const period = parsePeriod(label);
    return period !== null && isActiveIn({ start: dates.start ?? null, end: dates.end ?? null }, period);
  });
}

/** "2026-03" → its half: "2026-H1" for January–June, "2026-H2" for July–December. */
function halfOf(label: string): string {
  return `${label.slice(0, 4)}-H${Number(label.slice(5)) <= 6 ? 1 : 2}`;
}

/**
 * An annual scheme's flag as the year raises it: a months_below flag (不满一年) counts the months
 * a person was in post, the months with results it was raised on with the months the run lacks
 * that their dates reach (`dated`); null when those are enough. Other flags as scored.
 */
function inPostMonths(flag: FlagResult, dated: readonly string[]): FlagResult | null {
  if (!('monthsBelow' in flag.because)) return flag;
  const months = flag.because.months + dated.length;
  if (months >= flag.because.monthsBelow) return null;
  return { ...flag, because: { monthsBelow: flag.because.monthsBelow, months } };
}

/**
 * The year list from the periods' results (or an annual scheme's result): totals by the
 * scheme's year rule, half-year roll-ups, rank, year awards, year flags, partial-year marks and
 * leave consequences. Pure: everything comes in.
 */
export function scoreYear(
  scheme: Scheme,
  year: number,
  labels: readonly string[],
  periods: readonly ScoreResult[],
  subjects: readonly YearSubject[],
  leave: ReadonlyMap<string, LeaveYear>,
  annual: ScoreResult | null,
  options: YearOptions = {},
): YearResult {
  const rules = scheme.year;
  const missing = options.missing ?? [];
  const combining = rules && rules.total !== 'none' ? rules.total : null;
  const halfLabels = rules?.halves && combining ? [`${year}-H1`, `${year}-H2`] : [];
  const datedOf = new Map(subjects.map((s) => [s.key, periodsInPost(missing, s)]));
  const rows: YearRow[] = subjects.map((subject) => {
    const entries = periods.map((result) => entryOf(result, subject.key));
    const present = entries.filter((e): e is PeriodEntry => e !== null);
    const annualEntry = annual ? entryOf(annual, subject.key) : null;
    const figures = annualEntry ?? (combining && present.length > 0 ? combine(present, combining) : null);
    const total = figures?.total ?? null;
    // 合计 × 期数 ÷ 在岗期数: people present part of the year (or of a partial run) meet the whole year's bar.
    const whole = labels.length + missing.length;
    const comparable =
      total !== null && combining === 'sum' && rules?.prorate && present.length > 0 && present.length < whole
        ? divideRoundHalfUp(BigInt(total) * BigInt(whole), BigInt(present.length))
        : total;
    const halves =
      halfLabels.length > 0 && combining
        ? halfLabels.map((h) => {
            const inHalf = present.filter((e) => halfOf(e.label) === h);
            return inHalf.length > 0 ? combine(inHalf, combining).total : null;
          })
        : null;
    return { key: subject.key, name: subject.name, unit: subject.unit, category: subject.category, periods: entries, figures, total, comparable, halves, rank: null, awards: [], flags: [], present: present.length };
  });

  const ranked = rows.filter((r) => r.comparable !== null);
  const { order, ranks } = rankDescending(
    ranked.map((r) => r.comparable as number),
    scheme.ranking,
  );
  ranked.forEach((r, i) => (r.rank = ranks[i] as number));
  const warnings: YearResult['warnings'] = [];
  const awardTops = (rules?.awards ?? []).map((a) => ({ name: a.name, top: options.top ?? a.top, fromRun: options.top !== undefined }));
  for (const award of awardTops) {
    const { winners, tied, tie } = topAwards(ranks, award.top);
    for (const i of winners) ranked[i]?.awards.push({ name: award.name, tied: tied(i) });
    if (tie) warnings.push({ code: 'award_tie', award: award.name, ...tie, winners: winners.length, top: award.top, decidedBy: scheme.decidedBy });
  }
  if (annual) {
    for (const row of rows) {
      const s = annual.subjects.find((x) => x.key === row.key);
      if (!s) continue;
      const dated = datedOf.get(row.key) ?? [];
      for (const flag of s.flags) {
        const counted = inPostMonths(flag, dated);
        // The months with results are those whose bases the annual result was scored on.
        if (counted) row.flags.push({ code: 'annual', flag: counted, periods: s.months, dated: 'monthsBelow' in counted.because ? dated : [], note: null, rows: [] });
      }
    }
  }

  // The centre's last place (a flag's `lowest`) is among those in post at the period's end: one who
  // has left has no next year in the centre to be 待岗 in. Those passed over for it are said.
  const yearEnd = `${year}-12-31`;
  const endOf = new Map(subjects.map((s) => [s.key, s.end ?? null]));
  const left = (r: YearRow) => (endOf.get(r.key) ?? yearEnd) < yearEnd;
  const staying = ranked.filter((r) => !left(r));
  const lowest = staying.length > 0 ? Math.min(...staying.map((r) => r.comparable as number)) : null;
  for (const flag of (rules?.flags ?? []).filter((f) => f.lowest)) {
    const passed = ranked.filter((r) => left(r) && (r.comparable as number) < flag.totalBelow && (lowest === null || (r.comparable as number) <= lowest));
    if (passed.length > 0) warnings.push({ code: 'lowest_passed_over', flag: flag.name, people: passed.map((r) => ({ name: r.name, end: endOf.get(r.key)! })) });
  }
  for (const row of rows) {
    for (const p of row.periods) for (const flag of p?.flags ?? []) row.flags.push({ code: 'period', period: p!.label, flag, note: null, rows: [] });
    // An annual scheme marks partial years by its own rule (不满一年：出具工作鉴定), in post counted alike.
    const dated = datedOf.get(row.key) ?? [];
    if (!annual && row.present > 0 && row.present + dated.length < labels.length + missing.length) {
      const periodsPresent = row.periods.flatMap((p) => (p ? [p.label] : []));
      row.flags.push({ code: 'partial_year', present: row.present + dated.length, kind: labels[0]?.includes('H') ? 'half' : 'month', periods: periodsPresent, dated, note: null, rows: [] });
    }
    for (const flag of rules?.flags ?? []) {
      if (row.comparable === null || row.total === null || row.comparable >= flag.totalBelow) continue;
      if (flag.lowest && (left(row) || row.comparable !== lowest)) continue;
      row.flags.push({ code: 'year_total', name: flag.name, public: flag.public, total: row.total, comparable: row.comparable, below: flag.totalBelow, lowest: flag.lowest, note: flag.notes.get(row.category) ?? null, rows: [] });
    }
    const stats = leave.get(row.key);
    for (const rule of rules?.leave ?? []) {
      if (!stats) continue;
      const value = rule.measure === 'absent_days' ? stats.absentDays : rule.measure === 'consecutive_absent_days' ? stats.longestAbsentRun : (stats.leaveDays[rule.type ?? ''] ?? 0);
      if (value <= rule.over) continue;
      const rows = rule.measure === 'leave_days' ? stats.evidence.leaveRows.filter((r) => r.type === rule.type).map((r) => r.at) : rule.measure === 'absent_days' ? stats.evidence.absentRows : [];
      const dates = rule.measure === 'absent_days' ? stats.evidence.absentDates : [];
      row.flags.push({ code: 'leave', name: rule.name, public: rule.public, measure: rule.measure, type: rule.type, value, over: rule.over, dates, bonus: rule.bonus, note: null, rows });
    }
  }
  const periodWarnings = [...periods, ...(annual ? [annual] : [])].flatMap((r) => r.warnings.map((warning) => ({ period: r.period.label, warning })));
  const sorted = [...order.map((i) => ranked[i] as YearRow), ...rows.filter((r) => r.comparable === null)];
  const units = yearUnits(periods, sorted, annual ? null : combining);
  return { scheme, year, labels: [...labels], missing: [...missing], annual, halfLabels, awardTops, rows: sorted, units, warnings, periodWarnings };
}
