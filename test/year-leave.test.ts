import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import type { IsoDate } from '../src/core/dates.js';
import type { EntryRecord } from '../src/core/input.js';
import type { AttendanceEvent, PersonAttendance } from '../src/derive/attendance.js';
import { leaveYears, typedAbsences, typedRunsInUnknownYear, unplacedRunRows } from '../src/derive/year-leave.js';
import { problem } from '../src/core/problems.js';
import { builtinScheme } from './builtin-scheme.js';

const at = { file: '2026-H1.xlsx', sheet: '记录', row: 2 };
/** Punches' absent half-days are 3.4 旷工半天 ("旷工每半天扣1分": days_per_count 0.5). */
const halfyear = builtinScheme('bingcha-halfyear');

function typedRecord(date: string, ruleCode: string, count: number, row = 2): EntryRecord {
  return { date: date as IsoDate, personId: '13', unit: '民政', ruleCode, count, points: null, matter: null, note: '', recorder: '', at: { ...at, row } };
}

/** 人3's absences derived from punches: each date's halves, as absent_half_day events (and the day's absent_day). */
function derived(halvesByDate: Record<string, number>): PersonAttendance {
  const events: AttendanceEvent[] = Object.entries(halvesByDate).flatMap(([date, halves]) => [
    ...Array.from({ length: halves }, () => ({ personId: '13', date: date as IsoDate, kind: 'absent_half_day' as const, evidence: null as never, at })),
    { personId: '13', date: date as IsoDate, kind: 'absent_day' as const, evidence: null as never, at },
  ]);
  return { personId: '13', events } as unknown as PersonAttendance;
}

describe('旷工 typed in 记录 counts toward the year’s leave consequences', () => {
  it('次数 × the rule’s days per count; other rules and derived rows are not absences', () => {
    const fromPunches = { ...typedRecord('2026-03-17', '3.4', 1), evidence: { code: 'full_attendance', workingDays: 1 } } as unknown as EntryRecord;
    const records = [typedRecord('2026-03-16', '3.4', 16), typedRecord('2026-03-16', '1.3', 2), fromPunches];
    // 16 × 旷工半天 = 16 × 0.5 = 8 days; 1.3 is no absence; the derived row comes in through the attendance.
    expect(typedAbsences(halfyear, records)).toEqual([{ personId: '13', date: '2026-03-16', days: 8, at }]);
    // bianmin-10pt's 2.1 旷工 (an absence day) × 3 = 3 days
    expect(typedAbsences(builtinScheme('bianmin-10pt'), [typedRecord('2026-10-12', '2.1', 3)]).map((t) => t.days)).toEqual([3]);
    // city-hall-monthly maps absent half-days to 6.2 无故缺席, but its 次数 is days (次数填缺席天数): 3 × 1 = 3
    expect(typedAbsences(builtinScheme('city-hall-monthly'), [typedRecord('2026-10-12', '6.2', 3)]).map((t) => t.days)).toEqual([3]);
    // a scheme that maps no attendance has no rule to tell a typed absence by
    expect(typedAbsences(builtinScheme('bingcha-monthly'), records)).toEqual([]);
  });

  it('adds typed days to derived ones; a date both typed and derived counts once, at the larger', () => {
    const typed = typedAbsences(halfyear, [typedRecord('2026-03-16', '3.4', 2), typedRecord('2026-03-18', '3.4', 16, 3)]);
    // Punches: 03-16 both halves absent (1 day), 03-17 one half (0.5 day).
    const year = leaveYears(['13'], [], [derived({ '2026-03-16': 2, '2026-03-17': 1 })], typed, officialCalendar(), 2026).get('13')!;
    // 03-16: typed 2 × 0.5 = 1 day, derived 1 day → 1 (the same absence, not 2);
    // 03-17: derived 0.5; 03-18: typed 16 × 0.5 = 8. Total 1 + 0.5 + 8 = 9.5 days.
    expect(year.absentDays).toBe(9.5);
    expect(year.evidence.absentDates).toEqual(['2026-03-16', '2026-03-17', '2026-03-18']);
    expect(year.evidence.absentRows.map((r) => r.row)).toEqual([2, 3]);
    // The run of whole absent days: 03-16 alone (03-17 was half worked; 03-18's 8 days under one
    // date do not say which days they were).
    expect(year.longestAbsentRun).toBe(1);
  });
});

describe('旷职 runs from 旷工 typed in 记录 one row per date', () => {
  const bianmin = builtinScheme('bianmin-10pt');
  /** 2.1 旷工 × 1 on each date, one row each (rows from 2). */
  const typedDays = (dates: readonly string[]) => typedAbsences(bianmin, dates.map((d, i) => typedRecord(d, '2.1', 1, i + 2)));
  /** The working days of August 2026 from the 3rd (a Monday) to the given day, weekends left out. */
  const augustWorkdays = (to: number) => Array.from({ length: to - 2 }, (_, i) => `2026-08-${String(i + 3).padStart(2, '0')}`).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

  it('16 working days typed 3–24 August (weekends between) make a run of 16, as punches would', () => {
    // 3–7, 10–14, 17–21 and 24 August: 5 + 5 + 5 + 1 = 16 working days
    const dates = augustWorkdays(24);
    expect(dates).toHaveLength(16);
    const year = leaveYears(['13'], [], [], typedDays(dates), officialCalendar(), 2026).get('13')!;
    expect(year.longestAbsentRun).toBe(16);
    expect(year.absentDays).toBe(16);
  });

  it('a day missing from the rows breaks the run; a weekend date typed neither adds nor breaks', () => {
    // 3–14 August less the 7th: 3–6 (4 days), then 10–14 (5 days); the Saturday 8th typed too
    const dates = [...augustWorkdays(14).filter((d) => d !== '2026-08-07'), '2026-08-08'];
    expect(leaveYears(['13'], [], [], typedDays(dates), officialCalendar(), 2026).get('13')!.longestAbsentRun).toBe(5);
    // the 7th back: 3–14 is 10 working days in a row, the Saturday between adding nothing
    expect(leaveYears(['13'], [], [], typedDays([...augustWorkdays(14), '2026-08-08']), officialCalendar(), 2026).get('13')!.longestAbsentRun).toBe(10);
  });

  it('a typed half day is no whole day; two on one date are; a typed day joins a run of punched days', () => {
    const half = (date: string, row: number) => typedAbsences(halfyear, [typedRecord(date, '3.4', 1, row)]);
    // 3 August: one 旷工半天 row (0.5); 4 August: two (1 day); 5 August: absent by punches, both halves
    const typed = [...half('2026-08-03', 2), ...half('2026-08-04', 3), ...half('2026-08-04', 4)];
    const year = leaveYears(['13'], [], [derived({ '2026-08-05': 2 })], typed, officialCalendar(), 2026).get('13')!;
    // runs: 4–5 August = 2 (the 3rd only half absent)
    expect(year.longestAbsentRun).toBe(2);
  });
});

describe('a 旷工 row of several days under one date: the 旷职 run cannot be checked', () => {
  const bianmin = builtinScheme('bianmin-10pt');
  const yearsOf = (typed: ReturnType<typeof typedAbsences>) => leaveYears(['13'], [], [], typed, officialCalendar(), 2026);

  it('16 × 旷工 on 10 August: 16 days > the limit 15, no known run over it → a warning at the row', () => {
    const typed = typedAbsences(bianmin, [typedRecord('2026-08-10', '2.1', 16, 5)]);
    const years = yearsOf(typed);
    // the row is no run: which 16 days is not known
    expect(years.get('13')!.longestAbsentRun).toBe(0);
    expect(unplacedRunRows(bianmin, typed, years)).toEqual([problem('year_absence_run_unchecked', { ...at, row: 5 }, { person: '13', date: '2026-08-10', days: 16, absent: 16, over: 15 }, 'warning')]);
  });

  it('nothing to say where the year’s absent days cannot exceed the limit, or a known run already does', () => {
    // 15 days in all: no run of them can be over 15
    const fifteen = typedAbsences(bianmin, [typedRecord('2026-08-10', '2.1', 15)]);
    expect(unplacedRunRows(bianmin, fifteen, yearsOf(fifteen))).toEqual([]);
    // 16 single days 3–24 August (run 16, flagged) beside a row of 3 days on 1 September
    const dates = ['03', '04', '05', '06', '07', '10', '11', '12', '13', '14', '17', '18', '19', '20', '21', '24'].map((d) => `2026-08-${d}`);
    const flagged = typedAbsences(bianmin, [...dates.map((d, i) => typedRecord(d, '2.1', 1, i + 2)), typedRecord('2026-09-01', '2.1', 3, 30)]);
    expect(unplacedRunRows(bianmin, flagged, yearsOf(flagged))).toEqual([]);
  });

  it('the limit is the scheme’s: none without a 旷职 rule, the lowest of several', () => {
    const typed = typedAbsences(bianmin, [typedRecord('2026-08-10', '2.1', 16, 5)]);
    const years = yearsOf(typed);
    const leave = bianmin.year!.leave;
    const runRule = leave.find((rule) => rule.measure === 'consecutive_absent_days')!;
    const withRuns = (...overs: number[]) => ({ ...bianmin, year: { ...bianmin.year!, leave: [...leave.filter((rule) => rule !== runRule), ...overs.map((over) => ({ ...runRule, over }))] } });
    // no 旷职 rule: nothing to check the 16 days against
    expect(unplacedRunRows(withRuns(), typed, years)).toEqual([]);
    // limits 20 and 15: 16 days ≤ 20 could pass only the 15, which is the one said
    expect(unplacedRunRows(withRuns(20, 15), typed, years).map((p) => p.args.over)).toEqual([15]);
    // a limit of 20 alone: 16 days cannot make a run over it
    expect(unplacedRunRows(withRuns(20), typed, years)).toEqual([]);
  });
});

describe('旷工 typed one row per date in a year the calendar lacks', () => {
  const bianmin = builtinScheme('bianmin-10pt');

  it('more whole days than the 旷职 limit (15) stops at the person’s first row; 15 cannot pass it', () => {
    // 2027 is past the bundled calendar: 16 weekdays 2–23 August 2027 (Mon 2 – Mon 23). Counted
    // without the calendar, Friday to Monday broke the run (5 days at most) and no 旷职 was seen.
    const weekdays = ['02', '03', '04', '05', '06', '09', '10', '11', '12', '13', '16', '17', '18', '19', '20', '23'].map((d) => `2027-08-${d}`);
    const sixteen = typedAbsences(bianmin, weekdays.map((d, i) => typedRecord(d, '2.1', 1, i + 2)));
    expect(typedRunsInUnknownYear(bianmin, sixteen, officialCalendar())).toEqual([problem('calendar_year_unknown', { ...at, row: 2 }, { value: '2027-08-02', covered: '2004–2026' })]);
    expect(typedRunsInUnknownYear(bianmin, sixteen.slice(1), officialCalendar())).toEqual([]);
    // The same in 2026, which the calendar knows, is counted (a run of 16 flagged elsewhere): nothing here.
    const known = typedAbsences(bianmin, weekdays.map((d, i) => typedRecord(d.replace('2027', '2026'), '2.1', 1, i + 2)));
    expect(typedRunsInUnknownYear(bianmin, known, officialCalendar())).toEqual([]);
  });
});
