import { formatSigned, sub, type Hundredths } from '../core/decimal.js';
import type { SubjectResult } from '../score/result.js';

/**
 * A short account of where the points went, by rule name, for tables and the notice:
 * "迟到2次 -2; 锦旗1面 +2". Only counted points appear; lines cut to 0 are left out.
 */
export function pointsSummary(subject: SubjectResult): string {
  const byRule = new Map<string, { name: string; count: number; points: Hundredths; sign: 1 | -1 }>();
  for (const line of subject.trace) {
    if (line.counted === 0) continue;
    const entry = byRule.get(line.ruleCode) ?? { name: line.ruleName, count: 0, points: 0 as Hundredths, sign: line.sign };
    entry.count += line.count;
    entry.points = (entry.points + line.counted) as Hundredths;
    byRule.set(line.ruleCode, entry);
  }
  const parts = [...byRule.values()].map((e) => `${e.name}${e.count}次 ${formatSigned((e.points * e.sign) as Hundredths)}`);
  if (subject.peer && !subject.peer.missing) {
    const peerItem = subject.items.find((it) => it.type === 'peer');
    if (peerItem && peerItem.points !== null && subject.peer.points < peerItem.points) {
      parts.push(`${peerItem.name} ${formatSigned(sub(subject.peer.points, peerItem.points))}`);
    }
  }
  return parts.join('; ') || '无扣分';
}
