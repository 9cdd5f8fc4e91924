import type { Hundredths } from './decimal.js';
import type { IsoDate } from './dates.js';
import type { Period } from './period.js';
import type { SourceLocation } from './problems.js';
import type { Evidence } from './evidence.js';
import { cleanName } from './text.js';

/** Typed, validated inputs of one period: what the engine scores. */
export interface Person {
  id: string;
  /** 姓名 and 窗口 as the roster writes them (shownName), shown so on every output; matched by their cleanName. */
  name: string;
  unit: string;
  category: string;
  start: IsoDate | null;
  end: IsoDate | null;
  /** The clock's or platform's number for the person ('' when it is the 工号 or unknown). */
  clockId: string;
  at: SourceLocation;
}

/**
 * What a unit is matched and scored by (a unit subject's key): its name as matched, the same
 * however a sheet or a month writes it (民政 一窗 = 民政一窗); shown as the roster writes it.
 */
export const unitKey = (unit: string): string => cleanName(unit);

/** One line of 记录 after validation: the rule is resolved, the person (if any) is in the roster. */
export interface EntryRecord {
  date: IsoDate;
  /** Null when the record names a unit, not a person. */
  personId: string | null;
  /** The roster's 窗口 (as it writes it). */
  unit: string;
  ruleCode: string;
  count: number;
  /** Points per occurrence from the 分值 column; required for ranged and explicit rules. */
  points: Hundredths | null;
  matter: string | null;
  note: string;
  recorder: string;
  at: SourceLocation;
  /** For a record derived from punches: what made it (the punch, the time it was due, the rule). */
  evidence?: Evidence;
  /** Days it stands for when not its count: an absent half-day derived from punches is 0.5. */
  days?: number;
}

/**
 * A record's person, rule and date: a 记录 row typed for the same ones as a record derived from
 * punches writes down the same fact (the engine counts it once, the check says so).
 */
export function occasionOf(record: Pick<EntryRecord, 'personId' | 'ruleCode' | 'date'>): string {
  return `${record.personId ?? ''}\u0000${record.ruleCode}\u0000${record.date}`;
}

/** One peer rating; rater and ratee are subject keys (unit names or 工号). */
export interface PeerRating {
  rater: string;
  ratee: string;
  score: Hundredths;
  at: SourceLocation;
}

/** A value from the 指标 sheet (e.g. 办结率 96) for a rate rule. */
export interface MetricValue {
  personId: string | null;
  unit: string;
  ruleCode: string;
  /** In the rule's terms, e.g. percent: 96 → 9600 hundredths. */
  value: Hundredths;
  at: SourceLocation;
}

/** A committee mark from the 评分 sheet for a mark item. */
export interface Mark {
  personId: string | null;
  unit: string;
  itemCode: string;
  value: Hundredths;
  at: SourceLocation;
}

/** One month's base score (bonus excluded) of a subject, for a monthly-mean item. */
export interface MonthlyBase {
  subjectKey: string;
  month: string;
  base: Hundredths;
  at: SourceLocation;
}

/** One row of 替岗: who covered whose window, from which day to which. */
export interface Cover {
  substituteId: string;
  holderId: string;
  first: IsoDate;
  last: IsoDate;
  at: SourceLocation;
}

export interface PeriodInput {
  period: Period;
  roster: Person[];
  records: EntryRecord[];
  peer: PeerRating[];
  metrics: MetricValue[];
  marks: Mark[];
  monthly: MonthlyBase[];
  /** Unit totals under the scheme a unit-share item names (computed by the run, not typed). */
  unitTotals: ReadonlyMap<string, Hundredths>;
  /** 临时替岗 rows (替岗 sheet). */
  covers?: Cover[];
  /** 设置 › 优秀并列裁定: the 工号 the committee chose among those tied at the quota. */
  quotaRulings?: string[];
  /**
   * Occurrences of year-span rules in the year's earlier periods, per subject; null when they
   * are not known (one period scored alone).
   */
  earlierCounts?: ReadonlyMap<string, ReadonlyMap<string, number>> | null;
}

/** A person's year of leave and attendance, for the 003 consequences. */
export interface LeaveYear {
  /** Unexcused absence in days; an absent half-day counts 0.5 (convention 10). */
  absentDays: number;
  /** The longest run of consecutive absent sessions, in days (a half day is 0.5). */
  longestAbsentRun: number;
  leaveDays: Record<string, number>;
  /** Where the counted days came from: absent dates, leave rows by type, 旷工 rows typed in 记录. */
  evidence: { absentDates: string[]; leaveRows: { type: string; at: SourceLocation }[]; absentRows: SourceLocation[] };
}

export interface ScoreOptions {
  /** With --allow-missing-peer a subject without ratings gets 0 on that item and a flag. */
  allowMissingPeer: boolean;
}

export function isActiveIn(person: Pick<Person, 'start' | 'end'>, period: Pick<Period, 'first' | 'last'>): boolean {
  return (person.start === null || person.start <= period.last) && (person.end === null || person.end >= period.first);
}

/** Whether a person is in the centre on a day: on or after their 到岗日期, on or before their 离岗日期. */
export function isActiveOn(person: Person, day: IsoDate): boolean {
  return isActiveIn(person, { first: day, last: day });
}
