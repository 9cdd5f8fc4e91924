import { divideRoundHalfUp, toNumber, type Hundredths } from '../core/decimal.js';

/** 考核奖 = points × 每分分值 (元), exact to the fen (both in hundredths). */
export function money(total: Hundredths | null, pointValue: Hundredths | null): number | null {
  if (total === null || pointValue === null) return null;
  return toNumber(divideRoundHalfUp(BigInt(total) * BigInt(pointValue), 100n));
}
