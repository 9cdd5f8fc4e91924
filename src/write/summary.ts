import { format, formatSigned, sub, type Hundredths } from '../core/decimal.js';
import { formatFlag } from '../messages.js';
import type { SubjectResult, TraceLine } from '../score/result.js';
import type { Scheme } from '../scheme/model.js';
import { subjectTrace } from '../score/engine.js';

/** How a trace line is summed in a summary: the entry it adds to, that entry's label, and whether the entry shows its count. */
interface SummaryEntry {
  key: string;
  label: string;
  showsCount: boolean;
}

/** A rate line whose 指标 reached its target (办结率 100%) costs nothing and is no offence to list. */
function metTarget(line: TraceLine): boolean {
  return line.notes.some((n) => n.code === 'rate' && n.value >= n.target);
}

/**
 * Points an item lost with no record behind them, as the 得分表's item columns and the audit's
 * component rows show them: a committee mark, the monthly mean or a unit's share below its
 * points, the peer rating's shortfall (not a missing one: that is flagged 缺互评), and a part to be
 * earned (创新) not earned in full. In item order, each by its item's (or part's) name.
 */
function shortfalls(subject: SubjectResult): { name: string; lost: Hundredths }[] {
  const below = (name: string, points: Hundredths | null, score: Hundredths) => (points !== null && score < points ? [{ name, lost: sub(score, points) }] : []);
  return subject.items.flatMap((item) => {
    if (item.type === 'peer') return subject.peer && !subject.peer.missing ? below(item.name, item.points, item.score) : [];
    if (item.component) return below(item.name, item.points, item.score);
    return item.parts.flatMap((part) => (part.earned ? below(part.name, part.points, part.score) : []));
  });
}

/**
 * Where a subject's points went, one entry per key in trace order: "迟到2次 -2; 廉洁从政 -2", then
 * what items lost without records (a mark, the peer rating: "个人总结情况 -0.5") by `nameOf` their
 * name, "无扣分" when there is nothing. Lines entryOf gives null for, and 指标 that met their
 * target, are left out. Occurrences cut by a cap still count as occurrences (卫生7次 -5).
 */
export function summarizeTrace(
  subject: SubjectResult,
  trace: readonly TraceLine[],
  entryOf: (line: TraceLine) => SummaryEntry | null,
  nameOf: (name: string) => string = (name) => name,
): string {
  const entries = new Map<string, { label: string; count: number | null; unit: string; points: Hundredths; sign: 1 | -1 }>();
  for (const line of trace) {
    // A record dropped as the same matter is not a second occurrence; capped ones still are.
    if (line.notes.some((n) => n.code === 'matter_duplicate')) continue;
    if (metTarget(line)) continue;
    const how = entryOf(line);
    if (!how) continue;
    // A 指标 below its target shows the value, not "1次": 办结率未达100%（98.5%） -2.
    const rate = line.notes.find((n) => n.code === 'rate');
    const key = rate ? `${how.key}\u0000rate` : how.key;
    const label = rate ? `${how.label}（${format(rate.value)}%）` : how.label;
    const entry = entries.get(key) ?? { label, count: how.showsCount && !rate ? 0 : null, unit: line.countUnit, points: 0 as Hundredths, sign: line.sign };
    if (entry.count !== null) entry.count += line.count;
    entry.points = (entry.points + line.counted) as Hundredths;
    entries.set(key, entry);
  }
  const parts = [
    ...[...entries.values()].map((e) => `${e.label}${e.count === null ? '' : `${e.count}${e.unit}`} ${formatSigned((e.points * e.sign) as Hundredths)}`),
    ...shortfalls(subject).map(({ name, lost }) => `${nameOf(name)} ${formatSigned(lost)}`),
  ];
  return parts.join('; ') || '无扣分';
}

/** The score sheet's and terminal's summary: every rule by its own name, "迟到2次 -2; 赠送锦旗1次 +2". */
export function pointsSummary(scheme: Scheme, subject: SubjectResult, trace: readonly TraceLine[] = subjectTrace(scheme, subject)): string {
  return summarizeTrace(subject, trace, (line) => ({ key: line.ruleCode, label: line.ruleName, showsCount: true }));
}

/** A subject's flags by name, each once (a veto may be raised by several records). */
export function flagNames(subject: SubjectResult): string[] {
  return [...new Set(subject.flags.map(formatFlag))];
}
