import type { Hundredths } from '../core/decimal.js';
import { occasionOf, unitKey, type EntryRecord } from '../core/input.js';
import type { AttendanceRules } from './attendance.js';
import type { SchemeFile } from './schema.js';

/** A scheme after validation, with every number in exact hundredths and lookups built. */
export interface Source {
  /** The document's readable title. */
  file: string;
  article: string;
  /** The document's words exactly as written; null in a draft without one. */
  quote: string | null;
}

/** How a value stands to its quote: given, kaohe's assumption, rebuilt from damaged text, or borrowed. */
export interface Assumption {
  assumption: boolean;
  reconstructed: boolean;
  borrowed: boolean;
  reason?: string;
}

export type RuleKind =
  | { kind: 'fixed'; points: Hundredths }
  | { kind: 'ranged'; min: Hundredths; max: Hundredths }
  | { kind: 'per_unit'; points: Hundredths; unit: string }
  | { kind: 'explicit' }
  | { kind: 'per_n'; every: number; points: Hundredths }
  | { kind: 'over'; threshold: number; points: Hundredths; unit: string; span: 'period' | 'year'; leaveTypes: readonly string[] }
  | { kind: 'rate'; metric: string; target: Hundredths; per: Hundredths; points: Hundredths }
  | { kind: 'flag' };

/** A rule as messages and warnings name it: its code and name (1.1 迟到). */
export function ruleLabel(rule: Pick<Rule, 'code' | 'name'>): string {
  return `${rule.code} ${rule.name}`;
}

/** The days a record of this rule stands for: its own days, else 次数 × the rule's days_per_count. The engine's trace and the year's absence count read it alike. */
export function recordDays(rule: Pick<Rule, 'daysPerCount'>, record: { days?: number; count: number }): number {
  return record.days ?? record.count * rule.daysPerCount;
}

/**
 * The days the records derived from punches give each occasion (occasionOf) of the rules the
 * scheme maps from attendance: a 记录 row typed for the same occasion writes down the same fact,
 * which the engine counts once (absorbedByDerived) and the 记录 check says (typedAlsoDerived).
 */
export function derivedDaysByOccasion(scheme: Pick<Scheme, 'attendance' | 'rulesByCode'>, records: readonly EntryRecord[]): Map<string, number> {
  const mapped = new Set(Object.values(scheme.attendance?.rules ?? {}));
  const days = new Map<string, number>();
  for (const r of records) {
    const rule = r.evidence === undefined || !mapped.has(r.ruleCode) ? undefined : scheme.rulesByCode.get(r.ruleCode);
    if (rule) days.set(occasionOf(r), (days.get(occasionOf(r)) ?? 0) + recordDays(rule, r));
  }
  return days;
}

/**
 * Days of a rule as an occasion typed and derived alike is told (the engine's same_as_derived
 * note, the 记录 check's warning): 天 for a rule told in days, else 次 (days ÷ days_per_count;
 * of a typed row, its 次数 again).
 */
export function occasionAmount(scheme: Pick<Scheme, 'toldInDays'>, rule: Pick<Rule, 'code' | 'daysPerCount'>, days: number): { amount: number; unit: '天' | '次' } {
  return scheme.toldInDays.has(rule.code) ? { amount: days, unit: '天' } : { amount: days / rule.daysPerCount, unit: '次' };
}

export type Rule = RuleKind &
  Assumption & {
    code: string;
    name: string;
    source: Source | null;
    /** At most once a period: only the heaviest record counts. */
    once: boolean;
    /** Days one 次数 of a typed record stands for where days are counted (旷工半天: 0.5). */
    daysPerCount: number;
    itemCode: string;
    /** Index of the part (sub-item) the rule belongs to inside its item. */
    partIndex: number;
    /** +1 for bonus and earned rules, −1 for deductions. */
    sign: 1 | -1;
  };

/** A capped group of rules inside an item; an item without parts has one part of its own. */
export interface Part extends Assumption {
  name: string;
  /** Null for items without points (a pure deduction group): no cap. */
  points: Hundredths | null;
  earned: boolean;
  rules: Rule[];
  source: Source | null;
}

interface ItemCommon extends Assumption {
  code: string;
  name: string;
  source: Source | null;
}

export type Item =
  | (ItemCommon & { type: 'deduction'; points: Hundredths | null; parts: Part[] })
  | (ItemCommon & { type: 'peer'; points: Hundredths; scale: Hundredths })
  | (ItemCommon & { type: 'bonus'; cap: Hundredths | null; rules: Rule[] })
  | (ItemCommon & { type: 'mark'; points: Hundredths })
  | (ItemCommon & { type: 'monthly'; points: Hundredths; scale: Hundredths; scheme: string })
  | (ItemCommon & { type: 'unit_share'; points: Hundredths; scale: Hundredths; scheme: string })
  | (ItemCommon & { type: 'veto'; rules: Rule[] });

export interface Escalation extends Assumption {
  name: string;
  ruleCodes: ReadonlySet<string>;
  from: number;
  factor: number;
  source: Source | null;
}

export type FlagCondition =
  | { rule: string; atLeast: number }
  | { rule: string; daysAtLeast: Hundredths }
  | { totalBelow: Hundredths }
  | { unitTotalBelow: Hundredths }
  | { monthsBelow: number };

export interface Flag extends Assumption {
  name: string;
  /** What a notice may say; null: internal only (schema.ts, publicWording). */
  public: string | null;
  when: FlagCondition;
  source: Source | null;
}

export interface Award extends Assumption {
  name: string;
  top: number;
  source: Source | null;
}

/** What a flag does to the 考核奖: pays nothing, or takes off an amount the rules set (worked out by hand). */
export type BonusEffect = 'cancel' | 'withhold';

export interface Consequence extends Assumption {
  level: number;
  flag: string;
  public: string | null;
  bonus: BonusEffect | null;
  source: Source | null;
}

export interface Grades extends Assumption {
  /** Lowest total of grade 1, 2, …; below the last threshold is the last grade. */
  thresholds: Hundredths[];
  /** Labels by staff category; "default" for the others. */
  labels: ReadonlyMap<string, readonly string[]>;
  /** share in hundredths (20% → 20) so the quota is counted exactly. */
  quota: { level: number; share: Hundredths; minimum: number } | null;
  consequences: Consequence[];
  source: Source | null;
}

export type AttendanceKind = 'late' | 'early' | 'absent_day' | 'absent_half_day' | 'missing_punch';

export interface Provenance extends Assumption {
  source: Source | null;
}

export interface AttendanceMapping extends Assumption, AttendanceRules {
  rules: Partial<Record<AttendanceKind, string>>;
  fullAttendance: { rule: string; points: Hundredths | null } | null;
  source: Source | null;
  /** Where the scheme's own hours (by season name) and leave words come from; null: kaohe's defaults. */
  provenance: { hours: Provenance | null; seasons: ReadonlyMap<string, Provenance>; words: Provenance | null };
}

export interface Cover extends Assumption {
  flag: string;
  public: string | null;
  source: Source | null;
}

export type LeaveMeasure = 'absent_days' | 'consecutive_absent_days' | 'leave_days';

export interface YearRules extends Assumption {
  total: 'sum' | 'mean' | 'none';
  prorate: boolean;
  halves: boolean;
  flags: (Assumption & { name: string; public: string | null; totalBelow: Hundredths; lowest: boolean; notes: ReadonlyMap<string, string>; source: Source | null })[];
  awards: Award[];
  leave: (Assumption & { name: string; public: string | null; measure: LeaveMeasure; type: string | null; over: number; bonus: BonusEffect | null; source: Source | null })[];
  source: Source | null;
}

export interface Scheme extends Assumption {
  id: string;
  title: string;
  source: Source | null;
  subject: 'person' | 'unit';
  /** What the document calls a unit (窗口, 科室), on every output. */
  unitLabel: string;
  /** Who settles a tie past an award's places or a grade's quota (中心主任办公会), as the notes and warnings say. */
  decidedBy: string;
  period: SchemeFile['period'];
  base: Hundredths;
  bonusCap: Hundredths;
  maximum: Hundredths;
  allowNegative: boolean;
  ranking: 'competition' | 'dense';
  /** The most a record's 次数 may be where its rule does not count days. */
  countLimit: number;
  items: Item[];
  escalation: Escalation[];
  flags: Flag[];
  awards: Award[];
  grades: Grades | null;
  attendance: AttendanceMapping | null;
  cover: Cover | null;
  year: YearRules | null;
  /** Rule by code and by exact name (names folded as for headers). */
  rulesByCode: ReadonlyMap<string, Rule>;
  rulesByName: ReadonlyMap<string, Rule>;
  /**
   * The codes of the rules whose records are told in days rather than occurrences: a rule that
   * scores nothing and that a flag counts by days (无故缺席三天以上), half days adding up
   * (convention 10). Six absent halves on four days are 3天, as explain, the summaries and the audit say alike.
   */
  toldInDays: ReadonlySet<string>;
  /** Where the scheme came from: built-in id or the user's file path. */
  origin: string;
  /** SHA-256 of the scheme file's text, printed in 说明 so outputs match their rules. */
  sha256: string;
}

/** Every rule of an item, whatever its type. */
export function rulesOf(item: Item): Rule[] {
  if (item.type === 'deduction') return item.parts.flatMap((p) => p.rules);
  if (item.type === 'bonus' || item.type === 'veto') return item.rules;
  return [];
}

/** The points an item contributes to the base (bonus and veto items contribute none). */
export function basePointsOf(item: Item): Hundredths | null {
  return item.type === 'bonus' || item.type === 'veto' ? null : item.points;
}

/**
 * Who a record, rating or mark counts for: the unit in a unit scheme, the person otherwise
 * (validation pairs ratings and marks by it; the engine groups by it).
 */
export function subjectKeyOf(scheme: Pick<Scheme, 'subject'>, about: { personId: string | null; unit: string }): string {
  return scheme.subject === 'unit' ? unitKey(about.unit) : (about.personId ?? '');
}
