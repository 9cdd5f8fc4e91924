import { compareDates } from '../core/dates.js';
import type { EntryRecord, Person } from '../core/input.js';
import { startsYear, type Period } from '../core/period.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { ruleLabel, type Rule, type Scheme } from '../scheme/model.js';
import type { LeaveHalfDay } from './attendance.js';

type LeaveRule = Extract<Rule, { kind: 'over' }>;

/** Per person, per rule code: a count or a number of days. */
type CountsByPerson = ReadonlyMap<string, ReadonlyMap<string, number>>;

/** What a period of a year run continues from: the earlier periods' typed counts of year-span rules, and the days of leave their 请假 sheets gave each year-span leave rule. */
export interface EarlierLeave {
  counts: CountsByPerson;
  leaveDays: CountsByPerson;
}

/**
 * A rule counting days of leave (bingcha-halfyear 3.1 病事假全年累计超过20天: its leave_types) is
 * typed in 记录 by hand, and a 请假 sheet gives kaohe those days too. Where the two disagree on
 * passing the threshold, a hint; the typed rows still score. The days read pass it and the typed
 * rows do not (none, or fewer days): at the person's first 请假 row of those types. The typed rows
 * pass it and the days read do not: at the typed row that passes it. Days are the period's working
 * half days of leave (不含法定假日). A year-span rule continues from the year's earlier periods of
 * a year run, both sides: their typed counts and their days read. A later period scored alone does
 * not know them, and hints nothing.
 */
export function leaveRuleHints(scheme: Scheme, records: readonly EntryRecord[], leaves: readonly LeaveHalfDay[], period: Period, earlier: EarlierLeave | null, roster: readonly Person[]): Problem[] {
  // A unit's count adds up its staff's records: no one person's leave to hold it against.
  if (scheme.subject !== 'person') return [];
  const names = new Map(roster.map((p) => [p.id, p.name]));
  const problems: Problem[] = [];
  for (const rule of leaveRulesOf(scheme)) {
    if (rule.span === 'year' && earlier === null && !startsYear(period)) continue;
    const read = leaveDaysRead(rule, leaves, period);
    const typed = typedRows(rule, records);
    for (const personId of new Set([...read.keys(), ...typed.keys()])) {
      const earlierOf = (counts: CountsByPerson | undefined) => (rule.span === 'year' ? (counts?.get(personId)?.get(rule.code) ?? 0) : 0);
      const before = earlierOf(earlier?.counts);
      const readBefore = earlierOf(earlier?.leaveDays);
      // Passed in an earlier period: nothing more to deduct this year, whatever either says.
      if (before > rule.threshold) continue;
      const days = read.get(personId)?.days ?? 0;
      const rows = typed.get(personId) ?? [];
      const passing = passingRow(rows, before, rule.threshold);
      const typedDays = rows.reduce((n, r) => n + r.count, 0);
      const args = { person: names.get(personId) ?? personId, rule: ruleLabel(rule), code: rule.code, types: rule.leaveTypes.join('、'), unit: rule.unit, threshold: rule.threshold, days, typed: typedDays, earlier: before, earlierRead: readBefore };
      const at = read.get(personId)?.at;
      if (readBefore + days > rule.threshold && !passing && at) problems.push(problem('leave_rule_not_typed', at, args, 'warning'));
      else if (passing && readBefore + days <= rule.threshold) problems.push(problem('leave_rule_typed_over', passing.at, args, 'warning'));
    }
  }
  return problems;
}

/**
 * The days read of each year-span leave rule up to this period's end, per person: the earlier
 * periods' and this period's. A year run passes them on to the next period, as the typed counts.
 */
export function yearLeaveDays(scheme: Scheme, leaves: readonly LeaveHalfDay[], period: Period, earlier: CountsByPerson): Map<string, Map<string, number>> {
  const days = new Map([...earlier].map(([personId, byRule]) => [personId, new Map(byRule)]));
  for (const rule of leaveRulesOf(scheme)) {
    if (rule.span !== 'year') continue;
    for (const [personId, read] of leaveDaysRead(rule, leaves, period)) {
      const byRule = days.get(personId) ?? new Map<string, number>();
      byRule.set(rule.code, (byRule.get(rule.code) ?? 0) + read.days);
      days.set(personId, byRule);
    }
  }
  return days;
}

function leaveRulesOf(scheme: Scheme): LeaveRule[] {
  return [...scheme.rulesByCode.values()].filter((r): r is LeaveRule => r.kind === 'over' && r.leaveTypes.length > 0);
}

/** Each person's days of the rule's leave types inside the period, and the first 请假 row giving them. */
function leaveDaysRead(rule: LeaveRule, leaves: readonly LeaveHalfDay[], period: Period): Map<string, { days: number; at: SourceLocation }> {
  const read = new Map<string, { days: number; at: SourceLocation }>();
  for (const half of leaves) {
    if (half.date < period.first || half.date > period.last || !rule.leaveTypes.includes(half.type)) continue;
    const found = read.get(half.personId);
    if (found) found.days += 0.5;
    else read.set(half.personId, { days: 0.5, at: half.at });
  }
  return read;
}

/** Each person's typed rows of the rule, in date order (as the engine counts them). */
function typedRows(rule: LeaveRule, records: readonly EntryRecord[]): Map<string, EntryRecord[]> {
  const typed = new Map<string, EntryRecord[]>();
  for (const r of records) {
    if (r.ruleCode !== rule.code || r.evidence !== undefined || r.personId === null) continue;
    const rows = typed.get(r.personId);
    if (rows) rows.push(r);
    else typed.set(r.personId, [r]);
  }
  for (const rows of typed.values()) rows.sort((a, b) => compareDates(a.date, b.date));
  return typed;
}

/** The typed row that takes the count past the threshold, if any. */
function passingRow(rows: readonly EntryRecord[], before: number, threshold: number): EntryRecord | undefined {
  let count = before;
  for (const r of rows) {
    count += r.count;
    if (count > threshold) return r;
  }
  return undefined;
}
