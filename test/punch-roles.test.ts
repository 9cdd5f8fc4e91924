import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_HOURS, parseClock } from '../src/calendar/hours.js';
import { Schedule } from '../src/calendar/schedule.js';
import type { IsoDate } from '../src/core/dates.js';
import { monthPeriod } from '../src/core/period.js';
import { deriveAttendance } from '../src/derive/attendance.js';
import type { ExportPunch } from '../src/import/model.js';
import type { RosterEntry } from '../src/import/people.js';
import { punchTable } from '../src/import/tables.js';
import { PunchCollector, unpack } from '../src/read/punch-collector.js';
import type { RawCell } from '../src/read/xlsx.js';
import { PunchBook } from '../src/validate/punches.js';
import { person } from './builders.js';

/**
 * A punch's stated role (上班/下班: an export's slot 下班2, WeCom's 打卡类型, the 考勤 sheet's
 * 打卡类型 column) decides which side of its session it is; a lone punch without one is taken by
 * the nearer boundary. DEFAULT_HOURS in November: 08:00–11:30 and 14:00–17:30, grace 0.
 */
const day = '2026-11-03' as IsoDate;
const sheet = { file: 't.xlsx', sheet: '考勤' };

/** The events of person 001 on 2026-11-03, given [time, role] punches. */
function eventsOf(punches: [string, 'in' | 'out' | null][]) {
  const schedule = new Schedule(DEFAULT_HOURS, officialCalendar());
  const book = new PunchBook();
  punches.forEach(([time, role], i) => {
    const placed = schedule.place('001', day, parseClock(time)!);
    if (placed) book.add('001', placed, { role, row: i + 2, column: 3 });
  });
  const result = deriveAttendance({ period: monthPeriod(2026, 11), roster: [person('001', '张三', '民政')], schedule, punches: book, leaves: [], punchSheet: sheet, locate: (p) => ({ ...sheet, row: p.row }) });
  return result.people[0]!.events.filter((e) => e.date === day).map((e) => [e.kind, e.minutes ?? null]);
}

describe('a stated 上班/下班 decides the side of a punch', () => {
  it('下班 at 15:00 is an early departure of 17:30 − 15:00 = 150 minutes, not a 缺卡', () => {
    expect(eventsOf([['07:55', 'in'], ['11:35', 'out'], ['13:55', 'in'], ['15:00', 'out']])).toEqual([['early', 150]]);
  });

  it('上班 at 10:00 is a late arrival of 10:00 − 08:00 = 120 minutes, not a 缺卡', () => {
    expect(eventsOf([['10:00', 'in'], ['11:35', 'out'], ['13:55', 'in'], ['17:35', 'out']])).toEqual([['late', 120]]);
  });

  it('上班 at 10:00 alone in the morning is a late arrival and a 缺卡; without the role, nearer 11:30, an early departure and a 缺卡', () => {
    // 10:00 is 120 minutes after 08:00 and 90 before 11:30: a lone punch without a role goes by
    // nearness, the departure, 11:30 − 10:00 = 90 minutes early; as 上班, 10:00 − 08:00 = 120 late.
    expect(eventsOf([['10:00', 'in'], ['13:55', 'in'], ['17:35', 'out']])).toEqual([['late', 120], ['missing_punch', null]]);
    expect(eventsOf([['10:00', null], ['13:55', null], ['17:35', null]])).toEqual([['early', 90], ['missing_punch', null]]);
  });
});

/**
 * schemes.md "From punches to records": the first punch of a session against its start (迟到),
 * the last against its end (早退). With two or more punches and no stated role, the first is the
 * arrival and the last the departure, whichever boundary each is nearer (DingTalk and WeCom take
 * a punch after the 上班 one as 下班); a second tap still on time to arrive, or already on time to
 * leave, is a double tap, not the other side.
 */
describe('two or more punches in a session without a role: the first arrives, the last leaves', () => {
  it('13:55 and 15:00 in the afternoon: 15:00 (nearer 14:00) is the departure, 早退 17:30 − 15:00 = 150 minutes', () => {
    // It was 缺卡 (not scored): 15:00 taken as a second arrival by nearness.
    expect(eventsOf([['07:55', null], ['11:35', null], ['13:55', null], ['15:00', null]])).toEqual([['early', 150]]);
  });

  it('10:00 and 11:35 in the morning: 10:00 (nearer 11:30) is the arrival, 迟到 10:00 − 08:00 = 120 minutes', () => {
    expect(eventsOf([['10:00', null], ['11:35', null], ['13:55', null], ['17:35', null]])).toEqual([['late', 120]]);
  });

  it('07:55 and 09:00: 早退 11:30 − 09:00 = 150 minutes; 16:00 and 17:35: 迟到 16:00 − 14:00 = 120 minutes', () => {
    expect(eventsOf([['07:55', null], ['09:00', null], ['13:55', null], ['17:35', null]])).toEqual([['early', 150]]);
    expect(eventsOf([['07:55', null], ['11:35', null], ['16:00', null], ['17:35', null]])).toEqual([['late', 120]]);
  });

  it('a double tap at leaving, 11:35 and 11:40 with no arrival, is 缺卡, not an arrival after the end (旷工)', () => {
    expect(eventsOf([['11:35', null], ['11:40', null], ['13:55', null], ['17:35', null]])).toEqual([['missing_punch', null]]);
  });

  it('one moment written twice (10:00, 10:00) is one punch, not an arrival and a departure at once: by nearness, 早退 90 minutes and 缺卡', () => {
    // As two punches, 10:00 would be both 迟到 120 and 早退 90 minutes of one morning.
    expect(eventsOf([['10:00', null], ['10:00', null], ['13:55', null], ['17:35', null]])).toEqual([['early', 90], ['missing_punch', null]]);
  });

  it('12:40 between the sessions still goes to the nearer, the morning (70 minutes after 11:30, 80 before 14:00): the afternoon’s lone 17:35 is 缺卡', () => {
    // The morning 07:55 … 12:40 is on time; 17:35 alone is nearer 17:30: the departure, no arrival.
    expect(eventsOf([['07:55', null], ['11:35', null], ['12:40', null], ['17:35', null]])).toEqual([['missing_punch', null]]);
  });

  it('上班 at 12:40, between the sessions and nearer 11:30, opens the afternoon: no 缺卡 in either half', () => {
    // By nearness (70 minutes after 11:30, 80 before 14:00) it would be the morning's last punch:
    // a 上班, no departure → the morning 缺卡, and the afternoon with 17:35 alone → a second one.
    expect(eventsOf([['07:55', 'in'], ['11:35', 'out'], ['12:40', 'in'], ['17:35', 'out']])).toEqual([]);
  });

  it('下班 at 12:50, between the sessions and nearer 14:00, closes the morning: no 缺卡 in either half', () => {
    // By nearness (80 minutes after 11:30, 70 before 14:00) it would be the afternoon's first
    // punch: a 下班, no arrival → the afternoon 缺卡, and the morning with 07:55 alone → another.
    expect(eventsOf([['07:55', 'in'], ['12:50', 'out'], ['13:55', 'in'], ['17:35', 'out']])).toEqual([]);
  });
});

describe('the 考勤 sheet’s 打卡类型 column', () => {
  function collect(header: string[], rows: RawCell[][]): PunchCollector {
    const collector = new PunchCollector('考勤.xlsx', '考勤', { coveredYears: new Set([2026]) }, 2026, false);
    collector.add({ row: 1, cells: header });
    rows.forEach((cells, i) => collector.add({ row: i + 2, cells }));
    collector.finish();
    return collector;
  }
  const rolesOf = (collector: PunchCollector) => [...collector.personDays()].flatMap(([, days]) => [...days.values()].flatMap((pairs) => pairs.flatMap((p, k) => (k % 2 === 0 ? [unpack(p, pairs[k + 1]!).role] : []))));
  const problemsOf = (collector: PunchCollector) => collector.problems.map((p) => ({ code: p.code, row: p.at.row, column: p.at.columnLetter, args: p.args }));

  it('reads 上班, 下班 (and WeCom’s 上班打卡, 下班打卡) as the role; blank as none', () => {
    const collector = collect(
      ['工号', '姓名', '日期', '时间', '打卡类型'],
      [
        ['0001', '甲', '2026-11-03', '07:55', '上班'],
        ['0001', '甲', '2026-11-03', '11:35', '下班打卡'],
        ['0001', '甲', '2026-11-03', '13:55', null],
        ['0001', '甲', '2026-11-03', '15:00', ' 下班 '],
        ['0001', '甲', '2026-11-03', '16:00', '上班打卡'],
      ],
    );
    expect(problemsOf(collector)).toEqual([]);
    expect(rolesOf(collector)).toEqual(['in', 'out', null, 'out', 'in']);
  });

  it('refuses a 打卡类型 on a row of several times, which it cannot say which of them is; one time keeps it', () => {
    // 08:45 12:05 13:20 17:40 with 下班: taken as four departures, the 08:45 arrival (45 minutes late) would be lost.
    const collector = collect(
      ['工号', '姓名', '日期', '打卡时间', '打卡类型'],
      [
        ['0001', '甲', '2026-11-03', '08:45 12:05 13:20 17:40', '下班'],
        ['0002', '乙', '2026-11-03', '17:40', '下班'],
      ],
    );
    expect(problemsOf(collector)).toEqual([{ code: 'punch_role_several_times', row: 2, column: 'E', args: { value: '下班', count: 4 } }]);
    expect(rolesOf(collector)).toEqual([null, null, null, null, 'out']);
  });

  it('refuses another word at its cell', () => {
    const collector = collect(['工号', '姓名', '日期', '时间', '打卡类型'], [['0001', '甲', '2026-11-03', '07:55', '指纹']]);
    expect(problemsOf(collector)).toEqual([{ code: 'punch_role_invalid', row: 2, column: 'E', args: { value: '指纹' } }]);
  });

  it('does not take a bare 类型 column (指纹, 人脸) for it', () => {
    const collector = collect(['工号', '姓名', '日期', '时间', '类型'], [['0001', '甲', '2026-11-03', '07:55', '指纹']]);
    expect(problemsOf(collector)).toEqual([]);
    expect(rolesOf(collector)).toEqual([null]);
  });
});

describe('the 考勤 sheet kaohe import writes', () => {
  const entry = { id: '0001', name: '甲', shownName: '甲' } as RosterEntry;
  const punch = (at: string, role: ExportPunch['role']): { person: RosterEntry; punch: ExportPunch } => ({
    person: entry,
    punch: { person: 'id:0001', date: day, at: parseClock(at)!, role, sheet: { file: 'e.xlsx', sheet: '每日统计', headers: [] }, row: 4, column: 9 },
  });

  it('adds 打卡类型 (上班/下班, blank for none) when the export stated a role', () => {
    const table = punchTable([punch('07:55', 'in'), punch('13:55', null), punch('15:00', 'out')], 'o.xlsx');
    expect(table.rows.map((r) => r.cells)).toEqual([
      ['工号', '姓名', '日期', '时间', '打卡类型'],
      ['0001', '甲', day, '07:55', '上班'],
      ['0001', '甲', day, '13:55', null],
      ['0001', '甲', day, '15:00', '下班'],
    ]);
  });

  it('keeps the four columns when no punch has one (a log, one cell of times)', () => {
    expect(punchTable([punch('07:55', null)], 'o.xlsx').rows[0]!.cells).toEqual(['工号', '姓名', '日期', '时间']);
  });
});
