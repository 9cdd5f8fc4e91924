import { describe, expect, it } from 'vitest';
import { parseShiftText, seconds, type WorkShift } from '../src/calendar/hours.js';
import type { IsoDate } from '../src/core/dates.js';
import { PunchBook, type DayPunches } from '../src/validate/punches.js';

/**
 * The punch book keeps each person-day in blocks of 65,536 numbers (src/validate/punches.ts): a
 * day is its session count and five numbers per session. A city's month fills several blocks;
 * these tests fill three, with days of different sizes, and read every day back.
 */
const work = (text: string) => parseShiftText(text, new Map(), 0) as WorkShift;
const twoSessions = work('08:00-12:00,14:00-18:00');
const oneSession = work('08:30-17:00 两次打卡');
const monday = '2026-11-02' as IsoDate;
const tuesday = '2026-11-03' as IsoDate;
const PEOPLE = 8_000;

/** A day read back as its sessions: each one's first and last punch and count, null for one without. */
const sessionsOf = (day: DayPunches) =>
  Array.from({ length: day.sessions }, (_, s) => (day.count(s) === 0 ? null : { first: day.punch(day.first(s)), last: day.punch(day.last(s)), count: day.count(s) }));

describe('the punch book across its blocks', () => {
  it('reads back every person-day of 8,000 people filed out of order', () => {
    const book = new PunchBook();
    const id = (p: number) => `P${p}`;
    const file = (p: number, date: IsoDate, shift: WorkShift, at: number, row: number) => book.add(id(p), { date, at, shift }, { role: null, row, column: 3 });
    for (let p = 0; p < PEOPLE; p++) {
      // Monday's first punch, then Tuesday's day, then the rest of Monday: the book must find
      // Monday again behind Tuesday, in whatever block each was given.
      file(p, monday, twoSessions, seconds(7, 50), 4 * p + 2);
      file(p, tuesday, oneSession, seconds(8, 5), 4 * p + 3);
      file(p, tuesday, oneSession, seconds(16, 55), 4 * p + 3);
      file(p, monday, twoSessions, seconds(11, 40), 4 * p + 4);
      file(p, monday, twoSessions, seconds(17, 40), 4 * p + 5);
    }
    // Monday 11 numbers (1 + 2 × 5), Tuesday 6 (1 + 5): 8,000 × 17 = 136,000 numbers, three blocks.
    for (const p of [0, 3_854, 3_855, 7_709, 7_710, PEOPLE - 1]) {
      const punch = (at: number, row: number) => ({ at, role: null, row, column: 3 });
      const mondayIn = punch(seconds(7, 50), 4 * p + 2);
      const lunch = punch(seconds(11, 40), 4 * p + 4);
      const evening = punch(seconds(17, 40), 4 * p + 5);
      // 07:50 and 11:40 are nearer 08:00–12:00, 17:40 nearer 14:00–18:00.
      expect(sessionsOf(book.day(id(p), monday)), `P${p} Monday`).toEqual([
        { first: mondayIn, last: lunch, count: 2 },
        { first: evening, last: evening, count: 1 },
      ]);
      expect(sessionsOf(book.day(id(p), tuesday)), `P${p} Tuesday`).toEqual([{ first: punch(seconds(8, 5), 4 * p + 3), last: punch(seconds(16, 55), 4 * p + 3), count: 2 }]);
    }
    expect(sessionsOf(book.day('P8000', monday))).toEqual([]);
    expect(sessionsOf(book.day(id(0), '2026-11-04' as IsoDate))).toEqual([]);
  });

  it('keeps the last row and column a sheet has, and the role, exactly', () => {
    const book = new PunchBook();
    const placed = { date: monday, at: seconds(17, 59, 59), shift: twoSessions };
    book.add('P1', placed, { role: 'out', row: 1_048_576, column: 16_383 }, 1);
    const last = { at: seconds(17, 59, 59), role: 'out', row: 1_048_576, column: 16_383 };
    expect(sessionsOf(book.day('P1', monday))).toEqual([null, { first: last, last, count: 1 }]);
  });
});
