import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { test as property } from '@fast-check/vitest';
import { dayColumns } from '../src/import/days.js';
import { idKey, personName, unitName } from '../src/import/identity.js';
import { leaveOfTheRowAlone, parseLeaveText } from '../src/import/leave-text.js';
import { legendSentence, legendUnder, readStatus } from '../src/import/legend.js';
import { builtinProfiles } from '../src/import/profile.js';
import { parseProfileText } from '../src/import/profile-file.js';
import { readExports } from '../src/import/read-exports.js';
import { parseRange, titleMonth, yearlessRange } from '../src/import/range.js';
import { blankSet, parseExportDate, parseMinutes, parsePunchTimes, parseShiftSessions, shiftText } from '../src/import/values.js';
import { xlsSource } from '../src/read/xls.js';
import { ProfileError } from '../src/core/problems.js';
import { fromSerial } from '../src/core/dates.js';
import { LocalDateTime, type IsoDate } from '../src/core/dates.js';
import { formatProfileIssue } from '../src/messages.js';
import { kaohe } from './kaohe.js';
import { tempDir, writeWorkbook } from './workbook.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import * as z from 'zod';
import { readRosterFile } from '../src/import/roster-file.js';
import { rosterSheet } from '../src/core/input-sheets.js';
import { mapHeader } from '../src/read/header.js';
import { optionalDate, parseRows } from '../src/validate/fields.js';

const blanks = blankSet();
const at = (h: number, m: number, s = 0) => h * 3600 + m * 60 + s;

describe('dates as exports write them', () => {
  it.each([
    ['2026-11-02', '2026-11-02', undefined],
    ['2026/11/2', '2026-11-02', undefined],
    ['2026/11/02 星期一', '2026-11-02', undefined],
    ['26-11-02 星期一', '2026-11-02', undefined],
    ['2026年11月2日', '2026-11-02', undefined],
    ['20261102', '2026-11-02', undefined],
    ['2026/11/2 星期一 8:05', '2026-11-02', at(8, 5)],
    ['2026-11-02 17:31:05', '2026-11-02', at(17, 31, 5)],
  ])('%s', (text, date, time) => {
    expect(parseExportDate(text)).toEqual(time === undefined ? { date } : { date, at: time });
  });

  it('MM-DD takes the year it is given, and only then', () => {
    expect(parseExportDate('11-02', 2026)).toEqual({ date: '2026-11-02' });
    expect(parseExportDate('11-02')).toBeNull();
  });

  it('a weekday that does not fit the date is not a date (2026-11-02 is a Monday)', () => {
    expect(parseExportDate('26-11-02 星期二')).toBeNull();
  });

  it('a two-digit year only as YY-MM-DD 星期X, the one such form exports write', () => {
    // 26-11-02 星期一 07:55 = 2026-11-02 (a Monday), 7 × 3600 + 55 × 60 = 28,500 s
    expect(parseExportDate('26-11-02 星期一 07:55')).toEqual({ date: '2026-11-02', at: 28_500 });
    // US m/d/yy would read as 2011-02-26, d.m.yy as 2002-11-26; without its weekday YY-MM-DD is not a listed form
    for (const text of ['11/02/26 07:55', '02.11.26 07:55', '26/11/02 星期一', '26-11-02', '26-11-02 07:55', '26年11月2日 星期一']) expect(parseExportDate(text)).toBeNull();
    expect(parsePunchTimes('11/02/26 07:55', blanks, 2026)).toBeNull();
  });

  it('Excel serials and epoch milliseconds (China time)', () => {
    // 46328 = 2026-11-02 (46327 days after 1899-12-31 … Excel's day 1 is 1900-01-01)
    expect(parseExportDate(46328)).toEqual({ date: '2026-11-02' });
    expect(parseExportDate(46328.5)).toEqual({ date: '2026-11-02', at: at(12, 0) });
    // 2026-11-01T16:00:00Z is 2026-11-02 00:00 in China: DingTalk's workDate for 11-02
    expect(parseExportDate(Date.UTC(2026, 10, 1, 16))).toEqual({ date: '2026-11-02' });
  });

  it('an 8-digit number as the date it shows, yyyymmdd, as the text 20261102 and the month workbook read it', () => {
    // 20261102 in General shows 20261102: 2026-11-02 (as a serial it would be past 9999-12-31, 2 958 465)
    expect(parseExportDate(20261102)).toEqual({ date: '2026-11-02' });
    // no 13th month: no date, not a serial
    expect(parseExportDate(20261302)).toBeNull();
  });
});

describe('punch times as exports write them', () => {
  const plain = { nextDay: false, field: false, correction: false };
  it('one, several (newlines, two spaces), or run together', () => {
    expect(parsePunchTimes('08:01', blanks)).toEqual([{ at: at(8, 1), ...plain }]);
    // a full date-time with the mark a time alone may carry: 11:37:22 = 41,842 s
    expect(parsePunchTimes('2026-11-02 11:37:22外勤', blanks, 2026)).toEqual([{ at: 41_842, date: '2026-11-02', ...plain, field: true }]);
    expect(parsePunchTimes('2026/11/2 11:37:22（补卡）', blanks, 2026)).toEqual([{ at: 41_842, date: '2026-11-02', ...plain, correction: true }]);
    // an Excel time a hair before midnight (0.999999 × 86400 = 86399.9 s) rounds to the second as a
    // time format shows it: 24:00:00, shown 0:00:00 — read 00:00 as a time-formatted cell of it is
    expect(parsePunchTimes(0.999999, blanks)).toEqual([{ at: 0, ...plain }]);
    expect(parsePunchTimes(0.999999, blanks)![0]!.at).toBe(fromSerial(0.999999, false, 'time')!.timeOfDay);
    // 0.9999884 × 86400 = 86398.998 s → 23:59:59 both ways
    expect(parsePunchTimes(0.9999884, blanks)).toEqual([{ at: at(23, 59) + 59, ...plain }]);
    expect(parsePunchTimes('07:58  \n11:32  \n', blanks)).toEqual([
      { at: at(7, 58), ...plain },
      { at: at(11, 32), ...plain },
    ]);
    expect(parsePunchTimes('08:4520:07', blanks)!.map((t) => t.at)).toEqual([at(8, 45), at(20, 7)]);
  });

  it('a whole number (a General 46328, epoch ms at midnight) names a day and no time: refused, as a date-only cell is', () => {
    // 46328 shows as "46328" in General; as a date it is 2026-11-02, with no time: not a 00:00 punch
    expect(parsePunchTimes(46328, blanks)).toBeNull();
    expect(parsePunchTimes(Date.UTC(2026, 10, 1, 16), blanks)).toBeNull();
    // 46328.5 is 2026-11-02 12:00, a date-time
    expect(parsePunchTimes(46328.5, blanks)).toEqual([{ at: at(12, 0), date: '2026-11-02', ...plain }]);
    expect(parsePunchTimes('07:53:10  11:34:02  13:53:44  17:34:29', blanks)!.map((t) => t.at)).toEqual([at(7, 53, 10), at(11, 34, 2), at(13, 53, 44), at(17, 34, 29)]);
  });

  it('a log\'s date and time in one cell, the common form read at once', () => {
    // 08:05:33 = 8 × 3600 + 5 × 60 + 33 = 29,133 s
    expect(parsePunchTimes('2026-11-02 08:05:33', blanks)).toEqual([{ at: 29_133, date: '2026-11-02', ...plain }]);
    expect(parsePunchTimes('2026-11-02 17:31', blanks)).toEqual([{ at: at(17, 31), date: '2026-11-02', ...plain }]);
    // no 30 February and no 24:00: refused, not rolled over
    expect(parsePunchTimes('2026-02-30 08:00:00', blanks)).toBeNull();
    expect(parsePunchTimes('2026-11-02 24:00', blanks)).toBeNull();
  });

  // The form above is read by its own short path: for every such text, possible or not, it gives
  // what the general reading gives (a leading space, which folding trims, takes the general one).
  property.prop([fc.integer({ min: 1890, max: 3010 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.option(fc.integer({ min: 0, max: 61 }))])(
    'YYYY-MM-DD HH:MM[:SS] read at once as the general reading reads it',
    (y, mo, d, h, mi, sec) => {
      const two = (n: number) => String(n).padStart(2, '0');
      const text = `${y}-${two(mo)}-${two(d)} ${two(h)}:${two(mi)}${sec === null ? '' : `:${two(sec)}`}`;
      expect(parsePunchTimes(text, blanks)).toEqual(parsePunchTimes(` ${text}`, blanks));
    },
  );

  it('外勤, 次日, " +" and (补卡) are kept as marks, not dropped', () => {
    expect(parsePunchTimes('13:51外勤', blanks)).toEqual([{ at: at(13, 51), ...plain, field: true }]);
    expect(parsePunchTimes('次日 01:10', blanks)).toEqual([{ at: at(1, 10), ...plain, nextDay: true }]);
    expect(parsePunchTimes('00:40 +', blanks)).toEqual([{ at: at(0, 40), ...plain, nextDay: true }]);
    expect(parsePunchTimes('08:00(补卡)', blanks)).toEqual([{ at: at(8, 0), ...plain, correction: true }]);
  });

  it('date and time cells as the reader gives them (what Excel shows)', () => {
    expect(parsePunchTimes(new LocalDateTime(0, 0, 0, at(8, 1, 30), 'time'), blanks)).toEqual([{ at: at(8, 1, 30), ...plain }]);
    expect(parsePunchTimes(new LocalDateTime(2026, 11, 2, at(17, 31), 'datetime'), blanks)).toEqual([{ at: at(17, 31), date: '2026-11-02', ...plain }]);
    // a punch column formatted to show only the day holds no time Excel would show: reported
    expect(parsePunchTimes(new LocalDateTime(2026, 11, 2, at(17, 31), 'date'), blanks)).toBeNull();
    expect(parseExportDate(new LocalDateTime(2026, 11, 2, 0, 'date'))).toEqual({ date: '2026-11-02' });
    expect(parseExportDate(new LocalDateTime(0, 0, 0, at(8, 0), 'time'))).toBeNull();
  });

  it.each(['--', '-', '(-)', '/', '未打卡', '无', '', null])('%s is an empty cell', (value) => {
    expect(parsePunchTimes(value, blanks)).toEqual([]);
  });

  it.each(['7点半', '08:61', '25:00', '08:01 迟到', '请假'])('%s is not read half-way: null (reported)', (value) => {
    expect(parsePunchTimes(value, blanks)).toBeNull();
  });

  property.prop([fc.array(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })), { minLength: 1, maxLength: 6 }), fc.constantFrom('', ' ', '  ', '\n', '  \n')])(
    'any times joined by any separator (or none) read back in order',
    (times, separator) => {
      const text = times.map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`).join(separator);
      expect(parsePunchTimes(text, blanks)!.map((t) => t.at)).toEqual(times.map(([h, m]) => at(h, m)));
    },
  );

  it('durations of verdict columns', () => {
    expect(parseMinutes('00:12', blanks)).toBe(12);
    expect(parseMinutes('1小时5分钟', blanks)).toBe(65);
    expect(parseMinutes('30分钟', blanks)).toBe(30);
    expect(parseMinutes('--', blanks)).toBe(0);
    expect(parseMinutes('很久', blanks)).toBeNull();
  });
});

describe('stated shifts', () => {
  it('three sessions, one named session, two joined by 、, and an overnight one', () => {
    expect(shiftText(parseShiftSessions('A 08:00-11:30 14:00-17:30')!)).toBe('08:00-11:30,14:00-17:30');
    expect(shiftText(parseShiftSessions('默认班次 09:00-18:00')!)).toBe('09:00-18:00');
    expect(shiftText(parseShiftSessions('08:30-12:00、13:30-17:30')!)).toBe('08:30-12:00,13:30-17:30');
    expect(shiftText(parseShiftSessions('夜班 22:00-次日06:00')!)).toBe('22:00-次日06:00');
    expect(parseShiftSessions('早班')).toBeNull();
  });
});

describe('leave in a cell', () => {
  it('a span to the minute with its length', () => {
    expect(parseLeaveText('事假10-09 09:00到10-09 18:00 8小时', null, 2026)).toEqual([{ type: '事假', first: '2026-10-09', last: '2026-10-09', startTime: at(9, 0), endTime: at(18, 0), length: '8小时', part: null }]);
  });

  it('a span in half days: 下午 to the next morning is three rows', () => {
    expect(parseLeaveText('年假2天（11/5 下午 - 11/7 上午）', null, 2026)).toEqual([
      { type: '年假', first: '2026-11-05', last: '2026-11-05', startTime: null, endTime: null, length: '2天', part: '下午' },
      { type: '年假', first: '2026-11-06', last: '2026-11-06', startTime: null, endTime: null, length: '2天', part: null },
      { type: '年假', first: '2026-11-07', last: '2026-11-07', startTime: null, endTime: null, length: '2天', part: '上午' },
    ]);
  });

  it('a type with hours, or alone, on the row’s day; several in one cell', () => {
    expect(parseLeaveText('调休2.5H\n事假', '2026-11-03' as never, undefined)).toEqual([
      { type: '调休', first: '2026-11-03', last: '2026-11-03', startTime: null, endTime: null, length: '2.5小时', part: null },
      { type: '事假', first: '2026-11-03', last: '2026-11-03', startTime: null, endTime: null, length: '', part: null },
    ]);
  });

  it('what does not read so is said as a form not read (reported)', () => {
    expect(parseLeaveText('事假 from Monday', '2026-11-03' as never, undefined)).toEqual({ wrong: 'form', piece: '事假 from Monday' });
    // 24:00 ends the day (24 × 3600 = 86 400 s); 24:30 is past it, refused at the cell rather than read as 00:30 of the next day
    expect(parseLeaveText('事假10-09 20:00到10-09 24:00', null, 2026)).toEqual([{ type: '事假', first: '2026-10-09', last: '2026-10-09', startTime: at(20, 0), endTime: 86_400, length: '', part: null }]);
    expect(parseLeaveText('事假10-09 20:00到10-09 24:30', null, 2026)).toEqual({ wrong: 'dates', piece: '事假10-09 20:00到10-09 24:30' });
  });
});

describe('hand-kept status cells', () => {
  const words = new Map([
    ['公司出勤', 'present'],
    ['休', 'rest'],
    ['夜', 'present'],
    ['旷工', 'absent'],
  ] as const);
  const symbols = legendSentence('说明：出勤√, 事假△, 病假＋, 旷工×')!;

  it('a legend sentence and category names over their symbols (several in a cell)', () => {
    expect([...symbols]).toEqual([
      ['√', '出勤'],
      ['△', '事假'],
      ['+', '病假'],
      ['×', '旷工'],
    ]);
    expect([...legendUnder(['姓名', '出勤', '事假', null], [null, '√', '△ ▲', '9'])!]).toEqual([
      ['√', '出勤'],
      ['△', '事假'],
      ['▲', '事假'],
    ]);
    // a row of names over a person's cells is no legend (a name is no symbol, numbers neither)
    expect(legendUnder(['陈立新', '出勤'], ['刘文静', '21'])).toBeNull();
    expect(legendSentence('陈立新')).toBeNull();
  });

  it('words, symbols, half days, extras and leave with hours', () => {
    const read = (text: string) => readStatus(text.normalize('NFKC'), new Map([...words, ['出勤', 'present']]), symbols, '2026-11-12' as IsoDate);
    const leave = (type: string, length: string) => ({ kind: 'leave', spans: [{ type, first: '2026-11-12', last: '2026-11-12', startTime: null, endTime: null, length, part: null }] });
    expect(read('公司出勤')).toEqual({ halves: [{ kind: 'present' }] });
    expect(read('休')).toEqual({ halves: [{ kind: 'rest' }] });
    expect(read('事假4H')).toEqual({ halves: [leave('事假', '4小时')] });
    expect(read('调休2.5H')).toEqual({ halves: [leave('调休', '2.5小时')] });
    // ＋ is 病假 by the legend (full-width folded)
    expect(read('＋')).toEqual({ halves: [leave('病假', '')] });
    expect(read('√/△')).toEqual({ halves: [{ kind: 'present' }, leave('事假', '')] });
    expect(read('√/×')).toEqual({ halves: [{ kind: 'present' }, { kind: 'verdict', verdict: 'absent' }] });
    // √+夜: present with a night shift on top
    expect(read('√+夜')).toEqual({ halves: [{ kind: 'present' }] });
  });

  it('what no legend explains is not read (the caller reports the cell)', () => {
    const read = (text: string) => readStatus(text, words, symbols, '2026-11-12' as IsoDate);
    expect(read('☆')).toBeNull();
    expect(read('√/☆')).toBeNull();
    // two different things in one half: not guessed
    expect(read('×+△')).toBeNull();
    expect(read('08:01')).toBeNull();
  });
});

describe('who a row is about', () => {
  it.each([
    ['张三[离职]', '张三'],
    ['张三（已离职）', '张三'],
    ['张三(小张)', '张三'],
    ['张三 Tom', '张三'],
    ['张 三', '张三'],
  ])('%s → %s', (written, name) => expect(personName(written)).toBe(name));

  it('ids with leading zeros or trailing spaces are one id', () => {
    expect(idKey('0012')).toBe(idKey('12'));
    expect(idKey('12 '.trim())).toBe('12');
  });

  it('a department path keeps its last part; two lines keep the first', () => {
    expect(unitName('某中心/民政窗口')).toBe('民政窗口');
    expect(unitName('民政窗口\n社保窗口')).toBe('民政窗口');
  });
});

describe('the covered range in a title block', () => {
  const row = (...cells: string[]) => [{ row: 2, cells }];
  it.each([
    [['统计日期：2026-11-02 至 2026-11-08    报表生成时间：2026-11-09'], '2026-11-02', '2026-11-08'],
    [['考勤日期 : 2026/11/01 ~ 2026/11/30'], '2026-11-01', '2026-11-30'],
    [['统计时间:11-01 ～ 11-22  制表时间:2026-11-23'], '2026-11-01', '2026-11-22'],
    [['考勤时间', '2026-11-01 ~ 2026-11-30', '制表时间', '2026-12-01'], '2026-11-01', '2026-11-30'],
    // times after the dates: the days are the dates written (10-01 from 00:00 to 10-31 until 23:59:59 is all of October)
    [['统计日期：2026-10-01 00:00:00 至 2026-10-31 23:59:59'], '2026-10-01', '2026-10-31'],
    [['考勤时间：2026/10/01 08:30 ~ 2026/10/31 17:30'], '2026-10-01', '2026-10-31'],
  ])('%s', (cells, first, last) => {
    expect(parseRange(row(...cells), [], undefined)).toEqual({ first, last, row: 2, index: 0 });
  });

  it.each([
    // December exported in January: 2027-12 would end after 2027-01-05, 2026-12 is the latest range ending before it
    ['统计时间:12-01 ～ 12-31  制表时间:2027-01-05', 2027, '2026-12-01', '2026-12-31'],
    ['统计时间:12-01 ～ 12-31  制表时间:2027-01-05', undefined, '2026-12-01', '2026-12-31'],
    // across the new year, ending in 制表时间's year: 2025-12-26 to 2026-01-25 ends the day before 2026-01-26
    ['统计时间:12-26 ～ 01-25  制表时间:2026-01-26', 2026, '2025-12-26', '2026-01-25'],
    // made on the last day of the range: that range
    ['统计时间:11-01 ～ 11-30  制表时间:2026-11-30 18:02', 2026, '2026-11-01', '2026-11-30'],
    // made mid-month under the whole month's range: the month 制表时间 falls in, not a year before
    ['统计时间:11-01 ～ 11-30  制表时间:2026/11/15', undefined, '2026-11-01', '2026-11-30'],
    // 02-29 made in 2029: the latest such February is 2028's
    ['统计时间:02-01 ～ 02-29  制表时间:2029-03-01', undefined, '2028-02-01', '2028-02-29'],
    // no 制表时间: the period's year, as before
    ['统计时间:11-01 ～ 11-30', 2026, '2026-11-01', '2026-11-30'],
  ])('%s (period year %s)', (text, year, first, last) => {
    expect(parseRange(row(text), [], year)).toMatchObject({ first, last });
  });

  property.prop([fc.date({ min: new Date('2001-01-01T00:00:00Z'), max: new Date('2098-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 60 })])(
    'a range without years is the latest starting on or before 制表时间',
    (made, startOffset, length) => {
      // a range of length+1 days whose start lies 0–364 days before 制表时间, written MM-DD ～ MM-DD
      const iso = (d: Date) => d.toISOString().slice(0, 10);
      const start = new Date(made.getTime() - startOffset * 86_400_000);
      const end = new Date(start.getTime() + length * 86_400_000);
      const md = (d: Date) => iso(d).slice(5);
      const found = parseRange(row(`统计时间:${md(start)} ～ ${md(end)}  制表时间:${iso(made)}`), [], undefined);
      // a 02-29 start names one year in four; the rule then looks back for the latest leap year
      if (md(start) === '02-29' || md(end) === '02-29') return;
      expect(found).toMatchObject({ first: iso(start), last: iso(end) });
    },
  );

  it.each([
    // 2026-01 run: starting 2025-12-26 the range ends 2026-01-25 and holds 25 of January's 31
    // days; starting 2026-12-26 (the period's year) it holds none; 2027-12-26 none either
    ['统计日期：12-26 至 01-25', '2026-01-01', '2026-01-31', '2025-12-26', '2026-01-25'],
    // 2026-12 run: 2026-12-26 to 2027-01-25 holds 6 of December's days (26–31), 2025-12-26 to
    // 2026-01-25 none
    ['统计日期：12-26 至 01-25', '2026-12-01', '2026-12-31', '2026-12-26', '2027-01-25'],
    // a month's range in its own month: covers it wholly
    ['统计日期：12-01 至 12-31', '2026-12-01', '2026-12-31', '2026-12-01', '2026-12-31'],
  ])('%s without 制表时间 for the period %s–%s is the one overlapping it most', (text, from, to, first, last) => {
    const period = { first: from, last: to } as never;
    expect(parseRange(row(text), [], Number(from.slice(0, 4)), period)).toMatchObject({ first, last });
  });

  it('a range without any year nor 制表时间 is found as written, for a message when there is no period', () => {
    expect(yearlessRange(row('统计日期：12-01 至 12-31'), [])).toEqual({ text: '12-01 至 12-31', row: 2, index: 0 });
    // a year or 制表时间 places it: nothing missing
    expect(yearlessRange(row('统计日期：2026-12-01 至 12-31'), [])).toBeNull();
    expect(yearlessRange(row('统计日期：12-01 至 12-31  制表时间：2027-01-05'), [])).toBeNull();
  });

  it('a month in a title is not a range', () => {
    expect(parseRange(row('2026年11月考勤表'), [], undefined)).toBeNull();
  });

  it.each([
    ['2026年10月考勤表', { months: [{ year: 2026, month: 10 }], text: '2026年10月' }],
    ['10月份考勤表', { months: [{ year: null, month: 10 }], text: '10月' }],
    // two months named: both, the second without its own year (any year)
    ['2026年10月、11月考勤', { months: [{ year: 2026, month: 10 }, { year: null, month: 11 }], text: '2026年10月、11月' }],
  ])('the month a title names: %s', (title, named) => {
    expect(titleMonth(row('', title))).toEqual({ ...named, row: 2, index: 1 });
  });

  it.each(['便民服务中心考勤表', '统计日期：2026年11月1日 至 2026年11月30日', '制表时间 2026年12月'])('no month named: %s', (title) => {
    expect(titleMonth(row(title))).toBeNull();
  });
});

describe('day columns of a grid', () => {
  const header = (...names: string[]) => ({ names: names.map((n) => [n]), lastRow: 3 });
  const range = { first: '2026-11-01', last: '2026-11-30' } as never;
  it('numbers, 六/日 for a weekend, a holiday name; the month from the range', () => {
    // 2026-11-01 is a Sunday
    const found = dayColumns(header('姓名', '日', '2', '3', '4', '5', '6', '六'), new Set([0]), range, 2026, false);
    expect('columns' in found && found.columns.map((c) => c.date)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05', '2026-11-06', '2026-11-07']);
  });

  it('a holiday’s name heads days running of as many 上班/下班 pairs as the numbered days have', () => {
    const october = { first: '2026-10-01', last: '2026-10-31' } as never;
    const pair = (key: string) => [`${key}上班`, `${key}下班`];
    // Day 1 over two pairs (B–E, 10-01); 国庆节 over three days of two pairs (F–Q: 12 columns / 4 = 10-02 to 10-04), not one day of six pairs nor six days of one.
    const found = dayColumns(header('姓名', ...pair('1'), ...pair('1'), ...Array.from({ length: 6 }, () => pair('国庆节')).flat()), new Set([0]), october, 2026, false);
    const days = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04'].flatMap((d) => [d, d, d, d]);
    expect('columns' in found && found.columns.map((c) => [c.date, c.role])).toEqual(days.map((d, i) => [d, i % 2 === 0 ? 'in' : 'out']));
    // One pair a day (1上班 1下班): 国庆节 heads a day a pair.
    const single = dayColumns(header('姓名', ...pair('1'), ...pair('国庆节'), ...pair('国庆节')), new Set([0]), october, 2026, false);
    expect('columns' in single && single.columns.map((c) => c.date)).toEqual(['2026-10-01', '2026-10-01', '2026-10-02', '2026-10-02', '2026-10-03', '2026-10-03']);
  });

  it('a weekday that does not fit is reported, not guessed', () => {
    // at the cell: 六 is column D (index 3), where 2026-11-03 (a Tuesday) falls
    expect(dayColumns(header('姓名', '1', '2', '六'), new Set([0]), range, 2026, false)).toEqual({ problem: 'export_days_mismatch', args: { value: '六', date: '2026-11-03' }, index: 3 });
  });

  it('header dates outside the title range contradict it: reported at the column, not read as days the title leaves out', () => {
    const stated = { first: '2026-11-01', last: '2026-11-30', stated: true } as never;
    // 46297 = 2026-10-02 (46328 is 2026-11-02, 31 days later): the grid of October under November's title
    expect(dayColumns(header('姓名', '46297', '46298'), new Set([0]), stated, 2026, false)).toEqual({ problem: 'export_days_mismatch', args: { value: '46297', date: '2026-10-02', first: '2026-11-01', last: '2026-11-30' }, index: 1 });
    expect(dayColumns(header('姓名', '2026-11-29', '2026-11-30', '2026-12-01'), new Set([0]), stated, 2026, false)).toEqual({ problem: 'export_days_mismatch', args: { value: '2026-12-01', date: '2026-12-01', first: '2026-11-01', last: '2026-11-30' }, index: 3 });
    // the period (not stated by a title) places day numbers only; dates outside it are the period's to drop
    const found = dayColumns(header('姓名', '46297', '46298'), new Set([0]), range, 2026, false);
    expect('columns' in found && found.columns.map((c) => c.date)).toEqual(['2026-10-02', '2026-10-03']);
  });

  it('dates over 上班/下班 sub-columns give two columns a day', () => {
    const found = dayColumns({ names: [['姓名'], ['1上班'], ['1下班'], ['2上班'], ['2下班']], lastRow: 4 }, new Set([0]), range, 2026, false);
    expect('columns' in found && found.columns.map((c) => [c.date, c.role])).toEqual([
      ['2026-11-01', 'in'],
      ['2026-11-01', 'out'],
      ['2026-11-02', 'in'],
      ['2026-11-02', 'out'],
    ]);
  });

  it('without a stated range, a 上班/下班 pair before the run beginning with the number of the day it stands on is reported; 出勤天数 after it is no day', () => {
    // The run 2上班 … 3下班 starts on 2026-11-02 (the range's first day whose number is 2); the
    // cell before it (1月饼下班, index 2) stands on 11-01, inside the period, and begins with 1.
    // 出勤天数 after 3下班 stands on 11-04 and begins with no 4: no day, as after a month exported part way.
    const pairs = (...names: string[]) => ({ names: ['姓名', ...names].map((n) => [n]), lastRow: 4 });
    expect(dayColumns(pairs('1月饼上班', '1月饼下班', '2上班', '2下班', '3上班', '3下班', '出勤天数'), new Set([0]), range, 2026, false)).toEqual({
      problem: 'export_day_header_unreadable',
      args: { value: '1月饼下班', date: '2026-11-01' },
      index: 2,
    });
    const found = dayColumns(pairs('1上班', '1下班', '2上班', '2下班', '出勤天数'), new Set([0]), range, 2026, false);
    expect('columns' in found && found.columns.map((c) => [c.index, c.date, c.role])).toEqual([
      [1, '2026-11-01', 'in'],
      [2, '2026-11-01', 'out'],
      [3, '2026-11-02', 'in'],
      [4, '2026-11-02', 'out'],
    ]);
  });
});

describe('profiles are validated like schemes: coded, with line and path', () => {
  it('an unknown key, an undeclared column and a shape missing what it needs', () => {
    const text = ['id: my-clock', 'name: 我的考勤机', 'family: F1', 'identify:', '  columns: [name, datetime]', 'shape: log', 'columns:', '  name: [姓名]', 'colour: red'].join('\n');
    try {
      parseProfileText(text, 'my-clock.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProfileError);
      expect((error as ProfileError).issues.map((i) => [i.code, i.where.line])).toEqual([['profile_key_unknown', 9]]);
    }
    const shaped = ['id: my-clock', 'name: 我的考勤机', 'family: F1', 'identify:', '  columns: [name, datetime]', 'shape: log', 'columns:', '  name: [姓名]'].join('\n');
    try {
      parseProfileText(shaped, 'my-clock.yaml');
      expect.unreachable();
    } catch (error) {
      const issues = (error as ProfileError).issues;
      expect(issues.map((i) => [i.code, i.args])).toEqual([
        ['profile_column_undeclared', { column: 'datetime' }],
        ['profile_shape_needs', { shape: 'log', needs: 'datetime_or_date_time' }],
      ]);
      expect(formatProfileIssue(issues[0]!)).toContain('第5行');
    }
  });

  it('a name or word with a character a workbook cannot hold, at its line, with the other problems', () => {
    // line 2: U+FFFF in the name the import's notes show; line 8: an escape character in a header word
    const text = ['id: my-clock', 'name: "我的\\uFFFF考勤机"', 'family: F1', 'identify:', '  columns: [name, datetime]', 'shape: log', 'columns:', '  name: ["姓\\e名"]'].join('\n');
    try {
      parseProfileText(text, 'my-clock.yaml');
      expect.unreachable();
    } catch (error) {
      expect((error as ProfileError).issues.map((i) => [i.code, i.args, i.where.line])).toEqual([
        ['profile_text_character', { character: 'U+FFFF' }, 2],
        ['profile_text_character', { character: 'U+001B' }, 8],
        ['profile_column_undeclared', { column: 'datetime' }, 5],
        ['profile_shape_needs', { shape: 'log', needs: 'datetime_or_date_time' }, 6],
      ]);
    }
  });

  it('cards need their slots; a sheet of anomaly days may declare verdicts but no punch column', () => {
    const issuesOf = (lines: string[]) => {
      try {
        parseProfileText(lines.join('\n'), 'p.yaml');
        return [];
      } catch (error) {
        return (error as ProfileError).issues.map((i) => [i.code, i.args, i.where.line]);
      }
    };
    const head = ['id: p', 'name: 某卡表', 'family: F2', 'identify:', '  columns: [date]'];
    expect(issuesOf([...head, 'shape: cards', 'columns:', '  name: [姓名]', '  date: [日期]'])).toEqual([['profile_shape_needs', { shape: 'cards', needs: 'slots' }, 6]]);
    const anomalies = [...head, 'shape: day', 'coverage: anomalies', 'columns:', '  name: [姓名]', '  date: [日期]'];
    expect(issuesOf([...anomalies, 'slots:', '  - { role: in, time: 上午上班 }', 'verdicts:', '  late: { columns: [迟到时间], read: minutes }'])).toEqual([
      ['profile_shape_needs', { shape: 'day', needs: 'verdicts_without_times' }, 7],
    ]);
    expect(issuesOf([...anomalies, 'verdicts:', '  late: { columns: [迟到时间], read: minutes }'])).toEqual([]);
  });

  it('a user profile reads a layout no built-in knows (--profile), and a bad one exits 1', async () => {
    const dir = tempDir();
    const profile = join(dir, 'my-clock.yaml');
    writeFileSync(profile, ['id: my-clock', 'name: 我的考勤机·打卡流水', 'family: F1', 'identify:', '  columns: [name, date, time]', 'shape: log', 'columns:', '  name: [人名]', '  unit: [科室]', '  date: [哪天]', '  time: [几点]'].join('\n'));
    const csv = join(dir, 'flow.csv');
    writeFileSync(csv, '人名,科室,哪天,几点\n陈立新,民政窗口,2026-11-02,08:05\n陈立新,民政窗口,2026-11-02,17:35\n');
    const run = await kaohe('attendance', csv, '--profile', profile, '--from', '2026-11-02', '--to', '2026-11-02');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('识别为：我的考勤机·打卡流水');
    // one working day, present; 08:05 > 08:00: late by 5 minutes; 17:35 is not early
    expect(run.stdout).toMatch(/陈立新\s+民政窗口\s+1\s+1\s+1\s+5\s+0/);

    writeFileSync(profile, 'id: My Clock\nname: x\n');
    const bad = await kaohe('attendance', csv, '--profile', profile);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('导出格式描述');
    expect(bad.stderr).toContain('第1行 id');
  });
});

describe('cells with no value', () => {
  it('an error value in a column the layout uses is reported at its cell; in a column it does not, ignored', async () => {
    const dir = tempDir();
    const path = join(dir, '考勤记录.xlsx');
    await writeWorkbook(path, {
      考勤记录: [
        ['部门', '姓名', '考勤号码', '日期时间', '卡号'],
        ['民政窗口', '陈立新', '101', '2026-11-02 07:55', { error: '#N/A' }],
        ['民政窗口', '陈立新', '101', { error: '#N/A' }, null],
      ],
    });
    const data = await readExports([path]);
    expect(data.problems.map((p) => [p.code, p.at.row, p.at.column, p.at.columnLetter])).toEqual([['cell_error', 3, '日期时间', 'D']]);
    expect(data.punches).toHaveLength(1);
  });

  it('a cell of only invisible characters is empty, as Excel shows it (a zero-width space, a soft hyphen)', () => {
    // Shown as nothing, so no punch at all: not "a time that cannot be read".
    expect(parsePunchTimes('\u200b', blanks)).toEqual([]);
    expect(parsePunchTimes('\u00ad\u3000', blanks)).toEqual([]);
  });
});

describe('legacy .xls', () => {
  it('an HTML table saved as .xls is read as its text', async () => {
    const dir = tempDir();
    const path = join(dir, '考勤记录.xls');
    writeFileSync(path, '<html><body><table><tr><td>部门</td><td>姓名</td><td>考勤号码</td><td>日期时间</td></tr><tr><td>民政窗口</td><td>陈立新</td><td>0101</td><td>2026-11-02 08:05:00</td></tr></table></body></html>');
    const source = await xlsSource(path);
    expect('rows' in source).toBe(true);
    if (!('rows' in source)) return;
    const rows: unknown[][] = [];
    await source.rows((await source.sheets())[0]!.name, (r) => rows.push(r.cells));
    // text stays text: the leading zero of 0101 and the date-time as written
    expect(rows[1]).toEqual(['民政窗口', '陈立新', '0101', '2026-11-02 08:05:00']);
  });

  it('size guards refuse a file above the limits before and after parsing', async () => {
    const dir = tempDir();
    const path = join(dir, 'big.xls');
    writeFileSync(path, `<table>${'<tr><td>1</td><td>2</td></tr>'.repeat(50)}</table>`);
    expect(await xlsSource(path, { fileBytes: 64_000_000, declaredCells: 60, cells: 8_000_000 })).toMatchObject({ code: 'export_too_large' });
    expect(await xlsSource(path, { fileBytes: 100, declaredCells: 1000, cells: 1000 })).toMatchObject({ code: 'export_too_large' });
    expect(await xlsSource(path, { fileBytes: 64_000_000, declaredCells: 1000, cells: 60 })).toMatchObject({ code: 'export_too_large' });
  });
});

const builtins = await builtinProfiles();

describe('every built-in profile recognises its own header, and no other profile beats it', () => {
  const profiles = builtins.filter((p) => p.identify.source === undefined && p.shape !== 'blocks' && p.header?.rows !== 2);
  it.each(profiles.map((p) => [p.id, p] as const))('%s', async (_, profile) => {
    const dir = tempDir();
    const words = [
      ...Object.values(profile.columns).map((aliases) => aliases[0]!),
      ...(profile.identify.words ?? []),
      ...(profile.slots ?? []).flatMap((s) => [s.time, ...(s.result ? [s.result] : [])]),
      ...Object.values(profile.verdicts ?? {}).flatMap((v) => v.columns),
      ...(profile.cells ? ['1', '2', '3', '4', '5', '6', '7'] : []),
    ];
    // a profile that must be named (排班, 考勤) is given a sheet (a CSV's file name) that says so
    const path = join(dir, `${profile.identify.named?.[0] ?? ''}${profile.id}.csv`);
    writeFileSync(path, [...new Set(words)].join(',') + '\n');
    const data = await readExports([path], { context: { first: '2026-11-01', last: '2026-11-30' } as never });
    expect(data.recognised.map((r) => r.profile.id)).toEqual([profile.id]);
  });
});

describe('leave that says nothing of when (WeCom 假勤申请 on one expected punch row)', () => {
  it('a type alone or with hours is the row’s; dates, times, halves or days say their own span', () => {
    for (const text of ['调休2H', '事假', '事假4小时', '病假 3.5h']) expect(leaveOfTheRowAlone(text), text).toBe(true);
    for (const text of ['病假1天', '年假1天（11/04 上午 - 11/04 下午）', '事假11-06 14:00到11-06 16:00 2小时', '年假（11/5 下午 - 11/5 下午）', '调休2H；病假1天'])
      expect(leaveOfTheRowAlone(text), text).toBe(false);
  });
});

describe('a 1904 workbook’s serials (date1904="1")', () => {
  // 1904 serial 44867 is 1904-01-01 + 44,867 days = 2026-11-03 (its 1900 serial is 44867 + 1462 = 46329);
  // 0.3298611 is 07:55 (28,500 s / 86,400). Read as 1900 serials they fall in 2022, four years and a day early.
  it('a plain number in a date or date-time place is a 1904 serial', () => {
    expect(parseExportDate(44867, 2026, true)).toEqual({ date: '2026-11-03' });
    expect(parsePunchTimes(44867.3298611, new Set(), 2026, true)).toEqual([{ at: 28_500, date: '2026-11-03', nextDay: false, field: false, correction: false }]);
  });

  it('a grid header that is a serial is a 1904 serial', () => {
    const found = dayColumns({ names: [['姓名'], ['44866'], ['44867']], lastRow: 3 }, new Set([0]), null, 2026, true);
    expect('columns' in found && found.columns.map((c) => c.date)).toEqual(['2026-11-02', '2026-11-03']);
  });
});

describe('an export saved in the 1904 date system', () => {
  it('is read in it: its General serials land on their days', async () => {
    // 44866.3298611 in the 1904 system: 2026-11-02 (1904-01-01 + 44,866 days) at 07:55 (28,500 s)
    const head = row(1, [cell.text('A1', '登记号码'), cell.text('B1', '姓名'), cell.text('C1', '出勤时间')]);
    // shown as a date-time (yyyy-mm-dd hh:mm), as exports write it; in General it would show a number, no time (time_plain_number)
    const punch = row(2, [cell.text('A2', '101'), cell.text('B2', '甲一'), cell.number('C2', 44866.3298611, 1)]);
    const path = await writeRawXlsx(join(tempDir(), '1904.xlsx'), { date1904: true, formats: ['yyyy-mm-dd hh:mm'], sheets: [{ name: '考勤记录', rows: head + punch }] });
    const data = await readExports([path]);
    expect(data.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(data.punches.map((p) => [p.date, p.at])).toEqual([['2026-11-02', 28_500]]);
  });
});

describe('a --roster workbook saved in the 1904 date system', () => {
  it('gives its table with the system, so a 到岗日期 typed as a number is read in it', async () => {
    const head = row(1, [cell.text('A1', '工号'), cell.text('B1', '姓名'), cell.text('C1', '窗口'), cell.text('D1', '到岗日期')]);
    // 1904 serial 44866: 2026-11-02, as in the export above
    const person = row(2, [cell.text('A2', '101'), cell.text('B2', '甲一'), cell.text('C2', '民政窗口'), cell.number('D2', 44866)]);
    const path = await writeRawXlsx(join(tempDir(), '人员.xlsx'), { date1904: true, sheets: [{ name: '人员', rows: head + person }] });
    const { table } = await readRosterFile(path);
    expect(table?.date1904).toBe(true);
    const { table: mapped } = mapHeader(table!, rosterSheet.columns.filter((c) => c.key === 'start'));
    expect(parseRows(mapped!, z.object({ start: optionalDate(2026) })).rows.map((r) => r.value.start)).toEqual(['2026-11-02']);
  });
});
