import { addDays, type WorkCalendar } from '../calendar/calendar.js';
import type { IsoDate } from '../core/dates.js';
import type { ProblemCode } from '../core/problems.js';
import type { CellValue } from '../read/table.js';
import type { FoundHeader } from './header.js';
import { fold, parseExportDate, WEEKDAYS, weekdayNumber, weekdayOf } from './values.js';

/**
 * The day columns of a person × day grid (F4, F6): headers that are day numbers ("1", "01",
 * "1日", "1⏎星期三"), a weekday standing in for a weekend day ("六", "日"), a holiday's name
 * ("国庆节", or under its number: "25⏎中秋"), an Excel date or serial, each possibly over
 * 上班/下班 sub-columns (one pair a day, or two: 上午 and 下午). The columns run day after day;
 * bare numbers get their month from the covered range (or the period), and every number and
 * weekday must fit the date its position gives, and a header that breaks the run between days
 * names no day — otherwise the grid is reported, not guessed.
 */
export interface DayColumn {
  index: number;
  date: IsoDate;
  role: 'in' | 'out' | null;
  /** The holiday the header names in the day's place (国庆节), as written. */
  holiday?: string;
}

const HOLIDAYS = ['元旦', '春节', '除夕', '清明', '清明节', '劳动节', '五一', '端午', '端午节', '中秋', '中秋节', '国庆', '国庆节', '假期', '节假日'];
/** Words any day off may be headed by, not one festival's name. */
const ANY_DAY_OFF = ['假期', '节假日'];

interface DayHeader {
  /** What identifies the day in the header, the role word removed. */
  key: string;
  day: number | null;
  weekday: number | null;
  date: IsoDate | null;
  role: 'in' | 'out' | null;
  /** A holiday's name standing in the day's place (国庆节). */
  holiday?: string;
}

function dayHeader(text: string, year: number | undefined, date1904: boolean): DayHeader | null {
  const t = fold(text).replace(/\s+/g, '');
  if (t === '') return null;
  const roleMatch = /(上班|签到|下班|签退)$/.exec(t);
  const role = roleMatch ? (roleMatch[1] === '上班' || roleMatch[1] === '签到' ? 'in' : 'out') : null;
  const key = roleMatch ? t.slice(0, -roleMatch[1]!.length) : t;
  if (key === '') return null;
  const serial = /^(\d{5})(?:\.0+)?$/.exec(key);
  if (serial) {
    const parsed = parseExportDate(Number(serial[1]), year, date1904);
    return parsed ? { key, day: null, weekday: null, date: parsed.date, role } : null;
  }
  const numbered = /^(\d{1,2})(?:日|号)?(?:[(（]?(?:星期|周)?([日天一二三四五六])[)）]?)?$/.exec(key);
  if (numbered && Number(numbered[1]) >= 1 && Number(numbered[1]) <= 31) {
    const w = numbered[2] === undefined ? null : weekdayNumber(numbered[2]);
    return { key, day: Number(numbered[1]), weekday: w, date: null, role };
  }
  // A holiday written under (or after) the day's number (25⏎中秋, 1（国庆）): that day, that holiday.
  const numberedHoliday = /^(\d{1,2})(?:日|号)?[(（]?(\D+?)[)）]?$/.exec(key);
  if (numberedHoliday && Number(numberedHoliday[1]) >= 1 && Number(numberedHoliday[1]) <= 31 && HOLIDAYS.includes(numberedHoliday[2]!)) {
    return { key, day: Number(numberedHoliday[1]), weekday: null, date: null, role, holiday: numberedHoliday[2]! };
  }
  const weekday = weekdayNamed(key);
  if (weekday !== null) return { key, day: null, weekday, date: null, role };
  if (HOLIDAYS.includes(key)) return { key, day: null, weekday: null, date: null, role, holiday: key };
  const dated = parseExportDate(key, year);
  if (dated && dated.at === undefined) return { key, day: null, weekday: null, date: dated.date, role };
  return null;
}

/** Whether a cell of a weekday row names a weekday alone (四, 星期四, 周日) or a holiday (国庆节) in its place. */
export function namesWeekday(text: string): boolean {
  const key = fold(text).replace(/\s+/g, '');
  return weekdayNamed(key) !== null || HOLIDAYS.includes(key);
}

/** The weekday (0 = Sunday) a folded cell names alone (四, 星期四, 周日), or null. */
function weekdayNamed(folded: string): number | null {
  const named = /^(?:星期|周)?([日天一二三四五六])$/.exec(folded)?.[1];
  return named === undefined ? null : weekdayNumber(named);
}

/**
 * The written day cells of a row of weekdays over or under the day columns (四 五 六 日 …, as
 * hand-kept grids have one), or null when the row is no weekday row (fewer than two weekdays, or
 * other text in a day column: a person's row of statuses). A holiday's name in a weekday's place
 * (国庆) is taken, as header.ts's isWeekdayRow takes it.
 */
function weekdayRowCells(cells: readonly CellValue[], days: readonly DayColumn[]): { day: DayColumn; value: string; text: string; weekday: number | null }[] | null {
  const written = days.flatMap((d) => {
    const value = cells[d.index];
    const text = value === null || value === undefined ? '' : fold(String(value)).replace(/\s+/g, '');
    return text === '' ? [] : [{ day: d, value: String(value).trim(), text, weekday: weekdayNamed(text) }];
  });
  if (written.some((n) => n.weekday === null && !HOLIDAYS.includes(n.text))) return null;
  return written.filter((n) => n.weekday !== null).length < 2 ? null : written;
}

/**
 * A weekday row's first cell naming another weekday than its column's date has (with the date's
 * own). Null when every one fits, or when the row is no weekday row.
 */
export function weekdayRowMisfit(cells: readonly CellValue[], days: readonly DayColumn[]): { index: number; value: string; date: IsoDate; weekday: string } | null {
  const misfit = weekdayRowCells(cells, days)?.find((n) => n.weekday !== null && n.weekday !== weekdayOf(n.day.date));
  return misfit ? { index: misfit.day.index, value: misfit.value, date: misfit.day.date, weekday: WEEKDAYS[weekdayOf(misfit.day.date)] as string } : null;
}

/** The holiday names a weekday row writes in a day's place (国庆 among 四 五 六), with their days; none in a row that is no weekday row. */
export function holidaysInRow(cells: readonly CellValue[], days: readonly DayColumn[]): DayColumn[] {
  return (weekdayRowCells(cells, days) ?? []).flatMap((n) => (n.weekday === null ? [{ ...n.day, holiday: n.text }] : []));
}

/**
 * The first day a header names a holiday on (国庆节) that the calendar does not have as one: a
 * working day (the grid is of another month or year), or, for a festival's name, a weekend joined
 * to no holiday by days off. A weekend touching the break is taken as the clock takes it (元旦 over
 * the Saturday and Sunday after 2027-01-01, where a year given by --calendar lists only the
 * Friday). Whose festival a day of a joint break is (中秋 within 国庆) is not compared: clocks and
 * the calendar name those differently. Days in a year the calendar lacks are passed over; the run
 * stops at those (calendar_year_unknown) before any day is judged.
 */
export function holidayMisfit(days: readonly DayColumn[], calendar: WorkCalendar): { day: DayColumn; value: string; date: IsoDate; workday: 'yes' | 'no' } | null {
  for (const d of days) {
    if (d.holiday === undefined || !calendar.covers(d.date)) continue;
    if (calendar.isWorkday(d.date)) return { day: d, value: d.holiday, date: d.date, workday: 'yes' };
    if (!ANY_DAY_OFF.includes(d.holiday) && !joinedToHoliday(d.date, calendar)) return { day: d, value: d.holiday, date: d.date, workday: 'no' };
  }
  return null;
}

/** Whether a day off is a holiday or reaches one through days off only, either way. */
function joinedToHoliday(date: IsoDate, calendar: WorkCalendar): boolean {
  const reaches = (step: 1 | -1): boolean => {
    for (let day = date; calendar.covers(day) && !calendar.isWorkday(day); day = addDays(day, step)) {
      if (calendar.isHoliday(day)) return true;
    }
    return false;
  };
  return reaches(-1) || reaches(1);
}

/** How many day columns in a row the header has (a grid needs a run of them). */
export function dayRunLength(header: Pick<FoundHeader, 'names'>, taken: ReadonlySet<number>, year: number | undefined): number {
  // Consecutive serials are consecutive days in either date system: the length is the same.
  return longest(dayRuns(header.names, taken, year, false)).length;
}

type RunCell = { index: number; head: DayHeader; step: number };

/**
 * Each run of consecutive day headers in the row, left to right, its cells stepped from its own
 * first day. A date merged over 上班 下班 上班 下班 (a hand sheet of two pairs a day) is one day:
 * a number, date or weekday names no two days running, so under one such header the pairs go on.
 * A holiday's name does head days running (国庆节 over the 1st to the 7th): under it a day holds
 * as many pairs as the row's numbered days do.
 */
function dayRuns(names: readonly string[][], taken: ReadonlySet<number>, year: number | undefined, date1904: boolean): RunCell[][] {
  // Under a group (打卡明细 › 1⏎星期日) the detail alone names the day.
  const heads = names.map((candidates, index) => (taken.has(index) ? null : candidates.reduce<DayHeader | null>((found, name) => found ?? dayHeader(name, year, date1904), null)));
  const pairsADay = pairsPerDay(heads);
  const runs: RunCell[][] = [];
  let run: RunCell[] = [];
  let pairs = 0;
  heads.forEach((head, index) => {
    if (!head) {
      if (run.length > 0) runs.push(run);
      run = [];
      return;
    }
    const previous = run[run.length - 1];
    const goesOn = sameDayAs(previous?.head, head);
    const sameDay = goesOn === 'out' || (goesOn === 'next pair' && (head.holiday === undefined || pairs < pairsADay));
    pairs = !sameDay ? 1 : goesOn === 'next pair' ? pairs + 1 : pairs;
    run.push({ index, head, step: previous === undefined ? 0 : sameDay ? previous.step : previous.step + 1 });
  });
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The most 上班/下班 pairs one numbered (or dated) day header stands over in the row: 1 on a sheet of one pair a day. */
function pairsPerDay(heads: readonly (DayHeader | null)[]): number {
  let most = 1;
  let pairs = 0;
  heads.forEach((head, index) => {
    // A holiday's name heads days running (see dayRuns): it counts no pairs.
    const goesOn = head === null || head.holiday !== undefined ? null : sameDayAs(heads[index - 1], head);
    if (head?.role === 'in') pairs = goesOn === 'next pair' ? pairs + 1 : 1;
    else if (goesOn !== 'out') pairs = 0;
    most = Math.max(most, pairs);
  });
  return most;
}

/**
 * How a header goes on from the one before it under the same day header (the same key): its
 * 下班 after its 上班 ('out'), or its next 上班 after a 下班 ('next pair'); null where it does not.
 */
function sameDayAs(previous: DayHeader | null | undefined, head: DayHeader): 'out' | 'next pair' | null {
  if (!previous || previous.key !== head.key) return null;
  if (previous.role === 'in' && head.role === 'out') return 'out';
  return previous.role === 'out' && head.role === 'in' ? 'next pair' : null;
}

/** The longest run (the first of equals). */
function longest(runs: readonly RunCell[][]): RunCell[] {
  return runs.reduce<RunCell[]>((best, run) => (run.length > best.length ? run : best), []);
}

/** Whether a header's own number, date and weekday agree with the date its position gives. */
function fitsDate(head: DayHeader, date: IsoDate): boolean {
  return (head.date === null || head.date === date) && (head.day === null || Number(date.slice(8)) === head.day) && (head.weekday === null || weekdayOf(date) === head.weekday);
}

/**
 * A header cell that breaks the day run (25⏎月饼 between 24 and 26, a weekly 小计 between 7 and
 * 8): the first such cell between the placed run and a neighbouring run that goes on from it, the
 * cells between taken as none to all of them days (上班/下班 pairs). Without it those later (or
 * earlier) days and their punches would be left out without a word. A neighbour that names no day
 * number or date (节假日 among the totals after the days) is not taken for a continuation.
 */
function brokenRun(neighbours: { before?: readonly RunCell[]; after?: readonly RunCell[] }, best: readonly RunCell[], start: IsoDate, taken: ReadonlySet<number>): number | null {
  const { before, after } = neighbours;
  const continues = (run: readonly RunCell[], firstStep: number) =>
    run.some((c) => c.head.day !== null || c.head.date !== null) && run.every((c) => fitsDate(c.head, addDays(start, firstStep + c.step)));
  const gap = (from: number, to: number) => Array.from({ length: to - from - 1 }, (_, i) => from + 1 + i);
  // 0 … gap.length days missing where the gap is.
  const missing = (cells: readonly number[]) => Array.from({ length: cells.length + 1 }, (_, k) => k);
  const last = best[best.length - 1]!;
  const afterGap = after ? gap(last.index, after[0]!.index) : [];
  if (after && afterGap.length > 0 && !afterGap.some((i) => taken.has(i)) && missing(afterGap).some((k) => continues(after, last.step + 1 + k))) return afterGap[0]!;
  const beforeGap = before ? gap(before[before.length - 1]!.index, best[0]!.index) : [];
  const beforeLast = before?.[before.length - 1]?.step ?? 0;
  if (before && beforeGap.length > 0 && !beforeGap.some((i) => taken.has(i)) && missing(beforeGap).some((k) => continues(before, best[0]!.step - (k + 1) - beforeLast))) return beforeGap[0]!;
  return null;
}

/**
 * The run without the bare 节假日 / 国庆节 headers at its ends whose places fall outside the days
 * the grid is read for: a totals column (节假日 hours or days) next to the day columns, not a day.
 */
function withoutTotals(run: readonly RunCell[], start: IsoDate, context: DayRange | null): readonly RunCell[] {
  if (!context) return run;
  const bare = (c: RunCell) => c.head.holiday !== undefined && c.head.day === null && c.head.date === null;
  const dateOf = (c: RunCell) => addDays(start, c.step);
  let first = 0;
  let end = run.length;
  while (first < end && bare(run[first]!) && dateOf(run[first]!) < context.first) first += 1;
  while (end > first && bare(run[end - 1]!) && dateOf(run[end - 1]!) > context.last) end -= 1;
  return run.slice(first, end);
}

/**
 * The header cell right before or after the run that stands on a day inside the days read for
 * but cannot be read as it (28⏎班, 30⏎月饼, 1⏎月饼): that day's punches would be left out without
 * a word. Inside a title's stated range any written cell is taken; inside a period (--period or
 * the file name) only one beginning with that day's number, since the period does not say the
 * export covers all of it (a month exported up to the 20th, then 出勤天数). A totals column after
 * the days stands past the range, or begins with no day number, and is not taken.
 */
function unreadableEdge(names: readonly string[][], run: readonly RunCell[], start: IsoDate, context: DayRange | null, taken: ReadonlySet<number>): { index: number; date: IsoDate } | null {
  if (!context) return null;
  const first = run[0]!;
  const last = run[run.length - 1]!;
  const edges = [
    { index: last.index + 1, date: addDays(start, last.head.role === 'in' ? last.step : last.step + 1) },
    { index: first.index - 1, date: addDays(start, first.head.role === 'out' ? first.step : first.step - 1) },
  ];
  const standsOn = (e: { index: number; date: IsoDate }) => (context.stated ? (names[e.index]?.[0] ?? '').trim() !== '' : (names[e.index] ?? []).some((name) => beginsWithDay(name, e.date)));
  return edges.find((e) => e.index >= 0 && !taken.has(e.index) && e.date >= context.first && e.date <= context.last && standsOn(e)) ?? null;
}

/** Whether a header begins with the number of the date's day (1⏎月饼, 01 班 on the 1st; not 10 or 出勤天数). */
function beginsWithDay(name: string, date: IsoDate): boolean {
  const leading = /^\d+/.exec(fold(name))?.[0];
  return leading !== undefined && Number(leading) === Number(date.slice(8));
}

/**
 * The days a grid is read against: the title's range (stated), or the period, which places day
 * numbers and bounds the days an unreadable header next to the run may be taken to stand on.
 */
export interface DayRange {
  first: IsoDate;
  last: IsoDate;
  stated?: boolean;
}

export function dayColumns(
  header: Pick<FoundHeader, 'names' | 'lastRow'>,
  taken: ReadonlySet<number>,
  context: DayRange | null,
  year: number | undefined,
  /** The workbook counts serials from 1904-01-01: a header that is a serial is read so. */
  date1904: boolean,
): { columns: DayColumn[] } | { problem: ProblemCode; args: Record<string, string | number>; index?: number } {
  // The longest run of day headers, each column given its day's position in the run.
  const runs = dayRuns(header.names, taken, year, date1904);
  const longestRun = longest(runs);
  if (longestRun.length < 2) return { problem: 'export_days_unknown', args: {} };

  const start = startDate(longestRun, context);
  if (!start) return { problem: 'export_days_unknown', args: { first: longestRun[0]!.head.key } };
  const best = withoutTotals(longestRun, start, context);
  for (const c of best) {
    const date = addDays(start, c.step);
    if (!fitsDate(c.head, date)) return { problem: 'export_days_mismatch', args: { value: c.head.key, date }, index: c.index };
    // A day the header dates in full and the title leaves out: the title is the only statement of the days covered.
    if (c.head.date !== null && context?.stated && (date < context.first || date > context.last)) {
      return { problem: 'export_days_mismatch', args: { value: c.head.key, date, first: context.first, last: context.last }, index: c.index };
    }
  }
  const at = runs.indexOf(longestRun);
  const written = (index: number) => (header.names[index]?.[0] ?? '').trim().replace(/\s+/g, ' ');
  const broken = brokenRun({ before: runs[at - 1], after: runs[at + 1] }, best, start, taken);
  if (broken !== null) return { problem: 'export_day_header_unreadable', args: { value: written(broken) }, index: broken };
  const edge = unreadableEdge(header.names, best, start, context, taken);
  if (edge !== null) return { problem: 'export_day_header_unreadable', args: { value: written(edge.index), date: edge.date }, index: edge.index };
  return { columns: best.map((c) => ({ index: c.index, date: addDays(start, c.step), role: c.head.role, ...(c.head.holiday === undefined ? {} : { holiday: c.head.holiday }) })) };
}

/** The first column's date: from a full date in the header, else day numbers placed in the covered range. */
function startDate(run: readonly { head: DayHeader; step: number }[], context: { first: IsoDate; last: IsoDate } | null): IsoDate | null {
  const dated = run.find((c) => c.head.date !== null);
  if (dated) return addDays(dated.head.date!, -dated.step);
  const numbered = run.find((c) => c.head.day !== null);
  if (!numbered || !context) return null;
  // The grid starts on the first day of the range when its numbers say so; otherwise on the
  // nearest day around it whose number fits.
  for (let shift = 0; shift <= 31; shift++) {
    for (const sign of shift === 0 ? [1] : [1, -1]) {
      const candidate = addDays(context.first, sign * shift);
      if (Number(addDays(candidate, numbered.step).slice(8)) === numbered.head.day) return candidate;
    }
  }
  return null;
}
