import type { Hundredths } from '../core/decimal.js';
import type { IsoDate } from '../core/dates.js';
import type { Period } from '../core/period.js';
import type { SourceLocation } from '../core/problems.js';
import type { Evidence } from '../core/evidence.js';
import type { Cover, EntryRecord, MetricValue } from '../core/input.js';
import type { BonusEffect, Item, Scheme } from '../scheme/model.js';

/** Why a line counts for less (or more) than its listed points; worded in src/messages.ts. */
export type TraceNote =
  | { code: 'escalated'; group: string; from: number; factor: number; occurrences: number[] }
  | { code: 'per_n'; every: number; total: number; times: number }
  | { code: 'over'; threshold: number; total: number; unit: string }
  | { code: 'below_threshold'; threshold: number; total: number; unit: string }
  /** The running total was past the threshold before this record: the one deduction is on the record that crossed. */
  | { code: 'over_before'; threshold: number; total: number; unit: string }
  /** `points` for each `per` percentage points below `target`. */
  | { code: 'rate'; metric: string; value: Hundredths; target: Hundredths; per: Hundredths; points: Hundredths }
  | { code: 'year_span'; earlier: number }
  | { code: 'once_per_period'; kept: SourceLocation }
  /** A typed row of the same person, rule and date as records derived from punches: `absorbed` of its `typed` amount is theirs, counted once. */
  | { code: 'same_as_derived'; typed: number; absorbed: number; unit: '天' | '次' }
  | { code: 'flag_only' }
  /** A part's cap: `part` names a sub-item (小项 会议), absent for an item of one part; `earned` for points earned up to the cap (创新). */
  | { code: 'item_cap'; item: string; cut: Hundredths; points: Hundredths; earned: boolean; part?: string }
  | { code: 'matter_duplicate'; matter: string; kept: SourceLocation }
  | { code: 'bonus_item_cap'; item: string; cut: Hundredths }
  | { code: 'bonus_cap'; cut: Hundredths }
  /** The total went past the scheme's maximum (满分): the bonus beyond it does not count. */
  | { code: 'maximum_cut'; maximum: Hundredths; cut: Hundredths };

/** One scored record: where it came from, which rule, and its points at every step. */
export interface TraceLine {
  itemCode: string;
  partIndex: number;
  ruleCode: string;
  ruleName: string;
  sign: 1 | -1;
  date: IsoDate;
  personId: string | null;
  count: number;
  /** Days the record stands for (次数 for a typed record; 0.5 for an absent half-day). */
  days: number;
  /** What count counts: 次, or the per-unit rule's unit (天). */
  countUnit: string;
  /** Points of one occurrence (or one unit) before escalation. */
  unitPoints: Hundredths;
  /** count × unitPoints. */
  listed: Hundredths;
  /** After escalation (5th and later occurrences doubled). */
  escalated: Hundredths;
  /** What finally counts, after item caps, bonus de-duplication and the bonus cap. */
  counted: Hundredths;
  notes: TraceNote[];
  matter: string | null;
  note: string;
  at: SourceLocation;
  /** Set for records derived from punches: the punches and rule that produced it. */
  evidence: Evidence | null;
}

export interface PeerTrace {
  itemCode: string;
  /** Each rating's rater as shown: a unit as the roster writes it, a person by 工号. */
  ratings: { rater: string; score: Hundredths; at: SourceLocation }[];
  /** Sum of the ratings that count: points = sum × points / (n × scale), rounded once (never its rounded mean, convention 11). */
  sum: Hundredths;
  /** The peer item's points and scale: points = sum × points / (n × scale). */
  itemPoints: Hundredths;
  scale: Hundredths;
  points: Hundredths;
  missing: boolean;
}

export interface PartResult {
  name: string;
  points: Hundredths | null;
  earned: boolean;
  score: Hundredths;
}

/** How a component item (mark, monthly mean, unit share) got its score. */
export type ComponentTrace =
  | { code: 'mark'; value: Hundredths; at: SourceLocation }
  | { code: 'monthly'; months: { month: string; base: Hundredths; at: SourceLocation }[]; sum: Hundredths; scale: Hundredths }
  | { code: 'unit_share'; unit: string; unitTotal: Hundredths; scale: Hundredths; scheme: string };

export interface ItemResult {
  code: string;
  name: string;
  type: Item['type'];
  points: Hundredths | null;
  parts: PartResult[];
  component: ComponentTrace | null;
  deducted: Hundredths;
  added: Hundredths;
  /** points − deducted, −deducted for items without points, +added for bonus items. */
  score: Hundredths;
}

export interface AwardResult {
  name: string;
  /** Part of a tie at the boundary that gives more than N winners: the committee decides. */
  tied: boolean;
}

/** What raised a flag: records of a rule, the total, the unit's total, too few months, the grade, a cover. */
export type FlagBecause =
  | { rule: string; count: number; days: number; at: SourceLocation[] }
  | { totalBelow: Hundredths }
  | { unitTotalBelow: Hundredths }
  | { monthsBelow: number; months: number }
  | { grade: string }
  | { peerMissing: true }
  | { covered: { holder: string; first: string; last: string; at: SourceLocation }[] };

/**
 * A flag as data, worded in src/messages.ts: a flag the scheme names (its name is the scheme's
 * words), or one kaohe raises (quota, missing peer ratings).
 */
export type FlagResult =
  /**
   * `public`: the scheme's wording for notices; null keeps the flag off every notice. `bonus`:
   * what it does to the 考核奖, when the scheme says (a grade's consequence).
   */
  | { code: 'scheme'; name: string; public: string | null; because: FlagBecause; bonus?: BonusEffect }
  /** Over a grade's quota by rank: moved down to `label`. */
  | { code: 'quota_over'; grade: string; label: string; because: FlagBecause }
  /** Tied at the quota's boundary: `label` for now, `places` left for the committee to give. */
  | { code: 'quota_pending'; grade: string; label: string; places: number; because: FlagBecause }
  /** Chosen by the committee (设置 › 优秀并列裁定) among those tied at the boundary. */
  | { code: 'quota_ruled'; grade: string; because: FlagBecause }
  | { code: 'peer_missing'; because: FlagBecause };

export interface GradeResult {
  /** 1 = best. */
  level: number;
  label: string;
  /**
   * Against the quota of a limited grade: inside; tied at the boundary and left to the committee
   * (the next grade for now); chosen by the committee; or moved down by rank.
   */
  quota: 'within' | 'pending' | 'ruled' | 'over' | null;
  /** For a pending tie: the places left at the boundary for the committee to give. */
  places?: number;
}

export interface SubjectResult {
  /** 工号 for persons, unit name for units. */
  key: string;
  name: string;
  unit: string;
  items: ItemResult[];
  deductions: Hundredths;
  bonus: Hundredths;
  total: Hundredths;
  rank: number;
  awards: AwardResult[];
  flags: FlagResult[];
  grade: GradeResult | null;
  /** Months with results, for schemes with a monthly-mean item. */
  months: string[];
  /** What the subject's trace is made of, when asked (subjectTrace in engine.ts). */
  traceSources: TraceSources;
  peer: PeerTrace | null;
}

/**
 * A subject's records in the order they were scored (by date, same-day records in sheet order),
 * its 指标 values, and its year-span counts from the year's earlier periods: with the scheme,
 * all that its trace lines are made of.
 */
export interface TraceSources {
  records: readonly EntryRecord[];
  metrics: readonly MetricValue[];
  earlier: ReadonlyMap<string, number>;
  /** Set when the total went past the scheme's maximum: the bonus that can count (the rest is cut, maximum_cut). */
  bonusRoom?: Hundredths;
  /** Of the records, the typed rows counted once with the punches' records of their date (same_as_derived), as scoring found them. */
  sameAsDerived: number;
}

export interface UnitResult {
  unit: string;
  members: string[];
  total: Hundredths;
  flags: FlagResult[];
}

export type EngineWarning =
  /** Convention 5: more than `top` have rank ≤ top; the subjects of `ranks` (`marked` of them) are marked 并列. `decidedBy`: who settles it, the scheme's (中心主任办公会, 考核小组). */
  | { code: 'award_tie'; award: string; top: number; ranks: number[]; marked: number; winners: number; decidedBy: string }
  /** Convention 9: a tie straddles the quota; nobody in it gets the grade until the committee rules. */
  | { code: 'grade_quota_pending'; grade: string; quota: number; places: number; tied: string[]; settingKey: string; decidedBy: string }
  | { code: 'grade_quota_ruling_excess'; grade: string; places: number; chosen: string[]; settingKey: string }
  | { code: 'grade_quota_ruling_short'; grade: string; places: number; chosen: string[]; settingKey: string }
  | { code: 'grade_quota_ruling_unknown'; grade: string; ids: string[]; settingKey: string }
  /** A year-span threshold (全年累计) scored without the earlier periods of the year. */
  | { code: 'year_span_unknown'; rule: string; period: string }
  /** A record names the person whose window was covered by another on that day. */
  | { code: 'record_during_cover'; holder: string; substitute: string; rule: string; at: SourceLocation };

export interface ScoreResult {
  scheme: Scheme;
  period: Period;
  /** In rank order; ties keep roster order. */
  subjects: SubjectResult[];
  /** Unit totals, for person schemes whose flags look at units. */
  units: UnitResult[];
  /** 工号 → 姓名 from the roster, to name the person behind a unit's record. */
  personNames: ReadonlyMap<string, string>;
  /** Occurrences of year-span rules (全年累计) per subject up to the end of this period. */
  yearCounts: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** The period's 临时替岗 rows, for the year-end flag of an annual scheme. */
  covers: Cover[];
  warnings: EngineWarning[];
}
