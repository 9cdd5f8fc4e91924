import type { IsoDate } from '../core/dates.js';
import { addDays, YearNotCovered, type WorkCalendar } from './calendar.js';

/**
 * The 公示期: N working days starting on the notice date (or the next working day if it is not
 * one). Where the official calendar has no data yet (a new year not announced), plain weekdays
 * are used and the caller is told so.
 */
export function noticePeriod(calendar: WorkCalendar, from: IsoDate, workingDays: number): { first: IsoDate; last: IsoDate; weekdaysOnly: boolean } {
  let weekdaysOnly = false;
  const isWorkday = (d: IsoDate) => {
    try {
      return calendar.isWorkday(d);
    } catch (error) {
      if (!(error instanceof YearNotCovered)) throw error;
      weekdaysOnly = true;
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    }
  };
  let day = from;
  while (!isWorkday(day)) day = addDays(day, 1);
  const first = day;
  let counted = 1;
  while (counted < workingDays) {
    day = addDays(day, 1);
    if (isWorkday(day)) counted += 1;
  }
  return { first, last: day, weekdaysOnly };
}
