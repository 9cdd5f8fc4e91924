import { toNumber, type Hundredths } from '../core/decimal.js';
import { moneyUnder, periodBonusFlags, scoreMoneyNotes } from './money.js';
import { flagNames } from './summary.js';
import { formatFlag, formatProblem, formatWarning } from '../messages.js';
import type { Problem } from '../core/problems.js';
import type { ScoreResult, SubjectResult } from '../score/result.js';

/** The `--json` document of item-codes.md ("Output contract"). */
interface ScoreJson {
  scheme: string;
  period: string;
  subjects: {
    id: string;
    name: string;
    unit: string;
    items: Record<string, number>;
    deductions: number;
    bonus: number;
    total: number;
    rank: number;
    awards: string[];
    flags: string[];
    grade?: string;
    months?: Record<string, number>;
    money?: number | null;
  }[];
  units?: { unit: string; total: number; flags: string[] }[];
  warnings: string[];
}

/** An award shared at the boundary reads "红旗窗口（并列）" so scripts and people see the tie. */
export function awardLabel(award: SubjectResult['awards'][number]): string {
  return award.tied ? `${award.name}（并列）` : award.name;
}

/** Per-month base scores of a monthly-mean item: {"2026-01": 95, …}. */
function monthsOf(s: SubjectResult): { months?: Record<string, number> } {
  const monthly = s.items.find((it) => it.component?.code === 'monthly')?.component;
  if (monthly?.code !== 'monthly') return {};
  return { months: Object.fromEntries(monthly.months.map((m) => [m.month, toNumber(m.base)])) };
}

/** The --json text, as printed and as written by `-o x.json`. */
export function scoreJsonText(run: { result: ScoreResult; warnings: readonly Problem[] }, pointValue: Hundredths | null): string {
  return JSON.stringify(toScoreJson(run.result, run.warnings.filter((p) => p.severity === 'warning'), pointValue), null, 2) + '\n';
}

export function toScoreJson(result: ScoreResult, inputWarnings: readonly Problem[], pointValue: Hundredths | null = null): ScoreJson {
  return {
    scheme: result.scheme.id,
    period: result.period.label,
    subjects: result.subjects.map((s) => ({
      id: s.key,
      name: s.name,
      unit: s.unit,
      items: Object.fromEntries(s.items.filter((it) => it.type !== 'veto').map((it) => [it.code, toNumber(it.score)])),
      deductions: toNumber(s.deductions),
      bonus: toNumber(s.bonus),
      total: toNumber(s.total),
      rank: s.rank,
      awards: s.awards.map(awardLabel),
      flags: flagNames(s),
      ...(s.grade ? { grade: s.grade.label } : {}),
      ...monthsOf(s),
      ...(pointValue !== null ? { money: moneyUnder(s.total, pointValue, periodBonusFlags(s.flags)) } : {}),
    })),
    // Units before warnings, as the year's document has them: warnings last, as item-codes.md shows them.
    ...(result.units.length > 0 ? { units: result.units.map((u) => ({ unit: u.unit, total: toNumber(u.total), flags: u.flags.map(formatFlag) })) } : {}),
    warnings: [...inputWarnings.map(formatProblem), ...result.warnings.map(formatWarning), ...scoreMoneyNotes(result, pointValue)],
  };
}
