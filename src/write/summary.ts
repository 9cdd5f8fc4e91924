import { format, formatSigned, sub, type Hundredths } from '../core/decimal.js';
import { formatFlag, shortLabel } from '../messages.js';
import type { FlagResult, SubjectResult, TraceLine, UnitResult } from '../score/result.js';
import type { YearUnit } from '../score/year.js';
import { breakdownText, unitFlagText, type UnitTotal } from '../messages/outputs.js';
import type { Scheme } from '../scheme/model.js';
import { subjectTrace } from '../score/engine.js';

/** How a trace line is summed in a summary: the entry it adds to, that entry's label, whether the entry shows its count, and whether in days. */
export interface SummaryEntry {
  key: string;
  label: string;
  showsCount: boolean;
  /** Counts the lines' days, not their occurrences (Scheme['toldInDays']: 无故缺席3天). */
  inDays?: boolean;
}

/** A rate line whose 指标 reached its target (办结率 100%) costs nothing and is no offence to list. */
function metTarget(line: TraceLine): boolean {
  return line.notes.some((n) => n.code === 'rate' && n.value >= n.target);
}

/**
 * Points an item lost with no record behind them, as the 得分表's item columns and the audit's
 * component rows show them: a committee mark, the monthly mean or a unit's share below its
 * points, the peer rating's shortfall (a missing one too, scored 0 under --allow-missing-peer:
 * said so, or the public figures would not add up to the total), and a part to be earned (创新)
 * not earned in full. In item order, each by its item's name (a part's: 创新未得分).
 */
function shortfalls(subject: SubjectResult): { name: string; lost: Hundredths; peerMissing?: true }[] {
  const below = (name: string, points: Hundredths | null, score: Hundredths) => (points !== null && score < points ? [{ name, lost: sub(score, points) }] : []);
  return subject.items.flatMap((item) => {
    if (item.type === 'peer') {
      if (!subject.peer) return [];
      const lost = below(item.name, item.points, item.score);
      return subject.peer.missing ? lost.map((s) => ({ ...s, peerMissing: true as const })) : lost;
    }
    if (item.component) return below(item.name, item.points, item.score);
    // 未得分: a part to be earned was not earned (创新未得分 -5), which no one was marked down for.
    return item.parts.flatMap((part) => (part.earned ? below(`${part.name}未得分`, part.points, part.score) : []));
  });
}

/**
 * An entry's name and count: 迟到2次; a name that ends in a number of the count's unit (病事假累计超过20天)
 * takes it in brackets, 病事假累计超过20天（25天）, not 20天25天.
 */
function countedLabel(label: string, count: number, unit: string): string {
  return label.endsWith(unit) && /\d$/.test(label.slice(0, -unit.length)) ? `${label}（${count}${unit}）` : `${label}${count}${unit}`;
}

/**
 * Where a subject's points went, one entry per key in trace order: "迟到2次 -2; 廉洁从政 -2", then
 * what items lost without records (a mark, the peer rating: "个人总结情况 -0.5") by `nameOf` their
 * name, "无扣分" when there is nothing. Lines entryOf gives null for, and 指标 that met their
 * target, are left out; entries of 0 points too when `withoutZero` (the notice: 迟到早退4次 0 costs
 * nothing under 每5次, and is no offence to post). Occurrences cut by a cap still count as occurrences (卫生7次 -5).
 */
export function summarizeTrace(
  subject: SubjectResult,
  trace: readonly TraceLine[],
  entryOf: (line: TraceLine) => SummaryEntry | null,
  nameOf: (name: string) => string = (name) => name,
  withoutZero = false,
): string {
  const entries = new Map<string, { label: string; count: number | null; unit: string; points: Hundredths; sign: 1 | -1 }>();
  for (const line of trace) {
    // A record dropped as the same matter is not a second occurrence; capped ones still are. Nor
    // is a line of no occurrence: a typed row counted in the derived one of its date.
    if (line.count === 0 || line.notes.some((n) => n.code === 'matter_duplicate')) continue;
    if (metTarget(line)) continue;
    const how = entryOf(line);
    if (!how) continue;
    // A 指标 below its target shows the value, not "1次": 办结率未达100%（98.5%） -2.
    const rate = line.notes.find((n) => n.code === 'rate');
    const key = rate ? `${how.key}\u0000rate` : how.key;
    const label = rate ? `${how.label}（${format(rate.value)}%）` : how.label;
    const entry = entries.get(key) ?? { label, count: how.showsCount && !rate ? 0 : null, unit: how.inDays ? '天' : line.countUnit, points: 0 as Hundredths, sign: line.sign };
    if (entry.count !== null) entry.count += how.inDays ? line.days : line.count;
    entry.points = (entry.points + line.counted) as Hundredths;
    entries.set(key, entry);
  }
  const parts = [
    ...[...entries.values()]
      .filter((e) => !withoutZero || e.points !== 0)
      .map((e) => `${e.count === null ? e.label : countedLabel(e.label, e.count, e.unit)} ${formatSigned((e.points * e.sign) as Hundredths)}`),
    ...shortfalls(subject).map(({ name, lost, peerMissing }) => `${nameOf(name)} ${formatSigned(lost)}${peerMissing ? breakdownText.peerMissing : ''}`),
  ];
  return parts.join('; ') || '无扣分';
}

/** The score sheet's and terminal's summary: every rule by its own name, "迟到2次 -2; 赠送锦旗1次 +2; 无故缺席3天 0". */
export function pointsSummary(scheme: Scheme, subject: SubjectResult, trace: readonly TraceLine[] = subjectTrace(scheme, subject)): string {
  return summarizeTrace(subject, trace, (line) => ({ key: line.ruleCode, label: line.ruleName, showsCount: true, inDays: scheme.toldInDays.has(line.ruleCode) }));
}

/** A subject's flags by name, each once (a veto may be raised by several records). */
export function flagNames(subject: SubjectResult): string[] {
  return [...new Set(subject.flags.map(formatFlag))];
}

/** A flag a person scheme raised on a unit (部门通报批评), with the unit's total it was raised on; `period` for a year's. */
export interface UnitFlag {
  unit: string;
  flag: FlagResult;
  total: Hundredths;
  period?: string;
}

/** A period's unit flags, unit by unit. */
export function periodUnitFlags(units: readonly UnitResult[]): UnitFlag[] {
  return units.flatMap((u) => u.flags.map((flag) => ({ unit: u.unit, flag, total: u.total })));
}

/** A year's unit flags, unit by unit and each unit's by period, each with that period's unit total. */
export function yearUnitFlags(units: readonly YearUnit[]): (UnitFlag & { period: string })[] {
  return units.flatMap((u) => u.flags.map((f) => ({ unit: u.unit, flag: f.flag, total: f.total, period: f.period })));
}

/** A unit flag by name, a year's with its period: "3月部门通报批评" (the year's 标注明细). */
export function unitFlagName(f: UnitFlag): string {
  return `${f.period ? shortLabel(f.period) : ''}${formatFlag(f.flag)}`;
}

/**
 * Unit flags as said: one entry per unit and wording (null: left off), with the totals it was
 * raised on, a year's by period; in the order of the flags.
 */
function unitFlagGroups(flags: readonly UnitFlag[], wording: (flag: FlagResult) => string | null): { unit: string; flag: string; totals: UnitTotal[] }[] {
  const groups = new Map<string, { unit: string; flag: string; totals: UnitTotal[] }>();
  for (const f of flags) {
    const worded = wording(f.flag);
    if (worded === null) continue;
    const key = `${f.unit}\u0000${worded}`;
    const group = groups.get(key) ?? { unit: f.unit, flag: worded, totals: [] };
    group.totals.push({ period: f.period ? shortLabel(f.period) : '', total: f.total });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * The lines said after a table of persons, one per unit and flag: "部门通报批评：民政（部门合计 -2）",
 * a year's "部门通报批评：民政（3月部门合计 -2、5月部门合计 -1）". `wording` words a flag (a
 * notice's gives its public wording, or null to leave it off).
 */
export function unitFlagLines(flags: readonly UnitFlag[], wording: (flag: FlagResult) => string | null = formatFlag): string[] {
  return unitFlagGroups(flags, wording).map((g) => unitFlagText.line(g.flag, g.unit, g.totals));
}

/**
 * A CSV table of persons (one row each, `units` their units in row order) with a 部门标注 column
 * after 标注 holding their unit's flags, when a unit was flagged; as it was otherwise. A column,
 * not a line under the table, which a program reading the CSV would take for a person's row.
 */
export function withUnitFlagColumn<C>(table: { header: string[]; rows: C[][] }, units: readonly string[], flags: readonly UnitFlag[]): { header: string[]; rows: (C | string)[][] } {
  if (flags.length === 0) return table;
  const cells = new Map<string, string[]>();
  for (const g of unitFlagGroups(flags, formatFlag)) cells.set(g.unit, [...(cells.get(g.unit) ?? []), unitFlagText.cell(g.flag, g.totals)]);
  const at = table.header.indexOf('标注') + 1;
  const insert = <T>(row: readonly T[], cell: T | string) => [...row.slice(0, at), cell, ...row.slice(at)];
  return { header: insert(table.header, unitFlagText.header), rows: table.rows.map((row, i) => insert(row, cells.get(units[i] ?? '')?.join('、') ?? '')) };
}
