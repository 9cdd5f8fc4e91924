import { divideRoundHalfUp, format, toNumber, type Hundredths } from '../core/decimal.js';
import type { BonusEffect } from '../scheme/model.js';
import { formatYearFlag } from '../messages.js';
import { moneyByHandText, moneyNegativeText } from '../messages/outputs.js';
import type { FlagResult, ScoreResult } from '../score/result.js';
import type { YearFlag, YearResult } from '../score/year.js';

/** A flag that changes someone's 考核奖, by the scheme's words: its name and what it does. */
interface BonusFlag {
  flag: string;
  effect: BonusEffect;
}

/**
 * A subject's 考核奖 under its flags: none paid (0) when one cancels it; left blank (null) when
 * one withholds an amount the rules set, which kaohe does not guess; otherwise points × 每分分值,
 * negative for a negative total (said: negativeMoney).
 */
export function moneyUnder(total: Hundredths | null, pointValue: Hundredths | null, flags: readonly BonusFlag[]): number | null {
  if (pointValue === null) return null;
  if (flags.some((f) => f.effect === 'cancel')) return 0;
  if (leftByHand(flags) || total === null) return null;
  // points × 每分分值 (元), exact to the fen (both in hundredths)
  return toNumber(divideRoundHalfUp(BigInt(total) * BigInt(pointValue), 100n));
}

/** Whether flags leave the 考核奖 to be worked out by hand: some withhold part of it and none cancels it. */
function leftByHand(flags: readonly BonusFlag[]): boolean {
  return flags.length > 0 && !flags.some((f) => f.effect === 'cancel');
}

/** A period's flags that change the 考核奖 (a grade's 不享受考核奖). */
export function periodBonusFlags(flags: readonly FlagResult[]): BonusFlag[] {
  return flags.flatMap((f) => (f.code === 'scheme' && f.bonus ? [{ flag: f.name, effect: f.bonus }] : []));
}

/**
 * A year row's flags that change its 考核奖: the year's own (取消全年考核奖 cancels it, 扣发一个月
 * 考核奖 withholds part; an annual scheme's grade consequence), and a period's that cancels or
 * withholds that period's part only, an amount worked out by hand as a withheld one is.
 */
export function yearBonusFlags(flags: readonly YearFlag[]): BonusFlag[] {
  return flags.flatMap((f) => {
    if (f.code === 'leave' && f.bonus) return [{ flag: f.name, effect: f.bonus }];
    if (f.code === 'annual' && f.flag.code === 'scheme' && f.flag.bonus) return [{ flag: f.flag.name, effect: f.flag.bonus }];
    if (f.code === 'period' && f.flag.code === 'scheme' && f.flag.bonus) return [{ flag: formatYearFlag(f), effect: 'withhold' as const }];
    return [];
  });
}

/** The people whose 考核奖 is left blank, each with the flags that withhold part of it: to be worked out by hand. */
function moneyByHand(subjects: readonly { key: string; name: string; flags: readonly BonusFlag[] }[]): { id: string; name: string; flags: string[] }[] {
  return subjects.flatMap((s) => (leftByHand(s.flags) ? [{ id: s.key, name: s.name, flags: [...new Set(s.flags.map((f) => f.flag))] }] : []));
}

/**
 * The people whose 考核奖 is negative (a negative total × 每分分值; flagged ones are left blank or
 * 0 instead): the seed prices each point (每分分值由班子会确定) but gives a negative month only
 * 通报批评, not whether the sum is taken back, so the amount stands and the note says so.
 */
function negativeMoney(subjects: readonly { key: string; name: string; total: Hundredths | null; flags: readonly BonusFlag[] }[], pointValue: Hundredths): string[] {
  return subjects.flatMap((s) => {
    const money = moneyUnder(s.total, pointValue, s.flags);
    return money !== null && money < 0 ? [moneyNegativeText({ id: s.key, name: s.name, total: format(s.total!), money: String(money) })] : [];
  });
}

/** The notes of a period's 考核奖 left blank or negative, one per person; none without a 每分分值. */
export function scoreMoneyNotes(result: Pick<ScoreResult, 'subjects'>, pointValue: Hundredths | null): string[] {
  if (pointValue === null) return [];
  const subjects = result.subjects.map((s) => ({ key: s.key, name: s.name, total: s.total, flags: periodBonusFlags(s.flags) }));
  return [...moneyByHand(subjects).map(moneyByHandText), ...negativeMoney(subjects, pointValue)];
}

/** The notes of a year's 考核奖 left blank or negative, for the rows with a year total; none without a 每分分值. */
export function yearMoneyNotes(result: Pick<YearResult, 'rows'>, pointValue: Hundredths | null): string[] {
  if (pointValue === null) return [];
  const rows = result.rows.filter((r) => r.total !== null).map((r) => ({ key: r.key, name: r.name, total: r.total, flags: yearBonusFlags(r.flags) }));
  return [...moneyByHand(rows).map(moneyByHandText), ...negativeMoney(rows, pointValue)];
}
