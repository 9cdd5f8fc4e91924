import * as z from 'zod';
import { addDays, coveredSpan, firstUncoveredDay, officialCalendar, type WorkCalendar } from '../calendar/calendar.js';
import { clock, parseClock, parseShiftText, type Hours, type Seconds } from '../calendar/hours.js';
import { LocalDateTime, parseDateText, secondsOfDay, type DateRange, type IsoDate } from '../core/dates.js';
import { periodContains, periodYears, type Period } from '../core/period.js';
import { problem, type Problem, type SourceLocation } from '../core/problems.js';
import { PunchBook } from './punches.js';
import type { Schedule, ShiftRow } from '../calendar/schedule.js';
import { leaveSheet, shiftSheet } from '../core/input-sheets.js';
import { isBlank, mapHeader } from '../read/header.js';
import { personOfKey, unpack, type FirstRow, type PunchCollector, type RawPunch } from '../read/punch-collector.js';
import { locate, shownValue, type CellValue, type RawTable, type Table } from '../read/table.js';
import { acceptedLeaveWords, defaultLeaveWords, resolveLeaveWord, type LeaveClass, type LeaveWords } from '../scheme/lists.js';
import { isActiveIn, isActiveOn, type Person } from '../core/input.js';
import { yearsAround } from './limits.js';
import { nameAmbiguous, RosterNames } from './names.js';
import { idWithoutItsZeros, personUnknown } from './roster-ids.js';
import { cell, date, optionalDate, type CellContext, optionalName, optionalText, parseRows, requiredName } from './fields.js';

/** A row of 请假: leave, a trip (present), a word the scheme does not excuse, or a 补签 correction. */
export interface Leave {
  personId: string;
  /** The word as it was matched (年假). */
  word: string;
  /** The type its days count under (年休假; 补签 for a correction). */
  type: string;
  class: LeaveClass | 'correction';
  first: IsoDate;
  last: IsoDate;
  /** Which half of each day, when no times are given. */
  part: '全天' | '上午' | '下午';
  /** Time on the first day it starts, and on the last day it ends; null: the whole day. */
  startTime: Seconds | null;
  endTime: Seconds | null;
  /** 时长 as written (3小时, 0.5天); placed by leaveSegments when no times are given. */
  length: { unit: 'hours' | 'days'; value: number } | null;
  at: SourceLocation;
  /** Its 类型 cell, where a clash with another row is said. */
  typeAt: SourceLocation;
}

const leaveColumns = leaveSheet.columns;
type LeaveKey = (typeof leaveColumns)[number]['key'];

/**
 * Applies the roster, the period and the schedule to the punches collected from 考勤: who each
 * row's 工号 or 姓名 is, which day's shift each punch belongs to (a punch after midnight may end
 * the night before's shift), which session. Punches on rest days are ignored. A day of a year the
 * calendar lacks stops the run only when the period needs it: a day of the period, or the day
 * after when whether it is a working day decides if a punch there ends the period's last shift.
 */
export function resolvePunches(collector: PunchCollector, roster: readonly Person[], period: Period, schedule: Schedule): { punches: PunchBook; problems: Problem[] } {
  const problems: Problem[] = [...collector.problems];
  const punches = new PunchBook();
  const byId = new Map(roster.map((p) => [p.id, p]));
  const names = new RosterNames(roster);
  const dayAfter = addDays(period.last, 1);
  let outside = 0;
  let inside = 0;
  // The months the punches outside the period are in, to name when none is inside.
  const outsideMonths = new Set<string>();
  const punching = new Set<string>();
  // A year the calendar lacks, said once, at the first needed day met (as the punches were read).
  const refusedYears = new Set<string>();
  const refuseUncovered = (day: IsoDate): void => {
    if (refusedYears.has(day.slice(0, 4))) return;
    refusedYears.add(day.slice(0, 4));
    problems.push(problem('calendar_year_unknown', collector.uncoveredDays.get(day)!, { value: day, covered: coveredSpan(schedule.calendar.coveredYears) }));
  };
  for (const [key, days] of collector.personDays()) {
    punching.add(key);
    const person = punchingPerson(key, collector, roster, byId, names, problems);
    if (!person) continue;
    const offDates: OffDatesPunch[] = [];
    for (const [day, list] of days) {
      // The day after the period may hold the end of its last night's shift.
      if (!periodContains(period, day) && day !== dayAfter) {
        outside += list.length / 2;
        outsideMonths.add(day.slice(0, 7));
        continue;
      }
      if (day !== dayAfter && collector.uncoveredDays.has(day)) {
        refuseUncovered(day);
        continue;
      }
      if (day !== dayAfter) inside += list.length / 2;
      const shifts = schedule.shiftsOn(person.id, day);
      for (let i = 0; i < list.length; i += 2) {
        const p = unpack(list[i]!, list[i + 1]!);
        const readings = shifts.map((today) => {
          const placed = schedule.place(person.id, day, p.at, today);
          const said = schedule.inSmallHours(p.at, today) && periodContains(period, placed?.date ?? day);
          return { placed, said, mine: placed !== null && periodContains(period, placed.date) ? placed.date : null };
        });
        // The day after, in a year the calendar lacks: go on only where its being a working day or a rest day gives the same.
        if (readings.some((r) => r.mine !== readings[0]!.mine || r.said !== readings[0]!.said)) {
          refuseUncovered(day);
          continue;
        }
        const { placed, said } = readings[0]!;
        if (said) problems.push(smallHoursPunch(collector, p, addDays(day, -1), placed !== null));
        if (!placed) continue;
        if (!periodContains(period, placed.date)) {
          outside += 1;
          continue;
        }
        if (!isActiveOn(person, placed.date)) offDates.push({ date: placed.date, punch: p });
        punches.add(person.id, placed, p, placed.date === day ? (p.session ?? undefined) : undefined);
      }
    }
    if (offDates.length > 0) problems.push(offDatesNotice(person, offDates, collector));
  }
  // Rows naming someone without a punch (a day written, its time left empty) are checked as the others are: 0099 not on the roster is said.
  for (const key of collector.firstRow.keys()) if (!punching.has(key)) punchingPerson(key, collector, roster, byId, names, problems);
  const sheet = { file: collector.file, sheet: collector.sheet };
  // Not one punch in the period (another month's or year's 考勤): scored, every working day would be 旷工.
  if (outside > 0 && inside === 0) problems.push(problem('punches_all_outside_period', sheet, { count: outside, first: period.first, last: period.last, months: [...outsideMonths].sort().join(',') }));
  else if (outside > 0) problems.push(problem('punches_outside_period', sheet, { count: outside, first: period.first, last: period.last }, 'warning'));
  return { punches, problems };
}

/**
 * The roster person a 考勤 person key (see personOfKey) is, with the 姓名 written beside their
 * 工号 checked; or null, its problem said at the key's first row.
 */
function punchingPerson(key: string, collector: PunchCollector, roster: readonly Person[], byId: ReadonlyMap<string, Person>, names: RosterNames, problems: Problem[]): Person | null {
  const who = personOfKey(key);
  const first = collector.firstRow.get(key)!;
  const matches = 'id' in who ? [byId.get(who.id)].filter((p): p is Person => p !== undefined) : names.meant(who.name);
  if (matches.length === 1) {
    const person = matches[0]!;
    if ('id' in who) problems.push(...writtenNames(person, first, collector, names));
    return person;
  }
  const at = collector.locate({ at: 0, role: null, session: null, row: first.row, column: first.column });
  const value = 'id' in who ? who.id : who.name;
  const zeros = 'id' in who ? idWithoutItsZeros(who.id, roster) : null;
  const written = first.names[0]?.name;
  const rowNames = 'id' in who && written ? names.meant(written) : [];
  // Two roster people of that name: whose punches these are cannot be told.
  if (matches.length > 1) problems.push(nameAmbiguous(value, matches, at));
  // 1 for 0001, or 00123 for a roster's 123: a 工号 typed as a number lost its zeros; matching it anyway would be a guess.
  else if (zeros) problems.push(problem('punch_id_leading_zeros', at, { value, id: zeros.person.id, count: first.count, shorter: zeros.shorter }));
  // A 工号 off the roster beside the name of someone on it: a mistyped 工号, not a person not assessed.
  else if (rowNames.length === 1) problems.push(problem('punch_id_other_name', at, { value, name: written!, id: rowNames[0]!.id, count: first.count }));
  // Staff on the clock but not assessed (a cleaner, a driver): their punches are set aside.
  else problems.push(problem('punch_person_unknown', at, { value, count: first.count }, 'warning'));
  return null;
}

/** Said at the punch: 00:40 on 11-03 counted as 11-02's clock-out, or not counted (11-02 a rest day). */
function smallHoursPunch(collector: PunchCollector, p: RawPunch, before: IsoDate, counted: boolean): Problem {
  return problem('punch_small_hours', collector.locate(p), { time: clock(p.at), date: before, counted: counted ? 1 : 0 }, 'warning');
}

/** A punch on a working day the person is not in post (before 到岗日期, after 离岗日期), and that day. */
interface OffDatesPunch {
  date: IsoDate;
  punch: RawPunch;
}

/**
 * A person's punches on working days before their 到岗日期 or after their 离岗日期: those days are
 * not scored, so the punches count for nothing. Said once per person with the dates, at the
 * earliest row (a mistyped 到岗日期 hid nine late arrivals), as leave outside them is.
 */
function offDatesNotice(person: Person, off: readonly OffDatesPunch[], collector: PunchCollector): Problem {
  const before = off.filter((o) => person.start !== null && o.date < person.start).length;
  const earliest = off.reduce((a, b) => (b.punch.row < a.punch.row ? b : a));
  const args = { person: `${person.name}（${person.id}）`, before, after: off.length - before, start: person.start ?? '', end: person.end ?? '' };
  return problem('punches_outside_person_dates', collector.locate(earliest.punch), args, 'warning');
}

/** The 姓名 written beside a person's 工号 that are not theirs, each once with its rows (RosterNames.besideId). */
function writtenNames(person: Person, first: FirstRow, collector: PunchCollector, names: RosterNames): Problem[] {
  return first.names.flatMap((written) => {
    const at = () => collector.locate({ at: 0, role: null, session: null, row: written.row, column: written.column });
    const found = names.besideId(person, written.name, at, 'warning', { count: written.count });
    return found ? [found] : [];
  });
}

/**
 * Who a row of 请假 or 班次 names, with the problems of a name or id not in the roster. A 姓名
 * that differs from the 工号's person without naming another is a warning in `notices`, once per
 * 工号 and 姓名; the row still counts.
 */
function personOf(value: { id: string; name: string }, roster: readonly Person[], byId: ReadonlyMap<string, Person>, names: RosterNames, at: (key: 'id' | 'name') => SourceLocation, problems: Problem[], notices: Map<string, Problem>): Person | null {
  if (!value.id) return names.personNamed(value.name, at('name'), problems);
  const person = byId.get(value.id);
  if (!person) {
    problems.push(personUnknown(value.id, at('id'), roster));
    return null;
  }
  const found = value.name ? names.besideId(person, value.name, () => at('name'), 'warning') : null;
  if (found?.severity === 'error') {
    problems.push(found);
    return null;
  }
  const key = `${value.id}\n${value.name}`;
  if (found && !notices.has(key)) notices.set(key, found);
  return person;
}

/** A date and a time written in one text: 2026-10-12 14:00, 2026-10-12T14:00:00. */
const DATE_AND_TIME = /^(.+?)[\sT]+(\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)$/;

/** A time of day from a cell (Excel time, 09:30, or a date-time), with the date a date-time carries. */
const timeCell = cell.transform((v, ctx): { at: Seconds; date: IsoDate | null } | null => {
  if (isBlank(v)) return null;
  if (typeof v === 'number' && v >= 0 && v < 1) return { at: secondsOfDay(v), date: null };
  // A time or date-time cell as Excel shows it; a date alone shows no time.
  const shownTime = v instanceof LocalDateTime && v.shows !== 'date' ? v.timeOfDay : null;
  if (v instanceof LocalDateTime && shownTime !== null) return { at: shownTime, date: v.date };
  const text = String(v).normalize('NFKC').trim();
  const m = DATE_AND_TIME.exec(text);
  const at = parseClock(m ? m[2]! : text);
  const day = m ? parseDateText(m[1]!) : null;
  if (at === null || (m && !day)) {
    ctx.addIssue({ code: 'custom', message: 'time_invalid', params: { problem: 'time_invalid', args: { value: shownValue(v) } } });
    return z.NEVER;
  }
  return { at, date: day };
});

/** A day of 开始日期/结束日期, and the time it shows beside it (null: the day alone). */
interface LeaveDay {
  day: IsoDate;
  time: Seconds | null;
}

/**
 * 开始日期/结束日期 as Excel shows them: a day, or a day and a time (a date-time cell, or text
 * 2026-10-12 14:00), the time being where the leave starts or ends, as 开始时间/结束时间 give it.
 * 00:00 is the day alone: a date typed in a cell formatted yyyy-mm-dd hh:mm shows it, and read
 * as a time it would leave out the 结束日期 the clerk meant to include.
 */
function leaveDay<D extends IsoDate | null>(days: { readCell: (v: CellValue, ctx: CellContext) => D }) {
  return cell.transform((v, ctx): LeaveDay | Extract<D, null> => {
    const text = typeof v === 'string' ? DATE_AND_TIME.exec(v.normalize('NFKC').trim()) : null;
    const time = v instanceof LocalDateTime && v.shows === 'datetime' ? v.timeOfDay : text ? parseClock(text[2]!) : null;
    const day = days.readCell(text && time !== null ? text[1]! : v, ctx);
    // A day read, or null only where `days` reads a blank cell so.
    return (day === null ? null : { day, time: time || null }) as LeaveDay | Extract<D, null>;
  });
}

/** 时长: 3小时, 2.5h, 30分钟, 0.5天, 1天. */
const lengthCell = cell.transform((v, ctx): Leave['length'] => {
  if (isBlank(v)) return null;
  const text = String(v).normalize('NFKC').replace(/\s+/g, '');
  const m = /^(\d+(?:\.\d+)?)(小时|个小时|h|H|分钟|min|天|日|d|D)$/.exec(text);
  const value = m ? Number(m[1]) : NaN;
  if (!m || !(value > 0)) {
    ctx.addIssue({ code: 'custom', message: 'leave_length_invalid', params: { problem: 'leave_length_invalid', args: { value: String(v) } } });
    return z.NEVER;
  }
  if (/^(天|日|d)$/i.test(m[2]!)) return { unit: 'days', value };
  return { unit: 'hours', value: /^(分钟|min)$/.test(m[2]!) ? value / 60 : value };
});

/**
 * Reads 请假 (leave, trips and 补签): who, the word (as the scheme maps it: 年假 → 年休假 leave
 * days, 出差 → present, 补签/补卡 → a correction), first and last day, 全天/上午/下午, and —
 * as exports give it — the times it starts and ends, or its length. The calendar tells whether
 * a row running past the period leaves working days for the next period (leave_past_period).
 */
export function readLeaves(
  raw: RawTable,
  roster: readonly Person[],
  period: Period,
  words: LeaveWords = defaultLeaveWords,
  calendar: WorkCalendar = officialCalendar(),
): { leaves: Leave[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const { table, problems: headerProblems } = mapHeader(raw, leaveColumns);
  problems.push(...headerProblems);
  if (!table) return { leaves: [], problems };
  const parsed = parseRows(
    table,
    z.object({
      id: optionalName,
      name: optionalName,
      type: requiredName,
      first: leaveDay(date(period.year)),
      last: leaveDay(optionalDate(period.year)),
      part: optionalName,
      startTime: timeCell,
      endTime: timeCell,
      length: lengthCell,
      // kept for the clerk, never scored or printed
      approver: optionalText,
      reason: optionalText,
    }),
  );
  problems.push(...parsed.problems);
  const byId = new Map(roster.map((p) => [p.id, p]));
  const names = new RosterNames(roster);
  const near = yearsAround(period);
  const nameNotices = new Map<string, Problem>();
  const outside = rowsOutside();
  const leaves: Leave[] = [];
  for (const { row, value } of parsed.rows) {
    const at = (key: LeaveKey) => locate(table, row, columnOf(table, key));
    const before = problems.length;
    if (!value.id && !value.name) problems.push(problem('subject_missing', locate(table, row)));
    const person = value.id || value.name ? personOf(value, roster, byId, names, at, problems, nameNotices) : null;
    const word = resolveLeaveWord(value.type, words);
    if (!word) problems.push(problem('leave_type_unknown', at('type'), { value: value.type, expected: acceptedLeaveWords(words).join('、') }));
    const part = value.part === '' ? '全天' : (['全天', '上午', '下午'] as const).find((p) => p === value.part);
    if (!part) problems.push(problem('leave_part_unknown', at('part'), { value: value.part }));
    const first = value.first.day;
    const last = value.last?.day ?? first;
    if (last < first) problems.push(problem('leave_dates_reversed', at('last'), { first, last }));
    for (const key of ['first', 'last'] as const) {
      const day = value[key]?.day;
      if (day !== undefined && (day < near.first || day > near.last)) problems.push(problem('date_implausible', at(key), { value: day, ...near }));
    }
    for (const [key, time, day] of [['startTime', value.startTime, first], ['endTime', value.endTime, last]] as const) {
      if (time?.date && time.date !== day) problems.push(problem('leave_time_date_mismatch', at(key), { value: `${time.date} ${shown(time.at)}`, column: key === 'startTime' ? '开始日期' : '结束日期', date: day }));
    }
    // A time shown in 开始日期/结束日期 beside another in 开始时间/结束时间: which one the leave keeps is not to be guessed.
    for (const [key, dated, timed, column] of [['first', value.first, value.startTime, '开始时间'], ['last', value.last, value.endTime, '结束时间']] as const) {
      if (dated?.time && timed && timed.at !== dated.time) problems.push(problem('leave_date_time_differs', at(key), { value: `${dated.day} ${shown(dated.time)}`, time: shown(dated.time), column, other: shown(timed.at) }));
    }
    const startTime = value.startTime?.at ?? value.first.time;
    const endTime = value.endTime?.at ?? value.last?.time ?? null;
    if (first === last && startTime !== null && endTime !== null && endTime <= startTime && word?.class !== 'correction') {
      problems.push(problem('leave_dates_reversed', at(value.endTime ? 'endTime' : 'last'), { first: `${first} ${shown(startTime)}`, last: `${last} ${shown(endTime)}` }));
    }
    if (problems.length > before || !person || !word || !part) continue;
    // Leave on days the person is not in post changes nothing; said, as a record there is an error.
    if (!isActiveIn(person, { first, last })) {
      problems.push(problem('leave_outside_person_dates', at('first'), { first, last, person: `${person.name}（${person.id}）`, start: person.start ?? '', end: person.end ?? '' }, 'warning'));
      continue;
    }
    // Its days are counted in working days, which the calendar does not guess for a year it lacks.
    const unknown = dayOfUnknownYear({ first, last }, person, periodYears(period), calendar);
    if (unknown) {
      problems.push(problem('calendar_year_unknown', at(unknown > first ? 'last' : 'first'), { value: unknown, covered: coveredSpan(calendar.coveredYears) }));
      continue;
    }
    // Only this period's days count here: the days after belong to the next period's workbook,
    // which scores them 旷工 unless its own 请假 holds the leave too (nothing to say of one who
    // leaves, nor of days past the period that are all rest days: 国庆 to 10-07, a Sunday).
    if (last > period.last && word.class !== 'correction' && word.class !== 'not_excused' && workdayAfter(period.last, last, person, calendar)) {
      problems.push(problem('leave_past_period', at('last'), { type: word.type, last, periodLast: period.last }, 'warning'));
    }
    if (last < period.first || first > period.last) outside.note(at('first'));
    leaves.push({
      personId: person.id,
      word: word.word,
      type: word.type,
      class: word.class,
      first,
      last,
      part,
      startTime,
      endTime,
      length: value.length,
      at: locate(table, row),
      typeAt: at('type'),
    });
  }
  return { leaves, problems: [...problems, ...nameNotices.values(), ...outside.problems(period)] };
}

/**
 * 请假 or 班次 rows whose days all lie outside the period: nothing of theirs counts here, so a
 * year or month typed wrong (2025-11-03 for 2026-11-03) would leave the day to its punches — 旷工
 * — without a word. Said once a sheet, at the first such row, with their number (a sheet that
 * keeps the whole year's requests has many).
 */
function rowsOutside() {
  let count = 0;
  let firstAt: SourceLocation | null = null;
  return {
    note(at: SourceLocation): void {
      count += 1;
      firstAt ??= at;
    },
    problems(period: Period): Problem[] {
      return firstAt ? [problem('rows_outside_period', firstAt, { count, first: period.first, last: period.last }, 'warning')] : [];
    },
  };
}

/**
 * The first day of a 请假 row, in post and within the period's calendar years (the days its leave
 * is counted over), of a year the calendar lacks; null when the calendar knows them all.
 */
function dayOfUnknownYear(row: DateRange, person: Person, years: DateRange, calendar: WorkCalendar): IsoDate | null {
  const first = [row.first, years.first, person.start ?? row.first].reduce((a, b) => (a > b ? a : b));
  const last = [row.last, years.last, person.end ?? row.last].reduce((a, b) => (a < b ? a : b));
  return firstUncoveredDay(calendar, first, last);
}

/**
 * Whether the person is in post on a working day after `periodLast` up to `last`; a day of a
 * year the calendar does not cover may be one (the next period's calendar will say), so it counts.
 */
function workdayAfter(periodLast: IsoDate, last: IsoDate, person: Person, calendar: WorkCalendar): boolean {
  for (let day = addDays(periodLast, 1); day <= last; day = addDays(day, 1)) {
    if (isActiveOn(person, day) && (!calendar.covers(day) || calendar.isWorkday(day))) return true;
  }
  return false;
}

function shown(at: Seconds): string {
  return `${String(Math.floor(at / 3600)).padStart(2, '0')}:${String(Math.floor((at % 3600) / 60)).padStart(2, '0')}`;
}

/** The headers of a table's header row that it does not read (窗口, 备注 in 班次). */
function unreadHeaders(raw: RawTable, table: Table): string[] {
  const header = raw.rows.find((r) => r.row === table.headerRow)?.cells ?? [];
  return header.flatMap((cell, index) => (isBlank(cell) || table.columns.some((c) => c.index === index) ? [] : [shownValue(cell)]));
}

function columnOf<K extends string>(table: Table<K>, key: K) {
  return table.columns.find((c) => c.key === key);
}

/**
 * Reads 班次: a person's (or, with 工号 and 姓名 empty, everyone's) shift or rest over a span of
 * days, in the syntax of parseShiftText or by a name the scheme defines. Two rows giving one
 * person (or everyone) different shifts on the same day are a problem; a person's row wins over
 * everyone's. Rows are kept for the period and the day on either side (night shifts).
 */
export function readShifts(raw: RawTable, roster: readonly Person[], period: Period, hours: Hours): { rows: ShiftRow[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const { table, problems: headerProblems } = mapHeader(raw, shiftSheet.columns);
  problems.push(...headerProblems);
  if (!table) return { rows: [], problems };
  const parsed = parseRows(table, z.object({ id: optionalName, name: optionalName, first: date(period.year), last: optionalDate(period.year), shift: requiredName }));
  problems.push(...parsed.problems);
  const byId = new Map(roster.map((p) => [p.id, p]));
  const names = new RosterNames(roster);
  const [from, to] = [addDays(period.first, -1), addDays(period.last, 1)];
  const near = yearsAround(period);
  const nameNotices = new Map<string, Problem>();
  const taken = new Map<string, { row: number; label: string }>();
  const outside = rowsOutside();
  const rows: ShiftRow[] = [];
  const unread = unreadHeaders(raw, table);
  const forEveryone: number[] = [];
  for (const { row, value } of parsed.rows) {
    const at = (key: (typeof shiftSheet.columns)[number]['key']) => locate(table, row, columnOf(table, key));
    const before = problems.length;
    const person = value.id || value.name ? personOf(value, roster, byId, names, at, problems, nameNotices) : null;
    if (!value.id && !value.name) forEveryone.push(row);
    const shift = parseShiftText(value.shift, hours.shifts, hours.grace);
    if (!shift) problems.push(problem('shift_invalid', at('shift'), { value: value.shift }));
    const last = value.last ?? value.first;
    if (last < value.first) problems.push(problem('leave_dates_reversed', at('last'), { first: value.first, last }));
    for (const key of ['first', 'last'] as const) {
      const day = value[key];
      if (day !== null && (day < near.first || day > near.last)) problems.push(problem('date_implausible', at(key), { value: day, ...near }));
    }
    if (problems.length > before || !shift) continue;
    const first = value.first < from ? from : value.first;
    const clipped = last > to ? to : last;
    if (clipped < first) {
      outside.note(at('first'));
      continue;
    }
    const scope = person?.id ?? '';
    const sameShift = JSON.stringify(shift.kind === 'rest' ? 'rest' : { ...shift, label: '' });
    for (let d = first; d <= clipped; d = addDays(d, 1)) {
      const earlier = taken.get(`${scope}|${d}`);
      if (earlier && earlier.label !== sameShift) {
        problems.push(problem('shift_conflict', at('shift'), { date: d, row: earlier.row }));
        break;
      }
      taken.set(`${scope}|${d}`, { row, label: sameShift });
    }
    rows.push({ personId: person?.id ?? null, first, last: clipped, shift, at: locate(table, row) });
  }
  // Rows for everyone beside a column kaohe does not read (窗口 民政窗口): one meant for some holds for all. Said once, at the first.
  if (unread.length > 0 && forEveryone.length > 0) problems.push(problem('shift_row_for_everyone', locate(table, forEveryone[0]), { columns: unread.length > 3 ? `${unread.slice(0, 3).join('、')}等` : unread.join('、'), count: forEveryone.length }, 'warning'));
  return { rows, problems: [...problems, ...nameNotices.values(), ...outside.problems(period)] };
}
