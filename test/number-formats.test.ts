import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runAttendance } from '../src/commands/attendance.js';
import { runScore } from '../src/commands/score.js';
import { toNumber } from '../src/core/decimal.js';
import { InputError, type Problem } from '../src/core/problems.js';
import { formatProblem } from '../src/messages.js';
import { builtinNumberShows, customNumberShows, showNumber, type NumberFormat, type NumberShows } from '../src/read/number-format.js';
import { xlsSource } from '../src/read/xls.js';
import type { RowFault, SheetSource } from '../src/read/sheet-source.js';
import { CellFault, faultProblem, Workbook, type RawCell } from '../src/read/xlsx.js';
import { cell, row, writeRawXlsx } from './raw-xlsx.js';
import { peerRows, recordHeader, rosterRows, tempDir, writeRoster } from './workbook.js';

function numberFormat(shows: NumberShows): NumberFormat {
  if (shows === null || 'sections' in shows || 'shows' in shows) throw new Error(`not a number format: ${JSON.stringify(shows)}`);
  return shows;
}

const show = (code: string, n: number) => showNumber(n, numberFormat(customNumberShows(code)));

describe('what a number format shows', () => {
  it('shows a number it displays exactly as the number: 4 in 0, 4.5 in 0.0 and 0.00, 1234567 in #,##0', () => {
    expect(show('0', 4)).toEqual({ value: 4 });
    expect(show('0.0', 4.5)).toEqual({ value: 4.5 });
    expect(show('0.00', 4.5)).toEqual({ value: 4.5 });
    expect(show('#,##0', 1234567)).toEqual({ value: 1234567 });
    expect(show('[Red]0.0', 4.5)).toEqual({ value: 4.5 });
    expect(show('[$-804]0', 12)).toEqual({ value: 12 });
    // 0.1 + 0.2 is stored 0.30000000000000004; Excel shows 15 significant digits, 0.30 in 0.00: the number 0.3
    expect(show('0.00', 0.1 + 0.2)).toEqual({ value: 0.3 });
    // optional decimals: 4.1 in 0.## shows 4.1
    expect(show('0.##', 4.1)).toEqual({ value: 4.1 });
  });

  it('says what Excel shows where it shows fewer decimals than the number has, rounding half away from zero', () => {
    expect(show('0', 4.4)).toEqual({ rounded: '4' });
    expect(show('0', 95.5)).toEqual({ rounded: '96' });
    // 4.45 to one decimal: the 5 rounds up, 4.5
    expect(show('0.0', 4.45)).toEqual({ rounded: '4.5' });
    // 1.005 is stored 1.00499999999999989…; Excel rounds its 15 digits, 1.00500000000000, to 1.01
    expect(show('0.00', 1.005)).toEqual({ rounded: '1.01' });
    // 1234.567 to two decimals with grouping: 1,234.57
    expect(show('#,##0.00', 1234.567)).toEqual({ rounded: '1,234.57' });
    // 4.125 in 0.##: 4.13
    expect(show('0.##', 4.125)).toEqual({ rounded: '4.13' });
    expect(show('0', -0.4)).toEqual({ rounded: '-0' });
  });

  it('gives zero-padded whole numbers and percentages as the text Excel shows', () => {
    expect(show('0000', 1)).toEqual({ text: '0001' });
    expect(show('000000', 12345)).toEqual({ text: '012345' });
    expect(show('0000', 12345)).toEqual({ text: '12345' });
    expect(show('0%', 0.95)).toEqual({ text: '95%' });
    expect(show('0.00%', 0.955)).toEqual({ text: '95.50%' });
    // 0.07 × 100 is 7.000000000000001 in binary; Excel shows 7%
    expect(show('0%', 0.07)).toEqual({ text: '7%' });
    // 1.5 in 0000 shows 0002, 0.955 in 0% shows 96%: not the number stored
    expect(show('0000', 1.5)).toEqual({ rounded: '0002' });
    expect(show('0%', 0.955)).toEqual({ rounded: '96%' });
  });

  it('keeps the text around the digits in a text it reads (1 in "ZW"0000 is ZW0001), or refuses it where that text is not known exactly', () => {
    expect(show('"ZW"0000', 1)).toEqual({ text: 'ZW0001' });
    expect(show('\\Z\\W0000', 12)).toEqual({ text: 'ZW0012' });
    expect(show('0000"号"', 7)).toEqual({ text: '0007号' });
    expect(show('"完成"0%', 0.95)).toEqual({ text: '完成95%' });
    // one section: the minus comes before all of it; (5%) in a section for numbers below zero
    expect(show('"ZW"0000', -1)).toEqual({ text: '-ZW0001' });
    expect(show('0%;(0%)', -0.05)).toEqual({ text: '(5%)' });
    // padding and a fill of spaces at the ends are blank space, not text
    expect(show('_(0000_)', 1)).toEqual({ text: '0001' });
    expect(show('* 0%', 0.5)).toEqual({ text: '50%' });
    // a fill between text and digits is as wide as the column; unquoted letters are format codes
    for (const code of ['"ZW"* 0000', 'ZW0000', '*-0000', '0%* "完成"']) expect(show(code, 1)).toEqual({ unknown: code });
  });

  it('reads a % in the text (0.5 in 0.0"%" shows 0.5%) as the text shown, not as the number 0.5, which is 50%', () => {
    expect(show('0.0"%"', 0.5)).toEqual({ text: '0.5%' });
    expect(show('0.0\\%', 0.5)).toEqual({ text: '0.5%' });
    expect(show('0"％"', 5)).toEqual({ text: '5％' });
    // 0.55 to one decimal is 0.6: shown 0.6%, not the number stored (the message quotes the digits, 0.6)
    expect(show('0.0"%"', 0.55)).toEqual({ rounded: '0.6' });
  });

  it('reads each sign by its own section: (4) and -4 are −4, a section without a sign or with text is not rendered', () => {
    expect(show('#,##0 ;(#,##0)', -4)).toEqual({ value: -4 });
    expect(show('#,##0 ;(#,##0)', -4.4)).toEqual({ rounded: '(4)' });
    expect(show('0;[Red]-0', -4)).toEqual({ value: -4 });
    // one section: a negative number is shown with a minus sign
    expect(show('0.0', -4.5)).toEqual({ value: -4.5 });
    // 0;0 shows −4 as 4
    expect(show('0;0', -4)).toEqual({ unknown: '0;0' });
    expect(show('0;-0;"-"', 5)).toEqual({ value: 5 });
  });

  it('reads zero shown as a dash (会计专用, #,##0;-#,##0;"-") as 0, and a zero section showing nothing or other text as not rendered', () => {
    // the dash alone, quoted, escaped or bare, - or —, with padding, fill, the ? that pads a digit and a currency sign
    for (const code of ['#,##0;-#,##0;"-"', '0;-0;\\-', '0;-0;-', '0;-0;"—"', '_(* #,##0_);_(* \\(#,##0\\);_(* "-"??_);_(@_)', '_("$"* #,##0_);_("$"* \\(#,##0\\);_("$"* "-"_);_(@_)'])
      expect(show(code, 0)).toEqual({ value: 0 });
    // an empty zero section shows nothing; 无, two dashes and 0 with a dash are other text
    for (const code of ['0;-0;;@', '0;-0;"无"', '0;-0;"--"', '0;-0;"-"0']) expect(show(code, 0)).toEqual({ unknown: code });
  });

  it('reads a currency or a unit shown around the digits as no part of the number', () => {
    // 2 shown 2次, 60 shown ¥60.00 (quoted, bare or with its locale), 60.4 shown 60.40元
    expect(show('0"次"', 2)).toEqual({ value: 2 });
    for (const code of ['"¥"#,##0.00', '¥#,##0.00', '[$¥-804]#,##0.00']) expect(show(code, 60)).toEqual({ value: 60 });
    expect(show('0.00"元"', 60.4)).toEqual({ value: 60.4 });
    // −3 in the built-in currency format "¥"#,##0.00;"¥"\-#,##0.00 shows ¥-3.00
    expect(show('"¥"#,##0.00;"¥"\\-#,##0.00', -3)).toEqual({ value: -3 });
    // 60.4 in ¥#,##0 shows ¥60: fewer decimals than stored (the message quotes the digits, 60)
    expect(show('¥#,##0', 60.4)).toEqual({ rounded: '60' });
  });

  it('reads a ? or / in quoted or escaped text as part of a unit (0.5 in 0.00"元/分" shows 0.50元/分), only an unquoted one as a fraction', () => {
    expect(show('0.00"元/分"', 0.5)).toEqual({ value: 0.5 });
    expect(show('0.00"元"\\/"分"', 0.5)).toEqual({ value: 0.5 });
    expect(show('0"?"', 3)).toEqual({ value: 3 });
    // unquoted, Excel reads them as a fraction's: 0.00元/分 and # ?/? are not rendered
    for (const code of ['0.00元/分', '# ?/?', '0 ?/?', '0.0?']) expect(show(code, 0.5)).toEqual({ unknown: code });
  });

  it('does not render a plus sign, digits in the text, scientific notation, fractions, scaling, Chinese numerals or conditions', () => {
    for (const code of ['0"号"0', '"第1"0', '0.00E+00', '# ?/?', '#,##0,', '[DBNum1]0', '[>100]0;0', '+0', '0"-"00'])
      expect(show(code, 2)).toEqual({ unknown: code });
    // # alone shows zero as nothing
    expect(show('#', 0)).toEqual({ unknown: '#' });
  });

  it('knows General, text, dates and the built-in number formats by id', () => {
    expect(customNumberShows('General')).toBeNull();
    expect(customNumberShows('@')).toBeNull();
    // General by its Chinese name, as WPS writes it, and with a locale or colour bracket
    for (const code of ['G/通用格式', '[$-804]General', '[Red]G/通用格式']) expect(customNumberShows(code)).toBeNull();
    // …but not in Chinese numerals
    expect(customNumberShows('[DBNum1][$-804]G/通用格式')).toMatchObject({ positive: null });
    expect(customNumberShows('yyyy-mm-dd')).toEqual({ code: 'yyyy-mm-dd', sections: [{ condition: null, shows: { shows: 'date', seconds: true } }] });
    for (const id of [0, 49, 24, 200]) expect(builtinNumberShows(id)).toBeNull();
    expect(builtinNumberShows(14)).toMatchObject({ sections: [{ shows: { shows: 'date' } }] });
    // 1 is 0, 3 #,##0, 9 0%, 10 0.00%, 39 #,##0.00;(#,##0.00), 41 the accounting format
    const byId = (id: number, n: number) => showNumber(n, numberFormat(builtinNumberShows(id)));
    expect([byId(1, 4.4), byId(2, 4.5), byId(3, 1234), byId(4, 4.567), byId(9, 0.95), byId(10, 0.9512), byId(39, -4.5)]).toEqual([
      { rounded: '4' },
      { value: 4.5 },
      { value: 1234 },
      { rounded: '4.57' },
      { text: '95%' },
      { text: '95.12%' },
      { value: -4.5 },
    ]);
    // accounting (41): 1,234 and -5 as numbers, zero shown as -, which is 0 (as in 42–44, with ¥ or two ? after the dash)
    expect([byId(41, 1234), byId(41, -5), byId(41, 0)]).toEqual([{ value: 1234 }, { value: -5 }, { value: 0 }]);
    for (const id of [42, 43, 44]) expect(byId(id, 0)).toEqual({ value: 0 });
    // currency (5, "¥"#,##0): 2 shows ¥2, the number; scientific (11, 48) and fractions (12) are not rendered
    expect(byId(5, 2)).toEqual({ value: 2 });
    for (const id of [11, 12, 48]) expect('unknown' in byId(id, 2)).toBe(true);
  });

  it('shows every number with at most p decimals exactly in a format with p decimals, and no number with more', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 9 }), (k, places, extra) => {
        const code = places === 0 ? '0' : `0.${'0'.repeat(places)}`;
        const n = k / 10 ** places;
        expect(show(code, n)).toEqual({ value: n });
        // one more decimal digit, not 0: Excel rounds it away
        expect('rounded' in show(code, (k * 10 + extra) / 10 ** (places + 1))).toBe(true);
      }),
    );
  });

  it('shows every whole number in 0000 padded to four digits, and every whole percentage as k%', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999 }), (k) => {
        expect(show('0000', k)).toEqual({ text: String(k).padStart(4, '0') });
        expect(show('0%', k / 100)).toEqual({ text: `${k}%` });
      }),
    );
  });
});

/** The cells of row 1 of a raw workbook's only sheet. */
async function firstRow(rows: string, formats: (string | number)[], prefix?: string): Promise<(RawCell | undefined)[]> {
  const path = await writeRawXlsx(join(tempDir(), 'book.xlsx'), { sheets: [{ name: 'S', rows }], formats, ...(prefix ? { prefix } : {}) });
  const book = await Workbook.open(path);
  try {
    let cells: (RawCell | undefined)[] = [];
    await book.readSheet(book.sheets[0]!, { onRow: (r) => void (cells = r.cells) });
    return cells;
  } finally {
    book.close();
  }
}

describe('the .xlsx reader reads a number as its cell style shows it', () => {
  // styles 1–7: 0000, 0, 0.0, #,##0, 0%, built-in 1 (0), built-in 49 (@)
  const formats = ['0000', '0', '0.0', '#,##0', '0%', 1, 49];
  const cells = row(1, [
    cell.number('A1', 1, 1),
    cell.number('B1', 4.4, 2),
    cell.number('C1', 4.5, 3),
    cell.number('D1', 12, 4),
    cell.number('E1', 0.95, 5),
    cell.number('F1', 60.4, 6),
    cell.number('G1', 7.25, 7),
    cell.number('H1', 4, 2),
  ]);
  const expected = [
    '0001',
    new CellFault('number_rounded', 1, 1, '4', '4.4'),
    4.5,
    12,
    '95%',
    new CellFault('number_rounded', 1, 5, '60', '60.4'),
    7.25,
    4,
  ];

  it('on the quick path (cells as Excel writes them) and on the general one (prefixed XML)', async () => {
    expect(await firstRow(cells, formats)).toEqual(expected);
    expect(await firstRow(cells, formats, 'x')).toEqual(expected);
  });
});

// openpyxl and pandas write the double a sum left (2.0000000000000004); Excel shows it, from its
// 15 significant digits, as 2, and a value is read as Excel shows it.
describe('the .xlsx reader reads a number on the 15 significant digits Excel shows', () => {
  // style 1: 0
  const cells = row(1, [
    cell.number('A1', 2.0000000000000004),
    cell.number('B1', 0.9999999999999999),
    cell.number('C1', 0.1 + 0.2),
    cell.number('D1', 2.0000000000000004, 1),
    cell.number('E1', 46300.00000000001),
    cell.number('F1', 0.125),
  ]);
  // 2.0000000000000004 → 2.00000000000000 (15 digits) = 2; 0.9999999999999999 → 1.00000000000000 = 1;
  // 0.30000000000000004 → 0.3; in 0 it shows 2, the number 2; 46300.00000000001 → 46300.0000000000 = 46300; 0.125 as typed
  const expected = [2, 1, 0.3, 2, 46300, 0.125];

  it('in General and in a number format, on the quick path and the general one', async () => {
    expect(await firstRow(cells, ['0'])).toEqual(expected);
    expect(await firstRow(cells, ['0'], 'x')).toEqual(expected);
  });

  it('counts 次数 2.0000000000000004 in 记录 as the 2 shown', async () => {
    const path = await monthWith({ 人员: rosterRows, 记录: [recordHeader, ['2026-10-05', '002', null, null, '2.1', 2.0000000000000004, null, null, null]], 互评: peerRows });
    // 李四 (002) of 社保窗口: 2.1 is 2 points a time, twice: 100 − 2 × 2 = 96
    expect(await totalOf(path, '社保窗口')).toBe(96);
  });
});

describe('the .xlsx reader keeps the text around an id, reads a % in the text as text, zero shown as a dash as 0 and a quoted / as a unit', () => {
  it('reads ZW0001, 0.5%, 0, 0 and 0.5', async () => {
    // styles 1–5: "ZW"0000, 0.0"%", built-in 41 (会计专用), #,##0;-#,##0;"-", 0.00"元/分"
    const formats = ['"ZW"0000', '0.0"%"', 41, '#,##0;-#,##0;"-"', '0.00"元/分"'];
    const cells = row(1, [cell.number('A1', 1, 1), cell.number('B1', 0.5, 2), cell.number('C1', 0, 3), cell.number('D1', 0, 4), cell.number('E1', 0.5, 5)]);
    // 1 shows ZW0001; 0.5 shows 0.5%; 0 shows - in both; 0.5 shows 0.50元/分, the number 0.5
    expect(await firstRow(cells, formats)).toEqual(['ZW0001', '0.5%', 0, 0, 0.5]);
  });
});

type Formatted = { value: ExcelJS.CellValue; numFmt: string };
const formatted = (value: ExcelJS.CellValue, numFmt: string): Formatted => ({ value, numFmt });

/** A month workbook whose cells may carry a number format, as a clerk sets it in Excel. */
async function monthWith(sheets: Record<string, (ExcelJS.CellValue | Formatted)[][]>, name = '2026-10.xlsx'): Promise<string> {
  const book = new ExcelJS.Workbook();
  for (const [sheetName, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(sheetName);
    rows.forEach((values, r) =>
      values.forEach((v, c) => {
        const target = sheet.getCell(r + 1, c + 1);
        if (v !== null && typeof v === 'object' && 'numFmt' in v) {
          target.value = v.value;
          target.numFmt = v.numFmt;
        } else target.value = v;
      }),
    );
  }
  const path = join(tempDir(), name);
  await book.xlsx.writeFile(path);
  return path;
}

async function problemsOf(path: string, scheme = 'bingcha-monthly'): Promise<Problem[]> {
  const failed = await runScore(path, { scheme }).catch((e: unknown) => e);
  if (!(failed instanceof InputError)) throw new Error('expected input problems');
  return failed.problems.filter((p) => p.severity === 'error');
}

const totalOf = async (path: string, key: string, options: { scheme: string; period?: string } = { scheme: 'bingcha-monthly' }) =>
  toNumber((await runScore(path, options)).result.subjects.find((s) => s.key === key)!.total);

describe('a month workbook with formatted numbers', () => {
  it('finds a person whose 工号 is a number shown zero-padded (2 in 000 is 002) by the 002 a record has, typed or formatted', async () => {
    const path = await monthWith({
      人员: [rosterRows[0]!, rosterRows[1]!, [formatted(2, '000'), '李四', '社保窗口'], rosterRows[3]!],
      记录: [recordHeader, ['2026-10-05', '002', null, null, '7.1', null, formatted(4, '0'), null, null], ['2026-10-06', formatted(2, '000'), null, null, '7.1', null, 3, null, null]],
      互评: peerRows,
    });
    // 李四 is 002 of 社保窗口; complaints (7.1) of 4 points (shown as 4) and 3: 100 − 4 − 3 = 93
    expect(await totalOf(path, '社保窗口')).toBe(93);
  });

  it('refuses 分值 4.4 shown as 4 and 互评 95.5 shown as 96, at their cells, saying what is shown and stored', async () => {
    const peer = peerRows.map((r, i) => (i === 1 ? [r[0], r[1], formatted(95.5, '0')] : r));
    const path = await monthWith({
      人员: rosterRows,
      记录: [recordHeader, ['2026-10-05', '002', null, null, '7.1', null, formatted(4.4, '0'), null, null]],
      互评: peer,
    });
    expect((await problemsOf(path)).map((p) => [p.code, p.at.sheet, p.at.row, p.at.column, p.at.columnLetter, p.args])).toEqual([
      ['cell_shown_differs', '记录', 2, '分值', 'G', { reason: 'rounded', shown: '4', stored: '4.4' }],
      ['cell_shown_differs', '互评', 2, '分数', 'C', { reason: 'rounded', shown: '96', stored: '95.5' }],
    ]);
  });

  it('refuses a 互评 formula =286/3 shown as 95.33, telling how to round a formula to what it shows', async () => {
    const peer = peerRows.map((r, i) => (i === 1 ? [r[0], r[1], formatted({ formula: '286/3', result: 286 / 3 }, '0.00')] : r));
    const path = await monthWith({ 人员: rosterRows, 记录: [recordHeader], 互评: peer });
    const problems = await problemsOf(path);
    // 286 / 3 = 95.333…, 15 significant digits 95.3333333333333, shown to two decimals 95.33
    expect(problems.map((p) => [p.code, p.at.row, p.args])).toEqual([['cell_shown_differs', 2, { reason: 'rounded', shown: '95.33', stored: '95.3333333333333' }]]);
    // neither typing the number shown nor 常规 mends a formula: the advice names ROUND
    expect(formatProblem(problems[0]!)).toContain('=ROUND(');
  });

  it('reads 互评 typed as 95% as the 95% it shows, which is no score on the 0–100 scale', async () => {
    const peer = peerRows.map((r, i) => (i === 1 ? [r[0], r[1], formatted(0.95, '0%')] : r));
    const path = await monthWith({ 人员: rosterRows, 记录: [recordHeader], 互评: peer });
    expect((await problemsOf(path)).map((p) => [p.code, p.at.sheet, p.at.row, p.args.value])).toEqual([['number_invalid', '互评', 2, '95%']]);
  });

  it('reads 办结率 0.98 formatted 0% as 98%, and refuses 0.965 shown as 97%', async () => {
    const roster = [
      ['工号', '姓名', '窗口', '类别'],
      ['001', '张三', '审批科', '公务员'],
      ['002', '李四', '审批科', '事业'],
    ];
    const metrics = (second: Formatted) => [['工号', '指标', '数值'], ['001', '办结率', '96%'], ['002', '办结率', second]];
    const good = await monthWith({ 人员: roster, 记录: [recordHeader], 指标: metrics(formatted(0.98, '0%')) }, '2026-H2.xlsx');
    // 95 without an innovation; 李四 98%: 2 points below 100 at −0.5 a point, −1 → 94
    expect(await totalOf(good, '002', { scheme: 'bingcha-halfyear', period: '2026-H2' })).toBe(94);
    const rounded = await monthWith({ 人员: roster, 记录: [recordHeader], 指标: metrics(formatted(0.965, '0%')) }, '2026-H2.xlsx');
    const problems = await problemsOf(rounded, 'bingcha-halfyear');
    // 96.5% shown as 97%; the row then has no value, so 李四's 办结率 is missing too, as with any fault
    expect(problems.map((p) => [p.code, p.at.sheet, p.at.row, p.at.column, p.args])).toEqual([
      ['metric_missing', '指标', undefined, undefined, { subject: '002', item: '办结率' }],
      ['cell_shown_differs', '指标', 3, '数值', { reason: 'rounded', shown: '97%', stored: '0.965' }],
    ]);
  });

  it('finds 李四, ZW0002 on the roster, by a record whose 工号 is 2 formatted "ZW"0000 (shown ZW0002)', async () => {
    const path = await monthWith({
      人员: [rosterRows[0]!, rosterRows[1]!, ['ZW0002', '李四', '社保窗口'], rosterRows[3]!],
      记录: [recordHeader, ['2026-10-05', formatted(2, '"ZW"0000'), null, null, '7.1', null, 4, null, null]],
      互评: peerRows,
    });
    // 李四 of 社保窗口, a complaint (7.1) of 4 points: 100 − 4 = 96
    expect(await totalOf(path, '社保窗口')).toBe(96);
  });

  it('reads 办结率 0.96 formatted 0.00"%" as the 0.96% it shows, not as 96%', async () => {
    const roster = [
      ['工号', '姓名', '窗口', '类别'],
      ['001', '张三', '审批科', '公务员'],
      ['002', '李四', '审批科', '事业'],
    ];
    const metrics = [['工号', '指标', '数值'], ['001', '办结率', '96%'], ['002', '办结率', formatted(0.96, '0.00"%"')]];
    const path = await monthWith({ 人员: roster, 记录: [recordHeader], 指标: metrics }, '2026-H2.xlsx');
    // 95 without an innovation; 李四 0.96%: (100 − 0.96) × 0.5 = 49.52 points, cut to the
    // 办结率 item's 10 (扣完为止): 95 − 10 = 85 (read as 96% it would be 95 − 2 = 93)
    expect(await totalOf(path, '002', { scheme: 'bingcha-halfyear', period: '2026-H2' })).toBe(85);
  });

  it('leaves a formatted number alone in a column nobody reads', async () => {
    const path = await monthWith({
      人员: rosterRows,
      记录: [
        [...recordHeader, '备用'],
        ['2026-10-05', '002', null, null, '7.1', null, 4, null, null, formatted(4.4, '0')],
      ],
      互评: peerRows,
    });
    // the 备用 column is no column of 记录: 4.4 shown as 4 there is nobody's value; 100 − 4 = 96
    expect(await totalOf(path, '社保窗口')).toBe(96);
  });
});

describe('a legacy .xls read through SheetJS, which gives each number its format code', () => {
  async function xlsWith(sheets: Record<string, (string | number | null | Formatted)[][]>): Promise<string> {
    const XLSX = await import('@e965/xlsx');
    const book = XLSX.utils.book_new();
    for (const [name, rows] of Object.entries(sheets)) {
      const plain = rows.map((r) => r.map((v) => (v !== null && typeof v === 'object' ? v.value : v)));
      const sheet = XLSX.utils.aoa_to_sheet(plain);
      rows.forEach((r, ri) =>
        r.forEach((v, ci) => {
          if (v !== null && typeof v === 'object') (sheet[XLSX.utils.encode_cell({ r: ri, c: ci })] as import('@e965/xlsx').CellObject).z = v.numFmt;
        }),
      );
      XLSX.utils.book_append_sheet(book, sheet, name);
    }
    const path = join(tempDir(), '2026-10.xls');
    writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    return path;
  }

  /** A fault beside its row as said where its column is used: the column, the code and its args. */
  const said = (path: string, { column, fault }: RowFault) => {
    const { code, args } = faultProblem(fault, { file: path, sheet: 'S' });
    return [column, code, args];
  };

  it('gives 0001, the number, 95% and a fault as the .xlsx reader does, the fault beside its row', async () => {
    const path = await xlsWith({ S: [[formatted(1, '0000'), formatted(4.5, '0.0'), formatted(0.95, '0%'), formatted(4.4, '0'), 4.4]] });
    const source = (await xlsSource(path)) as SheetSource;
    const seen: unknown[] = [];
    await source.rows('S', (r, faults) => seen.push([r.cells, faults.map((f) => said(path, f))]));
    expect(seen).toEqual([[['0001', 4.5, '95%', undefined, 4.4], [[3, 'cell_shown_differs', { reason: 'rounded', shown: '4', stored: '4.4' }]]]]);
  });

  it('reads 2.0000000000000004 in General as the 2 shown, as the .xlsx reader does', async () => {
    const path = await xlsWith({ S: [[2.0000000000000004, 0.1 + 0.2]] });
    const source = (await xlsSource(path)) as SheetSource;
    const seen: unknown[] = [];
    await source.rows('S', (r) => seen.push(r.cells));
    // 15 significant digits: 2.00000000000000 is 2, 0.300000000000000 is 0.3
    expect(seen).toEqual([[2, 0.3]]);
  });

  it('refuses a date shown without its day (yyyy"年"m"月", dddd) as the .xlsx reader does, and reads one shown with it', async () => {
    // 46303 is 2026-10-08: 2026年10月 and 星期四 name no day of October; 2026/10/8 does
    const path = await xlsWith({ S: [[formatted(46303, 'yyyy"年"m"月"'), formatted(46303, 'dddd'), formatted(46303, 'yyyy/m/d')]] });
    const source = (await xlsSource(path)) as SheetSource;
    const seen: unknown[] = [];
    await source.rows('S', (r, faults) => seen.push([r.cells.map((c) => (c === undefined ? c : String(c))), faults.map((f) => said(path, f))]));
    const dayless = (format: string) => ({ format, date: '2026-10-08', stored: '46303' });
    // dddd is the weekday-only fault, said as a format kaohe does not render (as aaaa)
    expect(seen).toEqual([[[undefined, undefined, '2026-10-08'], [[0, 'date_format_without_day', dayless('yyyy"年"m"月"')], [1, 'cell_shown_differs', { reason: 'format', format: 'dddd', stored: '46303' }]]]]);
  });

  it('reads ZW0001, 0.5%, zero shown as a dash and 0.50元/分 as the .xlsx reader does', async () => {
    const accounting = '_(* #,##0_);_(* \\(#,##0\\);_(* "-"_);_(@_)';
    const path = await xlsWith({ S: [[formatted(1, '"ZW"0000'), formatted(0.5, '0.0"%"'), formatted(0, accounting), formatted(0.5, '0.00"元/分"')]] });
    const source = (await xlsSource(path)) as SheetSource;
    const seen: unknown[] = [];
    await source.rows('S', (r, faults) => seen.push([r.cells, faults.length]));
    // 1 shows ZW0001, 0.5 shows 0.5%, 0 shows -, 0.5 shows 0.50元/分: no fault
    expect(seen).toEqual([[['ZW0001', '0.5%', 0, 0.5], 0]]);
  });

  it('scores a month saved as .xls with a padded 工号 and refuses 分值 4.4 shown as 4 at its cell', async () => {
    const roster = [rosterRows[0]!, rosterRows[1]!, [formatted(2, '000'), '李四', '社保窗口'], rosterRows[3]!] as (string | number | null | Formatted)[][];
    const good = await xlsWith({ 人员: roster, 记录: [recordHeader, ['2026-10-05', '002', null, null, '7.1', null, formatted(4, '0'), null, null]], 互评: peerRows as (string | number)[][] });
    // 李四 002 of 社保窗口, complaint 4: 100 − 4 = 96
    expect(await totalOf(good, '社保窗口')).toBe(96);
    const bad = await xlsWith({ 人员: roster, 记录: [recordHeader, ['2026-10-05', '002', null, null, '7.1', null, formatted(4.4, '0'), null, null]], 互评: peerRows as (string | number)[][] });
    expect((await problemsOf(bad)).map((p) => [p.code, p.at.sheet, p.at.row, p.at.column, p.args])).toEqual([['cell_shown_differs', '记录', 2, '分值', { reason: 'rounded', shown: '4', stored: '4.4' }]]);
  });
});

describe('an export’s time cell holding a number shown in 0.00', () => {
  it('is said as a number shown, no time, as the same number under General is: not as a rounding to undo', async () => {
    const dir = tempDir();
    const roster = await writeRoster(dir, [['0001', '甲一', '民政窗口']]);
    const head = row(1, [cell.text('A1', '人员编号'), cell.text('B1', '姓名'), cell.text('C1', '刷卡日期'), cell.text('D1', '刷卡时间')]);
    const punch = (r: number, n: number, style?: number) => row(r, [cell.text(`A${r}`, '0001'), cell.text(`B${r}`, '甲一'), cell.text(`C${r}`, '2026-11-02'), cell.number(`D${r}`, n, style)]);
    // 07:56 is 476/1440 = 0.330555…, shown 0.33 in 0.00 (style 1); 11:37 is 697/1440 = 0.484027…, in General.
    const path = await writeRawXlsx(join(dir, '刷卡记录.xlsx'), { sheets: [{ name: '刷卡记录', rows: head + punch(2, 476 / 1440, 1) + punch(3, 697 / 1440) }], formats: ['0.00'] });
    const error = (await runAttendance(path, { roster, scheme: 'bianmin-10pt', period: '2026-11' }).catch((e: unknown) => e)) as InputError;
    expect(error).toBeInstanceOf(InputError);
    // General shows 10 significant digits: 0.484027778.
    expect(error.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.value])).toEqual([
      ['time_plain_number', 2, 'D', '0.33'],
      ['time_plain_number', 3, 'D', '0.484027778'],
    ]);
  });
});
