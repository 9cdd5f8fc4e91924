import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readlinkSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalDateTime } from '../src/core/dates.js';
import { columnLetter } from '../src/read/table.js';
import { CellFault, Workbook, WorkbookFileError, type RawCell } from '../src/read/xlsx.js';
import { openGuardedZip } from '../src/read/zip-guard.js';
import { cell, rawXlsxBuffer, row, writeRawXlsx, type RawWorkbook } from './raw-xlsx.js';
import { tempDir, writeWorkbook } from './workbook.js';

/** Every row of one sheet as [row number, cells] with holes as undefined. */
async function rowsOf(path: string, sheet = 0): Promise<[number, (RawCell | undefined)[]][]> {
  const book = await Workbook.open(path);
  try {
    const rows: [number, (RawCell | undefined)[]][] = [];
    const problems = await book.readSheet(book.sheets[sheet]!, { onRow: (r) => void rows.push([r.row, r.cells]) });
    expect(problems).toEqual([]);
    return rows;
  } finally {
    book.close();
  }
}

/** The descriptor this process has open on `path` (Linux: /proc/self/fd). */
function descriptorOf(path: string): number {
  const found = readdirSync('/proc/self/fd').find((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  });
  if (found === undefined) throw new Error(`${path} is not open`);
  return Number(found);
}

const write = (book: RawWorkbook) => writeRawXlsx(join(tempDir(), 'book.xlsx'), book);
const one = (rows: string, extra: Omit<RawWorkbook, 'sheets'> = {}) => write({ sheets: [{ name: 'S', rows }], ...extra });
const day = (y: number, m: number, d: number, shows: 'date' | 'datetime' = 'date', seconds = 0) => new LocalDateTime(y, m, d, seconds, shows);
const time = (h: number, m: number, s = 0) => new LocalDateTime(0, 0, 0, h * 3600 + m * 60 + s, 'time');

describe('cell values as Excel shows them', () => {
  it('reads shared strings, inline strings, rich text without phonetic guides, booleans and numbers', async () => {
    const rich = '<c r="C1" t="inlineStr"><is><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh sb="0" eb="1"><t>ZHANG</t></rPh></is></c>';
    const path = await one(row(1, [cell.shared('A1', 1), cell.text('B1', ' 007 '), rich, cell.boolean('D1', true), cell.boolean('E1', false), cell.number('F1', 1.5), cell.number('G1', -2e-3), cell.text('H1', '行一_x000D_行二')]), {
      sharedStrings: ['未用', '民政&窗口'],
    });
    expect(await rowsOf(path)).toEqual([[1, ['民政&窗口', ' 007 ', '张三', true, false, 1.5, -0.002, '行一\r行二']]]);
  });

  it('reads sheets whose elements carry a namespace prefix (x:row, x:c)', async () => {
    const path = await one(row(1, [cell.text('A1', '工号'), cell.number('B1', 3)]) + row(2, [cell.text('A2', '001')]), { prefix: 'x' });
    expect(await rowsOf(path)).toEqual([
      [1, ['工号', 3]],
      [2, ['001']],
    ]);
  });

  it('keeps a Chinese name intact when the XML arrives in many inflated chunks', async () => {
    // 4,000 distinct three-byte names: far more XML than one inflated chunk
    const names = Array.from({ length: 4000 }, (_, i) => `张${String.fromCharCode(0x4e00 + (i % 2000))}${String.fromCharCode(0x5000 + Math.floor(i / 2000))}窗口`);
    const path = await writeWorkbook(join(tempDir(), 'names.xlsx'), { 人员: names.map((n) => [n]) });
    expect((await rowsOf(path)).map(([, cells]) => cells[0])).toEqual(names);
  });

  it('reads every row tag whole where an inflated chunk ends inside one (spans, x14ac:dyDescent)', async () => {
    // 30,000 rows of ~90 bytes, half of it the row tag: ten chunk ends, each inside a tag or a cell
    const path = await writeWorkbook(join(tempDir(), 'rows.xlsx'), { 考勤: Array.from({ length: 30_000 }, (_, i) => [i % 7 === 0 ? null : i]) });
    const rows = await rowsOf(path);
    expect(rows.length).toBe(30_000 - Math.ceil(30_000 / 7));
    expect(rows.every(([r, cells]) => r % 7 !== 1 && cells[0] === r - 1)).toBe(true);
  });

  it('reads rows longer than an inflated chunk, whose ends the quick path meets inside a row', async () => {
    // 3 rows of 16,000 cells, ~30 bytes each: every chunk of 256 KB ends inside a row, in a cell or a tag
    const width = 16_000;
    const value = (r: number, c: number) => (r * 7 + c) % 1000;
    const wide = [1, 2, 3].map((r) => row(r, Array.from({ length: width }, (_, c) => (c % 5 === 4 ? cell.empty(`${columnLetter(c)}${r}`) : cell.number(`${columnLetter(c)}${r}`, value(r, c), c % 3)))));
    const path = await one(wide.join(''), { formats: ['General', '0.00', '0%'] });
    const rows = await rowsOf(path);
    expect(rows.map(([r]) => r)).toEqual([1, 2, 3]);
    for (const [r, cells] of rows) {
      const expected: number[] = [];
      for (let c = 0; c < width; c++) if (c % 5 !== 4) expected[c] = value(r, c);
      expect(cells).toEqual(expected);
    }
  });

  it('gives an error value (#N/A) and a value that does not parse as faults, not text', async () => {
    const path = await one(row(1, [cell.error('A1', '#N/A'), '<c r="B1"><v>0x2</v></c>', '<c r="C1" t="b"><v>yes</v></c>']));
    expect(await rowsOf(path)).toEqual([[1, [new CellFault('error_value', 1, 0, '#N/A'), new CellFault('unreadable', 1, 1, '0x2'), new CellFault('unreadable', 1, 2, 'yes')]]]);
  });

  it('gives a text whose bytes are not UTF-8 as a fault with what it reads as, shared or inline, and keeps a real U+FFFD', async () => {
    // 何娟 written with 娟 in GBK (BE EA), unconverted: Excel will not open the part as it is;
    // decoded it reads 何 and a U+FFFD for each of the two bytes. 张三 and a typed � are fine.
    const notUtf8 = (before: string, after: string) => Buffer.concat([Buffer.from(`${before}何`), Buffer.from([0xbe, 0xea]), Buffer.from(after)]);
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    // The shared strings and the sheet are given as bytes, whole.
    const path = await one('', {
      sharedStrings: ['张三', '何娟', '\ufffd号'],
      extra: {
        'xl/sharedStrings.xml': Buffer.concat([Buffer.from(`<sst xmlns="${ns}" count="3"><si><t>张三</t></si>`), notUtf8('<si><t>', '</t></si>'), Buffer.from('<si><t>\ufffd号</t></si></sst>')]),
        'xl/worksheets/sheet1.xml': notUtf8(
          `<worksheet xmlns="${ns}"><sheetData>${row(1, [cell.shared('A1', 0), cell.shared('B1', 1), cell.shared('C1', 2), '<c r="D1" t="inlineStr"><is><t>'])}`.replace('</row>', ''),
          '</t></is></c><c r="E1" t="str"><f>A1</f><v>张三</v></c></row></sheetData></worksheet>',
        ),
      },
    });
    expect(await rowsOf(path)).toEqual([[1, ['张三', new CellFault('not_utf8', 1, 1, '何\ufffd\ufffd'), '\ufffd号', new CellFault('not_utf8', 1, 3, '何\ufffd\ufffd'), '张三']]]);
  });

  it('allocates nothing for empty and merely formatted cells, and nothing before a far value', async () => {
    const path = await one(row(1, [cell.empty('A1'), cell.text('B1', 'x'), cell.empty('XFD1')]) + row(2, [cell.empty('A2'), cell.empty('XFD2')]) + row(3, [cell.text('XFD3', '远')]));
    const rows = await rowsOf(path);
    expect(rows.map(([r]) => r)).toEqual([1, 3]);
    expect(rows[0]![1]).toEqual([undefined, 'x']);
    const far = rows[1]![1];
    expect(far.length).toBe(16384);
    expect(Object.keys(far)).toEqual(['16383']);
  });
});

describe('dates and times, independent of time zone and locale', () => {
  // style 1 = 14 (a date), 2 = 22 (date and time), 3 = 20 (h:mm)
  const formats = [14, 22, 20];

  it("counts the 1900 system's fictitious 29 February: serials 1, 59, 60, 61 are 1900-01-01, 02-28, \"02-29\", 03-01", async () => {
    const path = await one(row(1, [cell.number('A1', 1, 1), cell.number('B1', 59, 1), cell.number('C1', 60, 1), cell.number('D1', 61, 1), cell.number('E1', 0, 1)]), { formats });
    const cells = (await rowsOf(path))[0]![1];
    expect(cells.map(String)).toEqual(['1900-01-01', '1900-02-28', '1900-02-29', '1900-03-01', '1900-01-00']);
    // the fictitious day and day 0 are no calendar date
    expect(cells.map((c) => (c as LocalDateTime).date)).toEqual(['1900-01-01', '1900-02-28', null, '1900-03-01', null]);
  });

  it('reads 2026-10-05 08:30 as serial 46300.3541… in 1900 and as 44838.3541… in 1904', async () => {
    // 2026-10-05 is 46300 days after 1899-12-30; the 1904 system starts 1,462 days later
    const at = 46300 + (8 * 60 + 30) / 1440;
    const in1900 = await one(row(1, [cell.number('A1', at, 2), cell.number('B1', 46300, 1), cell.number('C1', (8 * 60 + 30) / 1440, 3)]), { formats });
    const in1904 = await one(row(1, [cell.number('A1', at - 1462, 2), cell.number('B1', 46300 - 1462, 1), cell.number('C1', (8 * 60 + 30) / 1440, 3)]), { formats, date1904: true });
    const expected = [day(2026, 10, 5, 'datetime', 8 * 3600 + 30 * 60), day(2026, 10, 5), time(8, 30)];
    expect((await rowsOf(in1900))[0]![1]).toEqual(expected);
    expect((await rowsOf(in1904))[0]![1]).toEqual(expected);
  });

  it('reads t="d" cells as the digits they hold, whatever zone suffix they carry', async () => {
    const isos = ['2026-10-05', '2026-10-05T00:00:00', '2026-10-05T00:00:00Z', '2026-10-05T00:00:00.000+08:00', '2026-10-05T00:00:00-05:00'];
    const path = await one(row(1, isos.map((iso, i) => cell.isoDate(`${'ABCDE'[i]}1`, iso, 1))) + row(2, [cell.isoDate('A2', '2026-10-05T23:59:30Z', 2), cell.isoDate('B2', '2026-10-05T08:30:00', 3)]), { formats });
    const rows = await rowsOf(path);
    expect(rows[0]![1]).toEqual(isos.map(() => day(2026, 10, 5)));
    // 23:59:30 in built-in 22 (yyyy/m/d h:mm), which shows no seconds: 2026/10/5 23:59, read as shown
    expect(rows[1]![1]).toEqual([day(2026, 10, 5, 'datetime', 23 * 3600 + 59 * 60), time(8, 30)]);
  });

  it('knows the built-in date and time formats of the Chinese locale by id', async () => {
    // 27 yyyy"年"m"月", 31 yyyy"年"m"月"d"日", 32 h"时"mm"分", 55 上午/下午h"时"mm"分", 58 m"月"d"日"
    const path = await one(row(1, [1, 2, 3, 4, 5].map((s, i) => cell.number(`${'ABCDE'[i]}1`, 46300.75, s))), { formats: [27, 31, 32, 55, 58] });
    // 27 shows 2026年10月: no day, a fault (see 'dates shown without their day')
    expect((await rowsOf(path))[0]![1].map((c) => (c instanceof CellFault ? c.kind : String(c)))).toEqual(['date_without_day', '2026-10-05', '18:00', '18:00', '2026-10-05']);
  });

  it('dates shown without their day: a format of year and month, year, month or weekday only is a fault naming the date stored', async () => {
    // 46303 is 2026-10-08 (serial 46300 is 2026-10-05); each shows 2026年10月, Oct-26, 10/2026, 2026, 10月, 2026年10月, 2026-10 0:00, Thu 0:00
    const dayless = ['yyyy"年"m"月"', 'mmm-yy', 'mm/yyyy', 'yyyy', 'm"月"', '[$-804]yyyy"年"m"月";@', 'yyyy-mm h:mm', 'ddd h:mm'];
    const path = await one(row(1, dayless.map((_, i) => cell.number(`${String.fromCharCode(65 + i)}1`, 46303, i + 1))), { formats: dayless });
    expect((await rowsOf(path))[0]![1]).toEqual(dayless.map((code, i) => new CellFault('date_without_day', 1, i, code, '46303', '', new LocalDateTime(2026, 10, 8, 0, 'date'))));
    // the weekday alone (ddd 周四, dddd 星期四) is a weekday-only fault, as aaaa is
    const weekday = await one(row(1, [cell.number('A1', 46303, 1), cell.number('B1', 46303, 2)]), { formats: ['ddd', 'dddd'] });
    expect((await rowsOf(weekday))[0]![1].map((c) => (c as CellFault).kind)).toEqual(['weekday_only', 'weekday_only']);
    // the day shown, alone or with the weekday, month name or year: a date as before
    const withDay = ['yyyy/m/d', 'm"月"d"日"', 'd-mmm', 'yyyy"年"m"月"d"日"', 'dddd yyyy-mm-dd', 'dd'];
    const shown = await one(row(1, withDay.map((_, i) => cell.number(`${String.fromCharCode(65 + i)}1`, 46303, i + 1))), { formats: withDay });
    expect((await rowsOf(shown))[0]![1].map(String)).toEqual(withDay.map(() => '2026-10-08'));
  });

  it('detects custom date and time formats past quoted text, locale and colour brackets and escapes', async () => {
    const codes = ['yyyy"年"m"月"d"日"', '[$-804]上午/下午h"时"mm"分"', '[h]:mm', '[DBNum1][$-804]yyyy"年"m"月"d"日"', '[Red]yyyy\\-mm\\-dd', 'h:mm AM/PM;@', '0.00E+00', '#,##0.00"元"', '@', 'General', '"m"0'];
    const path = await one(row(1, codes.map((_, i) => cell.number(`${String.fromCharCode(65 + i)}1`, 1.5, i + 1))), { formats: codes });
    // Not dates: 1.5 shows as 1.50E+00 (a fault: kaohe does not render it), 1.50元 (1.5 with a
    // unit), m2 (rounded: a fault), and 1.5 in @ and General.
    const shown = (await rowsOf(path))[0]![1].map((c) => (c instanceof CellFault ? c.kind : String(c)));
    expect(shown).toEqual(['1900-01-01', '12:00', '36:00', '1900-01-01', '1900-01-01', '12:00', 'number_format_unknown', '1.5', '1.5', '1.5', 'number_rounded']);
  });

  it('shows a serial out of Excel\'s range (negative) as the #### it is, a fault', async () => {
    const path = await one(row(1, [cell.number('A1', -1, 1)]), { formats });
    expect((await rowsOf(path))[0]![1]).toEqual([new CellFault('error_value', 1, 0, '########')]);
  });
});

describe('formulas', () => {
  it('reads the cached result, a saved 0 included, and an empty text result as empty', async () => {
    const path = await one(row(1, [cell.formula('A1', 'B1-B1', '0'), cell.formula('B1', '1+1', '2'), cell.formula('C1', 'IF(1,"","x")', '', 'str'), cell.formula('D1', '"民"&"政"', '民政', 'str'), cell.formula('E1', '1=1', '1', 'b')]));
    expect(await rowsOf(path)).toEqual([[1, [0, 2, undefined, '民政', true]]]);
  });

  it('makes a formula with no cached result or an empty one a fault, never 0 or blank', async () => {
    const path = await one(row(1, [cell.formula('A1', 'B1*2'), cell.formula('B1', 'C1+1', '')]));
    expect(await rowsOf(path)).toEqual([[1, [new CellFault('formula_without_result', 1, 0, 'B1*2'), new CellFault('formula_without_result', 1, 1, 'C1+1')]]]);
  });

  it('does not trust the cached result of a formula calling TODAY, NOW, RAND, RANDBETWEEN or RANDARRAY: Excel shows a new one each time it opens the file', async () => {
    const volatile = ['TODAY()', 'NOW()-1', 'RANDBETWEEN(1,3)', 'rand()*2', '_xlfn.RANDARRAY(1)', 'IF(A2>0, TODAY (), 0)'];
    // Not volatile: NOW inside quotes, a name ending in NOW (KNOW is no function here), DATE.
    const steady = ['"NOW()"', 'KNOW(1)', 'DATE(2026,10,5)'];
    const formulas = [...volatile, ...steady];
    const path = await one(row(1, formulas.map((f, i) => cell.formula(`${String.fromCharCode(65 + i)}1`, f, '3'))));
    expect(await rowsOf(path)).toEqual([[1, [...volatile.map((f, i) => new CellFault('formula_volatile', 1, i, f)), 3, 3, 3]]]);
  });

  it('knows a shared formula calling TODAY in every cell that shares it', async () => {
    // B1 holds the group's text (TODAY()-A1); B2 shares it with no text of its own.
    const path = await one(row(1, ['<c r="B1"><f t="shared" ref="B1:B2" si="0">TODAY()-A1</f><v>46300</v></c>']) + row(2, ['<c r="B2"><f t="shared" si="0"/><v>46301</v></c>']));
    expect(await rowsOf(path)).toEqual([
      [1, [undefined, new CellFault('formula_volatile', 1, 1, 'TODAY()-A1')]],
      [2, [undefined, new CellFault('formula_volatile', 2, 1, 'TODAY()-A1')]],
    ]);
  });

  it('does not trust cached values in a workbook that asks to be recalculated on opening (fullCalcOnLoad)', async () => {
    const path = await one(row(1, [cell.formula('A1', 'B1*2', '0'), cell.number('B1', 5)]), { fullCalcOnLoad: true });
    expect(await rowsOf(path)).toEqual([[1, [new CellFault('formula_recalculated_on_load', 1, 0, 'B1*2'), 5]]]);
  });
});

describe('merged cells: the first column of every covered row reads the value, the other columns read empty', () => {
  it('fills a vertical merge down, clears a horizontal one, and makes up covered rows missing from the XML', async () => {
    const rows =
      row(1, [cell.text('A1', '姓名'), cell.text('B1', '日期'), cell.text('C1', '时间')]) +
      row(2, [cell.text('A2', '张三'), cell.text('B2', '10-05'), cell.text('C2', '08:01')]) +
      row(3, [cell.text('A3', '旧值'), cell.text('C3', '11:32')]) +
      // row 4 is absent: only the merge covers it
      row(5, [cell.text('C5', '17:31')]) +
      row(6, [cell.text('A6', '备注跨三列'), cell.text('B6', '被盖住的值'), cell.text('D6', '右边')]);
    const path = await write({ sheets: [{ name: 'S', rows, merges: ['A2:A5', 'B2:B3', 'A6:C6', 'A7:A9'] }] });
    expect(await rowsOf(path)).toEqual([
      [1, ['姓名', '日期', '时间']],
      [2, ['张三', '10-05', '08:01']],
      [3, ['张三', '10-05', '11:32']],
      [4, ['张三']],
      [5, ['张三', undefined, '17:31']],
      // A7:A9 lies below the last row with a value of its own: outside the data, nothing made up
      [6, ['备注跨三列', undefined, undefined, '右边']],
    ]);
  });
});

describe('bounds', () => {
  it('stops a sheet at a reference past column XFD or row 1,048,576 with a problem naming it', async () => {
    for (const ref of ['XFE1', 'A1048577']) {
      const path = await one(row(1, [cell.text('A1', '工号')]) + `<row r="2"><c r="${ref}"><v>1</v></c></row>`);
      const book = await Workbook.open(path);
      const seen: number[] = [];
      const problems = await book.readSheet(book.sheets[0]!, { onRow: (r) => void seen.push(r.row) });
      book.close();
      expect(problems.map((p) => [p.code, p.at.sheet, p.args.ref])).toEqual([['cell_out_of_bounds', 'S', ref]]);
      expect(seen).toEqual([1]);
    }
  });

  it('lists sheets with their visibility and reads a head of rows without reading on', async () => {
    const many = Array.from({ length: 100 }, (_, i) => row(i + 1, [cell.number(`A${i + 1}`, i + 1)])).join('');
    const path = await write({ sheets: [{ name: '数据', rows: many }, { name: '旧数据', rows: '', state: 'hidden' }, { name: '代码表', rows: '', state: 'veryHidden' }] });
    const book = await Workbook.open(path);
    expect(book.sheets.map((s) => [s.name, s.visibility])).toEqual([
      ['数据', 'visible'],
      ['旧数据', 'hidden'],
      ['代码表', 'veryHidden'],
    ]);
    const { rows } = await book.head(book.sheets[0]!, 30);
    book.close();
    expect(rows.map((r) => r.cells[0])).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('refuses a part that inflates to more or less than the zip directory declares', async () => {
    const bytes = await rawXlsxBuffer({ sheets: [{ name: 'S', rows: row(1, [cell.text('A1', '工号')]) }] });
    for (const change of [-1, 1]) {
      const tampered = Buffer.from(bytes);
      // the central directory record of the sheet: its uncompressed size is at offset 24
      const record = tampered.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), tampered.lastIndexOf('xl/worksheets/sheet1.xml') - 46);
      tampered.writeUInt32LE(tampered.readUInt32LE(record + 24) + change, record + 24);
      const path = join(tempDir(), 'tampered.xlsx');
      writeFileSync(path, tampered);
      const book = await Workbook.open(path);
      await expect(book.readSheet(book.sheets[0]!, { onRow: () => undefined })).rejects.toMatchObject({
        problem: { code: 'file_unreadable', at: { sheet: 'S' }, args: { reason: 'damaged', fault: change < 0 ? 'part_longer' : 'part_shorter', ref: 'xl/worksheets/sheet1.xml' } },
      });
      book.close();
    }
  });

  it('reads a workbook whose parts are stored uncompressed as it reads the same one deflated', async () => {
    const rows = row(1, [cell.shared('A1', 0), cell.number('B1', 7)]) + row(2, [cell.text('A2', '张三')]);
    const book = (compression: 'DEFLATE' | 'STORE') => write({ sheets: [{ name: 'S', rows }], sharedStrings: ['工号'], compression });
    const expected = [
      [1, ['工号', 7]],
      [2, ['张三']],
    ];
    expect(await rowsOf(await book('STORE'))).toEqual(expected);
    expect(await rowsOf(await book('DEFLATE'))).toEqual(expected);
  });

  it('refuses a part of a closed zip, leaving alone the file that has its descriptor number since', async () => {
    const path = await one(row(1, [cell.number('A1', 1)]));
    const zip = await openGuardedZip(path);
    const descriptor = descriptorOf(path);
    zip.close();
    // The descriptor is closed on the thread pool: wait for it, then open files until one is given its number.
    for (let turn = 0; turn < 1000 && existsSync(`/proc/self/fd/${descriptor}`); turn++) await new Promise((resolve) => setImmediate(resolve));
    const other = join(tempDir(), 'other.txt');
    writeFileSync(other, 'not a zip');
    const opened: number[] = [];
    try {
      while (!opened.includes(descriptor) && opened.length < 64) opened.push(openSync(other, 'r'));
      await expect(zip.open('xl/worksheets/sheet1.xml')).rejects.toThrow('closed');
      // (Only if no other code of this process took the number first, as nothing here should.)
      if (opened.includes(descriptor)) {
        const bytes = Buffer.alloc(9);
        expect(readSync(descriptor, bytes, 0, 9, 0)).toBe(9);
        expect(bytes.toString()).toBe('not a zip');
      }
    } finally {
      for (const fd of opened) closeSync(fd);
    }
  });

  it('reads a part opened before the zip was closed to its end, then lets its descriptor go', async () => {
    const path = await one(row(1, [cell.number('A1', 7)]));
    const zip = await openGuardedZip(path);
    const descriptor = descriptorOf(path);
    const part = await zip.open('xl/worksheets/sheet1.xml');
    zip.close();
    // The part still holds the descriptor: a file opened now gets another number.
    const other = openSync(path, 'r');
    try {
      expect(other).not.toBe(descriptor);
    } finally {
      closeSync(other);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of part!) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toContain('<c r="A1"><v>7</v></c>');
    for (let turn = 0; turn < 1000 && existsSync(`/proc/self/fd/${descriptor}`); turn++) await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(`/proc/self/fd/${descriptor}`)).toBe(false);
  });

  it('refuses a named pipe at once instead of waiting on it, also through its own API', async () => {
    const fifo = join(tempDir(), '2026-10.xlsx');
    execFileSync('mkfifo', [fifo]);
    const error = await Workbook.open(fifo).catch((e: unknown) => e);
    expect(error instanceof WorkbookFileError && [error.problem.code, error.problem.args]).toEqual(['file_not_regular', { kind: 'fifo' }]);
  });
});
