import type { Hundredths } from '../core/decimal.js';
import type { Grades } from '../scheme/model.js';
import type { EngineWarning, GradeResult } from './result.js';

/**
 * Grades by threshold (≥ includes the number: 90 is 优秀, 89.99 is not), then the quota of a
 * limited grade: at most share × people (rounded down, at least `minimum`) by rank; those over it
 * drop one grade and are marked; a tie at the boundary keeps all tied ones, marked 并列.
 */
export function grade(
  grades: Grades,
  subjects: readonly { total: Hundredths; category: string }[],
  ranks: readonly number[],
  warnings: EngineWarning[],
): GradeResult[] {
  const levelOf = (total: Hundredths) => {
    const index = grades.thresholds.findIndex((t) => total >= t);
    return index === -1 ? grades.thresholds.length + 1 : index + 1;
  };
  const labelsOf = (category: string) => grades.labels.get(category) ?? grades.labels.get('default') ?? [];
  const levels = subjects.map((s) => levelOf(s.total));
  const quotaMarks = subjects.map((): GradeResult['quota'] => null);

  if (grades.quota) {
    const { level, share, minimum } = grades.quota;
    // share × n rounded down; 0.2 × 10 = 2 (the small epsilon guards binary 0.2 × 15 = 2.9999…).
    const quota = Math.max(minimum, Math.floor(share * subjects.length + 1e-9));
    const candidates = levels.map((l, i) => (l === level ? i : -1)).filter((i) => i >= 0);
    // Candidates' places among themselves: competition rank within the grade.
    for (const i of candidates) {
      const better = candidates.filter((j) => (ranks[j] as number) < (ranks[i] as number)).length;
      const tiedWith = candidates.filter((j) => ranks[j] === ranks[i]).length;
      if (better + tiedWith <= quota) quotaMarks[i] = 'within';
      else if (better < quota) quotaMarks[i] = 'tied';
      else {
        quotaMarks[i] = 'over';
        levels[i] = level + 1;
      }
    }
    const tied = quotaMarks.filter((q) => q === 'tied').length;
    if (tied > 0) {
      warnings.push({ code: 'grade_quota_tie', grade: labelsOf('default')[level - 1] ?? String(level), quota, candidates: candidates.length - quotaMarks.filter((q) => q === 'over').length });
    }
  }

  return subjects.map((s, i) => ({
    level: levels[i] as number,
    label: labelsOf(s.category)[(levels[i] as number) - 1] ?? '',
    quota: quotaMarks[i] ?? null,
  }));
}
