import { addDays, coveredSpan, type WorkCalendar } from '../calendar/calendar.js';
import type { IsoDate } from '../core/dates.js';
import type { EntryRecord, LeaveYear } from '../core/input.js';
import { firstPlaceArgs, problem, type Problem, type SourceLocation } from '../core/problems.js';
import { recordDays, type Scheme } from '../scheme/model.js';
import type { LeaveHalfDay, PersonAttendance } from './attendance.js';

/** An unexcused absence typed in 记录 (not derived from punches): the days its row stands for. */
export interface TypedAbsence {
  personId: string;
  date: IsoDate;
  days: number;
  at: SourceLocation;
}

/** The rules the scheme's punches map absences to, counted in days (旷工半天, 旷工, 无故缺席). */
export function absenceRulesOf(scheme: Scheme): Set<string | undefined> {
  return new Set([scheme.attendance?.rules.absent_half_day, scheme.attendance?.rules.absent_day]);
}

/**
 * The typed 记录 rows of the rules the scheme's punches map absences to (旷工半天, 旷工, 无故缺席),
 * as days: 次数 × the rule's days_per_count (16 × 旷工半天 at 0.5 = 8 days; 3 × 无故缺席, whose
 * 次数 is days, = 3). Rows derived from punches are left out: they come in through the attendance.
 */
export function typedAbsences(scheme: Scheme, records: readonly EntryRecord[]): TypedAbsence[] {
  const absenceRules = absenceRulesOf(scheme);
  const typed: TypedAbsence[] = [];
  for (const r of new Set(records)) {
    const rule = scheme.rulesByCode.get(r.ruleCode);
    if (r.evidence !== undefined || r.personId === null || !rule || !absenceRules.has(r.ruleCode)) continue;
    typed.push({ personId: r.personId, date: r.date, days: recordDays(rule, r), at: r.at });
  }
  return typed;
}

/**
 * Absent days per date: those derived from punches (half days count 0.5) and those typed in 记录.
 * A date with both counts the larger, not the sum: a clerk who typed the 旷工 the punches show
 * has recorded one absence, not two (as the month's score counts it: absorbedByDerived in the engine).
 */
function absentByDate(derivedHalves: ReadonlyMap<string, number>, typed: readonly TypedAbsence[]): Map<string, number> {
  const typedDays = new Map<string, number>();
  for (const t of typed) typedDays.set(t.date, (typedDays.get(t.date) ?? 0) + t.days);
  const dates = new Set([...derivedHalves.keys(), ...typedDays.keys()]);
  return new Map([...dates].map((d) => [d, Math.max((derivedHalves.get(d) ?? 0) / 2, typedDays.get(d) ?? 0)]));
}

/**
 * A person's year of leave and unexcused absence, from every period's 请假 rows (as half days of
 * leave on working days inside their own period, see leaveInsidePeriods; a row repeated in
 * several workbooks counts once; only the days inside the year),
 * derived attendance and 旷工 typed in 记录: leave days by type, absent days (half days count
 * 0.5; see absentByDate), and the longest run of consecutive wholly absent working days (旷职),
 * from punches and from 记录's whole-day 旷工 rows by their dates (typedWholeDays).
 */
export function leaveYears(
  people: readonly string[],
  leaves: readonly LeaveHalfDay[],
  attendance: readonly PersonAttendance[],
  typed: readonly TypedAbsence[],
  calendar: WorkCalendar,
  year: number,
): Map<string, LeaveYear> {
  const years = new Map<string, LeaveYear>();
  const byPerson = new Map<string, Map<string, LeaveHalfDay>>();
  const [first, last] = [`${year}-01-01`, `${year}-12-31`];
  for (const half of leaves) {
    if (half.date < first || half.date > last) continue;
    let halves = byPerson.get(half.personId);
    if (!halves) byPerson.set(half.personId, (halves = new Map<string, LeaveHalfDay>()));
    if (!halves.has(`${half.date} ${half.half}`)) halves.set(`${half.date} ${half.half}`, half);
  }
  // Grouped once: a year holds a row a person a month, so filtering per person was people² work.
  const eventsOf = groupBy(attendance, (a) => a.personId);
  const typedOf = groupBy(typed, (t) => t.personId);
  for (const id of people) {
    const leaveHalves = byPerson.get(id) ?? new Map<string, LeaveHalfDay>();
    const leaveDays: Record<string, number> = {};
    for (const { type } of leaveHalves.values()) leaveDays[type] = (leaveDays[type] ?? 0) + 0.5;
    const rows = [...new Map([...leaveHalves.values()].map((h) => [`${h.at.file}|${h.at.sheet}|${h.at.row}`, { type: h.type, at: h.at }])).values()];

    // Half days add up (convention 10): each absent session is 0.5 day. A run of 旷职 counts
    // whole absent working days in a row; a day half worked breaks it.
    const events = (eventsOf.get(id) ?? []).flatMap((a) => a.events);
    const halves = new Map<string, number>();
    for (const e of events) if (e.kind === 'absent_half_day') halves.set(e.date, (halves.get(e.date) ?? 0) + 1);
    const absent = [...new Set(events.filter((e) => e.kind === 'absent_day').map((e) => e.date))].sort();
    const typedOwn = typedOf.get(id) ?? [];
    const absentDays = [...absentByDate(halves, typedOwn).values()].reduce((n, d) => n + d, 0);
    const wholeDays = [...new Set([...absent.filter((d) => (halves.get(d) ?? 2) >= 2), ...typedWholeDays(typedOwn, calendar)])].sort();
    let longest = 0;
    let run = 0;
    let previous: IsoDate | null = null;
    for (const date of wholeDays) {
      run = previous !== null && nextWorkday(previous, calendar) === date ? run + 1 : 1;
      longest = Math.max(longest, run);
      previous = date;
    }
    const absentDates = [...new Set([...absent, ...typedOwn.map((t) => t.date)])].sort();
    years.set(id, { absentDays, longestAbsentRun: longest, leaveDays, evidence: { absentDates, leaveRows: rows, absentRows: typedOwn.map((t) => t.at) } });
  }
  return years;
}

/**
 * The working days 记录 types a whole day of 旷工 on, for the 旷职 runs: a date whose rows of a
 * day or less (one 旷工 a row, or two 旷工半天) make a day. A row of more days under one date
 * does not say which days they were (the template does not say they run from its date): it
 * joins no run (see unplacedRunRows). A typed date that is no working day neither adds to a run
 * nor breaks it.
 */
function typedWholeDays(typed: readonly TypedAbsence[], calendar: WorkCalendar): IsoDate[] {
  const days = new Map<IsoDate, number>();
  for (const t of typed) if (t.days <= 1) days.set(t.date, (days.get(t.date) ?? 0) + t.days);
  return [...days].filter(([date, total]) => total >= 1 && (!calendar.covers(date) || calendar.isWorkday(date))).map(([date]) => date);
}

/**
 * Whole days of 旷工 typed in 记录 in a year the calendar lacks, more of them for a person than the
 * scheme's 旷职 limit: whether they run on working days in a row cannot be told (which days are
 * working days there is not guessed), so neither can the run. An error at the person's first such
 * row (calendar_year_unknown), as a punch or a 请假 row there stops; fewer days cannot pass the limit.
 */
export function typedRunsInUnknownYear(scheme: Scheme, typed: readonly TypedAbsence[], calendar: WorkCalendar): Problem[] {
  const runLimits = (scheme.year?.leave ?? []).filter((rule) => rule.measure === 'consecutive_absent_days').map((rule) => rule.over);
  if (runLimits.length === 0) return [];
  const over = Math.min(...runLimits);
  return [...groupBy(typed, (t) => t.personId).values()].flatMap((own) => {
    const unknown = typedWholeDays(own, calendar).filter((d) => !calendar.covers(d));
    const first = own.find((t) => !calendar.covers(t.date));
    return unknown.length > over && first ? [problem('calendar_year_unknown', first.at, { value: first.date, covered: coveredSpan(calendar.coveredYears) })] : [];
  });
}

/**
 * 旷工 rows of more than a day under one date (16 × 旷工 on 8月10日) whose days could make a run
 * past the scheme's 旷职 limit that the runs found do not: which days they were is not known, so
 * the run could not be checked. A warning at the person's first such row, with the limit, where
 * the person's absent days in the year exceed it and no known run already does. A scheme with no
 * 旷职 limit has no run to check; of several, the lowest is the first a run can pass.
 */
export function unplacedRunRows(scheme: Scheme, typed: readonly TypedAbsence[], years: ReadonlyMap<string, LeaveYear>): Problem[] {
  const runLimits = (scheme.year?.leave ?? []).filter((rule) => rule.measure === 'consecutive_absent_days').map((rule) => rule.over);
  if (runLimits.length === 0) return [];
  const over = Math.min(...runLimits);
  const warned = new Set<string>();
  const problems: Problem[] = [];
  for (const t of typed) {
    const year = years.get(t.personId);
    if (t.days <= 1 || warned.has(t.personId) || !year || year.absentDays <= over || year.longestAbsentRun > over) continue;
    warned.add(t.personId);
    problems.push(problem('year_absence_run_unchecked', t.at, { person: t.personId, date: t.date, days: t.days, absent: year.absentDays, over }, 'warning'));
  }
  return problems;
}

/** A scored period's days and the leave its workbook's 请假 rows give, as half days. */
export interface PeriodLeaves {
  first: IsoDate;
  last: IsoDate;
  leaves: readonly LeaveHalfDay[];
}

/**
 * Leave a 请假 row gives on days another workbook of the run scores 旷工 (its punches show the
 * person absent, or its 记录 types 旷工 that day): a month's row running past its month, or a row
 * of the --annual workbook, whose period is the whole year. The year would count those days
 * twice, as leave and as absence, and that period's own score would stand wrong. One error a row
 * and other workbook, at the row, naming that workbook and the days: the leave is to be entered
 * in that period's 请假 too. A day the other period does not score 旷工 (it has the leave, or no
 * punches) counts once, as leave; a row's own workbook has scored its leave already. Matched by
 * half day (上午 事假 beside an afternoon 旷工 is no clash); see absentHalves for a typed 旷工,
 * which does not say its half: it clashes where the person's rows, together, leave no half free.
 */
export function leaveOnAbsentDays(periods: readonly PeriodLeaves[], attendance: readonly PersonAttendance[], typed: readonly TypedAbsence[]): Problem[] {
  const { halves: absentAt, unplaced } = absentHalves(attendance, typed);
  const all = periods.flatMap((p) => p.leaves);
  const wholeDays = new Set([...groupBy(all, (h) => `${h.personId} ${h.date}`)].filter(([, halves]) => new Set(halves.map((h) => h.half)).size === 2).map(([day]) => day));
  const clashes = new Map<string, { leave: LeaveHalfDay; file: string; dates: Set<IsoDate> }>();
  for (const half of all) {
    const day = `${half.personId} ${half.date}`;
    const absent = absentAt.get(`${day} ${half.half}`) ?? (wholeDays.has(day) ? unplaced.get(day) : undefined);
    if (!absent || absent.file === half.at.file) continue;
    const key = `${rowKey(half.at)}|${absent.file}`;
    let clash = clashes.get(key);
    if (!clash) clashes.set(key, (clash = { leave: half, file: absent.file, dates: new Set<IsoDate>() }));
    clash.dates.add(half.date);
  }
  return [...clashes.values()].map(({ leave, file, dates }) => {
    const days = [...dates].sort();
    return problem('year_leave_scored_absent', leave.at, { type: leave.type, person: leave.personId, file, first: days[0]!, last: days[days.length - 1]!, days: days.length });
  });
}

/**
 * Where the months score a person 旷工, by half day (`工号 日期 0|1`): each absent half the
 * punches show, and both halves of a date 记录 types a whole day or more of 旷工 on. A typed
 * half day (旷工半天 × 1) does not say which half: it stands by date in `unplaced`, a clash only
 * with leave on both halves of that date, by one row or several (beside leave on one half it is
 * taken as the other).
 */
function absentHalves(attendance: readonly PersonAttendance[], typed: readonly TypedAbsence[]): { halves: Map<string, SourceLocation>; unplaced: Map<string, SourceLocation> } {
  const halves = new Map<string, SourceLocation>();
  for (const e of attendance.flatMap((a) => a.events)) if (e.evidence.code === 'absent_half_day') halves.set(`${e.personId} ${e.date} ${e.evidence.half.half}`, e.at);
  const typedDays = new Map<string, { days: number; at: SourceLocation }>();
  for (const t of typed) {
    const day = `${t.personId} ${t.date}`;
    typedDays.set(day, { days: (typedDays.get(day)?.days ?? 0) + t.days, at: typedDays.get(day)?.at ?? t.at });
  }
  const unplaced = new Map<string, SourceLocation>();
  for (const [day, { days, at }] of typedDays) {
    if (days < 1) unplaced.set(day, at);
    else for (const half of [0, 1]) if (!halves.has(`${day} ${half}`)) halves.set(`${day} ${half}`, at);
  }
  return { halves, unplaced };
}

/**
 * Two months' 请假 rows giving one person's half day two leave types (乙's March 病假 row running
 * to 30 April beside April's own 事假 for April): the year would count whichever month came first
 * and the months scored the other. One error a pair of rows, at the later period's row's 类型,
 * naming the earlier row and the days they share (as leave_overlap inside one workbook, which
 * says two rows of one workbook: those are left to it).
 */
export function leaveTypeClashes(periods: readonly PeriodLeaves[]): Problem[] {
  const claimed = new Map<string, LeaveHalfDay>();
  const clashes = new Map<string, { earlier: LeaveHalfDay; later: LeaveHalfDay; halves: IsoDate[] }>();
  for (const half of periods.flatMap((p) => p.leaves)) {
    const key = `${half.personId} ${half.date} ${half.half}`;
    const earlier = claimed.get(key);
    if (!earlier) claimed.set(key, half);
    if (!earlier || earlier.type === half.type || earlier.at.file === half.at.file) continue;
    const pair = `${rowKey(earlier.at)}|${rowKey(half.at)}`;
    let clash = clashes.get(pair);
    if (!clash) clashes.set(pair, (clash = { earlier, later: half, halves: [] }));
    clash.halves.push(half.date);
  }
  return [...clashes.values()].map(({ earlier, later, halves }) => {
    const dates = [...halves].sort();
    const args = { person: later.personId, type: later.type, firstType: earlier.type, first: dates[0]!, last: dates[dates.length - 1]!, days: halves.length / 2, ...firstPlaceArgs(earlier.at) };
    return problem('year_leave_type_differs', later.typeAt, args);
  });
}

/**
 * The half days of leave the year counts: each period's rows inside that period only, as its
 * score counted them (a month's row running on is counted by the next month's 请假, which the
 * month's leave_past_period asks for), so the year is the sum of what the periods counted. A row
 * begun before the year, or running into the next, counts its days inside it the same way.
 */
export function leaveInsidePeriods(periods: readonly PeriodLeaves[]): LeaveHalfDay[] {
  return periods.flatMap(({ first, last, leaves }) => leaves.filter((h) => h.date >= first && h.date <= last));
}

/**
 * The run's problems with what it says of 请假 rows reaching outside their period (see
 * leaveInsidePeriods). A row's working half days in another period of the run count there if
 * that period's 请假 holds them (a different type is leaveTypeClashes' error); those it does not
 * hold are left out of the year, said once a row (year_leave_not_held, at the row, naming the
 * days). A row's leave_past_period goes where every working day after its period is in the run:
 * the run has answered it, held or said. A row reaching past the run (a month left out, the
 * next year) keeps it.
 */
export function leavePastPeriods(problems: readonly Problem[], periods: readonly PeriodLeaves[], monthly: boolean): Problem[] {
  const held = new Set(leaveInsidePeriods(periods).map((h) => `${h.personId} ${h.date} ${h.half}`));
  const inRun = (date: IsoDate) => periods.some((p) => date >= p.first && date <= p.last);
  const outside = groupBy(
    periods.flatMap(({ first, last, leaves }) => leaves.filter((h) => h.date < first || h.date > last)),
    (h) => rowKey(h.at),
  );
  // A row past the run's last period has days no period holds, if the calendar knows them or not.
  const runLast = periods.reduce((d, p) => (p.last > d ? p.last : d), '');
  const answered = (p: Problem) => String(p.args.last) <= runLast && (outside.get(rowKey(p.at)) ?? []).every((h) => inRun(h.date));
  const notHeld = [...outside.values()].flatMap((halves) => {
    const unheld = halves.filter((h) => inRun(h.date) && !held.has(`${h.personId} ${h.date} ${h.half}`));
    return unheld.length === 0 ? [] : [leaveNotHeld(unheld, monthly)];
  });
  return [...problems.filter((p) => p.code !== 'leave_past_period' || !answered(p)), ...notHeld];
}

/** The problems less year_leave_not_held at a row that has year_leave_scored_absent: that error already asks for the leave there. */
export function notHeldOnceSaid(problems: readonly Problem[]): Problem[] {
  const scoredAbsent = new Set(problems.filter((p) => p.code === 'year_leave_scored_absent').map((p) => rowKey(p.at)));
  return problems.filter((p) => p.code !== 'year_leave_not_held' || !scoredAbsent.has(rowKey(p.at)));
}

/** year_leave_not_held for one row's half days no period of the run holds. */
function leaveNotHeld(halves: readonly LeaveHalfDay[], monthly: boolean): Problem {
  const first = halves[0]!;
  const dates = [...new Set(halves.map((h) => h.date))].sort();
  return problem('year_leave_not_held', first.at, { type: first.type, person: first.personId, days: halves.length / 2, dates: dates.join(','), monthly: monthly ? 1 : 0 }, 'warning');
}

function rowKey(at: SourceLocation): string {
  return `${at.file}|${at.sheet}|${at.row}`;
}

function nextWorkday(date: IsoDate, calendar: WorkCalendar): IsoDate {
  let d = addDays(date, 1);
  while (calendar.covers(d) && !calendar.isWorkday(d)) d = addDays(d, 1);
  return d;
}

/** The items by key, each key's in the order given. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}
