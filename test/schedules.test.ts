import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { DAY, DEFAULT_HOURS, parseClock, parseShiftText, seconds, sessionOf, type Hours, type WorkShift } from '../src/calendar/hours.js';
import { runAttendance } from '../src/commands/attendance.js';
import { runScore } from '../src/commands/score.js';
import type { IsoDate } from '../src/core/dates.js';
import { toNumber } from '../src/core/decimal.js';
import { monthPeriod } from '../src/core/period.js';
import { InputError } from '../src/core/problems.js';
import { deriveAttendance } from '../src/derive/attendance.js';
import type { DateRange } from '../src/core/dates.js';
import type { Leave } from '../src/validate/attendance.js';
import { judgeDay, punchedOnTime } from '../src/derive/day.js';
import { PunchBook, type DayPunches } from '../src/validate/punches.js';
import { Schedule, type ShiftRow } from '../src/calendar/schedule.js';
import { compileAttendanceRules } from '../src/scheme/attendance.js';
import { defaultLeaveWords, leaveWordsOf, resolveLeaveWord, type LeaveWords } from '../src/scheme/lists.js';
import { person } from './builders.js';
import { kaohe } from './kaohe.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';

const d = (s: string) => s as IsoDate;
const sheet = { file: 't.xlsx', sheet: '考勤' };
const at = (t: string) => parseClock(t)!;

/** A 请假 row of 001: the word as `words` map it, a whole day unless times, 时段 or a length say otherwise. */
function leave(type: string, first: string, extra: Partial<Leave> = {}, words: LeaveWords = defaultLeaveWords): Leave {
  const word = resolveLeaveWord(type, words)!;
  return { personId: '001', word: word.word, type: word.type, class: word.class, first: d(first), last: d(first), part: '全天', startTime: null, endTime: null, length: null, at: { file: 't.xlsx', sheet: '请假' }, typeAt: { file: 't.xlsx', sheet: '请假', column: '类型' }, ...extra };
}

interface Month {
  /** [date, 班次 text] for 001. */
  shifts?: [string, string][];
  punches?: [string, ...string[]][];
  leaves?: Leave[];
  covered?: DateRange;
  hours?: Hours;
}

/** November 2026 for 张三 (001): 21 working days by the official calendar, 003's winter hours. */
function november(month: Month) {
  const hours = month.hours ?? DEFAULT_HOURS;
  const rows: ShiftRow[] = (month.shifts ?? []).map(([date, text]) => ({ personId: '001', first: d(date), last: d(date), shift: parseShiftText(text, hours.shifts, hours.grace)!, at: { file: 't.xlsx', sheet: '班次' } }));
  const schedule = new Schedule(hours, officialCalendar(), rows);
  const book = new PunchBook();
  (month.punches ?? []).forEach(([date, ...times], row) => {
    for (const t of times) {
      const placed = schedule.place('001', d(date), at(t));
      if (placed) book.add('001', placed, { role: null, row: row + 2, column: 3 });
    }
  });
  return deriveAttendance({ period: monthPeriod(2026, 11), roster: [person('001', '张三', '民政')], schedule, punches: book, leaves: month.leaves ?? [], covered: month.covered ?? null, punchSheet: sheet, locate: (p) => ({ ...sheet, row: p.row }) });
}

const on = (result: ReturnType<typeof november>, date: string) => result.people[0]!.events.filter((e) => e.date === date);
const kinds = (result: ReturnType<typeof november>, date: string) => on(result, date).map((e) => e.kind);
const without = <T extends object>(hours: T, absentFromMinutes: number | null): T => ({ ...hours, absentFromMinutes });

describe('shift text as centres and exports write it', () => {
  const read = (text: string) => parseShiftText(text, new Map(), 0);
  const times = (text: string) => {
    const shift = read(text);
    return shift?.kind === 'work' ? shift.sessions.map((s) => `${s.name} ${s.start / 60}-${s.end / 60}`) : shift;
  };

  it('reads one to three sessions joined by , 、 ; or spaces, after a code or a name', () => {
    expect(times('08:30-12:00,13:30-17:30')).toEqual(['上午 510-720', '下午 810-1050']);
    expect(times('A 08:00-12:00 14:00-18:00 19:00-21:00')).toEqual(['上午 480-720', '下午 840-1080', '晚上 1140-1260']);
    expect(times('早班：07:30-11:30、13:00-15:30')).toEqual(['上午 450-690', '下午 780-930']);
    expect(times('08:00:00-12:00:00；14:00:00-17:30:00')).toEqual(['上午 480-720', '下午 840-1050']);
  });

  it('reads 003 值班制度 as written: 下午3:00-6:00 is 15:00–18:00', () => {
    expect(times('上午8:00-11:30,下午3:00-6:00')).toEqual(['上午 480-690', '下午 900-1080']);
  });

  it('reads an overnight shift with 次日, or with an end before its start', () => {
    // 22:00 = 1320 min; 06:00 next day = 1440 + 360 = 1800 min
    expect(times('夜班 22:00-次日06:00')).toEqual(['夜班 1320-1800']);
    expect(times('22:00-06:00')).toEqual(['夜班 1320-1800']);
  });

  it('reads two-punch days, flexible hours and rest days', () => {
    expect((read('08:30-12:00,13:30-17:30 两次打卡') as WorkShift).punching).toBe('first_last');
    const flexible = read('弹性 10:00-15:00 8小时') as WorkShift;
    expect([flexible.punching, flexible.length, flexible.sessions.length]).toEqual(['first_last', 8 * 3600, 1]);
    expect(read('休息')?.kind).toBe('rest');
    expect(read('正常（休息）')?.kind).toBe('rest');
    expect(read('未排班')?.kind).toBe('rest');
  });

  it('refuses what does not read as a shift, never guessing', () => {
    for (const text of ['08:00', '8点到12点', '08:00-12:00,11:00-13:00', '06:00-07:00 08:00-09:00 10:00-11:00 12:00-13:00', '08:00-12:00 加班', '弹性 10:00-15:00', '25:00-26:00']) {
      expect(read(text), text).toBeNull();
    }
  });

  test.prop([
    fc.uniqueArray(fc.integer({ min: 0, max: 47 }), { minLength: 2, maxLength: 6 }).filter((a) => a.length % 2 === 0),
    fc.constantFrom(',', '、', ' ', '，', ';'),
    fc.constantFrom('', 'A ', '早班 ', '班次1：'),
  ])('reads back any 1–3 ordered sessions however they are joined', (halfHours, separator, name) => {
    const sorted = [...halfHours].sort((a, b) => a - b);
    const pairs = sorted.flatMap((v, i) => (i % 2 === 0 ? [[v * 1800, sorted[i + 1]! * 1800] as const] : []));
    fc.pre(pairs.length === sorted.length / 2);
    const text = name + pairs.map(([s, e]) => `${clockText(s)}-${clockText(e)}`).join(separator);
    const shift = read(text) as WorkShift;
    expect(shift.sessions.map((s) => [s.start, s.end])).toEqual(pairs.map(([s, e]) => [s, e]));
  });
});

describe('the session a time belongs to', () => {
  // 08:00–11:30 and 14:00–17:30 (DEFAULT_HOURS' winter day).
  const day = parseShiftText('08:00-11:30,14:00-17:30', new Map(), 0) as WorkShift;

  it('inside a session, or else by the nearer boundary; a tie goes to the later session', () => {
    expect(sessionOf(day, at('09:00'))).toBe(0);
    // 12:40 is 70 minutes after 11:30 and 80 before 14:00: the morning.
    expect(sessionOf(day, at('12:40'))).toBe(0);
    // 12:50 is 80 minutes after 11:30 and 70 before 14:00: the afternoon.
    expect(sessionOf(day, at('12:50'))).toBe(1);
    // 12:45 is 75 minutes from each.
    expect(sessionOf(day, at('12:45'))).toBe(1);
  });

  it('a stated role between two sessions goes where it says: 上班 opens the later, 下班 closes the earlier', () => {
    expect(sessionOf(day, at('12:40'), 'in')).toBe(1);
    expect(sessionOf(day, at('13:50'), 'out')).toBe(0);
    // Inside a session the role changes nothing: a 下班 at 15:00 is the afternoon's (早退), not the morning's.
    expect(sessionOf(day, at('15:00'), 'out')).toBe(1);
    expect(sessionOf(day, at('07:30'), 'in')).toBe(0);
  });
});

function clockText(s: number): string {
  return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String((s % 3600) / 60).padStart(2, '0')}`;
}

describe('schedules real centres use', () => {
  it('a three-session day: each session punched in and out', () => {
    // A 08:00-12:00 14:00-18:00 19:00-21:00 on Mon 2 Nov. Working time 4 + 4 + 2 = 10 h; the break
    // nearest 5 h is after the first session (4 h, vs 8 h), so 上午 is one half, 下午+晚上 the other.
    const shift = 'A 08:00-12:00 14:00-18:00 19:00-21:00';
    const punched = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '07:58', '12:01', '14:10', '18:02', '19:00', '20:40']] });
    // 14:10 − 14:00 = 10 minutes late; 21:00 − 20:40 = 20 minutes early
    expect(on(punched, '2026-11-02').map((e) => [e.kind, e.minutes, e.evidence])).toEqual([
      ['late', 10, { code: 'late', date: d('2026-11-02'), session: '下午', punch: at('14:10'), due: at('14:00'), grace: 0, minutes: 10 }],
      ['early', 20, { code: 'early', date: d('2026-11-02'), session: '晚上', punch: at('20:40'), due: at('21:00'), grace: 0, minutes: 20, flexible: null }],
    ]);
    // without the evening punches the second half is absent: half a day, by its unpunched 晚上
    // (下午 was punched 13:55–18:02: naming it said 下午 had no punch)
    const evening = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '07:58', '12:01', '13:55', '18:02']] });
    const afternoon = { half: 1, sessions: ['晚上'] };
    expect(on(evening, '2026-11-02').map((e) => e.evidence)).toEqual([
      { code: 'absent_half_day', date: d('2026-11-02'), half: afternoon, reasons: [{ code: 'no_punch', notExcused: [] }] },
      { code: 'absent_day', date: d('2026-11-02'), halves: [afternoon] },
    ]);
  });

  it('a three-session day whose first session has no punch: absent by that session, 缺卡 by the other, each named once', () => {
    // 08:00-10:00 and 10:30-11:30 both start before noon: 第1段, 第2段; 14:00-17:30 下午. Working
    // time 2 + 1 + 3.5 = 6.5 h; the break nearest 3.25 h is after 第2段 (3 h), so 上午 = 第1段 + 第2段.
    const shift = '08:00-10:00,10:30-11:30,14:00-17:30';
    // nothing in 第1段; 10:28 is 第2段's clock-in (2 minutes from its start), no clock-out; 下午 punched
    const result = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '10:28', '13:58', '17:32']] });
    const morning = { half: 0, sessions: ['第1段'] };
    expect(on(result, '2026-11-02').map((e) => e.evidence)).toEqual([
      { code: 'missing_punch', date: d('2026-11-02'), session: '第2段', side: 'in_only', punch: at('10:28') },
      { code: 'absent_half_day', date: d('2026-11-02'), half: morning, reasons: [{ code: 'no_punch', notExcused: [] }] },
      { code: 'absent_day', date: d('2026-11-02'), halves: [morning] },
    ]);
    // the other 20 working days are unpunched: 20 × 2 halves + 11-02's 上午 = 41 absent halves, on 21 days
    expect(result.people[0]).toMatchObject({ absentHalfDays: 41, absentDays: 21, missingPunches: 1 });
  });

  it('a two-punch day: first in, last out for the whole day', () => {
    const shift = '08:30-12:00,13:30-17:30 两次打卡';
    const clean = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '08:25', '17:35']] });
    expect(kinds(clean, '2026-11-02')).toEqual([]);
    // 08:40 is 10 minutes after 08:30; 17:20 is 10 minutes before 17:30
    const lateEarly = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '08:40', '12:05', '17:20']] });
    expect(on(lateEarly, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([
      ['late', 10],
      ['early', 10],
    ]);
    // arriving at 12:40 (nearer 08:30 than 17:30, so an arrival) misses the morning, which
    // ended at 12:00, and is on time for 13:30: half a day absent, not 迟到 of 250 minutes
    const noon = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '12:40', '17:31']] });
    const morning = { half: 0, sessions: ['上午'] };
    expect(on(noon, '2026-11-02').map((e) => e.evidence)).toEqual([
      { code: 'absent_half_day', date: d('2026-11-02'), half: morning, reasons: [{ code: 'arrived_after_end', punch: at('12:40'), end: at('12:00') }] },
      // the day says why as well: its half was absent by a punch, not for want of one
      { code: 'absent_day', date: d('2026-11-02'), halves: [morning], reasons: [{ code: 'arrived_after_end', punch: at('12:40'), end: at('12:00') }] },
    ]);
  });

  it('flexible hours: core 10:00–15:00 plus 8 hours', () => {
    const shift = '弹性 10:00-15:00 8小时';
    // in 07:30, due out max(15:00, 07:30 + 8 h = 15:30) = 15:30; out 15:40: nothing
    expect(kinds(november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '07:30', '15:40']] }), '2026-11-02')).toEqual([]);
    // in 09:00, due out 17:00; out 16:45 → 15 minutes early
    const early = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '09:00', '16:45']] });
    expect(on(early, '2026-11-02').map((e) => e.evidence)).toEqual([
      { code: 'early', date: d('2026-11-02'), session: '全天', punch: at('16:45'), due: at('17:00'), grace: 0, minutes: 15, flexible: { arrival: at('09:00'), length: 8 * 3600 } },
    ]);
    // in 10:20 (after the core start) → 20 minutes late; out 18:20 = 10:20 + 8 h: not early
    const late = november({ shifts: [['2026-11-02', shift]], punches: [['2026-11-02', '10:20', '18:20']] });
    expect(on(late, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 20]]);
  });

  it('grace per session, from the scheme', () => {
    const issues: string[] = [];
    const rules = compileAttendanceRules(
      {
        source: { file: 'x', article: 'x' },
        hours: {
          seasons: [{ name: '全年', from: '01-01', shift: { sessions: [{ time: '08:00-12:00', late_grace: 5 }, { time: '14:00-17:30', early_grace: 10 }], punches: 'each' } }],
          grace_minutes: 0,
          shifts: {},
        },
      },
      (path, code) => issues.push(`${path.join('.')}: ${code}`),
      () => undefined,
    );
    expect(issues).toEqual([]);
    // 08:05 is within the morning's 5 minutes; 14:01 is late (no afternoon grace); 17:22 is within
    // the afternoon's 10 minutes before 17:30
    const result = november({ hours: rules.hours, punches: [['2026-11-02', '08:05', '12:00', '14:01', '17:22']] });
    expect(on(result, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 1]]);
  });

  it('an overnight shift: punches after midnight end the night before', () => {
    const shifts: [string, string][] = [['2026-11-02', '夜班 22:00-次日06:00']];
    // Tue 3 Nov 06:05 is 5 minutes after the night's end and 115 before Tuesday's 08:00: it ends Monday's night
    const night = november({ shifts, punches: [['2026-11-02', '21:55'], ['2026-11-03', '06:05', '07:58', '11:31', '13:59', '17:31']] });
    expect(kinds(night, '2026-11-02')).toEqual([]);
    expect(kinds(night, '2026-11-03')).toEqual([]);
    // leaving at 05:40 is 20 minutes early, shown as the next day's time
    const early = november({ shifts, punches: [['2026-11-02', '21:55'], ['2026-11-03', '05:40']] });
    expect(on(early, '2026-11-02').map((e) => e.evidence)).toEqual([{ code: 'early', date: d('2026-11-02'), session: '夜班', punch: DAY + at('05:40'), due: DAY + at('06:00'), grace: 0, minutes: 20, flexible: null }]);
  });

  it('a 补签 at a time after midnight goes to the night a punch at that time ends', () => {
    const shifts: [string, string][] = [
      ['2026-11-02', '夜班 22:00-次日06:00'],
      ['2026-11-03', '夜班 22:00-次日06:00'],
    ];
    // 补签 dated Tue 3 Nov 05:59: the clock-out of Monday's night (1 minute before its 06:00 end, 16 h
    // 01 min before Tuesday's 22:00), as a punch at 05:59 would be
    const result = november({ shifts, punches: [['2026-11-02', '22:40'], ['2026-11-03', '22:40']], leaves: [leave('补签', '2026-11-03', { startTime: at('05:59') })], covered: { first: d('2026-11-02'), last: d('2026-11-03') } });
    // Monday: 22:40 − 22:00 = 40 minutes late, the clock-out given (no 缺卡)
    expect(on(result, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 40]]);
    // Tuesday: no 补签 of its own: 40 minutes late and the clock-out missing
    expect(on(result, '2026-11-03').map((e) => [e.kind, e.minutes])).toEqual([
      ['late', 40],
      ['missing_punch', undefined],
    ]);
  });

  it('a punch before 05:00 is the night after the day before, never that day’s arrival', () => {
    // winter 08:00-11:30, 14:00-17:30, grace 0. Mon 2 Nov punched normally; Tue 3 Nov 00:40 is a late
    // clock-out after Monday's overtime, then 08:20 arrives: 08:20 − 08:00 = 20 minutes late on Tuesday
    const monday: [string, ...string[]] = ['2026-11-02', '07:55', '11:35', '13:55', '17:35'];
    const late = november({ punches: [monday, ['2026-11-03', '00:40', '08:20', '11:35', '13:55', '17:35']] });
    expect(kinds(late, '2026-11-02')).toEqual([]);
    expect(on(late, '2026-11-03').map((e) => [e.kind, e.minutes])).toEqual([['late', 20]]);
    // were 00:40 Tuesday's arrival, 08:20 would be a second punch of 上午 and nobody late
    // Tuesday with only 00:40: absent all day (both halves), not half a day plus 缺卡
    const absent = november({ punches: [monday, ['2026-11-03', '00:40']] });
    expect(kinds(absent, '2026-11-03')).toEqual(['absent_half_day', 'absent_half_day', 'absent_day']);
    // Monday's last punch is 16:00 (90 minutes early) and 00:40 Tuesday ends it: not early, Monday's clock-out is 24:40
    const overtime = november({ punches: [['2026-11-02', '07:55', '11:35', '13:55', '16:00'], ['2026-11-03', '00:40', '07:58', '11:35', '13:55', '17:35']] });
    expect(kinds(overtime, '2026-11-02')).toEqual([]);
  });

  it('a punch before 05:00 after a rest day is not counted; a 班次 starting before 05:00 keeps its own', () => {
    // Mon 9 Nov 00:40 follows Sunday 8 Nov (a rest day): ignored, as a Sunday punch is; 08:20 is 20 minutes late
    const afterSunday = november({ punches: [['2026-11-09', '00:40', '08:20', '11:35', '13:55', '17:35']] });
    expect(on(afterSunday, '2026-11-09').map((e) => [e.kind, e.minutes])).toEqual([['late', 20]]);
    // Sat 7 Nov 00:40 ends Friday 6 Nov, whose 17:00 clock-out (30 minutes early) it closes: no 早退
    const saturday = november({ punches: [['2026-11-06', '07:55', '11:35', '13:55', '17:00'], ['2026-11-07', '00:40']] });
    expect(kinds(saturday, '2026-11-06')).toEqual([]);
    // a 班次 04:30-12:30 on Tue 3 Nov: 04:40 is its arrival, 10 minutes late
    const dawn = november({ shifts: [['2026-11-03', '04:30-12:30']], punches: [['2026-11-03', '04:40', '12:31']] });
    expect(on(dawn, '2026-11-03').map((e) => [e.kind, e.minutes])).toEqual([['late', 10]]);
  });

  it('kaohe attendance names the punch before 05:00 and where it went', async () => {
    const dir = tempDir();
    const log = join(dir, '凌晨_attlog.dat');
    const lines = ['2026-11-02 07:55:00', '2026-11-02 11:35:00', '2026-11-02 13:55:00', '2026-11-02 17:35:00', '2026-11-03 00:40:00', '2026-11-03 08:20:00', '2026-11-03 11:35:00', '2026-11-03 13:55:00', '2026-11-03 17:35:00', '2026-11-09 01:10:00', '2026-11-09 07:58:00'];
    writeFileSync(log, lines.map((t) => `1\t${t}\t1\t0\t1\t0`).join('\r\n') + '\r\n');
    const roster = join(dir, '人员.csv');
    writeFileSync(roster, '工号,姓名,窗口\n1,张三,民政窗口\n');
    const run = await kaohe('attendance', '--punches', log, '--roster', roster, '--from', '2026-11-02', '--to', '2026-11-09');
    expect(run.code, run.stderr).toBe(0);
    // line 5: 11-03 00:40 → Monday 11-02's clock-out; line 10: 11-09 01:10 after Sunday 11-08 → not counted
    expect(run.stderr).toContain('第5行 › B列: 凌晨00:40的打卡计入11月2日下班');
    expect(run.stderr).toContain('第10行 › B列: 凌晨01:10的打卡未计');
  });

  it('late beyond the scheme threshold is 旷工半天, never 缺卡', () => {
    // a scheme that sets 30 minutes (以上 includes 30) → the half day is absent
    const strict = without(DEFAULT_HOURS, 30);
    const day = (first: string) => november({ hours: strict, punches: [['2026-11-02', first, '11:31', '13:58', '17:31']] });
    expect(on(day('08:29'), '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 29]]);
    expect(kinds(day('08:30'), '2026-11-02')).toEqual(['absent_half_day', 'absent_day']);
    // 08:29:30 is 29 min 30 s late: not 30 minutes, so 迟到 (its started minutes, 30, are what it counts)
    expect(on(day('08:29:30'), '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 30]]);
    // leaving at 11:00:30 is 29 min 30 s before 11:30: 早退, not 旷工
    const leaving = november({ hours: strict, punches: [['2026-11-02', '07:58', '11:00:30', '13:58', '17:31']] });
    expect(on(leaving, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['early', 30]]);
    expect(on(day('08:45'), '2026-11-02')[0]!.evidence).toEqual({
      code: 'absent_half_day',
      date: d('2026-11-02'),
      half: { half: 0, sessions: ['上午'] },
      reasons: [{ code: 'late_over', punch: at('08:45'), due: at('08:00'), grace: 0, minutes: 45, threshold: 30 }],
    });
    // the day's absence (what bianmin-10pt's 2.1 shows) says why too: 08:45 − 08:00 = 45 ≥ 30
    expect(on(day('08:45'), '2026-11-02')[1]!.evidence).toEqual({
      code: 'absent_day',
      date: d('2026-11-02'),
      halves: [{ half: 0, sessions: ['上午'] }],
      reasons: [{ code: 'late_over', punch: at('08:45'), due: at('08:00'), grace: 0, minutes: 45, threshold: 30 }],
    });
    // the arrival alone, no clock-out: the absence, not 缺卡
    expect(kinds(november({ hours: strict, punches: [['2026-11-02', '08:45', '13:58', '17:31']] }), '2026-11-02')).toEqual(['absent_half_day', 'absent_day']);
    // the 003 hours set no threshold (the seed gives none): 45 minutes late stays 迟到
    expect(on(november({ punches: [['2026-11-02', '08:45', '11:31', '13:58', '17:31']] }), '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 45]]);
  });

  it('a 班次 休息 day ignores its punches; a stated shift on a Saturday is a working day', () => {
    const result = november({ shifts: [['2026-11-04', '休息'], ['2026-11-07', '08:00-12:00']], punches: [['2026-11-04', '08:20', '10:00']] });
    expect(kinds(result, '2026-11-04')).toEqual([]);
    // Sat 7 Nov, no punch: a one-session day absent → both halves
    expect(kinds(result, '2026-11-07')).toEqual(['absent_half_day', 'absent_half_day', 'absent_day']);
    // 21 working days − Wed 4 Nov + Sat 7 Nov = 21
    expect(result.people[0]!.workingDays).toBe(21);
  });
});

describe('leave as exports write it', () => {
  const full = (date: string): [string, ...string[]] => [date, '07:58', '11:31', '13:59', '17:31'];

  it('leave in hours covers the sessions it overlaps, part of a session as the whole (请假半天起批)', () => {
    const result = november({
      punches: [['2026-11-02', '13:59', '17:31'], ['2026-11-03', '13:59', '17:31'], ['2026-11-04', '07:58', '11:31', '13:59', '15:01']],
      leaves: [
        // 09:00–11:00 lies inside the morning 08:00–11:30
        leave('事假', '2026-11-02', { startTime: at('09:00'), endTime: at('11:00') }),
        // 3 hours without times: the unpunched morning
        leave('事假', '2026-11-03', { length: { unit: 'hours', value: 3 } }),
        // 15:00–17:30 overlaps the afternoon 14:00–17:30: leaving at 15:01 is not early
        leave('病假', '2026-11-04', { startTime: at('15:00'), endTime: at('17:30') }),
      ],
    });
    for (const date of ['2026-11-02', '2026-11-03', '2026-11-04']) expect(kinds(result, date), date).toEqual([]);
    expect(result.people[0]!.leaveDays).toEqual({ 事假: 1, 病假: 0.5 });
  });

  it('each class of word: leave days by type, present, not excused, correction', () => {
    expect(['事假', '年假', '奖优年假', '休年假', '调补休', '补休', '工伤(假)', '工伤', '请假-事假', '请假-年假', '事', '出差', '公出', '外出', '居家办公', '补卡', '疗休养'].map((w) => {
      const r = resolveLeaveWord(w, defaultLeaveWords);
      return `${w}:${r?.class}/${r?.type}`;
    })).toEqual([
      '事假:leave/事假',
      '年假:leave/年休假',
      '奖优年假:leave/年休假',
      '休年假:leave/年休假',
      '调补休:leave/调休',
      '补休:leave/调休',
      '工伤(假):leave/工伤假',
      '工伤:leave/工伤假',
      '请假-事假:leave/事假',
      '请假-年假:leave/年休假',
      '事:leave/事假',
      '出差:present/公差',
      '公出:present/公差',
      '外出:present/外出',
      '居家办公:present/居家办公',
      '补卡:correction/补签',
      '疗休养:leave/疗休养',
    ]);
    expect(resolveLeaveWord('加班', defaultLeaveWords)).toBeNull();

    const strict = leaveWordsOf({ leave: { 事假: '事假' }, present: { 出差: '公差' }, not_excused: ['外出'] });
    const everyDay = ['2026-11-02', '2026-11-03', '2026-11-04'];
    const result = november({
      punches: (() => {
        const rows: [string, ...string[]][] = [];
        for (let day = 1; day <= 30; day++) {
          const date = `2026-11-${String(day).padStart(2, '0')}`;
          if (officialCalendar().isWorkday(d(date)) && !everyDay.includes(date)) rows.push(full(date));
        }
        return rows;
      })(),
      leaves: [leave('事假', '2026-11-02', {}, strict), leave('出差', '2026-11-03', {}, strict), leave('外出', '2026-11-04', { part: '上午' }, strict)],
    });
    const p = result.people[0]!;
    expect(kinds(result, '2026-11-02')).toEqual([]);
    expect(kinds(result, '2026-11-03')).toEqual([]);
    // 外出 not excused here: 4 Nov has no punch at all → both halves absent, the morning noting the word
    expect(on(result, '2026-11-04')[0]!.evidence).toEqual({ code: 'absent_half_day', date: d('2026-11-04'), half: { half: 0, sessions: ['上午'] }, reasons: [{ code: 'no_punch', notExcused: ['外出'] }] });
    // 21 days: 1 on 事假, 1 away on 公差 (present), 1 absent; 20 present
    expect([p.presentDays, p.leaveDays, p.absentHalfDays, p.fullAttendanceBroken === null]).toEqual([19, { 事假: 1, 公差: 1 }, 2, false]);
  });

  it('a 补签 at one time excuses the session of that time as present', () => {
    const result = november({ punches: [['2026-11-02', '13:59', '17:31']], leaves: [leave('补签', '2026-11-02', { startTime: at('08:00') })] });
    expect(kinds(result, '2026-11-02')).toEqual([]);
    expect(result.people[0]!.leaveDays).toEqual({ 补签: 1 });
  });

  // schemes.md "From punches to records": 补签 excuses a *missed* clocking. November: winter
  // hours 08:00–11:30, 14:00–17:30, grace 0.
  it('a 补签 supplies the clocking a half misses; the punch it has is still judged', () => {
    const result = november({
      punches: [
        ['2026-11-02', '09:10', '14:00', '17:30'], // morning: 09:10 alone (the clock-out forgotten)
        ['2026-11-03', '08:00', '11:30', '16:30'], // afternoon: 16:30 alone (the clock-in forgotten)
        ['2026-11-04', '11:30', '14:00', '17:30'], // morning: 11:30 alone, the clock-in forgotten
        ['2026-11-05', '09:10', '11:30', '14:00', '17:30'], // morning: both sides, the arrival late
        ['2026-11-06', '09:10', '14:00', '17:30'], // a 补签 at 09:10 itself: the platform's 改为正常
        ['2026-11-09', '09:10', '14:00', '17:30'], // a 补签 at 11:30: the forgotten clock-out
        ['2026-11-10', '09:10', '14:00', '17:30'], // a 补签 at 08:00: the arrival it vouches for
      ],
      leaves: [
        leave('补签', '2026-11-02', { part: '上午' }),
        leave('补签', '2026-11-03', { part: '下午', startTime: null }),
        leave('补签', '2026-11-04', { part: '上午' }),
        leave('补签', '2026-11-05', { part: '上午' }),
        leave('补签', '2026-11-06', { startTime: at('09:10') }),
        leave('补签', '2026-11-09', { startTime: at('11:30') }),
        leave('补签', '2026-11-10', { startTime: at('08:00') }),
      ],
      covered: { first: d('2026-11-02'), last: d('2026-11-10') },
    });
    // 11-02: 09:10 is the nearer to 08:00 → the arrival, 70 minutes late; the clock-out the 补签 gives: no 缺卡
    expect(on(result, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 70]]);
    // 11-03: 16:30 is the nearer to 17:30 → the departure, 60 minutes early; the clock-in the 补签 gives
    expect(on(result, '2026-11-03').map((e) => [e.kind, e.minutes])).toEqual([['early', 60]]);
    // 11-04: 11:30 is the departure, on time; the arrival the 补签 gives → nothing to say
    expect(kinds(result, '2026-11-04')).toEqual([]);
    // 11-05: both sides punched, nothing missed: the 补签 can only stand for the 08:00 clocking (因开会无法签到) → not late
    expect(kinds(result, '2026-11-05')).toEqual([]);
    // 11-06: a 补签 at the punch's own time overrules it → not late, no 缺卡
    expect(kinds(result, '2026-11-06')).toEqual([]);
    // 11-09: 11:30 is nearer 11:30 than 08:00 → the 补签 is the clock-out; 09:10 the arrival, 70 minutes late
    expect(on(result, '2026-11-09').map((e) => [e.kind, e.minutes])).toEqual([['late', 70]]);
    // 11-10: 08:00 names the arrival: the 补签 vouches for it, so 09:10 is no late arrival (the half covered)
    expect(kinds(result, '2026-11-10')).toEqual([]);
    // each 补签 still counts, seven halves; no half absent
    expect([result.people[0]!.leaveDays, result.people[0]!.absentHalfDays]).toEqual([{ 补签: 7 }, 0]);
  });

  // A 补签's time is the one clocking it stands for. A range (开始时间–结束时间 over the session) names
  // none, as 时段 上午 names none; a time names the side it is nearer, and vouches for a punched side
  // only when it is on time itself (or is that punch's own time, a platform's 改为正常). Winter hours,
  // morning 08:00–11:30, grace 0.
  it('a 补签 excuses only the clocking its time names, and a range names none', () => {
    const result = november({
      punches: [
        ['2026-11-02', '09:10', '14:00', '17:30'], // 补签 08:00–11:30: the morning, as 上午
        ['2026-11-03', '09:10', '14:00', '17:30'], // 补签 08:00–12:00: the same
        ['2026-11-04', '09:10', '11:30', '14:00', '17:30'], // both sides; 补签 11:30 names the clock-out
        ['2026-11-05', '09:10', '14:00', '17:30'], // 补签 09:44: nearer 08:00 (104 min) than 11:30 (106 min), yet late itself
        ['2026-11-06', '09:10', '11:00', '14:00', '17:30'], // late and early; 补签 11:30 vouches the clock-out only
        ['2026-11-09', '09:10', '11:30', '14:00', '17:30'], // both sides; 补签 08:00 vouches the arrival
        ['2026-11-10', '09:10:25', '11:30', '14:00', '17:30'], // 补签 09:10, the punch as shown to the minute (改为正常)
      ],
      leaves: [
        leave('补签', '2026-11-02', { startTime: at('08:00'), endTime: at('11:30') }),
        leave('补签', '2026-11-03', { startTime: at('08:00'), endTime: at('12:00') }),
        leave('补签', '2026-11-04', { startTime: at('11:30') }),
        leave('补签', '2026-11-05', { startTime: at('09:44') }),
        leave('补签', '2026-11-06', { startTime: at('11:30') }),
        leave('补签', '2026-11-09', { startTime: at('08:00') }),
        leave('补签', '2026-11-10', { startTime: at('09:10') }),
      ],
      covered: { first: d('2026-11-02'), last: d('2026-11-10') },
    });
    const judged = (date: string) => on(result, date).map((e) => [e.kind, e.minutes]);
    // 11-02, 11-03: 09:10 − 08:00 = 70 minutes late; the 补签 gives the forgotten clock-out (no 缺卡)
    expect(judged('2026-11-02')).toEqual([['late', 70]]);
    expect(judged('2026-11-03')).toEqual([['late', 70]]);
    // 11-04: the clock-out it names was punched on time; the arrival stays 70 minutes late
    expect(judged('2026-11-04')).toEqual([['late', 70]]);
    // 11-05: 09:44 > 08:00 vouches no on-time arrival: 09:10 stays 70 minutes late; the clock-out given
    expect(judged('2026-11-05')).toEqual([['late', 70]]);
    // 11-06: 11:30 vouches the clock-out (11:30 − 11:00 = 30 minutes early excused); 09:10 stays late
    expect(judged('2026-11-06')).toEqual([['late', 70]]);
    // 11-09: 08:00 vouches the arrival; 11-10: the punch's own time overrules it
    expect(judged('2026-11-09')).toEqual([]);
    expect(judged('2026-11-10')).toEqual([]);
    // a 补签 a day, the morning each; no half absent
    expect([result.people[0]!.leaveDays, result.people[0]!.absentHalfDays]).toEqual([{ 补签: 7 }, 0]);
  });

  // A 补签 at a time with 时段 上午 (an export's 下班1 补卡 at 12:50) is the morning's: 12:50 is
  // 70 minutes from 14:00 and 80 from 11:30, nearer the afternoon by the clock alone.
  it('a 补签 at a time with a 时段 is of that half, as a punch with a stated role is', () => {
    const result = november({
      punches: [['2026-11-02', '08:00', '14:20', '17:30']],
      leaves: [leave('补签', '2026-11-02', { part: '上午', startTime: at('12:50') })],
      covered: { first: d('2026-11-02'), last: d('2026-11-02') },
    });
    // the morning's clock-out given (no 缺卡); the afternoon's 14:20 − 14:00 = 20 minutes late
    expect(on(result, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['late', 20]]);
  });

  // A 补签's range is from one clocking to another: its ends are clockings, so it covers a session
  // whose end or start it touches (11:30–14:00, the lunch's clock-out and clock-in), not only those
  // it overlaps. Winter hours, grace 0.
  it('a 补签 range covers the sessions its ends touch', () => {
    const result = november({
      punches: [
        ['2026-11-02', '08:00', '17:30'], // 补签 11:30–14:00: the lunch's two clockings
        ['2026-11-03', '08:00', '11:30', '14:00'], // 补签 from 11-03 17:30 to 11-04 08:00
        ['2026-11-04', '11:30', '14:00', '17:30'],
      ],
      leaves: [leave('补签', '2026-11-02', { startTime: at('11:30'), endTime: at('14:00') }), leave('补签', '2026-11-03', { last: d('2026-11-04'), startTime: at('17:30'), endTime: at('08:00') })],
      covered: { first: d('2026-11-02'), last: d('2026-11-04') },
    });
    // every clocking on time or given by a 补签: nothing to say, no 缺卡
    expect(['2026-11-02', '2026-11-03', '2026-11-04'].flatMap((date) => kinds(result, date))).toEqual([]);
    // 补签 sessions: 11-02 both, 11-03 afternoon, 11-04 morning
    expect(result.people[0]!.leaveDays).toEqual({ 补签: 4 });
  });

  // On a two-punch or flexible day the day is punched once in and once out: the clocking a 补签
  // supplies is the day's, not a half's (a 补签 for the afternoon is the forgotten clock-out).
  it('on a two-punch or flexible day a 补签 supplies the day’s missing clocking; the punch it has is still judged', () => {
    const twoPunch = '08:00-11:30,14:00-17:30 两次打卡';
    const result = november({
      shifts: [
        ['2026-11-02', twoPunch],
        ['2026-11-03', twoPunch],
        ['2026-11-04', twoPunch],
        ['2026-11-05', twoPunch],
        ['2026-11-06', '弹性 10:00-15:00 8小时'],
      ],
      punches: [
        ['2026-11-02', '08:00'], // 补签 17:30: the clock-out
        ['2026-11-03', '08:00'], // 补签 下午: the same, by its half
        ['2026-11-04', '09:10'], // 补签 全天: the clock-out; 09:10 the arrival
        ['2026-11-05', '09:10', '17:30'], // 补签 上午, both punched: for the late arrival (as on a day of two sessions)
        ['2026-11-06', '10:30'], // flexible: 补签 全天 gives the clock-out; 10:30 the arrival
      ],
      leaves: [
        leave('补签', '2026-11-02', { startTime: at('17:30') }),
        leave('补签', '2026-11-03', { part: '下午' }),
        leave('补签', '2026-11-04'),
        leave('补签', '2026-11-05', { part: '上午' }),
        leave('补签', '2026-11-06'),
      ],
      covered: { first: d('2026-11-02'), last: d('2026-11-06') },
    });
    const judged = (date: string) => on(result, date).map((e) => [e.kind, e.minutes]);
    // 11-02, 11-03: arrived 08:00 on time, the clock-out given: nothing to say (no 缺卡 in the morning)
    expect(judged('2026-11-02')).toEqual([]);
    expect(judged('2026-11-03')).toEqual([]);
    // 11-04: 09:10 − 08:00 = 70 minutes late, as on a day of two sessions
    expect(judged('2026-11-04')).toEqual([['late', 70]]);
    expect(judged('2026-11-05')).toEqual([]);
    // 11-06: 10:30 − 10:00 = 30 minutes late
    expect(judged('2026-11-06')).toEqual([['late', 30]]);
    expect([result.people[0]!.missingPunches, result.people[0]!.absentHalfDays]).toEqual([0, 0]);
  });

  it('on flexible hours a 补签 at a time vouches for the clock-out only from arrival plus the day’s length', () => {
    const shift = '弹性 10:00-15:00 8小时';
    const result = november({
      shifts: [
        ['2026-11-02', shift],
        ['2026-11-03', shift],
      ],
      punches: [
        ['2026-11-02', '09:00', '16:00'], // due out 09:00 + 8 h = 17:00; 补签 16:30 is itself early
        ['2026-11-03', '09:00', '16:00'], // 补签 17:00: the clock-out on time
      ],
      leaves: [leave('补签', '2026-11-02', { startTime: at('16:30') }), leave('补签', '2026-11-03', { startTime: at('17:00') })],
      covered: { first: d('2026-11-02'), last: d('2026-11-03') },
    });
    // 11-02: 17:00 − 16:00 = 60 minutes early; 11-03: vouched
    expect(on(result, '2026-11-02').map((e) => [e.kind, e.minutes])).toEqual([['early', 60]]);
    expect(kinds(result, '2026-11-03')).toEqual([]);
  });
  // A 补签 over the whole day (时段 left blank: 全天) on a day whose afternoon misses a clocking stands
  // for that clocking, not for the morning's late arrival, punched both ways (review17b). Winter hours,
  // grace 0.
  it('a 补签 over two sessions, one of which misses a clocking, does not excuse a late arrival in the other', () => {
    const result = november({
      punches: [
        ['2026-11-02', '09:10', '11:30', '17:30'], // morning both ways (late); afternoon 17:30 alone
        ['2026-11-03', '09:10', '11:30', '14:00', '17:30'], // every clocking; the arrival late
      ],
      leaves: [leave('补签', '2026-11-02', {}), leave('补签', '2026-11-03', {})],
      covered: { first: d('2026-11-02'), last: d('2026-11-03') },
    });
    // 11-02: the 补签 gives the afternoon's clock-in (no 缺卡); 09:10 − 08:00 = 70 minutes late, said plainly
    const late = on(result, '2026-11-02');
    expect(late.map((e) => [e.kind, e.minutes])).toEqual([['late', 70]]);
    expect(late[0]!.evidence).not.toHaveProperty('corrected');
    // 11-03: nothing missed anywhere: the 补签 stands for the late clocking (因开会无法签到), as before
    expect(kinds(result, '2026-11-03')).toEqual([]);
  });
});

describe('the days an export covers', () => {
  /** Every working day of November on time, between `from` and `to`. */
  function punched(from: string, to: string): [string, ...string[]][] {
    const rows: [string, ...string[]][] = [];
    for (let day = 1; day <= 30; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}`;
      if (date >= from && date <= to && officialCalendar().isWorkday(d(date))) rows.push([date, '07:58', '11:31', '13:59', '17:31']);
    }
    return rows;
  }

  it('a week covered: no absences outside it, the days without data said', () => {
    const result = november({ punches: punched('2026-11-02', '2026-11-08'), covered: { first: d('2026-11-02'), last: d('2026-11-08') } });
    const p = result.people[0]!;
    // covered working days 2–6 Nov = 5; the month's other 21 − 5 = 16 have no data
    expect([p.workingDays, p.noDataDays, p.presentDays, p.absentDays, p.fullAttendanceBroken === null]).toEqual([5, 16, 5, 0, false]);
    const noData = [9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30].map((day) => d(`2026-11-${String(day).padStart(2, '0')}`));
    expect(p.events.map((e) => [e.kind, e.date, e.evidence])).toEqual([['no_data', '2026-11-09', { code: 'no_data', days: noData, covered: { first: d('2026-11-02'), last: d('2026-11-08') } }]]);
    expect(result.problems.map((x) => [x.code, x.args.count, x.args.days])).toEqual([['attendance_no_data', 16, noData.join(',')]]);
    // without the range, the same week is a month of absences: 16 days
    expect(november({ punches: punched('2026-11-02', '2026-11-08') }).people[0]!.absentDays).toBe(16);
  });

  it('设置 考勤起始日期/考勤截止日期: a week of punches scores as a week, and the run says so', async () => {
    const rows: SheetRows = [['工号', '日期', '打卡时间'], ...punched('2026-11-02', '2026-11-08').map(([date, ...t]) => ['001', date, t.join(' ')])];
    const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政']];
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: rows, 设置: [['考勤起始日期', '2026-11-02'], ['考勤截止日期', '2026-11-08']] });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    // bianmin-10pt: no absence → 10 (a month of 2.1 absences would be far below)
    expect(toNumber(run.result.subjects[0]!.total)).toBe(10);
    expect(run.warnings.filter((w) => w.code === 'attendance_no_data').map((w) => w.args.count)).toEqual([16]);
    const attendance = await runAttendance(path, {});
    expect(attendance.noData.length).toBe(16);
    // the audit of `score -o` lists the days without data for each person
    const out = join(tempDir(), 'r.xlsx');
    expect((await kaohe('score', path, '--scheme', 'bianmin-10pt', '-o', out, '--notice-date', '2026-12-01')).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const audit: unknown[][] = [];
    workbook.getWorksheet('扣分明细')!.eachRow((row, n) => n > 2 && audit.push((row.values as unknown[]).slice(1)));
    expect(audit.filter((r) => r[5] === '无考勤数据（不计旷工）').map((r) => [r[2], r[3], r[13]])).toEqual([
      ['001', '2026-11-09', '11月9日至11月30日（16个工作日）无考勤数据：考勤只覆盖11月2日至11月8日 → 不计出勤，也不计旷工'],
    ]);
  });
});

describe('a December 考勤 running into a year the calendar lacks (2027: bundled data ends 2026)', () => {
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政']];
  const december = (punches: SheetRows, extra: Record<string, SheetRows> = {}) => writeWorkbook(join(tempDir(), '2026-12.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: [['工号', '日期', '时间'], ...punches], ...extra });

  it('ignores a punch on a January day, as any punch outside the period; attendance and score run', async () => {
    const path = await december([['001', '2026-12-31', '07:58'], ['001', '2026-12-31', '11:31'], ['001', '2026-12-31', '13:59'], ['001', '2026-12-31', '17:31'], ['001', '2027-01-04', '08:00']]);
    const run = await runAttendance(path, {});
    // December 2026: 23 working days (31 days − 8 weekend days; no holiday); punched 12-31 only → present 1, absent 22
    expect([run.people[0]!.workingDays, run.people[0]!.absentDays]).toEqual([23, 22]);
    expect(run.people[0]!.events.filter((e) => e.date === '2026-12-31')).toEqual([]);
    expect(run.warnings.map((p) => [p.code, p.args.count])).toEqual([['punches_outside_period', 1]]);
    await expect(runScore(path, { scheme: 'bianmin-10pt' })).resolves.toBeDefined();
  });

  it("a 01-01 punch ends 12-31's night shift when 01-01 being a working day or not gives the same; else the run stops at it", async () => {
    const night: SheetRows = [['工号', '开始日期', '结束日期', '班次'], ['001', '2026-12-31', null, '夜班 22:00-次日06:00']];
    const run = async (time: string) => (await runAttendance(await december([['001', '2026-12-31', '21:55'], ['001', '2027-01-01', time]], { 班次: night }), {})).people[0]!;
    // 06:05: 5 minutes after the night's end; a working 01-01 starts 08:00, 115 minutes away, a rest day has no shift: 12-31's either way, no 早退
    expect((await run('06:05')).events.filter((e) => e.date === '2026-12-31')).toEqual([]);
    // 05:40 leaves 06:00 − 05:40 = 20 minutes early, either way
    expect((await run('05:40')).events.filter((e) => e.date === '2026-12-31').map((e) => [e.kind, e.minutes])).toEqual([['early', 20]]);
    // 07:50: 110 minutes after the night's end, 10 before a working day's 08:00: whose it is depends on the 2027 calendar
    const error = (await run('07:50').catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.code, p.at.sheet, p.at.row, p.args.value])).toEqual([['calendar_year_unknown', '考勤', 3, '2027-01-01']]);
  });
});

describe('a night shift ending on the day after the period, punched on a clock log (--punches)', () => {
  it('takes the log’s 12-01 06:05 as the end of 11-30’s night, as a 考勤 sheet’s would be', async () => {
    // 11-30 (a Monday) 夜班 22:00–次日06:00: in at 21:55, out at 12-01 06:05, five minutes after its end → no event on
    // 11-30. Before, the export path dropped every punch outside November, so the night had no end: a missed punch.
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), {
      人员: [['工号', '姓名', '窗口', '考勤号码'], ['001', '张三', '民政', '101']],
      记录: [recordHeader],
      班次: [['工号', '开始日期', '结束日期', '班次'], ['001', '2026-11-30', null, '夜班 22:00-次日06:00']],
    });
    const log = join(dir, '1_attlog.dat');
    writeFileSync(log, ['      101\t2026-11-30 21:55:00\t1\t0\t1\t0', '      101\t2026-12-01 06:05:00\t1\t0\t1\t0'].join('\r\n') + '\r\n');
    const run = await runAttendance(path, { punches: log, period: '2026-11' });
    expect(run.people[0]!.events.filter((e) => e.date === '2026-11-30')).toEqual([]);
  });
});

describe('班次 and 请假 sheets', () => {
  const roster: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '民政']];

  it('reads a 班次 sheet and names a bad shift and an unknown word with the accepted ones', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: roster,
      考勤: [['工号', '日期', '时间'], ['001', '2026-11-02', '21:55'], ['001', '2026-11-03', '06:02']],
      班次: [['工号', '开始日期', '结束日期', '班次'], ['001', '2026-11-02', null, '夜班 22:00-次日06:00'], [null, '2026-11-05', '2026-11-06', '八点到五点']],
      请假: [['工号', '类型', '开始日期'], ['001', '加班', '2026-11-03']],
    });
    const error = (await runAttendance(path, {}).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.code, p.at.sheet, p.at.row, p.at.column])).toEqual([
      ['shift_invalid', '班次', 3, '班次'],
      ['leave_type_unknown', '请假', 2, '类型'],
    ]);
    expect(String(error.problems[1]!.args.expected)).toContain('年假、休年假');
  });

  it('says once that rows without 工号 and 姓名 hold for everyone when the sheet has a column kaohe does not read (窗口)', async () => {
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: [['工号', '姓名', '窗口'], ['001', '张三', '民政'], ['002', '李四', '社保']],
      考勤: [['工号', '日期', '时间'], ['001', '2026-11-02', '08:00']],
      // row 2 meant for 民政 only, row 3 everyone's with 窗口 left empty, row 4 张三's own
      班次: [['工号', '姓名', '窗口', '开始日期', '班次'], [null, null, '民政', '2026-11-03', '休息'], [null, null, null, '2026-11-04', '休息'], ['001', null, '民政', '2026-11-05', '休息']],
    });
    const run = await runAttendance(path, {});
    // rows 2 and 3 are everyone's: said once, at row 2, with the count 2
    expect(run.warnings.filter((p) => p.at.sheet === '班次').map((p) => [p.code, p.at.row, p.args.columns ?? null, p.args.count ?? null])).toEqual([
      ['column_unknown', 1, null, null],
      ['shift_row_for_everyone', 2, '窗口', 2],
    ]);
    // and it does hold for everyone: 李四 (社保) rests on 11-03 and 11-04 too, 21 − 2 = 19 working days; 张三 21 − 3 = 18
    expect(run.people.map((p) => [p.personId, p.workingDays])).toEqual([
      ['001', 18],
      ['002', 19],
    ]);
  });

  it("a person's 班次 row wins over everyone's; two different shifts for one person on a day are refused", async () => {
    const punches: SheetRows = [['工号', '日期', '打卡时间'], ['001', '2026-11-05', '07:59 12:01']];
    const good = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: roster,
      考勤: punches,
      班次: [['工号', '开始日期', '结束日期', '班次'], [null, '2026-11-05', '2026-11-06', '休息'], ['001', '2026-11-05', null, '08:00-12:00']],
    });
    const p = (await runAttendance(good, {})).people[0]!;
    // 5 Nov: 张三 works 08:00–12:00 (his row) and punched it; 6 Nov: everyone rests → 21 − 1 = 20 days
    expect([p.events.filter((e) => e.date === '2026-11-05' || e.date === '2026-11-06'), p.workingDays]).toEqual([[], 20]);

    const bad = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: roster,
      考勤: punches,
      班次: [['工号', '开始日期', '结束日期', '班次'], ['001', '2026-11-02', '2026-11-06', '08:00-12:00'], ['001', '2026-11-06', null, '夜班 22:00-次日06:00'], ['001', '2026-11-05', null, '8:00-12:00']],
    });
    const error = (await runAttendance(bad, {}).catch((e: unknown) => e)) as InputError;
    // the same shift written another way is no conflict
    expect(error.problems.map((x) => [x.code, x.at.row, x.args.date, x.args.row])).toEqual([['shift_conflict', 3, '2026-11-06', 2]]);
  });

  it('leave rows with 开始时间/结束时间 and 时长 as exports write them', async () => {
    const days: SheetRows = [['工号', '日期', '打卡时间'], ['001', '2026-11-02', '13:58 17:32'], ['001', '2026-11-03', '07:55 11:35']];
    const leave: SheetRows = [
      ['工号', '类型', '开始日期', '结束日期', '开始时间', '结束时间', '时长'],
      ['001', '请假-年假', '2026-11-02', '2026-11-02', '2026-11-02 08:00', '2026-11-02 12:00', '4小时'],
      ['001', '调休', '2026-11-03', null, null, null, '0.5天'],
    ];
    const good = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 考勤: days, 请假: leave });
    const p = (await runAttendance(good, {})).people[0]!;
    // 2 Nov: 年假 08:00–12:00 covers the morning (年休假 0.5); 3 Nov: 调休 half a day without
    // times goes to the unpunched afternoon (调休 0.5); neither day has an event
    expect(p.events.filter((e) => e.date <= '2026-11-03')).toEqual([]);
    expect(p.leaveDays).toEqual({ 年休假: 0.5, 调休: 0.5 });

    const bad = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), { 人员: roster, 考勤: days, 请假: [...leave, ['001', '事假', '2026-11-04', null, null, null, '三小时']] });
    const error = (await runAttendance(bad, {}).catch((e: unknown) => e)) as InputError;
    expect(error.problems.map((x) => [x.code, x.at.row, x.at.column, x.args.value])).toEqual([['leave_length_invalid', 4, '时长', '三小时']]);
  });
});

describe('properties of a day', () => {
  /** A shift of 1–3 sessions (maybe overnight), punched per session or first/last, maybe flexible. */
  const shiftArb = fc
    .record({
      bounds: fc.uniqueArray(fc.integer({ min: 0, max: 55 }), { minLength: 2, maxLength: 6 }),
      punching: fc.constantFrom('each', 'first_last'),
      flexibleHours: fc.option(fc.integer({ min: 1, max: 10 }), { nil: null }),
      grace: fc.integer({ min: 0, max: 15 }),
    })
    .map(({ bounds, punching, flexibleHours, grace }): WorkShift | null => {
      // half hours from 04:00 to 07:30 the next day; only the last session may pass midnight
      const sorted = [...bounds].sort((a, b) => a - b).map((h) => h * 1800 + seconds(4, 0));
      const pairs = sorted.flatMap((v, i) => (i % 2 === 0 && sorted[i + 1] !== undefined ? [[v, sorted[i + 1]!] as [number, number]] : []));
      if (pairs.some(([s]) => s >= DAY) || pairs[pairs.length - 1]![1] - pairs[0]![0] >= DAY) return null;
      const flexible = flexibleHours !== null && pairs.length === 1;
      const text = `${pairs.map(([s, e]) => `${clockText(s)}-${e > DAY ? '次日' : ''}${clockText(e % DAY)}`).join(',')}${flexible ? ` ${flexibleHours}小时` : punching === 'first_last' ? ' 两次打卡' : ''}`;
      const shift = parseShiftText(text, new Map(), grace * 60);
      expect(shift, text).not.toBeNull();
      return shift?.kind === 'work' ? shift : null;
    })
    .filter((s): s is WorkShift => s !== null);

  const punchesOf = (shift: WorkShift, times: number[]): DayPunches => {
    const book = new PunchBook();
    times.forEach((t, i) => book.add('001', { date: d('2026-11-02'), at: t, shift }, { role: null, row: i + 2, column: 3 }));
    return book.day('001', d('2026-11-02'));
  };
  const judge = (shift: WorkShift, times: number[], absentFromMinutes: number | null, leaves: Leave[] = []) =>
    judgeDay({ personId: '001', date: d('2026-11-02'), shift, punches: punchesOf(shift, times), leaves, absentFromMinutes, punchSheet: sheet, locate: (p) => ({ ...sheet, row: p.row }) });
  const onTime = (shift: WorkShift): number[] =>
    shift.punching === 'each'
      ? shift.sessions.flatMap((s) => [s.start, s.end])
      : [shift.sessions[0]!.start, Math.max(shift.sessions[shift.sessions.length - 1]!.end, shift.length === null ? 0 : shift.sessions[0]!.start + shift.length)];
  const timeArb = fc.integer({ min: seconds(3, 0), max: DAY + seconds(12, 0) });

  test.prop([shiftArb, fc.option(fc.integer({ min: 1, max: 120 }), { nil: null })])('a fully punched on-time day yields no events for any schedule', (shift, threshold) => {
    const verdict = judge(shift, onTime(shift), threshold);
    expect(verdict.events).toEqual([]);
    expect(verdict.halves.map((h) => h.status)).toEqual(['present', 'present']);
  });

  // Punches near a boundary of the day (a session's start or end, a flexible day's arrival + length), as wide sheets or plain lists give them.
  const nearBoundaryArb = fc.array(fc.record({ boundary: fc.nat(), offset: fc.integer({ min: -900, max: 900 }), role: fc.constantFrom(null, 'in' as const, 'out' as const) }), { maxLength: 8 });
  test.prop([shiftArb, nearBoundaryArb, fc.option(fc.integer({ min: 1, max: 120 }), { nil: null })])(
    'punchedOnTime, the shortcut of a day without requests, is true exactly when judgeDay finds both halves present and no event',
    (shift, near, threshold) => {
      const bounds = [...shift.sessions.flatMap((s) => [s.start, s.end]), ...(shift.length === null ? [] : [shift.sessions[0]!.start + shift.length])];
      const book = new PunchBook();
      near.forEach(({ boundary, offset, role }, i) => {
        const t = bounds[boundary % bounds.length]! + offset;
        book.add('001', { date: d('2026-11-02'), at: t, shift }, { role, row: i + 2, column: 3 });
      });
      const punches = book.day('001', d('2026-11-02'));
      const verdict = judgeDay({ personId: '001', date: d('2026-11-02'), shift, punches, leaves: [], absentFromMinutes: threshold, punchSheet: sheet, locate: (p) => ({ ...sheet, row: p.row }) });
      const uneventful = verdict.events.length === 0 && verdict.corrections === 0 && verdict.halves.every((h) => h.status === 'present' && h.type === null);
      expect(punchedOnTime(shift, punches)).toBe(uneventful);
    },
  );

  // Only where each session is one half's segment (two or more sessions): a one-session day's
  // halves are two segments judged as one window, and there a second punch can show the arrival
  // past its middle that a lone punch, taken as the departure, did not (the example below).
  test.prop([shiftArb.filter((s) => s.punching === 'each' && s.sessions.length > 1), fc.array(timeArb, { maxLength: 8 }), timeArb])(
    'adding a punch never creates an absence, punched per session and without a threshold',
    (shift, times, extra) => {
      const absent = (ts: number[]) => judge(shift, ts, null).halves.map((h) => h.status === 'absent');
      const before = absent(times);
      const after = absent([...times, extra]);
      after.forEach((a, i) => expect(a && !before[i]).toBe(false));
    },
  );

  it('on a one-session day 08:00–17:00 (halves split at 12:30) 13:00 alone is a departure; 13:00 and 17:05 an arrival past the morning', () => {
    const shift = parseShiftText('08:00-17:00', new Map(), 0) as WorkShift;
    // 13:00 is 5 h from 08:00 and 4 h from 17:00: by nearness the departure, 17:00 − 13:00 = 240
    // minutes early, and no arrival (缺卡); nothing shows the morning missed.
    const alone = judge(shift, [seconds(13, 0)], null);
    expect(alone.events.map((e) => [e.kind, e.minutes ?? null])).toEqual([['early', 240], ['missing_punch', null]]);
    // With 17:05, 13:00 is the first punch, the arrival: after the morning half's end (12:30), so
    // the morning is absent (schemes.md: first punch against the start), and late for the
    // afternoon half by 13:00 − 12:30 = 30 minutes; 17:05 leaves on time.
    const both = judge(shift, [seconds(13, 0), seconds(17, 5)], null);
    expect(both.halves.map((h) => h.status)).toEqual(['absent', 'present']);
    expect(both.events.map((e) => [e.kind, e.minutes ?? null])).toEqual([['late', 30], ['absent_half_day', null], ['absent_day', null]]);
  });

  test.prop([shiftArb, fc.array(timeArb, { maxLength: 8 }), fc.option(fc.integer({ min: 1, max: 120 }), { nil: null }), fc.constantFrom<Leave['part']>('上午', '下午')])(
    'each half is exactly one of present, absent or on leave, and a whole-day leave excuses every punch',
    (shift, times, threshold, part) => {
      const half = judge(shift, times, threshold, [leave('事假', '2026-11-02', { part })]);
      expect(half.halves[part === '上午' ? 0 : 1]).toEqual({ status: 'leave', type: '事假' });
      const whole = judge(shift, times, threshold, [leave('事假', '2026-11-02')]);
      expect(whole.events).toEqual([]);
      expect(whole.halves).toEqual([{ status: 'leave', type: '事假' }, { status: 'leave', type: '事假' }]);
    },
  );
});

describe('the built-in schemes state 003 hours', () => {
  it('bianmin-10pt, bingcha-halfyear and city-hall-monthly carry the hours kaohe uses without a scheme', async () => {
    const { loadScheme } = await import('../src/scheme/load.js');
    for (const id of ['bianmin-10pt', 'bingcha-halfyear', 'city-hall-monthly']) {
      const hours = (await loadScheme(id)).attendance!.hours;
      expect(hours.seasons.map((s) => [s.name, s.from, s.shift.sessions.map((x) => [x.start, x.end, x.lateGrace])]), id).toEqual(
        DEFAULT_HOURS.seasons.map((s) => [s.name, s.from, s.shift.sessions.map((x) => [x.start, x.end, x.lateGrace])]),
      );
      expect(hours.absentFromMinutes).toBe(DEFAULT_HOURS.absentFromMinutes);
      expect([...(await loadScheme(id)).attendance!.words]).toEqual([...defaultLeaveWords]);
    }
  });
});
