import { formatSigned, sub, type Hundredths } from '../core/decimal.js';
import { formatFlag } from '../messages.js';
import type { SubjectResult, TraceLine } from '../score/result.js';
import type { Scheme } from '../scheme/model.js';
import { subjectTrace } from '../score/engine.js';

/**
 * A short account of where the points went, by rule name, for tables and the notice:
 * "迟到2次 -2; 赠送锦旗1次 +2". Occurrences cut by a cap still count as occurrences (卫生7次 -5).
 */
export function pointsSummary(scheme: Scheme, subject: SubjectResult, trace: readonly TraceLine[] = subjectTrace(scheme, subject)): string {
  const byRule = new Map<string, { name: string; count: number; unit: string; points: Hundredths; sign: 1 | -1 }>();
  for (const line of trace) {
    // A record dropped as the same matter is not a second occurrence; capped ones still are.
    if (line.notes.some((n) => n.code === 'matter_duplicate')) continue;
    const entry = byRule.get(line.ruleCode) ?? { name: line.ruleName, count: 0, unit: line.countUnit, points: 0 as Hundredths, sign: line.sign };
    entry.count += line.count;
    entry.points = (entry.points + line.counted) as Hundredths;
    byRule.set(line.ruleCode, entry);
  }
  const parts = [...byRule.values()].map((e) => `${e.name}${e.count}${e.unit} ${formatSigned((e.points * e.sign) as Hundredths)}`);
  if (subject.peer && !subject.peer.missing) {
    const peerItem = subject.items.find((it) => it.type === 'peer');
    if (peerItem && peerItem.points !== null && subject.peer.points < peerItem.points) {
      parts.push(`${peerItem.name} ${formatSigned(sub(subject.peer.points, peerItem.points))}`);
    }
  }
  return parts.join('; ') || '无扣分';
}

/** A subject's flags by name, each once (a veto may be raised by several records). */
export function flagNames(subject: SubjectResult): string[] {
  return [...new Set(subject.flags.map(formatFlag))];
}
