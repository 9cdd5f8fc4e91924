import { parsePoints, type Hundredths } from './decimal.js';

/** 公示天数 as written (5, 5天, 5个工作日) in working days, 1 to 60; null when it is none. */
export function noticeDaysOf(text: string): number | null {
  const days = Number(text.normalize('NFKC').replace(/个?工作日|天/g, ''));
  return Number.isInteger(days) && days >= 1 && days <= 60 ? days : null;
}

/** A 每分分值 as written (60, 60元) in hundredths of a yuan; null when it is no amount over 0. */
export function pointValueText(text: string): Hundredths | null {
  const value = parsePoints(text.normalize('NFKC').replace(/元$/, ''));
  return value === null || value <= 0 ? null : value;
}
