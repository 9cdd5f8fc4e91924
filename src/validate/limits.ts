import { daysInclusive, type IsoDate } from '../core/dates.js';
import type { Hundredths } from '../core/decimal.js';
import type { Period } from '../core/period.js';
import type { AttendanceKind, Rule, Scheme } from '../scheme/model.js';

/** Units that make a rule count days: its 次数 is a number of days. */
const DAY_UNITS = new Set(['天', '日', '工作日', '个工作日']);
const HALF_DAY_UNITS = new Set(['半天', '半日']);

/**
 * Whether a rule's 次数 may count half days (0.5, 2.5): a threshold over days (病事假累计超过20天)
 * or a rule a flag counts in days (无故缺席三天以上, 次数填缺席天数) one day a 次数, where half
 * days add up (convention 10). Other rules count whole occurrences, units or half days.
 */
export function countsHalfDays(rule: Rule, scheme: Pick<Scheme, 'flags'>): boolean {
  if (rule.kind === 'over') return DAY_UNITS.has(rule.unit);
  return rule.daysPerCount === 1 && scheme.flags.some((flag) => 'daysAtLeast' in flag.when && flag.when.rule === rule.code);
}

function daysOf(period: Period): number {
  return daysInclusive(period.first, period.last);
}

/**
 * Leave rows may start before the period or end after it, but not years away: the year
 * before the period's to the year after (2062 for 2026 is a slip, and would excuse nothing).
 */
export function yearsAround(period: Period): { first: IsoDate; last: IsoDate } {
  return { first: `${period.year - 1}-01-01` as IsoDate, last: `${period.year + 1}-12-31` as IsoDate };
}

export interface CountLimit {
  max: number;
  /** Why: the period's days, its sessions (上午 and 下午 of each day), or the scheme's count_limit. */
  basis: 'days' | 'sessions' | 'scheme';
  days: number;
  /** For sessions: how many records one session may give (迟到 and 早退 fed into one rule: 2). */
  perSession: number;
}

/**
 * The most one record's 次数 may be. A rule counting days (unit 天, or fed by absence days from
 * 考勤) cannot count more than the period has; one fed per session (半天 units, 迟到, 早退,
 * 缺卡, absent half-days) once a session for each kind that feeds it; any other rule the
 * scheme's count_limit. 1000 旷工 days in a 31-day month is a typo, not a score.
 */
export function countLimit(rule: Rule, scheme: Scheme, period: Period): CountLimit {
  const days = daysOf(period);
  const fedBy = (Object.entries(scheme.attendance?.rules ?? {}) as [AttendanceKind, string][]).filter(([, code]) => code === rule.code).map(([kind]) => kind);
  const unit = rule.kind === 'per_unit' || rule.kind === 'over' ? rule.unit : null;
  if ((unit !== null && DAY_UNITS.has(unit)) || (fedBy.length === 1 && fedBy[0] === 'absent_day')) return { max: days, basis: 'days', days, perSession: 0 };
  const perSession = fedBy.length > 0 ? fedBy.length : unit !== null && HALF_DAY_UNITS.has(unit) ? 1 : 0;
  if (perSession > 0) return { max: 2 * days * perSession, basis: 'sessions', days, perSession };
  return { max: scheme.countLimit, basis: 'scheme', days, perSession: 0 };
}
/**
 * The most one record of a rule that states its own points may carry: the points of its part
 * or item (one case cannot take more than the whole item), or a bonus item's cap. Null where
 * the rule's item has neither (a pure deduction group, whose total may go negative).
 */
export function explicitPointsLimit(rule: Rule, scheme: Scheme): { max: Hundredths; scope: 'part' | 'item' | 'bonus' } | null {
  const item = scheme.items.find((it) => it.code === rule.itemCode);
  if (item?.type === 'deduction') {
    const max = item.parts[rule.partIndex]?.points ?? item.points;
    return max === null ? null : { max, scope: item.parts.length > 1 ? 'part' : 'item' };
  }
  if (item?.type === 'bonus') return item.cap === null ? (scheme.bonusCap > 0 ? { max: scheme.bonusCap, scope: 'bonus' } : null) : { max: item.cap, scope: 'bonus' };
  return null;
}
