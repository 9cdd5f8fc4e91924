import type { Hundredths } from '../core/decimal.js';
import type { Grades } from '../scheme/model.js';
import type { EngineWarning, GradeResult } from './result.js';

/** The 设置 key where the committee settles a tie at the quota: "<grade>并列裁定" (优秀并列裁定). */
export function quotaRulingKey(grades: Grades): string | null {
  if (!grades.quota) return null;
  return `${grades.labels.get('default')?.[grades.quota.level - 1] ?? ''}并列裁定`;
}

/** share × people rounded down, at least `minimum`: 20% of 14 = 2 (exact: 20 × 14 / 100). */
function quotaOf(quota: NonNullable<Grades['quota']>, people: number): number {
  return Math.max(quota.minimum, Math.floor((quota.share * people) / 100));
}

/**
 * Grades by threshold (≥ includes the number: 90 is 优秀, 89.99 is not), then the quota of a
 * limited grade, a hard limit (convention 9): at most quota people by rank; those below it drop one
 * grade. A tie straddling the boundary gives nobody in it the grade for now: they take the next
 * grade, marked pending with the places left, until the committee lists its choice (`rulings`,
 * 设置 › 优秀并列裁定) and the run is repeated. Never more than the quota.
 */
export function grade(
  grades: Grades,
  subjects: readonly { key: string; total: Hundredths; category: string }[],
  ranks: readonly number[],
  warnings: EngineWarning[],
  decidedBy: string,
  rulings: readonly string[] = [],
): GradeResult[] {
  const levelOf = (total: Hundredths) => {
    const index = grades.thresholds.findIndex((t) => total >= t);
    return index === -1 ? grades.thresholds.length + 1 : index + 1;
  };
  const labelsOf = (category: string) => grades.labels.get(category) ?? grades.labels.get('default') ?? [];
  const levels = subjects.map((s) => levelOf(s.total));
  const quotaMarks = subjects.map((): GradeResult['quota'] => null);
  let placesLeft = 0;

  if (grades.quota) {
    const { level } = grades.quota;
    const quota = quotaOf(grades.quota, subjects.length);
    const limited = labelsOf('default')[level - 1] ?? String(level);
    const settingKey = quotaRulingKey(grades) ?? '';
    const candidates = levels.map((l, i) => (l === level ? i : -1)).filter((i) => i >= 0);
    const boundary: number[] = [];
    let places = 0;
    for (const i of candidates) {
      // Places among the candidates: how many rank better, how many share the rank.
      const better = candidates.filter((j) => (ranks[j] as number) < (ranks[i] as number)).length;
      const tiedWith = candidates.filter((j) => ranks[j] === ranks[i]).length;
      if (better + tiedWith <= quota) quotaMarks[i] = 'within';
      else if (better < quota) {
        boundary.push(i);
        places = quota - better;
      } else quotaMarks[i] = 'over';
    }
    const keys = new Set(rulings);
    const chosen = boundary.filter((i) => keys.has(subjects[i]!.key));
    const tiedKeys = boundary.map((i) => subjects[i]!.key);
    const chosenKeys = chosen.map((i) => subjects[i]!.key);
    const unknown = [...keys].filter((k) => !tiedKeys.includes(k));
    if (unknown.length > 0) warnings.push({ code: 'grade_quota_ruling_unknown', grade: limited, ids: unknown, settingKey });
    if (chosen.length > places) warnings.push({ code: 'grade_quota_ruling_excess', grade: limited, places, chosen: chosenKeys, settingKey });
    const ruled = chosen.length > 0 && chosen.length <= places;
    if (ruled && chosen.length < places) warnings.push({ code: 'grade_quota_ruling_short', grade: limited, places, chosen: chosenKeys, settingKey });
    placesLeft = places;
    if (boundary.length > 0 && !ruled) warnings.push({ code: 'grade_quota_pending', grade: limited, quota, places, tied: tiedKeys, settingKey, decidedBy });
    for (const i of boundary) quotaMarks[i] = !ruled ? 'pending' : chosen.includes(i) ? 'ruled' : 'over';
    // Everyone outside the quota takes the next grade: over it by rank, or pending a ruling.
    quotaMarks.forEach((q, i) => {
      if (q === 'over' || q === 'pending') levels[i] = level + 1;
    });
  }

  return subjects.map((s, i) => ({
    level: levels[i] as number,
    label: labelsOf(s.category)[(levels[i] as number) - 1] ?? '',
    quota: quotaMarks[i] ?? null,
    ...(quotaMarks[i] === 'pending' ? { places: placesLeft } : {}),
  }));
}
