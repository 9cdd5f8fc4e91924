import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import type { IsoDate } from '../src/core/dates.js';
import { InputError, problem } from '../src/core/problems.js';
import { formatProblem } from '../src/messages.js';
import type { HoursFlags } from '../src/validate/hours.js';
import { tempDir } from './workbook.js';

/** A 设置 value cell: typed text or a number, or a number with the format Excel gave it. */
type SettingValue = string | number | Date | { value: number | Date; numFmt: string };

/**
 * 人员 甲 (001); 考勤 of Monday 2026-11-02: in 07:55, out 12:05, back 14:20, leaving 17:45; and a
 * 设置 sheet of these rows under its header (so the first is on row 2, the 值 column is B).
 */
async function workbookWith(settings: [string, SettingValue][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('人员').addRows([['工号', '姓名', '窗口'], ['001', '甲', '民政窗口']]);
  wb.addWorksheet('考勤').addRows([['工号', '日期', '时间'], ...['07:55', '12:05', '14:20', '17:45'].map((t) => ['001', '2026-11-02', t])]);
  const sheet = wb.addWorksheet('设置');
  sheet.addRow(['设置项', '值']);
  for (const [key, value] of settings) {
    const row = sheet.addRow([key, typeof value === 'object' && !(value instanceof Date) ? value.value : value]);
    if (typeof value === 'object' && !(value instanceof Date)) row.getCell(2).numFmt = value.numFmt;
  }
  const path = join(tempDir(), '2026-11.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

async function errorsOf(path: string, flags: HoursFlags = {}) {
  const thrown = await runAttendance(path, { period: '2026-11', ...flags }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(thrown).toBeInstanceOf(InputError);
  return (thrown as InputError).problems.filter((p) => p.severity === 'error').map((p) => ({ code: p.code, row: p.at.row, column: p.at.columnLetter, args: p.args }));
}

/** The day's late and early-leave events of 甲 on 2026-11-02, as [code, minutes]. */
async function lateAndEarly(path: string, flags: HoursFlags = {}): Promise<[string, number][]> {
  const run = await runAttendance(path, { period: '2026-11', ...flags });
  return run.people[0]!.events.filter((e) => e.date === ('2026-11-02' as IsoDate) && (e.kind === 'late' || e.kind === 'early')).map((e) => [e.kind, e.minutes ?? 0]);
}

// Summer and winter hours set in 设置, so which season 2026-11-02 falls in shows in the events:
// summer 08:00-12:00, 14:30-18:00: back 14:20 is on time, leaving 17:45 is 15 minutes early;
// winter 08:00-12:00, 14:00-17:30: back 14:20 is 20 minutes late, leaving 17:45 is not early.
const seasonHours: [string, SettingValue][] = [
  ['夏季作息时间', '08:00-12:00,14:30-18:00'],
  ['冬季作息时间', '08:00-12:00,14:00-17:30'],
];

describe('设置 hours problems are said at their value cell', () => {
  it('names the row and column B of each wrong hours setting, as 公示天数 is named', async () => {
    const path = await workbookWith([
      ['作息时间', '8点到12点'], // row 2
      ['夏季作息时间', '08:00'], // row 3
      ['冬季作息时间', '下午两点'], // row 4
      ['夏季开始', '五月一日'], // row 5
      ['冬季开始', '13-01'], // row 6: there is no 13th month
      ['迟到宽限分钟', '五'], // row 7
      ['考勤截止日期', '11月31日'], // row 8: November has 30 days
    ]);
    // The sheet's rows 2–8, each at its 值 cell (B); before, only "2026-11.xlsx › 设置".
    expect(await errorsOf(path)).toEqual([
      { code: 'setting_invalid', row: 2, column: 'B', args: { key: '作息时间', value: '8点到12点', expected: 'hours' } },
      { code: 'setting_invalid', row: 3, column: 'B', args: { key: '夏季作息时间', value: '08:00', expected: 'hours' } },
      { code: 'setting_invalid', row: 4, column: 'B', args: { key: '冬季作息时间', value: '下午两点', expected: 'hours' } },
      { code: 'setting_invalid', row: 5, column: 'B', args: { key: '夏季开始', value: '五月一日', expected: 'month_day' } },
      { code: 'setting_invalid', row: 6, column: 'B', args: { key: '冬季开始', value: '13-01', expected: 'month_day' } },
      { code: 'setting_invalid', row: 7, column: 'B', args: { key: '迟到宽限分钟', value: '五', expected: 'minutes' } },
      { code: 'setting_invalid', row: 8, column: 'B', args: { key: '考勤截止日期', value: '11月31日', expected: 'date' } },
    ]);
  });

  it('says two equal season starts at the start the sheet gives, naming the other', async () => {
    // 夏季开始 10-01 (row 2) with no 冬季开始: the scheme's winter also starts 10-01.
    expect(await errorsOf(await workbookWith([['夏季开始', '10-01']]))).toEqual([
      { code: 'setting_invalid', row: 2, column: 'B', args: { key: '夏季开始', value: '10-01', expected: 'other_month_day', other: '冬季开始' } },
    ]);
  });

  it('gives each season start its own example: 05-01 for 夏季开始, 10-01 for 冬季开始', () => {
    const at = { file: '2026-11.xlsx', sheet: '设置', row: 2, column: '值', columnLetter: 'B' };
    const text = (key: string) => formatProblem(problem('setting_invalid', at, { key, value: 'x', expected: 'month_day' }));
    // 冬季开始 was told to be written 05-01, the summer's start.
    expect(text('冬季开始')).toContain('如 10-01');
    expect(text('夏季开始')).toContain('如 05-01');
  });
});

describe('夏季开始 and 冬季开始 typed as dates', () => {
  it('reads a date cell shown 11月12日 as 11-12, as it shows, not as an unreadable 2026-11-12', async () => {
    // 05-01 and 11-12 typed in Excel: dates of 2026 shown 5月1日 and 11月12日.
    const path = await workbookWith([
      ...seasonHours,
      ['夏季开始', { value: new Date(Date.UTC(2026, 4, 1)), numFmt: 'm"月"d"日"' }],
      ['冬季开始', { value: new Date(Date.UTC(2026, 10, 12)), numFmt: 'm"月"d"日"' }],
    ]);
    // 2026-11-02 is before 11-12: still summer, so leaving 17:45 is 18:00 − 17:45 = 15 minutes early
    // and back at 14:20 is before 14:30, not late.
    expect(await lateAndEarly(path)).toEqual([['early', 15]]);
    const run = await runAttendance(path, { period: '2026-11' });
    // The 说明 sheet lists the settings as read: the month-day, as the hours used it.
    expect([run.settings.get('夏季开始'), run.settings.get('冬季开始')]).toEqual(['05-01', '11-12']);
  });

  it('reads a date cell shown 10月1日 as 10-01: 2026-11-02 is winter', async () => {
    const path = await workbookWith([...seasonHours, ['冬季开始', { value: new Date(Date.UTC(2026, 9, 1)), numFmt: 'm"月"d"日"' }]]);
    // winter: back 14:20 − 14:00 = 20 minutes late; leaving 17:45 is after 17:30.
    expect(await lateAndEarly(path)).toEqual([['late', 20]]);
  });
});

describe('迟到宽限分钟 typed as a time', () => {
  it('refuses 0:05 in a time cell, quoting it as Excel shows it, and asks for the number 5', async () => {
    // 0:05 typed in Excel: 5/1440 of a day, shown 0:05 by h:mm. Read as 5 minutes it would be a guess.
    const path = await workbookWith([['迟到宽限分钟', { value: 5 / 1440, numFmt: 'h:mm' }]]);
    expect(await errorsOf(path)).toEqual([{ code: 'setting_minutes_time', row: 2, column: 'B', args: { key: '迟到宽限分钟', value: '0:05' } }]);
  });

  it('takes the number 5 as 5 minutes: back 14:20 against 14:00 is late 20 minutes, not forgiven', async () => {
    const path = await workbookWith([...seasonHours, ['冬季开始', '10-01'], ['迟到宽限分钟', 5]]);
    // The grace forgives lateness up to 5 minutes; 20 > 5, so 20 minutes late as before.
    expect(await lateAndEarly(path)).toEqual([['late', 20]]);
  });
});


describe('作息时间 beside a season’s hours, in 设置 or on the command line (probe r12c)', () => {
  // The two hours of seasonHours: on 2026-11-02 summer's give [['early', 15]], winter's [['late', 20]].
  const [summer, winter] = [seasonHours[0]![1] as string, seasonHours[1]![1] as string];

  it('a season flag gives its season whatever 作息时间 says; 作息时间 fills the season no flag gives', async () => {
    // 作息时间 (all year) = summer's hours; --winter-hours gives winter, and 11-02 is winter (from 10-01): late 20.
    // Before, 作息时间 took the whole year and the flag did nothing: early 15.
    expect(await lateAndEarly(await workbookWith([['作息时间', summer]]), { winterHours: winter })).toEqual([['late', 20]]);
    // 作息时间 = winter's hours, 冬季开始 12-01 so 11-02 is summer, given by --summer-hours: early 15 (before: late 20).
    expect(await lateAndEarly(await workbookWith([['作息时间', winter], ['冬季开始', '12-01']]), { summerHours: summer })).toEqual([['early', 15]]);
    // The flag's season only: with 冬季开始 10-01 (the default) 11-02 is winter, filled by 作息时间 = winter's: late 20.
    expect(await lateAndEarly(await workbookWith([['作息时间', winter]]), { summerHours: summer })).toEqual([['late', 20]]);
  });

  it('作息时间 and 夏季作息时间 that differ in 设置: an error at the season’s cell naming 作息时间’s row', async () => {
    const path = await workbookWith([
      ['作息时间', winter], // row 2
      ['夏季作息时间', summer], // row 3
      ['冬季作息时间', '8:00-12:00, 14:00-17:30'], // row 4: 作息时间 written another way, no conflict
    ]);
    expect(await errorsOf(path)).toEqual([{ code: 'setting_hours_differ', row: 3, column: 'B', args: { key: '夏季作息时间', value: summer, other: '作息时间', otherValue: winter, otherRow: 2 } }]);
    // --summer-hours decides the summer: nothing left to choose between (11-02 winter, 作息时间 = 冬季作息时间: late 20).
    expect(await lateAndEarly(path, { summerHours: summer })).toEqual([['late', 20]]);
  });
});

describe('考勤起始日期 / 考勤截止日期 that miss the period (probe pf16b)', () => {
  // The 2026-11 workbook's 考勤 holds 甲's punches of 11-02; 设置 copied from October's workbook
  // said 10-01 to 10-31, so every working day of November was "no data": 11-02's late 20 was
  // dropped (and every absence with it), with a hint only. No day of the period is covered: an error.
  it('a range ending before the period starts: an error at 考勤截止日期, naming the period', async () => {
    const path = await workbookWith([
      ['考勤起始日期', '2026-10-01'], // row 2
      ['考勤截止日期', '2026-10-31'], // row 3
    ]);
    expect(await errorsOf(path)).toEqual([
      { code: 'setting_covered_outside_period', row: 3, column: 'B', args: { key: '考勤截止日期', value: '2026-10-31', side: 'before', first: '2026-11-01', last: '2026-11-30' } },
    ]);
  });

  it('考勤截止日期 alone before the period: said as outside the period, not as before a 考勤起始日期 never written', async () => {
    // Before: setting_invalid “不早于考勤起始日期 2026-11-01”, a 考勤起始日期 the sheet does not have.
    expect(await errorsOf(await workbookWith([['考勤截止日期', '2026-10-31']]))).toEqual([
      { code: 'setting_covered_outside_period', row: 2, column: 'B', args: { key: '考勤截止日期', value: '2026-10-31', side: 'before', first: '2026-11-01', last: '2026-11-30' } },
    ]);
  });

  it('考勤起始日期 alone after the period: an error at its own cell (before: at the sheet, quoting a 考勤截止日期 2026-11-30 never written)', async () => {
    expect(await errorsOf(await workbookWith([['考勤起始日期', '2026-12-01']]))).toEqual([
      { code: 'setting_covered_outside_period', row: 2, column: 'B', args: { key: '考勤起始日期', value: '2026-12-01', side: 'after', first: '2026-11-01', last: '2026-11-30' } },
    ]);
  });

  it('a range overlapping the period by one day is kept: 10-01 to 11-02 judges 11-02 (late 20 under the winter hours)', async () => {
    expect(await lateAndEarly(await workbookWith([...seasonHours, ['考勤起始日期', '2026-10-01'], ['考勤截止日期', '2026-11-02']]))).toEqual([['late', 20]]);
  });

  it('考勤截止日期 before 考勤起始日期, both inside the period: still setting_invalid date_from, worded as out of order, not as unreadable', async () => {
    const path = await workbookWith([
      ['考勤起始日期', '2026-11-05'], // row 2
      ['考勤截止日期', '2026-11-04'], // row 3
    ]);
    const [error] = await errorsOf(path);
    expect(error).toEqual({ code: 'setting_invalid', row: 3, column: 'B', args: { key: '考勤截止日期', value: '2026-11-04', expected: 'date_from', other: '考勤起始日期', first: '2026-11-05' } });
    const text = formatProblem(problem('setting_invalid', { file: '2026-11.xlsx', sheet: '设置', row: 3 }, error!.args));
    expect(text).not.toContain('无法识别');
    expect(text).toContain('早于考勤起始日期 2026-11-05');
  });
});
