import { daysInclusive, type IsoDate } from '../core/dates.js';
import type { RawRow } from '../read/table.js';
import { cellText } from './header.js';
import { fold, parseExportDate } from './values.js';

/**
 * The days an export speaks for, from its title block: 统计日期：<from> 至 <to>, 考勤日期 : <from>
 * ~ <to>, 统计时间:MM-DD ～ MM-DD  制表时间:…, 考勤时间 <from> ~ <to>. A title naming a month
 * ("2026年11月考勤表") is not a range: hand-kept sheets keep stale titles.
 */
const RANGE_LABELS = ['统计日期', '考勤日期', '统计时间', '考勤时间', '统计区间', '统计周期', '日期范围', '考勤期间', '查询日期', '起止日期', '时间范围'];

const DATE = '(\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?|\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?)';
const UNTIL = '\\s*(?:至|到|~|～|—|–|-{1,2})\\s*';
/**
 * A time of day after a range's date (统计日期：2026-10-01 00:00:00 至 2026-10-31 23:59:59): the
 * days are the dates written; the times only say the first day from its start, the last to its end.
 */
const AT_TIME = '(?:\\s*\\d{1,2}[:：]\\d{2}(?:[:：]\\d{2})?)?';
/** When the export was made: 制表时间:2027-01-05, 报表生成时间：2026/11/9 10:30, 打印日期 20261109. */
const MADE = /(?:制表|打印|导出|生成)(?:时间|日期)\s*[:：]?\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{8}(?!\d))/;
/** Years tried back from 制表时间 for a range without one (a 02-29 may be four years back). */
const YEARS_BACK = 8;

export interface TitleRange {
  first: IsoDate;
  last: IsoDate;
  row: number;
  /** The cell that holds the range (its label), 0-based. */
  index: number;
}

/** A title's range as written, with when the export was made when it says so. */
interface WrittenRange {
  from: string;
  to: string;
  madeOn: IsoDate | null;
  row: number;
  /** The cell that holds the range (its label), 0-based. */
  index: number;
}

function writtenRanges(title: readonly RawRow[], labels: readonly string[]): WrittenRange[] {
  const allLabels = [...labels, ...RANGE_LABELS];
  const pattern = new RegExp(`(?:${allLabels.join('|')})\\s*[:：]?\\s*${DATE}${AT_TIME}${UNTIL}${DATE}`);
  return title.flatMap((row) => {
    const text = fold(row.cells.map(cellText).filter((t) => t !== '').join(' '));
    const m = pattern.exec(text);
    if (!m) return [];
    const made = MADE.exec(text);
    const madeOn = made ? (parseExportDate(made[1]!.replace(/\s+/g, ''))?.date ?? null) : null;
    const index = row.cells.findIndex((c) => allLabels.some((label) => fold(cellText(c)).includes(label)));
    return [{ from: m[1]!.replace(/\s+/g, ''), to: m[2]!.replace(/\s+/g, ''), madeOn, row: row.row, index: Math.max(index, 0) }];
  });
}

/**
 * The title's range. Years left out are supplied from 制表时间, else from the days the run is
 * about (`around`: the period), else from `year`; null when none reads as a range.
 */
export function parseRange(title: readonly RawRow[], labels: readonly string[], year: number | undefined, around: { first: IsoDate; last: IsoDate } | null = null): TitleRange | null {
  for (const w of writtenRanges(title, labels)) {
    const range = placed(w, year, around);
    if (range) return { ...range, row: w.row, index: w.index };
  }
  return null;
}

/**
 * A range in the title written without any year and no 制表时间 to place it by (统计日期：12-01 至
 * 12-31), as written, with its cell: without a period, nothing says which year it is.
 */
export function yearlessRange(title: readonly RawRow[], labels: readonly string[]): { text: string; row: number; index: number } | null {
  const w = writtenRanges(title, labels).find((r) => !hasYear(r.from) && !hasYear(r.to) && r.madeOn === null);
  return w ? { text: `${w.from} 至 ${w.to}`, row: w.row, index: w.index } : null;
}

/** A month named in a title (2026年10月考勤表, 10月份考勤), not a date's (10月5日) nor a made-on line's. */
const TITLE_MONTH = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(?!\s*\d)/g;
const MADE_ON = /制表|打印|导出|生成/;

/**
 * The months a hand-kept sheet's title names, with the cell: the first title cell naming one,
 * every month it names (2026年10月、11月考勤: October and November; a month written without its
 * own year is of any year). Often stale (the clerk copies last month's sheet): checked against
 * the days, never used for them.
 */
export function titleMonth(title: readonly RawRow[]): { months: { year: number | null; month: number }[]; text: string; row: number; index: number } | null {
  for (const row of title) {
    for (const [index, cell] of row.cells.entries()) {
      const text = fold(cellText(cell));
      if (MADE_ON.test(text)) continue;
      const found = [...text.matchAll(TITLE_MONTH)].filter((m) => Number(m[2]) >= 1 && Number(m[2]) <= 12);
      const first = found[0];
      const last = found[found.length - 1];
      if (!first || !last) continue;
      const months = found.map((m) => ({ year: m[1] === undefined ? null : Number(m[1]), month: Number(m[2]) }));
      return { months, text: text.slice(first.index, last.index + last[0].length).replace(/\s+/g, ''), row: row.row, index };
    }
  }
  return null;
}

const hasYear = (date: string) => /^\d{4}/.test(date);

/** The range's two ends as dates, years supplied where the title leaves them out; null when it reads as no range. */
function placed(w: WrittenRange, year: number | undefined, around: { first: IsoDate; last: IsoDate } | null): { first: IsoDate; last: IsoDate } | null {
  const { from, to, madeOn } = w;
  if (hasYear(from)) return inYear(from, to, Number(from.slice(0, 4)));
  if (hasYear(to)) {
    // 12-26 ～ 2027-01-25: the start is the latest one on or before the end.
    const last = parseExportDate(to)?.date;
    if (!last) return null;
    const endYear = Number(last.slice(0, 4));
    return inYear(from, to, endYear) ?? inYear(from, to, endYear - 1);
  }
  if (madeOn) return beforeMade(from, to, madeOn);
  return (around ? aroundPeriod(from, to, around) : null) ?? (year === undefined ? null : inYear(from, to, year));
}

/**
 * A range without years and no 制表时间: the one that overlaps the period most (a range covering
 * it overlaps it wholly). 12-26 ～ 01-25 for 2026-01 is 2025-12-26 to 2026-01-25, not the one
 * starting in the period's year. Starting the year before, in or after the period's; a tie
 * keeps the earliest. Null when none overlaps.
 */
function aroundPeriod(from: string, to: string, period: { first: IsoDate; last: IsoDate }): { first: IsoDate; last: IsoDate } | null {
  const year = Number(period.first.slice(0, 4));
  let best: { range: { first: IsoDate; last: IsoDate }; days: number } | null = null;
  for (const y of [year - 1, year, year + 1]) {
    const range = inYear(from, to, y);
    const days = range ? overlapDays(range, period) : 0;
    if (range && days > 0 && (!best || days > best.days)) best = { range, days };
  }
  return best?.range ?? null;
}

function overlapDays(a: { first: IsoDate; last: IsoDate }, b: { first: IsoDate; last: IsoDate }): number {
  const first = a.first > b.first ? a.first : b.first;
  const last = a.last < b.last ? a.last : b.last;
  return last < first ? 0 : daysInclusive(first, last);
}

/**
 * A range without years is the last one the export can have been made after: the latest whose
 * end is on or before 制表时间 (12-01 ～ 12-31 made 2027-01-05 is 2026-12; 12-26 ～ 01-25 made
 * 2026-01-26 is 2025-12-26 to 2026-01-25, ending in 制表时间's year or before), or the one
 * 制表时间 falls in (made mid-month under the whole month's range). Both are the latest range
 * that starts on or before 制表时间. 制表时间 is the only year the title states; the period's year
 * would put a December exported in January a year late.
 */
function beforeMade(from: string, to: string, madeOn: IsoDate): { first: IsoDate; last: IsoDate } | null {
  const madeYear = Number(madeOn.slice(0, 4));
  for (let y = madeYear; y > madeYear - YEARS_BACK; y--) {
    const range = inYear(from, to, y);
    if (range && range.first <= madeOn) return range;
  }
  return null;
}

/**
 * A span written for a day (a leave on a day's row: 年假12-31 08:00到01-02 17:30 on 2026-01-02's
 * row), years supplied as a title range's are: the placement that holds the day, else the one
 * starting in the day's year.
 */
export function spanAround(from: string, to: string, day: IsoDate): { first: IsoDate; last: IsoDate } | null {
  return aroundPeriod(from, to, { first: day, last: day }) ?? inYear(from, to, Number(day.slice(0, 4)));
}

/** The range starting in `year` (a start year written in `from` wins); an end without a year before the start is in the next year. */
export function inYear(from: string, to: string, year: number): { first: IsoDate; last: IsoDate } | null {
  const first = parseExportDate(from, year)?.date;
  if (!first) return null;
  const startYear = Number(first.slice(0, 4));
  let last = parseExportDate(to, startYear)?.date;
  // 12-26 ～ 01-25 without years crosses the new year; 11-12 到 11-10 is a slip, not a year less two days
  if (last && last < first && !hasYear(to)) {
    const next = parseExportDate(to, startYear + 1)?.date;
    last = next && daysInclusive(first, next) <= LONGEST_CROSSING_DAYS ? next : undefined;
  }
  return last && last >= first ? { first, last } : null;
}

/**
 * The longest span read across New Year without its years: 产假 with a province's additions for a
 * difficult or multiple birth (past 200 days) and any pay cycle fit; a slip that writes the end a
 * few days before the start (11-12 到 11-10, or into the month before) reads as 330–365 days, and
 * a year-long leave written without years cannot be told from one (the message asks for years).
 */
const LONGEST_CROSSING_DAYS = 300;
