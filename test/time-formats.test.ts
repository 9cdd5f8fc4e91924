import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import { fromExcelSerial, LocalDateTime } from '../src/core/dates.js';
import { InputError } from '../src/core/problems.js';
import { readExports } from '../src/import/read-exports.js';
import { builtinNumberShows, customNumberShows, generalText } from '../src/read/number-format.js';
import type { SheetSource } from '../src/read/sheet-source.js';
import { xlsSource } from '../src/read/xls.js';
import { CellFault, faultProblem, formattedNumber, Workbook, type RawCell } from '../src/read/xlsx.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/** An Excel time of day: a fraction of 86 400 seconds. */
const T = (h: number, m: number, s = 0) => (h * 3600 + m * 60 + s) / 86_400;
/** 2026-11-02 in the 1900 system: 46 328 (the probe's serial; Excel shows it so in General). */
const NOV_2 = 46_328;

/** A number in a format (a custom code, or a built-in id) as the reader gives it, at row 2, column C. */
function shown(format: string | number, n: number): RawCell {
  const shows = typeof format === 'number' ? builtinNumberShows(format) : customNumberShows(format);
  if (shows === null) throw new Error(`General: ${String(format)}`);
  return formattedNumber(n, shows, false, 2, 2);
}

const secondsOf = (value: RawCell) => (value as LocalDateTime).seconds;
/** A date or time as LocalDateTime writes it (08:30, 2026-11-02 08:30). */
const textOf = (value: RawCell | undefined) => (value as LocalDateTime).toString();

describe('a time whose format shows no seconds reads at the minute Excel shows', () => {
  it('reads 08:30:40 in h:mm as 08:30, the seconds dropped, not rounded into the minute', () => {
    // 8 × 3600 + 30 × 60 = 30 600 s (08:30); with 40 s shown: 30 640 s (08:30:40)
    expect(secondsOf(shown('h:mm', T(8, 30, 40)))).toBe(30_600);
    expect(textOf(shown('h:mm', T(8, 30, 40)))).toBe('08:30');
    expect(secondsOf(shown('hh:mm:ss', T(8, 30, 40)))).toBe(30_640);
    // Excel rounds to the second first: 08:30:59.6 is 08:31:00, shown 8:31 (30 660 s);
    // 0.35416666 × 86 400 = 30 599.9994 s rounds to 30 600, shown 8:30, not 8:29
    expect(secondsOf(shown('h:mm', T(8, 30, 59.6)))).toBe(30_660);
    expect(secondsOf(shown('h:mm', 0.35416666))).toBe(30_600);
    // 23:59:40 shows 23:59 (86 340 s) and stays in its day
    expect(secondsOf(shown('h:mm', T(23, 59, 40)))).toBe(86_340);
  });

  it('does so for the built-in Chinese time formats and for date-times, and keeps seconds where they are shown', () => {
    // 20 h:mm, 32 h"时"mm"分", 34 and 55 上午/下午h"时"mm"分", 18 h:mm AM/PM: 08:30; 21, 33, 35, 19 show the seconds: 08:30:40
    for (const id of [18, 20, 32, 34, 55]) expect([id, secondsOf(shown(id, T(8, 30, 40)))]).toEqual([id, 30_600]);
    for (const id of [19, 21, 33, 35]) expect([id, secondsOf(shown(id, T(8, 30, 40)))]).toEqual([id, 30_640]);
    // 46 [h]:mm:ss shows seconds; [h]:mm does not: 08:30:40 elapsed reads 08:30
    expect(secondsOf(shown(46, T(8, 30, 40)))).toBe(30_640);
    expect(secondsOf(shown('[h]:mm', T(8, 30, 40)))).toBe(30_600);
    // 2026-11-02 08:30:40 in yyyy-mm-dd hh:mm and built-in 22 (yyyy/m/d h:mm): 2026-11-02 08:30
    for (const format of ['yyyy-mm-dd hh:mm', 22]) expect(textOf(shown(format, NOV_2 + T(8, 30, 40)))).toBe('2026-11-02 08:30');
    expect(textOf(shown('yyyy-mm-dd hh:mm:ss', NOV_2 + T(8, 30, 40)))).toBe('2026-11-02 08:30:40');
    // 2026-11-02 23:59:40 in yyyy-mm-dd hh:mm: 2026-11-02 23:59, not the next day
    expect(textOf(shown('yyyy-mm-dd hh:mm', NOV_2 + T(23, 59, 40)))).toBe('2026-11-02 23:59');
  });

  it('counts a punch at 08:35:40 shown 8:35 as 5 minutes late, not 6, and quotes 08:35', async () => {
    const book = new ExcelJS.Workbook();
    const add = (name: string, rows: ExcelJS.CellValue[][]) => book.addWorksheet(name).addRows(rows);
    add('人员', [['工号', '姓名', '窗口'], ['001', '张三', '民政窗口']]);
    add('设置', [['作息时间', '08:30-12:00,13:30-17:30']]);
    const punches = book.addWorksheet('考勤');
    punches.addRows([['工号', '日期', '时间'], ['001', '2026-11-02', T(8, 35, 40)], ['001', '2026-11-02', '12:01'], ['001', '2026-11-02', '13:20'], ['001', '2026-11-02', '17:40']]);
    punches.getCell('C2').numFmt = 'h:mm';
    const path = join(tempDir(), '2026-11.xlsx');
    await book.xlsx.writeFile(path);
    const run = await runAttendance(path, { period: '2026-11', from: '2026-11-02', to: '2026-11-02' });
    // Excel shows 8:35; due 08:30: 35 − 30 = 5 minutes late (08:35:40 would be 6 begun minutes)
    expect(run.people[0]!.events.map((e) => e.evidence)).toEqual([{ code: 'late', date: '2026-11-02', session: '上午', punch: 30_900, due: 30_600, grace: 0, minutes: 5 }]);
  });
});

describe('a date format shows the day the serial falls in: Excel rounds a time only to the fields it shows', () => {
  it('reads 2026-11-02 23:59:59.991 in yyyy/m/d as 2026-11-02, not the next day; binary noise at midnight is the midnight', () => {
    // 23:59:59.991 = 86 399.991 s: a date format shows no time field, so nothing is rounded into the next day
    for (const format of ['yyyy/m/d', 'yyyy"年"m"月"d"日"', 14, 31]) expect([format, textOf(shown(format, NOV_2 + T(23, 59, 59.991)))]).toEqual([format, '2026-11-02']);
    // 46328.99999999999 is 86 399.99999 s, 0.01 ms short of midnight: the stored 46329, 2026-11-03
    expect(textOf(shown('yyyy/m/d', 46_328.999_999_999_99))).toBe('2026-11-03');
    // the same number typed plainly in a date column (General shows it 46329) reads by the same rule
    expect(fromExcelSerial(46_328.999_999_999_99, false)).toBe('2026-11-03');
    // a format that shows the time rounds it to the second: 23:59:59.991 in yyyy/m/d h:mm:ss is 2026-11-03 00:00
    expect(textOf(shown('yyyy/m/d h:mm:ss', NOV_2 + T(23, 59, 59.991)))).toBe('2026-11-03 00:00');
  });

  it('ends a leave on the 结束日期 Excel shows: an end-of-day stamp 23:59:59.999 in yyyy/m/d is that day', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('人员').addRows([['工号', '姓名', '窗口'], ['001', '张三', '民政窗口']]);
    book.addWorksheet('设置').addRows([['作息时间', '08:30-12:00,13:30-17:30']]);
    // 2026-11-02 (Mon) and 11-03 (Tue) not punched, 11-04 (Wed) punched on time; 事假 from 11-02 to 46328 + 86 399.999 / 86 400, shown 2026/11/2
    book.addWorksheet('考勤').addRows([['工号', '日期', '时间'], ...['08:20', '12:05', '13:20', '17:40'].map((t) => ['001', '2026-11-04', t])]);
    const leave = book.addWorksheet('请假');
    leave.addRows([['工号', '类型', '开始日期', '结束日期'], ['001', '事假', NOV_2, NOV_2 + 86_399.999 / 86_400]]);
    leave.getCell('C2').numFmt = 'yyyy/m/d';
    leave.getCell('D2').numFmt = 'yyyy/m/d';
    const path = join(tempDir(), '2026-11.xlsx');
    await book.xlsx.writeFile(path);
    const person = (await runAttendance(path, { period: '2026-11', from: '2026-11-02', to: '2026-11-04' })).people[0]!;
    // 11-02 on leave (1 day 事假); 11-03 neither punched nor on leave: absent, 1 day
    expect([person.leaveDays, person.absentDays]).toEqual([{ 事假: 1 }, 1]);
  });
});

describe('a format that shows part of a time, no time of day, is refused at the cell', () => {
  // 08:31 = 8 × 60 + 31 = 511 minutes = 30 660 s; stored 30 660 / 86 400 = 0.354861111111111 (15 digits)
  const stored = '0.354861111111111';

  it('says what Excel shows: 31:00 in mm:ss, 3100.0 in mmss.0, 511:00 in [mm]:ss, 30660 in [ss], 8 in h', () => {
    const cases: [string | number, string, string][] = [
      ['mm:ss', 'mm:ss', '31:00'], // minutes and seconds past the hour
      [45, 'mm:ss', '31:00'],
      [47, 'mmss.0', '3100.0'],
      ['mm:ss.0', 'mm:ss.0', '31:00.0'],
      ['[mm]:ss', '[mm]:ss', '511:00'], // elapsed minutes
      ['[ss]', '[ss]', '30660'], // elapsed seconds
      ['h', 'h', '8'], // the hour alone
      ['[h]', '[h]', '8'],
      ['h"时"', 'h"时"', '8时'],
    ];
    for (const [format, code, text] of cases) expect([format, shown(format, T(8, 31))]).toEqual([format, new CellFault('not_time_of_day', 2, 2, text, stored, code)]);
  });

  it('reports it as cell_shown_differs with what is shown, the format and the number', () => {
    const fault = shown('mm:ss', T(8, 31)) as CellFault;
    const reported = faultProblem(fault, { file: 'a.xlsx', sheet: '考勤', column: '时间' });
    expect([reported.code, reported.at, reported.args]).toEqual([
      'cell_shown_differs',
      { file: 'a.xlsx', sheet: '考勤', row: 2, column: '时间', columnLetter: 'C' },
      { reason: 'not_time_of_day', shown: '31:00', format: 'mm:ss', stored },
    ]);
  });

  it('stops an attendance run at the punch in mm:ss, where 08:31 was read as late before', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('人员').addRows([['工号', '姓名', '窗口'], ['001', '张三', '民政窗口']]);
    const punches = book.addWorksheet('考勤');
    punches.addRows([['工号', '日期', '时间'], ['001', '2026-11-02', T(8, 31)], ['001', '2026-11-02', '17:40']]);
    punches.getCell('C2').numFmt = 'mm:ss';
    const path = join(tempDir(), '2026-11.xlsx');
    await book.xlsx.writeFile(path);
    const error = (await runAttendance(path, { period: '2026-11', from: '2026-11-02', to: '2026-11-02' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.code, p.at.sheet, p.at.row, p.at.column, p.args.shown])).toEqual([['cell_shown_differs', '考勤', 2, '时间', '31:00']]);
  });
});

describe('a format that shows only the weekday is a fault that says so, with the date stored', () => {
  // 46328 is 2026-11-02 (1900 system: 2026-01-01 is 46023, plus the 304 days of Jan–Oct, plus 1), a Monday.
  // In the 1904 system 46328 is 1462 days later: 2030-11-03 (2026-11-02 + 1462 = 208 weeks + 6 days).
  it('is aaaa or aaa alone, with a locale, colour, quoted text or a text section around it', () => {
    for (const format of ['[$-804]aaaa', 'aaa', '[Red]aaaa', 'aaaa;@', '"（"aaa"）"']) {
      expect(shown(format, NOV_2), format).toEqual(new CellFault('weekday_only', 2, 2, format, '46328', '', new LocalDateTime(2026, 11, 2, 0, 'date')));
    }
    expect(formattedNumber(NOV_2, customNumberShows('aaaa'), true, 2, 2)).toEqual(new CellFault('weekday_only', 2, 2, 'aaaa', '46328', '', new LocalDateTime(2030, 11, 3, 0, 'date')));
  });

  it('is said where the cell is used as a format kaohe does not render, with the number stored', () => {
    const fault = shown('[$-804]aaaa', NOV_2) as CellFault;
    expect(faultProblem(fault, { file: 'a.xlsx', sheet: '刷卡记录' }).args).toEqual({ reason: 'format', format: '[$-804]aaaa', stored: '46328' });
  });

  it('is not a format that shows the day as well, nor one that shows no weekday', () => {
    for (const format of ['yyyy/m/d aaaa', 'm"月"d"日" aaa', 'yyyy-mm-dd dddd']) expect(textOf(shown(format, NOV_2)), format).toBe('2026-11-02');
    // the day and the weekday apart only by quoted or escaped text (2026年11月2日星期一, 2 星期一; yyyy\-mm\-dd\ ddd
    // as LibreOffice saves yyyy-mm-dd ddd): d, then ddd, not one run ddddd (a weekday) that hides the day
    for (const format of ['yyyy"年"m"月"d"日"dddd', 'yyyy\\-mm\\-dd\\ ddd', 'm"月"d"日"ddd', 'd\\ dddd', 'dd"日"ddd']) expect(textOf(shown(format, NOV_2)), format).toBe('2026-11-02');
    for (const format of ['0', 'h:mm', 'dd']) expect((shown(format, NOV_2) as CellFault).kind, format).not.toBe('weekday_only');
  });
});

describe('a conditional date or time format shows a number in the section its condition picks', () => {
  it('shows 1.347… in [<1]h:mm;[h]:mm by its second section, 32:20 elapsed, and 08:31 by its first', () => {
    // 1 + 8:20 = 24 + 8 = 32 hours 20 minutes = 32 × 3600 + 20 × 60 = 116 400 s: no time of day
    const elapsed = shown('[<1]h:mm;[h]:mm', 1 + T(8, 20)) as LocalDateTime;
    expect([elapsed.shows, elapsed.seconds, elapsed.timeOfDay, String(elapsed)]).toEqual(['duration', 116_400, null, '32:20']);
    const morning = shown('[<1]h:mm;[h]:mm', T(8, 31)) as LocalDateTime;
    expect([morning.shows, morning.seconds]).toEqual(['time', 30_660]);
    // both sections h:mm, coloured: 08:31 either way
    expect(textOf(shown('[Red][<0.5]h:mm;[Blue]h:mm', T(8, 31)))).toBe('08:31');
    // a section after two unmet conditions takes the rest: 0.7 is neither < 0.5 nor > 0.9, so mm:ss
    // shows 0.7 × 86 400 = 60 480 s = 16:48:00 as 48:00
    const code = '[<0.5]h:mm;[>0.9]h:mm;mm:ss';
    expect(shown(code, 0.7)).toEqual(new CellFault('not_time_of_day', 2, 2, '48:00', '0.7', code));
  });

  it('refuses a number no section takes', () => {
    // 0.5 meets neither [>=1] nor [>=2], and no section is left for the rest
    expect(shown('[>=1]h:mm;[>=2]h:mm', 0.5)).toEqual(new CellFault('number_format_unknown', 2, 2, '[>=1]h:mm;[>=2]h:mm', '0.5'));
  });
});

describe('a conditional format mixing a date or time section with a number section shows the section the number meets', () => {
  const code = '[>=46000]yyyy-mm-dd;0';

  it('shows 46328 in [>=46000]yyyy-mm-dd;0 as the date 2026-11-02, and 45000 as the number 45000', () => {
    // 46 328 ≥ 46 000: the first section, the date 2026-11-02 (NOV_2); 45 000 < 46 000: the section for the rest, 0: 45000
    const date = shown(code, NOV_2) as LocalDateTime;
    expect([date.shows, String(date)]).toEqual(['date', '2026-11-02']);
    expect(shown(code, 45_000)).toBe(45_000);
    // the number section first: 46 328 is not < 46 000, so the date section; 45 000 the number
    expect(textOf(shown('[<46000]0;yyyy-mm-dd', NOV_2))).toBe('2026-11-02');
    expect(shown('[<46000]0;yyyy-mm-dd', 45_000)).toBe(45_000);
    // 1.5 is not < 1: the 0.00 section, which shows 1.50, the number 1.5; 08:31 is < 1: the time
    expect(shown('[<1]h:mm;0.00', 1.5)).toBe(1.5);
    expect(textOf(shown('[<1]h:mm;0.00', T(8, 31)))).toBe('08:31');
    // a General section (also G/通用格式, as WPS writes it) shows the number itself: 45000
    expect(shown('[>=46000]yyyy-mm-dd;General', 45_000)).toBe(45_000);
    expect(shown('[>=46000]yyyy-mm-dd;G/通用格式', 45_000)).toBe(45_000);
  });

  it('refuses what the number section shows otherwise than the number, or a number below zero in it', () => {
    // 45 000.4 in 0 shows 45000: rounded, as in the format 0 alone
    expect(shown(code, 45_000.4)).toEqual(new CellFault('number_rounded', 2, 2, '45000', '45000.4'));
    // −5 in a section a condition picks: whether Excel shows a minus is not known from the code
    expect(shown(code, -5)).toEqual(new CellFault('number_format_unknown', 2, 2, code, '-5'));
    // a number format kaohe does not render in the number section (scientific) stays refused
    expect(shown('[>=46000]yyyy-mm-dd;0.00E+00', 45_000)).toEqual(new CellFault('number_format_unknown', 2, 2, '[>=46000]yyyy-mm-dd;0.00E+00', '45000'));
  });

  it('scores a 记录 dated 46328 in [>=46000]yyyy-mm-dd;0 on 2026-11-02, and treats 45000 in it as the plain number it shows', async () => {
    // bianmin-10pt starts everyone at 10; 3.1 takes the 分值 written: 张一 10 − 2 = 8, 张二 10
    const roster = row(1, [cell.text('A1', '工号'), cell.text('B1', '姓名'), cell.text('C1', '窗口')]) + row(2, [cell.text('A2', '0001'), cell.text('B2', '张一'), cell.text('C2', '民政窗口')]) + row(3, [cell.text('A3', '0002'), cell.text('B3', '张二'), cell.text('C3', '民政窗口')]);
    const book = (serial: number, style: number) => {
      const records = row(1, [cell.text('A1', '日期'), cell.text('B1', '工号'), cell.text('C1', '项目'), cell.text('D1', '分值')]) + row(2, [cell.number('A2', serial, style), cell.text('B2', '0001'), cell.text('C2', '3.1'), cell.number('D2', 2)]);
      return writeRawXlsx(join(tempDir(), '2026-11.xlsx'), { formats: [code], sheets: [{ name: '人员', rows: roster }, { name: '记录', rows: records }] });
    };
    const run = await runScore(await book(NOV_2, 1), { scheme: 'bianmin-10pt' });
    const of = (id: string) => run.result.subjects.find((s) => s.key === id)!;
    expect([toNumber(of('0001').total), toNumber(of('0002').total)]).toEqual([8, 10]);
    expect(of('0001').traceSources.records.map((r) => r.date)).toEqual(['2026-11-02']);
    // 45 000 shows as the number 45000 (the 0 section): the same problems as 45000 in General (style 0),
    // a serial: 2023-01-01 is 44 927, + 31 (Jan) + 28 (Feb) = 44 986 = 2023-03-01, + 14 = 2023-03-15, outside 2026-11
    const problemsOf = (path: string) => runScore(path, { scheme: 'bianmin-10pt' }).then(() => [], (e: unknown) => (e as InputError).problems.filter((p) => p.severity === 'error').map((p) => [p.code, p.at.sheet, p.at.row, p.at.column, p.args]));
    const refused = await problemsOf(await book(45_000, 1));
    expect(refused).toEqual(await problemsOf(await book(45_000, 0)));
    expect(refused).toEqual([['date_outside_period', '记录', 2, '日期', { value: '2023-03-15', first: '2026-11-01', last: '2026-11-30' }]]);
  });
});

describe('the .xls reader reads times as the .xlsx reader does', () => {
  it('reads 08:30:40 in h:mm as 08:30, refuses mm:ss, and picks the section of [<1]h:mm;[h]:mm and [>=46000]yyyy-mm-dd;0 by its condition', async () => {
    const XLSX = await import('@e965/xlsx');
    const sheet = XLSX.utils.aoa_to_sheet([[T(8, 30, 40), T(8, 31), 1 + T(8, 20), NOV_2, 45_000]]);
    ['h:mm', 'mm:ss', '[<1]h:mm;[h]:mm', '[>=46000]yyyy-mm-dd;0', '[>=46000]yyyy-mm-dd;0'].forEach((z, c) => ((sheet[XLSX.utils.encode_cell({ r: 0, c })] as import('@e965/xlsx').CellObject).z = z));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, sheet, 'S');
    const path = join(tempDir(), '2026-11.xls');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const source = (await xlsSource(path)) as SheetSource;
    const seen: unknown[] = [];
    await source.rows('S', (r, faults) => seen.push([[String(r.cells[0]), r.cells[1], String(r.cells[2]), String(r.cells[3]), r.cells[4]], faults.map((f) => faultProblem(f.fault, { file: path, sheet: 'S' }).args)]));
    // 08:30:40 shows 8:30; 1 + 8:20 shows 32:20; 08:31 in mm:ss shows 31:00; 46 328 ≥ 46 000 shows 2026-11-02, 45 000 the number
    expect(seen).toEqual([[['08:30', undefined, '32:20', '2026-11-02', 45_000], [{ reason: 'not_time_of_day', shown: '31:00', format: 'mm:ss', stored: '0.354861111111111' }]]]);
  });
});

/**
 * BIFF8 written by SheetJS, its cells' formats then given Excel's built-in ids as Chinese Excel
 * writes them: the XF records point at the id (`ids`: format code → built-in id) and no FORMAT
 * record names it (SheetJS's is moved to an id nothing uses), unless `defined`, where the FORMAT
 * record itself is given the built-in id, as a file that defines it does.
 */
async function xlsWithBuiltinIds(cells: { v: number; z: string }[][], ids: Record<string, number>, defined = false): Promise<string> {
  const XLSX = await import('@e965/xlsx');
  const sheet = XLSX.utils.aoa_to_sheet(cells.map((r) => r.map((c) => c.v)));
  cells.forEach((r, i) => r.forEach((c, j) => ((sheet[XLSX.utils.encode_cell({ r: i, c: j })] as import('@e965/xlsx').CellObject).z = c.z)));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, 'S');
  const cfb = XLSX.CFB as { read(b: Buffer, o: object): unknown; find(c: unknown, p: string): { content: Buffer; size: number }; write(c: unknown, o: object): Buffer };
  const container = cfb.read(XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer, { type: 'buffer' });
  const stream = cfb.find(container, 'Workbook');
  const bytes = Buffer.from(stream.content);
  // SheetJS's FORMAT id of each code → the built-in id (FORMAT records come before the XFs)
  const builtin = new Map<number, number>();
  for (let at = 0; at + 4 <= bytes.length; at += 4 + bytes.readUInt16LE(at + 2)) {
    const type = bytes.readUInt16LE(at);
    if (type === 0x041e) {
      // FORMAT: ifmt, character count, flags (1: UTF-16), the code
      const [ifmt, count, wide] = [bytes.readUInt16LE(at + 4), bytes.readUInt16LE(at + 6), bytes[at + 8]! & 1];
      const code = bytes.subarray(at + 9, at + 9 + (wide ? 2 * count : count)).toString(wide ? 'utf16le' : 'latin1');
      const id = ids[code];
      if (id === undefined) continue;
      builtin.set(ifmt, id);
      bytes.writeUInt16LE(defined ? id : 0x0180 + id, at + 4);
    } else if (type === 0x00e0) {
      // XF: ifmt after the font index
      const id = builtin.get(bytes.readUInt16LE(at + 6));
      if (id !== undefined) bytes.writeUInt16LE(id, at + 6);
    }
  }
  stream.content = bytes;
  stream.size = bytes.length;
  const path = join(tempDir(), 'book.xls');
  writeFileSync(path, cfb.write(container, { type: 'buffer', fileType: 'cfb' }));
  return path;
}

describe('a .xls cell in a built-in format of Chinese Excel (no FORMAT record) reads as that format shows it', () => {
  async function firstRow(path: string): Promise<unknown[]> {
    const source = (await xlsSource(path)) as SheetSource;
    const seen: unknown[] = [];
    await source.rows('S', (r, faults) => seen.push([...r.cells.map((c) => (c instanceof LocalDateTime ? c.toString() : c)), ...faults.map((f) => f.fault.kind)]));
    return seen[0] as unknown[];
  }

  it('reads 31 yyyy"年"m"月"d"日" as a date, 32 h"时"mm"分" as a time, and refuses 57 yyyy"年"m"月", which shows no day', async () => {
    // 2026-11-02 = 46 328; 08:05 = 29 100 / 86 400 = 0.336805…
    const ids = { 'yyyy"年"m"月"d"日"': 31, 'h"时"mm"分"': 32, 'yyyy"年"m"月"': 57 };
    const path = await xlsWithBuiltinIds([[{ v: NOV_2, z: 'yyyy"年"m"月"d"日"' }, { v: T(8, 5), z: 'h"时"mm"分"' }, { v: NOV_2, z: 'yyyy"年"m"月"' }]], ids);
    // Excel shows 2026年11月2日, 8时05分 and 2026年11月: the third names no day (it was read as 2026-11-02, the time as the number 0.336805…)
    expect(await firstRow(path)).toEqual(['2026-11-02', '08:05', 'date_without_day']);
  });

  it('does not keep a built-in id another .xls defined: each file reads its cells in its own formats', async () => {
    // the first file defines id 32 as 0.000 (its FORMAT record says so); the second uses 32 without defining it: h"时"mm"分"
    const other = await xlsWithBuiltinIds([[{ v: 0.5, z: '0.000' }]], { '0.000': 32 }, true);
    expect(await firstRow(other)).toEqual([0.5]);
    const path = await xlsWithBuiltinIds([[{ v: T(8, 5), z: 'h"时"mm"分"' }]], { 'h"时"mm"分"': 32 });
    expect(await firstRow(path)).toEqual(['08:05']);
  });
});

describe('a t="d" cell shows its serial in its cell style, as Excel shows it', () => {
  async function read(iso: string, formats: (string | number)[], style: number, date1904 = false): Promise<RawCell | undefined> {
    const path = await writeRawXlsx(join(tempDir(), 'book.xlsx'), { sheets: [{ name: 'S', rows: row(1, [cell.isoDate('A1', iso, style)]) }], formats, date1904 });
    const book = await Workbook.open(path);
    try {
      let first: RawCell | undefined;
      await book.readSheet(book.sheets[0]!, { onRow: (r) => void (first = r.cells[0]) });
      return first;
    } finally {
      book.close();
    }
  }

  it('is the serial in General: 2026-11-02T08:31 is 46328 + 30660/86400', async () => {
    // 08:31 = 30 660 s of 86 400; 2026-11-02 is 46 328 in the 1900 system, 46 328 − 1 462 = 44 866 in the 1904 one;
    // on the 15 significant digits Excel shows: 46328.3548611111, 44866.3548611111
    expect(await read('2026-11-02T08:31:00', [], 0)).toBe(46328.3548611111);
    expect(await read('2026-11-02T08:31:00Z', [], 0, true)).toBe(44866.3548611111);
    // a time alone is the fraction of the day, 0.354861111111111 to 15 digits
    expect(await read('08:31:00', [], 0)).toBe(0.354861111111111);
    // in 0.00 it shows 46328.35, fewer decimals than it has: a fault, as for the number typed
    expect(await read('2026-11-02T08:31:00', ['0.00'], 1)).toEqual(new CellFault('number_rounded', 1, 0, '46328.35', '46328.3548611111'));
    // in a date or time format, the date or time it shows
    expect(textOf(await read('2026-11-02T08:31:00', ['yyyy-mm-dd'], 1))).toBe('2026-11-02');
    expect(textOf(await read('2026-11-02T08:31:40', ['h:mm'], 1))).toBe('08:31');
    // 1900-03-01 is serial 61, after the fictitious 1900-02-29 (60)
    expect(await read('1900-03-01', [], 0)).toBe(61);
    // no such day: 2026-02-30
    expect(await read('2026-02-30', [], 0)).toEqual(new CellFault('unreadable', 1, 0, '2026-02-30'));
    // an end-of-day stamp as JavaScript writes it, 23:59:59.999: its day in a date format, the next 00:00:00 where seconds show
    expect(textOf(await read('2026-11-02T23:59:59.999Z', ['yyyy-mm-dd'], 1))).toBe('2026-11-02');
    expect(textOf(await read('2026-11-02T23:59:59.999Z', ['yyyy-mm-dd hh:mm:ss'], 1))).toBe('2026-11-03 00:00');
  });

  it('stops an attendance run at a t="d" punch in General, as at the number 46328.35486… typed there', async () => {
    const text = (rows: string[][]) => rows.map((r, i) => row(i + 1, r.map((v, c) => cell.text(`${'ABC'[c]}${i + 1}`, v)))).join('');
    const punches = text([['工号', '日期', '时间']]) + row(2, [cell.text('A2', '001'), cell.text('B2', '2026-11-02'), cell.isoDate('C2', '2026-11-02T08:31:00')]);
    const sheets = [{ name: '人员', rows: text([['工号', '姓名', '窗口'], ['001', '张三', '民政窗口']]) }, { name: '考勤', rows: punches }];
    const path = await writeRawXlsx(join(tempDir(), '2026-11.xlsx'), { sheets });
    const error = (await runAttendance(path, { period: '2026-11', from: '2026-11-02', to: '2026-11-02' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    // Excel shows 46328.35486 there (General, 11 characters), no time: refused as that number typed is (it was read as 08:31 before)
    expect(error.problems.map((p) => [p.code, p.at.row, p.at.column, p.args.value])).toEqual([['time_plain_number', 2, '时间', '46328.35486']]);
  });
});

describe('a punch time Excel shows as a plain number, not a time', () => {
  // 17:20 is 62 400 s of 86 400 = 0.7222…; General shows it as 0.722222222 (11 characters). A
  // clerk's 7.55 means 07:55; read as a serial it was 1900-01-07 13:12. Neither is a time.
  const seventeenTwenty = 62_400 / 86_400;

  it('General shows as many digits as 11 characters hold', () => {
    expect(generalText(seventeenTwenty)).toBe('0.722222222');
    expect(generalText(7.55)).toBe('7.55');
    expect(generalText(NOV_2 + 30_660 / 86_400)).toBe('46328.35486');
  });

  it('an export refuses it at the cell (it was read as 17:20, or as a time on 1900-01-07)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Sheet1');
    sheet.addRow(['登记号码', '姓名', '刷卡日期', '刷卡时间']);
    for (const t of [7.55, seventeenTwenty]) sheet.addRow(['001', '张三', '2026-11-02', t]);
    // an Excel time (h:mm) beside them is read
    const typed = sheet.addRow(['001', '张三', '2026-11-02', 28_500 / 86_400]);
    typed.getCell(4).numFmt = 'h:mm';
    const path = join(tempDir(), '数字时间.xlsx');
    await book.xlsx.writeFile(path);
    const data = await readExports([path]);
    expect(data.problems.map((p) => [p.code, p.at.row, p.at.column, p.args.value])).toEqual([
      ['time_plain_number', 2, '刷卡时间', '7.55'],
      ['time_plain_number', 3, '刷卡时间', '0.722222222'],
    ]);
    // 28 500 s = 07:55
    expect(data.punches.map((p) => p.at)).toEqual([28_500]);
  });

  it('the template’s 考勤 refuses it at the cell too (it was read as 17:20)', async () => {
    const text = (rows: string[][]) => rows.map((r, i) => row(i + 1, r.map((v, c) => cell.text(`${'ABC'[c]}${i + 1}`, v)))).join('');
    const punches = text([['工号', '日期', '时间']]) + row(2, [cell.text('A2', '001'), cell.text('B2', '2026-11-02'), cell.number('C2', seventeenTwenty)]);
    const sheets = [{ name: '人员', rows: text([['工号', '姓名', '窗口'], ['001', '张三', '民政窗口']]) }, { name: '考勤', rows: punches }];
    const path = await writeRawXlsx(join(tempDir(), '2026-11.xlsx'), { sheets });
    const error = (await runAttendance(path, { period: '2026-11', from: '2026-11-02', to: '2026-11-02' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    expect(error.problems.map((p) => [p.code, p.at.row, p.at.column, p.args.value])).toEqual([['time_plain_number', 2, '时间', '0.722222222']]);
  });
});
