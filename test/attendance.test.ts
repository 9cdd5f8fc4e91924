import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import { DEFAULT_HOURS, parseClock, withGrace } from '../src/calendar/hours.js';
import { runAttendance } from '../src/commands/attendance.js';
import { runScore } from '../src/commands/score.js';
import type { IsoDate } from '../src/core/dates.js';
import { toNumber } from '../src/core/decimal.js';
import { monthPeriod, periodYears } from '../src/core/period.js';
import { InputError } from '../src/core/problems.js';
import { deriveAttendance, leaveHalfDays } from '../src/derive/attendance.js';
import { untypedLeaveDays } from '../src/derive/leaves.js';
import type { Leave } from '../src/validate/attendance.js';
import { PunchBook } from '../src/validate/punches.js';
import { Schedule } from '../src/calendar/schedule.js';
import { defaultLeaveWords, resolveLeaveWord } from '../src/scheme/lists.js';
import { person, flagKeys, traceOf } from './builders.js';
import { kaohe } from './kaohe.js';
import { pointsSummary } from '../src/write/summary.js';
import { formatProblem } from '../src/messages.js';
import { explainSubject } from '../src/write/explain.js';
import { scoringRecordCount } from '../src/score/engine.js';
import { recordHeader, tempDir, writeWorkbook, type SheetRows } from './workbook.js';


const d = (s: string) => s as IsoDate;
const at = (t: string) => parseClock(t)!;
const sheet = { file: 't.xlsx', sheet: '考勤' };

/** A 请假 row of 001 as the sheet reader makes it: the word as the default words map it. */
function leaveRow(type: string, first: string, part: Leave['part'] = '全天', last = first): Leave {
  const word = resolveLeaveWord(type, defaultLeaveWords)!;
  return { personId: '001', word: word.word, type: word.type, class: word.class, first: d(first), last: d(last), part, startTime: null, endTime: null, length: null, at: { file: 't.xlsx', sheet: '请假' }, typeAt: { file: 't.xlsx', sheet: '请假', column: '类型' } };
}

/** A punch table: [date, 'HH:MM', …] for person 001, derived for the month of the first date. */
function derive(days: [string, ...string[]][], options: { grace?: number; leaves?: Leave[]; month?: [number, number] } = {}) {
  const grace = (options.grace ?? 0) * 60;
  const hours = { ...DEFAULT_HOURS, grace, seasons: DEFAULT_HOURS.seasons.map((s) => ({ ...s, shift: withGrace(s.shift, grace) })) };
  const schedule = new Schedule(hours, officialCalendar());
  const book = new PunchBook();
  days.forEach(([date, ...times], row) => {
    for (const t of times) {
      const placed = schedule.place('001', d(date), parseClock(t)!);
      if (placed) book.add('001', placed, { role: null, row: row + 2, column: 1 });
    }
  });
  const [year, month] = options.month ?? [2026, 11];
  const locate = (p: { row: number }) => ({ ...sheet, row: p.row });
  const result = deriveAttendance({ period: monthPeriod(year, month), roster: [person('001', '张三', '民政')], schedule, punches: book, leaves: options.leaves ?? [], punchSheet: sheet, locate });
  return result.people[0]!;
}

/** Events on one day only (other working days are simply absent in these small tables). */
const on = (p: ReturnType<typeof derive>, date: string) => p.events.filter((e) => e.date === date).map((e) => e.kind);

describe('from punches to attendance facts', () => {
  it('a punch at 08:01 is late with grace 0, not with grace 5', () => {
    const day: [string, ...string[]] = ['2026-11-02', '08:01', '11:31', '13:58', '17:31'];
    expect(on(derive([day]), '2026-11-02')).toEqual(['late']);
    expect(on(derive([day], { grace: 5 }), '2026-11-02')).toEqual([]);
    expect(derive([day]).events[0]!.evidence).toEqual({ code: 'late', date: d('2026-11-02'), session: '上午', punch: at('08:01'), due: at('08:00'), grace: 0, minutes: 1 });
  });

  it('an afternoon punch at 14:05 is late in winter (14:00) but not in July (15:00)', () => {
    expect(on(derive([['2026-11-02', '07:59', '11:31', '14:05', '17:31']]), '2026-11-02')).toEqual(['late']);
    const july = derive([['2026-07-01', '07:59', '11:31', '14:05', '18:01']], { month: [2026, 7] });
    expect(on(july, '2026-07-01')).toEqual([]);
  });

  it('a 调休 Saturday is a working day: nobody punching is an absence; National Day creates none', () => {
    // 2026-10-10 (Saturday) is worked in lieu of National Day; 1–7 October are holidays
    const october = derive([], { month: [2026, 10] });
    expect(on(october, '2026-10-10')).toEqual(['absent_half_day', 'absent_half_day', 'absent_day']);
    expect(on(october, '2026-10-01')).toEqual([]);
    expect(on(october, '2026-10-11')).toEqual([]); // an ordinary Sunday
    // October 2026: 31 days − 9 weekend days (3,4,10,11,17,18,24,25,31) − 5 weekday holidays
    // (1,2,5,6,7) + 1 Saturday worked in lieu (10th) = 18 working days, all absent here
    expect(october.workingDays).toBe(18);
    expect(october.absentDays).toBe(18);
  });

  it('a 事假 day and a 补签 half-day excuse', () => {
    const p = derive([['2026-11-03', '13:59', '17:31']], {
      leaves: [leaveRow('事假', '2026-11-02'), leaveRow('补签', '2026-11-03', '上午')],
    });
    expect(on(p, '2026-11-02')).toEqual([]);
    expect(on(p, '2026-11-03')).toEqual([]);
    expect(p.leaveDays).toEqual({ 事假: 1, 补签: 1 });
  });

  it('请假 alone (an export that does not say which leave) gives way to a typed row on the same half, in either order', () => {
    // 11-02: 请假 all day from the export, 病假 for the morning from the 请假 sheet, in either row
    // order: the morning counts as 病假 (0.5 day), the afternoon as 请假 of no type (0.5 day).
    for (const leaves of [
      [leaveRow('请假', '2026-11-02'), leaveRow('病假', '2026-11-02', '上午')],
      [leaveRow('病假', '2026-11-02', '上午'), leaveRow('请假', '2026-11-02')],
    ]) {
      const p = derive([], { leaves });
      expect(on(p, '2026-11-02')).toEqual([]);
      expect(p.leaveDays).toEqual({ 病假: 0.5, 请假: 0.5 });
      // The year-end count sees the same: the morning (half 0) 病假, the afternoon 请假.
      const halves = leaveHalfDays(leaves, [person('001', '张三', '民政')], new Schedule(DEFAULT_HOURS, officialCalendar()), periodYears(monthPeriod(2026, 11)));
      expect(halves.map((h) => [h.half, h.type]).sort()).toEqual([[0, '病假'], [1, '请假']]);
      // The afternoon is leave of no type: said once, at the 请假 row's 类型.
      expect(untypedLeaveDays(halves, [person('001', '张三', '民政')]).map((p) => [p.code, p.severity, p.at.column, p.args.people])).toEqual([['leave_type_not_given', 'warning', '类型', '张三（2026-11-02）']]);
    }
  });

  it('请假 alone on halves typed requests cover all day is not said to lack a type', () => {
    // 11-02: 请假 all day, 病假 in the morning and 事假 in the afternoon: both halves typed.
    const leaves = [leaveRow('请假', '2026-11-02'), leaveRow('病假', '2026-11-02', '上午'), leaveRow('事假', '2026-11-02', '下午')];
    const roster = [person('001', '张三', '民政')];
    expect(untypedLeaveDays(leaveHalfDays(leaves, roster, new Schedule(DEFAULT_HOURS, officialCalendar()), periodYears(monthPeriod(2026, 11))), roster)).toEqual([]);
  });

  it('only a clock-out punch in the morning is 缺卡, not an absence', () => {
    const p = derive([['2026-11-02', '11:32', '13:59', '17:31']]);
    expect(on(p, '2026-11-02')).toEqual(['missing_punch']);
    expect(p.events.find((e) => e.date === '2026-11-02')!.evidence).toEqual({ code: 'missing_punch', date: d('2026-11-02'), session: '上午', side: 'out_only', punch: at('11:32') });
  });

  it('a double clock-in with no clock-out is 缺卡, not an early leave', () => {
    expect(on(derive([['2026-11-02', '07:58', '07:59', '13:59', '17:31']]), '2026-11-02')).toEqual(['missing_punch']);
    // With 5 minutes' grace 08:04 is still on time to arrive (08:00 + 5): a second tap, not a
    // departure 206 minutes early; 08:06 is past it, the last punch, the departure: 早退.
    expect(on(derive([['2026-11-02', '07:58', '08:04', '13:59', '17:31']], { grace: 5 }), '2026-11-02')).toEqual(['missing_punch']);
    expect(on(derive([['2026-11-02', '07:58', '08:06', '13:59', '17:31']], { grace: 5 }), '2026-11-02')).toEqual(['early']);
  });

  it('an early leave at 17:20 and one unexcused afternoon make one absence day', () => {
    const p = derive([
      ['2026-11-02', '07:58', '11:31', '13:59', '17:20'],
      ['2026-11-03', '07:58', '11:31'],
    ]);
    expect(on(p, '2026-11-02')).toEqual(['early']);
    expect(on(p, '2026-11-03')).toEqual(['absent_half_day', 'absent_day']);
  });
});

/**
 * 时长 in hours without times, on one day, laid on the day's halves by their own lengths. August
 * (summer, 003 值班制度): morning 08:00–11:30 = 3.5 h, afternoon 15:00–18:00 = 3 h, 6.5 h a day.
 * November (winter): 08:00–11:30 and 14:00–17:30, 3.5 h each.
 */
describe('leave given only as hours', () => {
  const hours = (value: number, date = '2026-08-03'): Leave => ({ ...leaveRow('事假', date), length: { unit: 'hours', value } });
  const august = { month: [2026, 8] as [number, number] };
  /** The absent halves of 001 on a day (0 morning, 1 afternoon). */
  const absentHalves = (p: ReturnType<typeof derive>, date: string) => p.events.flatMap((e) => (e.date === date && e.evidence.code === 'absent_half_day' ? [e.evidence.half.half] : []));

  it('3.5小时 on a summer day is exactly the 3.5-hour morning: absent all day → 事假 0.5 and 旷工 the afternoon', () => {
    // It covered the day: 3.5 h > an average half of 6.5 / 2 = 3.25 h, so 事假 1 and no absence.
    const p = derive([], { ...august, leaves: [hours(3.5)] });
    expect(p.leaveDays).toEqual({ 事假: 0.5 });
    expect(absentHalves(p, '2026-08-03')).toEqual([1]);
    expect(on(p, '2026-08-03')).toEqual(['absent_half_day', 'absent_day']);
    // the year-end count sees the same half: the morning
    const year = leaveHalfDays([hours(3.5)], [person('001', '张三', '民政')], new Schedule(DEFAULT_HOURS, officialCalendar()), periodYears(monthPeriod(2026, 11)));
    expect(year.map((h) => [h.date, h.half, h.type])).toEqual([['2026-08-03', 0, '事假']]);
  });

  it('3.5小时 and the afternoon worked: 事假 the morning (0.5), present the afternoon (0.5), nothing else', () => {
    const p = derive([['2026-08-03', '14:55', '18:05']], { ...august, leaves: [hours(3.5)] });
    expect(p.leaveDays).toEqual({ 事假: 0.5 });
    expect(on(p, '2026-08-03')).toEqual([]);
    // August 2026 has 21 working days, 20 of them absent here (no punches): 0.5 present on the 3rd
    expect(p.presentDays).toBe(0.5);
  });

  it('the morning worked, 3.5小时 goes to the unpunched 3-hour afternoon and spills past it: the day (part of a half counts whole)', () => {
    const p = derive([['2026-08-03', '07:55', '11:35']], { ...august, leaves: [hours(3.5)] });
    // 3.5 h > 3 h afternoon → both halves, 事假 1
    expect(p.leaveDays).toEqual({ 事假: 1 });
    // 3 h fits the 3-hour afternoon exactly: 事假 0.5, the morning worked
    expect(derive([['2026-08-03', '07:55', '11:35']], { ...august, leaves: [hours(3)] }).leaveDays).toEqual({ 事假: 0.5 });
  });

  it('hours between the halves’ lengths (3 < h < 3.5) keep the average half of 3.25 h: 3.2 h one half, 3.4 h the day', () => {
    expect(derive([], { ...august, leaves: [hours(3.2)] }).leaveDays).toEqual({ 事假: 0.5 });
    expect(derive([], { ...august, leaves: [hours(3.4)] }).leaveDays).toEqual({ 事假: 1 });
  });

  it('in winter both halves are 3.5 h: 3.5 h one half, 3.6 h the day', () => {
    expect(derive([], { leaves: [hours(3.5, '2026-11-02')] }).leaveDays).toEqual({ 事假: 0.5 });
    expect(derive([], { leaves: [hours(3.6, '2026-11-02')] }).leaveDays).toEqual({ 事假: 1 });
  });
});

/** November 2026 (21 working days) for 张三 (001) and 李四 (002), in the long shape. */
function novemberPunches(): { long: SheetRows; wide: SheetRows; cell: SheetRows } {
  const workdays: string[] = [];
  const calendar = officialCalendar();
  for (let day = 1; day <= 30; day++) {
    const date = `2026-11-${String(day).padStart(2, '0')}` as IsoDate;
    if (calendar.isWorkday(date)) workdays.push(date);
  }
  const times = (id: string, date: string): (string | null)[] => {
    if (id === '002') return ['07:55', '11:35', '13:55', '17:35'];
    if (date === '2026-11-03') return ['08:05', '11:35', '13:55', '17:35']; // late
    if (date === '2026-11-04') return ['07:55', '11:35', '13:55', '17:20']; // early
    if (date === '2026-11-05') return [null, null, null, null]; // absent all day
    if (date === '2026-11-06') return [null, null, '13:55', '17:35']; // absent morning
    return ['07:55', '11:35', '13:55', '17:35'];
  };
  const long: SheetRows = [['工号', '日期', '时间']];
  const wide: SheetRows = [['工号', '日期', '上午上班', '上午下班', '下午上班', '下午下班']];
  const cell: SheetRows = [['姓名', '日期', '打卡时间']];
  for (const date of workdays) {
    for (const [id, name] of [['001', '张三'], ['002', '李四']] as const) {
      const t = times(id, date);
      for (const x of t) if (x) long.push([id, date, x]);
      wide.push([id, date, ...t]);
      cell.push([name, date.replace(/-/g, '/'), t.filter(Boolean).join(' ')]);
    }
  }
  return { long, wide, cell };
}

const roster: SheetRows = [
  ['工号', '姓名', '窗口'],
  ['001', '张三', '民政'],
  ['002', '李四', '民政'],
];

describe('a bianmin-10pt month from punches', () => {
  it('equals the same month typed as records', async () => {
    const dir = tempDir();
    const punched = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: novemberPunches().long });
    const typed = await writeWorkbook(join(dir, '2026-11-typed.xlsx'), {
      人员: roster,
      记录: [
        recordHeader,
        ['2026-11-03', '001', null, null, '1.1'],
        ['2026-11-04', '001', null, null, '1.2'],
        ['2026-11-05', '001', null, null, '2.1'],
        ['2026-11-06', '001', null, null, '2.1'],
      ],
    });
    const fromPunches = (await runScore(punched, { scheme: 'bianmin-10pt' })).result;
    const fromRecords = (await runScore(typed, { scheme: 'bianmin-10pt', period: '2026-11' })).result;
    const view = (r: typeof fromPunches) => r.subjects.map((s) => [s.key, toNumber(s.total), s.items.map((it) => toNumber(it.score)), s.rank]);
    // 张三: 10 − 1 (迟到) − 1 (早退) − 2 − 2 (two absence days) = 4; 李四 10
    expect(view(fromPunches)).toEqual([
      ['002', 10, [0, 0, 0], 1],
      ['001', 4, [-2, -4, 0], 2],
    ]);
    expect(view(fromPunches)).toEqual(view(fromRecords));
    // the derived lines keep their punches
    const firstLine = traceOf(fromPunches, '001')[0]!;
    expect(firstLine.evidence).toEqual({ code: 'late', date: d('2026-11-03'), session: '上午', punch: at('08:05'), due: at('08:00'), grace: 0, minutes: 5 });
    expect(firstLine.at).toMatchObject({ sheet: '考勤', column: '时间' });
  });

  it('reads the wide and the one-cell shapes to the same attendance', async () => {
    const dir = tempDir();
    const shapes = novemberPunches();
    const summaries = [];
    for (const [name, rows] of Object.entries(shapes)) {
      const path = await writeWorkbook(join(dir, `${name}-2026-11.xlsx`), { 人员: roster, 考勤: rows });
      const run = await runAttendance(path, {});
      summaries.push(run.people.map((p) => [p.personId, p.workingDays, p.presentDays, p.late, p.early, p.absentHalfDays, p.absentDays, p.missingPunches]));
    }
    // 21 working days; 张三 present 21 − 1.5 = 19.5, one late, one early, 3 absent half-days over 2 days
    expect(summaries[0]).toEqual([
      ['001', 21, 19.5, 1, 1, 3, 2, 0],
      ['002', 21, 21, 0, 0, 0, 0, 0],
    ]);
    expect(summaries[1]).toEqual(summaries[0]);
    expect(summaries[2]).toEqual(summaries[0]);
  });

  it('refuses a punch in a year the calendar does not know, naming the row', async () => {
    const path = await writeWorkbook(join(tempDir(), '2027-01.xlsx'), {
      人员: roster,
      记录: [recordHeader],
      考勤: [
        ['工号', '日期', '时间'],
        ['001', '2027-01-04', '08:00'],
      ],
    });
    const error = (await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    const first = error.problems.find((p) => p.code === 'calendar_year_unknown' && p.at.row !== undefined)!;
    expect(first.at).toMatchObject({ sheet: '考勤', row: 2 });
    expect(first.args.value).toBe('2027-01-04');
  });

  it('punches whose person cannot be told stop the run at the row instead of being set aside as staff not assessed', async () => {
    const dir = tempDir();
    const people: SheetRows = [['工号', '姓名', '窗口'], ['0001', '张伟', '民政'], ['0002', '张伟', '社保'], ['0003', '王芳', '社保']];
    const ambiguous = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: people, 记录: [recordHeader], 考勤: [['姓名', '日期', '时间'], ['张伟', '2026-11-02', '08:20']] });
    const zeros = await writeWorkbook(join(dir, '2026-11-b.xlsx'), { 人员: people, 记录: [recordHeader], 考勤: [['工号', '日期', '时间'], [3, '2026-11-02', '08:20'], [3, '2026-11-02', '17:40']] });
    const codes = async (path: string) => ((await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError).problems.filter((p) => p.severity === 'error');
    // two 张伟 (0001, 0002): whose punch this is cannot be told; set aside, both would be absent 20 working days
    expect((await codes(ambiguous)).map((p) => [p.code, p.at.row, p.args.ids])).toEqual([['person_ambiguous', 2, '0001、0002']]);
    // 工号 typed as the number 3 for 王芳's 0003: the zeros were lost, not a person off the roster
    expect((await codes(zeros)).map((p) => [p.code, p.at.row, p.args.id])).toEqual([['punch_id_leading_zeros', 2, '0003']]);
    // 工号 9 is no one, but its row names 王芳 (0003): a mistyped 工号, not a person who is not assessed
    const other = await writeWorkbook(join(dir, '2026-11-c.xlsx'), { 人员: people, 记录: [recordHeader], 考勤: [['工号', '姓名', '日期', '时间'], ['9', '王芳', '2026-11-02', '08:20']] });
    expect((await codes(other)).map((p) => [p.code, p.at.row, p.args.id])).toEqual([['punch_id_other_name', 2, '0003']]);
  });

  it('a 考勤 row of a 工号 alone stops the run at its 日期; a 工号 off the roster is said on a day row without a time too (probe14 stray)', async () => {
    const dir = tempDir();
    const people: SheetRows = [['工号', '姓名', '窗口'], ['0001', '张伟', '民政'], ['0003', '王芳', '社保']];
    const header = ['工号', '姓名', '日期', '时间'];
    const errors = async (path: string) => ((await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError).problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.sheet, p.at.row, p.at.columnLetter]);
    // Row 3 holds 0099 and nothing else: before, dropped without a word and the month scored.
    const alone = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: people, 记录: [recordHeader], 考勤: [header, ['0001', '张伟', '2026-11-02', '08:00'], ['0099']] });
    expect(await errors(alone)).toEqual([['punch_row_without_punch', '考勤', 3, 'C']]);
    // 0099 on a day without a time: set aside as staff not assessed, as with punches (1 row).
    const dayOnly = await writeWorkbook(join(dir, '2026-11-b.xlsx'), { 人员: people, 记录: [recordHeader], 考勤: [header, ['0001', '张伟', '2026-11-02', '08:00'], ['0099', '某某', '2026-11-03', null]] });
    const run = await runScore(dayOnly, { scheme: 'bianmin-10pt' });
    expect(run.warnings.filter((w) => w.code === 'punch_person_unknown').map((w) => [w.at.row, w.at.columnLetter, w.args])).toEqual([[3, 'A', { value: '0099', count: 1 }]]);
    // 3 for 王芳's 0003 on such a row is the same lost zeros as on a punch's row.
    const zeros = await writeWorkbook(join(dir, '2026-11-c.xlsx'), { 人员: people, 记录: [recordHeader], 考勤: [header, ['0001', '张伟', '2026-11-02', '08:00'], [3, '王芳', '2026-11-03', null]] });
    expect(await errors(zeros)).toEqual([['punch_id_leading_zeros', '考勤', 3, 'A']]);
  });

  it('refuses a 工号 that differs from the roster’s only by leading zeros, whichever sheet lost them', async () => {
    const dir = tempDir();
    const codes = async (name: string, people: SheetRows, punches: SheetRows) => {
      const path = await writeWorkbook(join(dir, `${name}-2026-11.xlsx`), { 人员: people, 记录: [recordHeader], 考勤: punches });
      return ((await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError).problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.row, p.at.columnLetter, p.args]);
    };
    // 人员 工号 typed as the numbers 123 and 124 (zeros lost), 考勤 "00123" as text: 张三's 2 rows are not staff off the roster
    const rosterLost = await codes(
      'roster',
      [['工号', '姓名', '窗口'], [123, '张三', '民政'], [124, '李四', '社保']],
      [['工号', '日期', '时间'], [124, '2026-11-02', '07:58 17:31'], ['00123', '2026-11-02', '07:58'], ['00123', '2026-11-02', '17:31']],
    );
    expect(rosterLost).toEqual([['punch_id_leading_zeros', 3, 'A', { value: '00123', id: '123', count: 2, shorter: 'roster' }]]);
    // the mirror: 人员 "00123", 考勤 the number 123 — the same code, the 工号 written in 考勤 the shorter
    const punchesLost = await codes('punches', [['工号', '姓名', '窗口'], ['00123', '张三', '民政']], [['工号', '日期', '时间'], [123, '2026-11-02', '07:58 17:31']]);
    expect(punchesLost).toEqual([['punch_id_leading_zeros', 2, 'A', { value: '123', id: '00123', count: 1, shorter: 'written' }]]);
  });

  it('says a 工号 of 记录, 请假 or 班次 off the roster differs from one on it only by leading zeros, and which sheet lost them', async () => {
    // 人员: 张三's 工号 typed as the number 1 (shown 1), 李四's as the text 0002
    const people: SheetRows = [['工号', '姓名', '窗口'], [1, '张三', '民政'], ['0002', '李四', '社保']];
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: people,
      记录: [recordHeader, ['2026-11-03', '0001', null, null, '1.1', 1], ['2026-11-04', 2, null, null, '1.1', 1]],
      请假: [['工号', '类型', '开始日期'], ['0001', '事假', '2026-11-05']],
      班次: [['工号', '日期', '班次'], ['0001', '2026-11-06', '08:30-12:00,13:30-17:30']],
    });
    const error = (await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError;
    const unknown = error.problems.filter((p) => p.code === 'person_unknown').map((p) => [p.at.sheet, p.at.row, p.args]);
    // 0001 is 1 with its zeros: the roster lost them; the number 2 in 记录 is 0002 without them: that sheet lost them
    expect(unknown).toEqual([
      ['记录', 2, { value: '0001', id: '1', shorter: 'roster' }],
      ['记录', 3, { value: '2', id: '0002', shorter: 'written' }],
      ['班次', 2, { value: '0001', id: '1', shorter: 'roster' }],
      ['请假', 2, { value: '0001', id: '1', shorter: 'roster' }],
    ]);
  });

  it('refuses the name of another roster person beside a 工号 in 考勤, 请假 and 班次, as 记录 does, all at once', async () => {
    const people: SheetRows = [['工号', '姓名', '窗口'], ['00123', '张三', '民政'], ['00124', '王五', '社保'], ['00125', '李四', '社保']];
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: people,
      记录: [recordHeader],
      // rows 3 and 4: 李四 under 王五's 00124 (for 00125); row 5: 王五 with a zero-width and a full-width space, still 王五
      考勤: [['工号', '姓名', '日期', '时间'], ['00124', '王五', '2026-11-02', '07:58 11:31 13:59 17:31'], ['00124', '李四', '2026-11-02', '07:58 11:31 13:59 17:31'], ['00124', '李四', '2026-11-03', '07:58 11:31 13:59 17:31'], ['00124', '王\u200b五\u3000', '2026-11-03', '07:58 11:31 13:59 17:31']],
      请假: [['工号', '姓名', '类型', '开始日期'], ['00124', '李四', '事假', '2026-11-04'], ['00124', ' 王五', '事假', '2026-11-05']],
      班次: [['工号', '姓名', '日期', '班次'], ['00124', '李四', '2026-11-06', '休息']],
    });
    const error = (await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    const found = error.problems.filter((p) => p.severity === 'error').map((p) => [p.at.sheet, p.at.row, p.at.columnLetter, p.code, p.args]);
    // each at the 姓名 cell (B); 考勤 once for 李四's two rows (count 2), from row 3
    expect(found).toEqual([
      ['班次', 2, 'B', 'person_name_mismatch', { id: '00124', expected: '王五', value: '李四', others: '00125' }],
      ['请假', 2, 'B', 'person_name_mismatch', { id: '00124', expected: '王五', value: '李四', others: '00125' }],
      ['考勤', 3, 'B', 'person_name_mismatch', { id: '00124', expected: '王五', value: '李四', count: 2, others: '00125' }],
    ]);
  });

  it('compares a 姓名 beside a 工号 without its notes, as the import does; a difference that names no one else is a warning, once per 工号 and 姓名', async () => {
    const people: SheetRows = [['工号', '姓名', '窗口'], ['0001', '陈建国(借调)', '民政'], ['0002', '李秀英（借调）', '社保'], ['0003', '王海燕', '社保']];
    const workday = '07:58 11:31 13:59 17:31';
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: people,
      记录: [recordHeader],
      // rows 2–3: plain names for noted roster names; row 4: a note only in 考勤; rows 5–6: 陈健国, a typo of 陈建国
      考勤: [['工号', '姓名', '日期', '时间'], ['0001', '陈建国', '2026-11-02', workday], ['0002', '李秀英', '2026-11-02', workday], ['0003', '王海燕(挂职)', '2026-11-02', workday], ['0001', '陈健国', '2026-11-03', workday], ['0001', '陈健国', '2026-11-04', workday]],
      // row 2 plain; rows 3–4: 王海艳 for 王海燕 twice, said once
      请假: [['工号', '姓名', '类型', '开始日期'], ['0002', '李秀英', '事假', '2026-11-05'], ['0003', '王海艳', '事假', '2026-11-05'], ['0003', '王海艳', '事假', '2026-11-06']],
      班次: [['工号', '姓名', '日期', '班次'], ['0001', '陈建国', '2026-11-07', '休息']],
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    const differs = run.warnings.filter((w) => w.code === 'person_name_differs').map((w) => [w.at.sheet, w.at.row, w.at.columnLetter, w.args]);
    expect(differs).toEqual([
      ['请假', 3, 'B', { id: '0003', expected: '王海燕', value: '王海艳' }],
      ['考勤', 5, 'B', { id: '0001', expected: '陈建国(借调)', value: '陈健国', count: 2 }],
    ]);
  });

  it('a 考勤 keyed by 姓名 alone finds a roster name that carries a note (陈建国 for 陈建国(借调)), and the reverse', async () => {
    // November 2026's 21 working days (no holiday): 2–6, 9–13, 16–20, 23–27, 30. Both punch on time
    // every one of them, so both score 10; were 陈建国's punches set aside as unknown, 21 旷工 days.
    const days = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30].map((d) => `2026-11-${String(d).padStart(2, '0')}`);
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: [['工号', '姓名', '窗口'], ['0001', '陈建国(借调)', '民政'], ['0002', '王海燕', '社保']],
      记录: [recordHeader],
      考勤: [['姓名', '日期', '时间'], ...days.flatMap((d) => [['陈建国', d, '07:58 11:31 13:59 17:31'], ['王海燕（挂职）', d, '07:58 11:31 13:59 17:31']])],
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    expect(run.warnings.filter((w) => w.code === 'punch_person_unknown')).toEqual([]);
    expect(run.result.subjects.map((s) => [s.key, toNumber(s.total)])).toEqual([['0001', 10], ['0002', 10]]);
  });

  it('still refuses another roster person’s name beside a 工号 when the roster names carry notes', async () => {
    const people: SheetRows = [['工号', '姓名', '窗口'], ['0001', '陈建国(借调)', '民政'], ['0002', '李秀英（借调）', '社保']];
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: people,
      记录: [recordHeader],
      // 陈建国 (0001 without its note) under 李秀英's 0002, in each sheet
      考勤: [['工号', '姓名', '日期', '时间'], ['0002', '陈建国', '2026-11-02', '07:58 17:31']],
      请假: [['工号', '姓名', '类型', '开始日期'], ['0002', '陈建国', '事假', '2026-11-05']],
      班次: [['工号', '姓名', '日期', '班次'], ['0002', '陈建国', '2026-11-07', '休息']],
    });
    const error = (await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    const found = error.problems.filter((p) => p.severity === 'error').map((p) => [p.at.sheet, p.at.row, p.code]);
    expect(found).toEqual([
      ['班次', 2, 'person_name_mismatch'],
      ['请假', 2, 'person_name_mismatch'],
      ['考勤', 2, 'person_name_mismatch'],
    ]);
  });

  it('says once per person how many punches fall before the 到岗日期 or after the 离岗日期, uncounted', async () => {
    const day = (id: string, date: string, times = '07:58 11:31 13:59 17:31') => [id, date, times];
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: [['工号', '姓名', '窗口', '到岗日期', '离岗日期'], ['0001', '甲', '民政', '2026-11-04', null], ['0002', '乙', '民政', null, '2026-11-27'], ['0003', '丙', '民政', '2026-11-03', '2026-11-27'], ['0004', '丁', '民政', '2026-11-02', null]],
      记录: [recordHeader],
      考勤: [
        ['工号', '日期', '打卡时间'],
        day('0001', '2026-11-04'),
        day('0001', '2026-11-02', '09:30 11:31 13:59 17:31'), // row 3: before 甲's 11-04, Monday
        day('0001', '2026-11-03', '09:30 11:31 13:59 17:31'),
        day('0002', '2026-11-28'), // a Saturday: a rest day's punches count for no one anyway
        day('0002', '2026-11-30'), // row 6: after 乙's 11-27, Monday
        day('0003', '2026-11-02', '07:58 17:31'), // row 7: before 丙's 11-03
        day('0003', '2026-11-30', '07:58'),
        day('0004', '2026-11-02'), // 丁 from 11-02: in post
      ],
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    const notices = run.warnings.filter((w) => w.code === 'punches_outside_person_dates').map((w) => [w.at.row, w.args]);
    // 甲: 2 days × 4 punches = 8 before; 乙: 4 on 11-30 after (11-28 is a rest day); 丙: 2 before, 1 after; 丁: none
    expect(notices).toEqual([
      [3, { person: '甲（0001）', before: 8, after: 0, start: '2026-11-04', end: '' }],
      [6, { person: '乙（0002）', before: 0, after: 4, start: '', end: '2026-11-27' }],
      [7, { person: '丙（0003）', before: 2, after: 1, start: '2026-11-03', end: '2026-11-27' }],
    ]);
  });

  it('uses the centre hours from 设置 and a supplied calendar year', async () => {
    const dir = tempDir();
    const calendarFile = join(dir, '2027.yaml');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(calendarFile, 'year: 2027\nsource: 国务院办公厅关于2027年部分节假日安排的通知（测试用）\nholidays: [2027-01-01]\nworkdays: []\n');
    const path = await writeWorkbook(join(dir, '2027-01.xlsx'), {
      人员: roster.slice(0, 2),
      设置: [['作息时间', '08:30-12:00,13:30-17:30']],
      考勤: [
        ['工号', '日期', '时间'],
        ['001', '2027-01-04', '08:29'],
        ['001', '2027-01-04', '12:01'],
        ['001', '2027-01-04', '13:40'],
        ['001', '2027-01-04', '17:31'],
      ],
    });
    const run = await runAttendance(path, { calendar: calendarFile });
    // 13:40 > 13:30 with the centre's hours → late; 08:29 before 08:30 is not
    expect(run.people[0]!.events.filter((e) => e.date === '2027-01-04').map((e) => e.evidence)).toEqual([{ code: 'late', date: d('2027-01-04'), session: '下午', punch: at('13:40'), due: at('13:30'), grace: 0, minutes: 10 }]);
  });
});

describe('one absence typed in 记录 and derived from punches is counted once', () => {
  it('bianmin-10pt: a typed 2.1 on a day the punches show absent is that absence, −2 once; one of another day counts on its own', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), {
      人员: roster,
      记录: [recordHeader, ['2026-11-05', '001', null, null, '2.1'], ['2026-11-20', '001', null, null, '2.1']],
      考勤: novemberPunches().long,
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    const subject = run.result.subjects.find((s) => s.key === '001')!;
    // punches: late 11-03 (−1), early 11-04 (−1), absent 11-05 and 11-06 (−2 each). The typed 11-05
    // row is the 11-05 absence (max(1, 1) = 1 time, not 2); the 11-20 row is one more: 3 × −2.
    // 10 − 1 − 1 − 2 × 3 = 2 (it was 0, 11-05 counted twice)
    expect(toNumber(subject.total)).toBe(2);
    expect(pointsSummary(run.result.scheme, subject)).toBe('迟到1次 -1; 早退1次 -1; 旷工3次 -6');
    const typed = traceOf(run.result, '001').filter((l) => l.ruleCode === '2.1' && l.evidence === null);
    // the 11-05 row stays in the trace, counting nothing, and says why; the 11-20 row counts
    expect(typed.map((l) => [l.date, l.count, toNumber(l.counted), l.notes.map((n) => n.code)])).toEqual([
      ['2026-11-05', 0, 0, ['same_as_derived']],
      ['2026-11-20', 1, 2, []],
    ]);
    expect(run.warnings.filter((w) => w.code.startsWith('attendance_')).map((w) => [w.code, w.at.row])).toEqual([
      ['attendance_typed_same_day', 2],
      ['attendance_also_typed', 3],
    ]);
    const explained = explainSubject(run.result, '001').join('\n');
    expect(explained).toContain('11月5日 2.1 旷工：不计');
    expect(explained).toContain('填写1次，与同日考勤打卡推算的是同一回事，只计一次');
    // The count of scoring records says the 11-05 row is that absence: 4 from the punches (late
    // 11-03, early 11-04, absent 11-05 and 11-06) and the 2 typed rows are 6, of which 1 counts once.
    // It said “6条计分记录” alone, as if 11-05 were counted twice.
    expect(scoringRecordCount(run.result)).toEqual({ records: 6, sameAsDerived: 1 });
    const check = await kaohe('check', path, '--scheme', 'bianmin-10pt');
    expect(check.stdout).toBe('检查通过：2个考核对象，6条计分记录（其中1条与考勤重复，只计一次），可以计分。\n');
    const scored = await kaohe('score', path, '--scheme', 'bianmin-10pt', '-o', join(dir, 'out.xlsx'));
    expect(scored.stdout.split('\n')[1]).toBe('2个考核对象，6条计分记录（其中1条与考勤重复，只计一次）；最高10分，最低2分。');
  });

  it('bianmin-10pt: two typed 2.1 rows of a day the punches show absent once count two, and their hint says so (probe15a att)', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), {
      人员: roster,
      记录: [recordHeader, ['2026-11-05', '001', null, null, '2.1'], ['2026-11-05', '001', null, null, '2.1']],
      考勤: novemberPunches().long,
    });
    const run = await runScore(path, { scheme: 'bianmin-10pt' });
    // punches: late 11-03 (−1), early 11-04 (−1), absent 11-05 and 11-06. 11-05: typed 2 (rows 2 and 3),
    // derived 1 → max(2, 1) = 2 times; with 11-06, 3 × −2 = −6. 10 − 1 − 1 − 6 = 2
    expect(toNumber(run.result.subjects.find((s) => s.key === '001')!.total)).toBe(2);
    const said = run.warnings.filter((w) => w.code === 'attendance_typed_same_day');
    expect(said.map((w) => [w.at.row, w.args.typed, w.args.rows, w.args.derived, w.args.counted, w.args.unit])).toEqual([
      [2, 2, '2、3', 1, 2, '次'],
      [3, 2, '2、3', 1, 2, '次'],
    ]);
    expect(formatProblem(said[0]!)).toContain('记录表这一天共填写2次（第2、3行），打卡推算1次，计2次');
  });

  it('city-hall-monthly: 6.2 typed for a half the punches show absent is that half; a typed whole day counts its other half', async () => {
    // 001 absent all day 11-10 and 11-11, and the afternoon of 11-12 (morning punched)
    const rows: SheetRows = [['工号', '日期', '打卡时间']];
    const calendar = officialCalendar();
    for (let day = 1; day <= 30; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}` as IsoDate;
      if (!calendar.isWorkday(date) || date === '2026-11-10' || date === '2026-11-11') continue;
      rows.push(['001', date, date === '2026-11-12' ? '07:50 11:40' : '07:50 11:40 13:50 17:40']);
    }
    const people: SheetRows = [['工号', '姓名', '窗口'], ['001', '张三', '审批科']];
    const dir = tempDir();
    const half = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: people, 记录: [recordHeader, ['2026-11-12', '001', null, null, '6.2', 0.5]], 考勤: rows });
    const halfRun = await runScore(half, { scheme: 'city-hall-monthly' });
    const subject = halfRun.result.subjects[0]!;
    // 1 + 1 + max(0.5 derived, 0.5 typed) = 2.5 days < 3: not 退回 (it was 1 + 1 + 0.5 + 0.5 = 3)
    expect(flagKeys(subject.flags)).toEqual([]);
    expect(pointsSummary(halfRun.result.scheme, subject)).toBe('无故缺席2.5天 0');
    expect(halfRun.warnings.filter((w) => w.code.startsWith('attendance_')).map((w) => [w.code, w.at.row])).toEqual([['attendance_typed_same_day', 2]]);

    const whole = await writeWorkbook(join(dir, '2026-11b.xlsx'), { 人员: people, 记录: [recordHeader, ['2026-11-12', '001', null, null, '6.2', 1]], 考勤: rows });
    const wholeRun = await runScore(whole, { scheme: 'city-hall-monthly', period: '2026-11' });
    // 1 + 1 + max(0.5 derived, 1 typed) = 3 days ≥ 3: 退回; the typed row counts the 0.5 day the punches do not
    expect(flagKeys(wholeRun.result.subjects[0]!.flags)).toEqual(['退回所在部门，并通报有关部门处理']);
    const typed = traceOf(wholeRun.result, '001').find((l) => l.ruleCode === '6.2' && l.evidence === null)!;
    expect([typed.days, typed.notes.find((n) => n.code === 'same_as_derived')]).toEqual([0.5, { code: 'same_as_derived', typed: 1, absorbed: 0.5, unit: '天' }]);
  });
});

describe('city-hall-monthly from punches', () => {
  /** November for 001 only: every working day on time, except the given dates with no punches at all. */
  function month(absent: string[]): SheetRows {
    const rows: SheetRows = [['工号', '日期', '打卡时间']];
    const calendar = officialCalendar();
    for (let day = 1; day <= 30; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}` as IsoDate;
      if (calendar.isWorkday(date) && !absent.includes(date)) rows.push(['001', date, '07:50 11:40 13:50 17:40']);
    }
    return rows;
  }
  const one: SheetRows = [
    ['工号', '姓名', '窗口'],
    ['001', '张三', '审批科'],
  ];

  it('gives the 全勤 bonus (5.6, +2 by default) to a clean month, not when a deduction was recorded', async () => {
    const dir = tempDir();
    const clean = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: one, 记录: [recordHeader], 考勤: month([]) });
    // 100 + 2 = 102
    expect(toNumber((await runScore(clean, { scheme: 'city-hall-monthly' })).result.subjects[0]!.total)).toBe(102);
    const withDeduction = await writeWorkbook(join(dir, '2026-11b.xlsx'), {
      人员: one,
      记录: [recordHeader, ['2026-11-10', '001', null, null, '4.1', null, 3]],
      考勤: month([]),
    });
    // 100 − 3, no bonus
    expect(toNumber((await runScore(withDeduction, { scheme: 'city-hall-monthly', period: '2026-11' })).result.subjects[0]!.total)).toBe(97);
  });

  it('says on the 5.6 line why 全勤 was not given: the first 缺卡 (not scored, yet not 全勤), lateness or deduction', async () => {
    const dir = tempDir();
    /** November on time but for the given days' punches. */
    const punches = (changed: Record<string, string>): SheetRows => month([]).map((row) => (typeof row[1] === 'string' && row[1] in changed ? [row[0], row[1], changed[row[1]]!] : row));
    const explainedLine = (run: Awaited<ReturnType<typeof runScore>>) => explainSubject(run.result, '001').find((l) => l.includes('未加全勤分'))?.trim();
    const missed = (run: Awaited<ReturnType<typeof runScore>>) => traceOf(run.result, '001').filter((l) => l.ruleCode === '5.6').map((l) => [l.count, toNumber(l.counted), l.evidence?.code]);

    // 11-10 afternoon clocked in at 13:50, never out: 缺卡 (followed up, not scored); 11-12 08:05 late
    const missing = await runScore(await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: one, 记录: [recordHeader], 考勤: punches({ '2026-11-10': '07:50 11:40 13:50', '2026-11-12': '08:05 11:40 13:50 17:40' }) }), {
      scheme: 'city-hall-monthly',
    });
    // 100, no bonus and no deduction (lateness is not scored by city-hall-monthly); one 5.6 line counting nothing
    expect(toNumber(missing.result.subjects[0]!.total)).toBe(100);
    expect(missed(missing)).toEqual([[0, 0, 'full_attendance_missed']]);
    expect(pointsSummary(missing.result.scheme, missing.result.subjects[0]!)).toBe('无扣分');
    // the first that broke it, 11-10, is named, not the later lateness
    expect(explainedLine(missing)).toBe('依据：张三：未加全勤分：11月10日 下午 只有上班打卡 13:50，缺下班打卡 → 缺卡（未补签）');

    const late = await runScore(await writeWorkbook(join(dir, '2026-11b.xlsx'), { 人员: one, 记录: [recordHeader], 考勤: punches({ '2026-11-12': '08:05 11:40 13:50 17:40' }) }), {
      scheme: 'city-hall-monthly',
      period: '2026-11',
    });
    expect(explainedLine(late)).toBe('依据：张三：未加全勤分：11月12日 上午 首次打卡 08:05 > 08:00 → 迟到5分钟');

    const deducted = await runScore(await writeWorkbook(join(dir, '2026-11c.xlsx'), { 人员: one, 记录: [recordHeader, ['2026-11-10', '001', null, null, '4.1', null, 3]], 考勤: month([]) }), {
      scheme: 'city-hall-monthly',
      period: '2026-11',
    });
    expect(explainedLine(deducted)).toBe('依据：张三：未加全勤分：11月10日 有违纪记录“4.1 违反规章制度”（记录 第2行），不是“无任何违纪”');
    // a line of no occurrence is no scoring record: the deduction alone
    expect(scoringRecordCount(deducted.result)).toEqual({ records: 1, sameAsDerived: 0 });
  });

  it('refuses 全勤 (5.6) typed for a month the punches give it too: one fact a month, the bonus would count twice', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: one, 记录: [recordHeader, ['2026-11-30', '001', null, null, '5.6', 1, 2]], 考勤: month([]) });
    // counted twice it was 100 + 2 typed + 2 derived = 104 without a word; now the typed row
    // (记录 row 2) stops the run, naming the 21 working days of November the punches show on time
    const error = (await runScore(path, { scheme: 'city-hall-monthly' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.sheet, p.at.row, p.args.days])).toEqual([['full_attendance_also_typed', '记录', 2, 21]]);
  });

  it('scores 全勤 typed for a month the punches do not give it, with a warning at the row', async () => {
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: one, 记录: [recordHeader, ['2026-11-30', '001', null, null, '5.6', 1, 2]], 考勤: month(['2026-11-10']) });
    const run = await runScore(path, { scheme: 'city-hall-monthly' });
    // absent 11-10: 6.2 is a flag (no points) and no derived bonus; the typed +2 counts: 100 + 2 = 102
    expect(toNumber(run.result.subjects[0]!.total)).toBe(102);
    expect(run.warnings.filter((w) => w.code.startsWith('full_attendance')).map((w) => [w.code, w.at.row])).toEqual([['full_attendance_typed_not_derived', 2]]);
  });

  // Without punches the attendance half of 5.6 cannot be checked, but 无任何违纪 can from 记录 alone.
  it('warns of 全勤 typed without punches for a person with a deduction this month; the row still counts', async () => {
    const dir = tempDir();
    const records = [recordHeader, ['2026-11-10', '001', null, null, '4.1', null, 3], ['2026-11-30', '001', null, null, '5.6', 1, 2]];
    const run = await runScore(await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: one, 记录: records }), { scheme: 'city-hall-monthly' });
    // 100 − 3 (4.1, row 2) + 2 (5.6 as typed, row 3) = 99
    expect(toNumber(run.result.subjects[0]!.total)).toBe(99);
    const warned = run.warnings.filter((w) => w.code.startsWith('full_attendance')).map((w) => [w.code, w.at.row, w.args.deduction, w.args.row]);
    expect(warned).toEqual([['full_attendance_typed_with_deduction', 3, '4.1 违反规章制度', 2]]);
    // a clean month typed by hand: 100 + 2 = 102, nothing to say
    const clean = await runScore(await writeWorkbook(join(dir, '2026-11b.xlsx'), { 人员: one, 记录: [recordHeader, records[2]!] }), { scheme: 'city-hall-monthly', period: '2026-11' });
    expect(toNumber(clean.result.subjects[0]!.total)).toBe(102);
    expect(clean.warnings.filter((w) => w.code.startsWith('full_attendance'))).toEqual([]);
  });

  it('flags 退回所在部门 at three unexcused absence days, not two', async () => {
    const dir = tempDir();
    const two = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: one, 记录: [recordHeader], 考勤: month(['2026-11-10', '2026-11-11']) });
    expect((await runScore(two, { scheme: 'city-hall-monthly' })).result.subjects[0]!.flags).toEqual([]);
    const three = await writeWorkbook(join(dir, '2026-11b.xlsx'), { 人员: one, 记录: [recordHeader], 考勤: month(['2026-11-10', '2026-11-11', '2026-11-12']) });
    const s = (await runScore(three, { scheme: 'city-hall-monthly', period: '2026-11' })).result.subjects[0]!;
    expect(flagKeys(s.flags)).toEqual(['退回所在部门，并通报有关部门处理']);
    // no bonus either: 100
    expect(toNumber(s.total)).toBe(100);
  });
});

describe('city-hall-monthly 6.2 无故缺席, a flag that counts days, told in days', () => {
  it('six absent halves on four days are 3天 in the 得分表, 扣分明细 and explain, as attendance’s 旷工天数 3 (旷工次数 4)', async () => {
    // 11-10 and 11-11 absent all day (2 × 2 halves), 11-12 the morning, 11-13 the afternoon: six
    // halves × 0.5 = 3 days on 4 days (convention 10). 三天以上(含三天) → 退回所在部门; 6.2 scores
    // nothing, so the total stays 100 (no 全勤 bonus). The summary said 无故缺席6次 (its half-day
    // rows), the audit 次数 1 a row, while attendance said 旷工次数 4, 旷工天数 3.
    const rows: SheetRows = [['工号', '日期', '打卡时间']];
    const calendar = officialCalendar();
    const partial: Record<string, string | null> = { '2026-11-10': null, '2026-11-11': null, '2026-11-12': '13:50 17:40', '2026-11-13': '07:50 11:40' };
    for (let day = 1; day <= 30; day++) {
      const date = `2026-11-${String(day).padStart(2, '0')}` as IsoDate;
      if (!calendar.isWorkday(date)) continue;
      const times = date in partial ? partial[date] : '07:50 11:40 13:50 17:40';
      if (times) rows.push(['001', date, times]);
    }
    const dir = tempDir();
    const path = await writeWorkbook(join(dir, '2026-11.xlsx'), { 人员: [['工号', '姓名', '窗口'], ['001', '张三', '审批科']], 记录: [recordHeader], 考勤: rows });
    const attendance = (await runAttendance(path, { scheme: 'city-hall-monthly' })).people[0]!;
    expect([attendance.absentHalfDays / 2, attendance.absentDays]).toEqual([3, 4]);

    const { result } = await runScore(path, { scheme: 'city-hall-monthly' });
    const subject = result.subjects[0]!;
    expect(toNumber(subject.total)).toBe(100);
    expect(pointsSummary(result.scheme, subject)).toBe('无故缺席3天 0');
    const explained = explainSubject(result, '001').join('\n');
    expect(explained).toContain('退回所在部门，并通报有关部门处理：6.2 共3天（');
    expect(explained).not.toContain('共6次');

    const out = join(dir, '结果.xlsx');
    expect((await kaohe('score', path, '--scheme', 'city-hall-monthly', '-o', out)).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const audit = book.getWorksheet('扣分明细')!;
    const header = audit.getRow(2).values as unknown[];
    const [code, count] = [header.indexOf('代码'), header.indexOf('次数')];
    const counts: unknown[] = [];
    audit.eachRow((row, n) => {
      if (n > 2 && row.getCell(code).value === '6.2') counts.push(row.getCell(count).value);
    });
    // one row per absent half, each half a day
    expect(counts).toEqual(['0.5天', '0.5天', '0.5天', '0.5天', '0.5天', '0.5天']);
    const score = book.getWorksheet('得分表')!;
    const texts: unknown[] = [];
    score.eachRow((row) => row.eachCell((cell) => texts.push(cell.value)));
    expect(texts).toContain('无故缺席3天 0');
  });
});

describe('a scheme without attendance rules', () => {
  it('does not read the 考勤 sheet, so a bad punch row cannot block it', async () => {
    const { peerRows } = await import('./workbook.js');
    const path = await writeWorkbook(join(tempDir(), '2026-11.xlsx'), {
      人员: [['工号', '姓名', '窗口'], ['001', '张三', '民政窗口'], ['002', '李四', '社保窗口'], ['003', '王五', '国土窗口']],
      记录: [recordHeader],
      互评: peerRows,
      考勤: [['工号', '日期', '时间'], ['001', '2026-11-02', '25:99']],
    });
    // bingcha-monthly scores windows and maps no attendance: 3 windows rated 100 → 100 each
    const run = await runScore(path, { scheme: 'bingcha-monthly' });
    expect(run.result.subjects.map((s) => toNumber(s.total))).toEqual([100, 100, 100]);
    // bianmin-10pt derives from punches and reports the row
    const error = (await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError;
    expect(error.problems.find((p) => p.code === 'time_invalid')!.at).toMatchObject({ sheet: '考勤', row: 2 });
  });
});

describe('a 考勤 sheet whose punches all fall outside the period', () => {
  it('stops at the sheet, naming the period and the months the punches are in; a sheet with some inside only warns of the rest', async () => {
    const dir = tempDir();
    const sheet = (days: string[]): SheetRows => [['工号', '日期', '打卡时间'], ...days.flatMap((d) => [['001', d, '07:55 11:35 13:55 17:35'], ['002', d, '07:55 11:35 13:55 17:35']])];
    // April's workbook holding March's 考勤 (2 and 3 March, 2 people × 4 punches × 2 days = 16),
    // and March's holding last year's March (2025-03-03): scored, every April working day would be 旷工.
    const april = await writeWorkbook(join(dir, '2026-04.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: sheet(['2026-03-02', '2026-03-03']) });
    const march = await writeWorkbook(join(dir, '2026-03.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: sheet(['2025-03-03', '2026-02-27']) });
    for (const [path, args] of [
      [april, { count: 16, first: '2026-04-01', last: '2026-04-30', months: '2026-03' }],
      [march, { count: 16, first: '2026-03-01', last: '2026-03-31', months: '2025-03,2026-02' }],
    ] as const) {
      const error = (await runScore(path, { scheme: 'bianmin-10pt' }).catch((e: unknown) => e)) as InputError;
      expect(error).toBeInstanceOf(InputError);
      expect(error.problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.file, p.at.sheet, p.args])).toEqual([['punches_all_outside_period', path, '考勤', args]]);
    }
    // One day of April among them: the 8 March punches are set aside with a warning, as before.
    const mixed = await writeWorkbook(join(tempDir(), '2026-04.xlsx'), { 人员: roster, 记录: [recordHeader], 考勤: sheet(['2026-03-31', '2026-04-01']) });
    const run = await runScore(mixed, { scheme: 'bianmin-10pt' });
    expect(run.warnings.filter((p) => p.code.startsWith('punches_') && p.code.includes('outside_period')).map((p) => [p.code, p.args.count])).toEqual([['punches_outside_period', 8]]);
  });
});
