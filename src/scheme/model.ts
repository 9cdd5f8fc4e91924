import type { Hundredths } from '../core/decimal.js';
import type { SchemeFile } from './schema.js';

/** A scheme after validation, with every number in exact hundredths and lookups built. */
export interface Source {
  file: string;
  article: string;
}

export interface Assumption {
  assumption: boolean;
  reason?: string;
}

export type RuleKind =
  | { kind: 'fixed'; points: Hundredths }
  | { kind: 'ranged'; min: Hundredths; max: Hundredths }
  | { kind: 'per_unit'; points: Hundredths; unit: string }
  | { kind: 'explicit' }
  | { kind: 'per_n'; every: number; points: Hundredths }
  | { kind: 'over'; threshold: number; points: Hundredths; unit: string }
  | { kind: 'rate'; metric: string; target: Hundredths; per: Hundredths; points: Hundredths }
  | { kind: 'flag' };

export type Rule = RuleKind &
  Assumption & {
    code: string;
    name: string;
    source: Source;
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
  source: Source;
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
  source: Source;
}

export type FlagCondition =
  | { rule: string; atLeast: number }
  | { totalBelow: Hundredths }
  | { unitTotalBelow: Hundredths }
  | { monthsBelow: number };

export interface Flag extends Assumption {
  name: string;
  when: FlagCondition;
  source: Source;
}

export interface Award extends Assumption {
  name: string;
  top: number;
  source: Source;
}

export interface Grades extends Assumption {
  /** Lowest total of grade 1, 2, …; below the last threshold is the last grade. */
  thresholds: Hundredths[];
  /** Labels by staff category; "default" for the others. */
  labels: ReadonlyMap<string, readonly string[]>;
  quota: { level: number; share: number; minimum: number } | null;
  consequences: { level: number; flag: string }[];
  source: Source;
}

export type AttendanceKind = 'late' | 'early' | 'absent_day' | 'absent_half_day' | 'missing_punch';

export interface AttendanceMapping extends Assumption {
  rules: Partial<Record<AttendanceKind, string>>;
  fullAttendance: { rule: string; points: Hundredths | null } | null;
  source: Source;
}

export interface YearRules extends Assumption {
  total: 'sum' | 'mean' | 'none';
  prorate: boolean;
  flags: { name: string; totalBelow: Hundredths; lowest: boolean; notes: ReadonlyMap<string, string>; source: Source }[];
  awards: { name: string; top: number; source: Source }[];
  leave: { name: string; measure: 'absent_days' | 'consecutive_absent_days' | 'leave_days'; type: string | null; over: number; source: Source }[];
  source: Source;
}

export interface Scheme {
  id: string;
  title: string;
  source: Source;
  subject: 'person' | 'unit';
  period: SchemeFile['period'];
  base: Hundredths;
  bonusCap: Hundredths;
  maximum: Hundredths;
  allowNegative: boolean;
  ranking: 'competition' | 'dense';
  items: Item[];
  escalation: Escalation[];
  flags: Flag[];
  awards: Award[];
  grades: Grades | null;
  attendance: AttendanceMapping | null;
  year: YearRules | null;
  /** Rule by code and by exact name (names folded as for headers). */
  rulesByCode: ReadonlyMap<string, Rule>;
  rulesByName: ReadonlyMap<string, Rule>;
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
