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
  | { kind: 'explicit' };

export type Rule = RuleKind &
  Assumption & {
    code: string;
    name: string;
    source: Source;
    itemCode: string;
    /** +1 for bonus rules, −1 for deductions. */
    sign: 1 | -1;
  };

interface ItemCommon extends Assumption {
  code: string;
  name: string;
  source: Source;
}

export type Item =
  | (ItemCommon & { type: 'deduction'; points: Hundredths | null; rules: Rule[] })
  | (ItemCommon & { type: 'peer'; points: Hundredths; scale: Hundredths })
  | (ItemCommon & { type: 'bonus'; cap: Hundredths | null; rules: Rule[] });

export interface Escalation extends Assumption {
  name: string;
  ruleCodes: ReadonlySet<string>;
  from: number;
  factor: number;
  source: Source;
}

export type FlagCondition =
  | { rule: string }
  | { totalBelow: Hundredths }
  | { unitTotalBelow: Hundredths };

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
  /** Rule by code and by exact name (names folded as for headers). */
  rulesByCode: ReadonlyMap<string, Rule>;
  rulesByName: ReadonlyMap<string, Rule>;
  /** Where the scheme came from: built-in id or the user's file path. */
  origin: string;
}
