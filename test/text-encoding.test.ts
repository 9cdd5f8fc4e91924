import { isUtf8 } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { openExport } from '../src/import/open.js';
import { readExports } from '../src/import/read-exports.js';
import { parseCsv, readCsv } from '../src/read/csv.js';
import type { RawRow } from '../src/read/table.js';
import { tempDir } from './workbook.js';

/**
 * Text files in UTF-16 (Excel's "Unicode 文本(*.txt)": UTF-16LE with a BOM, tab-separated; some
 * clock software) read as the same rows as the UTF-8 and GBK CSV of the same table. Invented
 * people: 张一 (0001), 李二 (0002).
 */

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
/** UTF-16BE: the LE bytes of each code unit swapped. */
const utf16be = (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);

const rowsOf = (bytes: Uint8Array) => parseCsv(bytes, 'in.txt', '记录');

describe('UTF-16 text', () => {
  const table = [
    ['日期', '工号', '姓名', '说明'],
    ['2026-10-05', '0001', '张一', '迟到,已补假'],
    ['2026-10-06', '0002', '李二', ''],
  ];
  // by hand: every line is a row numbered from 1; the empty 说明 is no value
  const expected: RawRow[] = [
    { row: 1, cells: ['日期', '工号', '姓名', '说明'] },
    { row: 2, cells: ['2026-10-05', '0001', '张一', '迟到,已补假'] },
    { row: 3, cells: ['2026-10-06', '0002', '李二', null] },
  ];
  const tabbed = table.map((r) => r.join('\t')).join('\r\n') + '\r\n';
  const csv = table.map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\r\n') + '\r\n';

  it('reads UTF-16LE and UTF-16BE tab text (BOM) as the UTF-8 and GBK CSV of the same table', () => {
    expect(rowsOf(Buffer.from(csv))).toEqual({ table: { file: 'in.txt', sheet: '记录', rows: expected }, problems: [] });
    expect(rowsOf(iconv.encode(csv, 'gbk')).table?.rows).toEqual(expected);
    // the tab, not the comma inside 迟到,已补假, is the delimiter: the header line has three tabs and no comma
    expect(rowsOf(utf16le(tabbed)).table?.rows).toEqual(expected);
    expect(rowsOf(utf16be(tabbed)).table?.rows).toEqual(expected);
  });

  it('refuses a UTF-16 cell that does not decode, at its line and column', () => {
    // line 3's 姓名 is 李 followed by a lone high surrogate (D800): it reads 李�
    const bytes = Buffer.concat([utf16le('日期\t工号\t姓名\r\n2026-10-05\t0001\t张一\r\n2026-10-06\t0002\t李'), Buffer.from([0x00, 0xd8]), Buffer.from('\r\n', 'utf16le')]);
    const read = rowsOf(bytes);
    expect(read.table).toBeNull();
    expect(read.problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.value, p.args.encoding])).toEqual([['csv_cell_undecodable', 3, 'C', '李\ufffd', 'utf-16le']]);
  });

  it('refuses UTF-16 without a BOM, naming it, rather than guess its byte order', async () => {
    const path = join(tempDir(), '考勤.csv');
    writeFileSync(path, Buffer.from(tabbed, 'utf16le'));
    const read = await readCsv(path);
    expect(read.table).toBeNull();
    expect(read.problems.map((p) => [p.code, p.at.file, p.at.sheet])).toEqual([['text_utf16_unmarked', path, '考勤']]);
  });

  it('refuses UTF-16 without a BOM also when a character of it has a zero byte on the other side (一 is U+4E00)', () => {
    // 张一,一 in UTF-16LE: 一 is 00 4E (zero at an even offset), the comma and line break 2C 00, 0D 00, 0A 00 (odd).
    expect(rowsOf(Buffer.from('工号,姓名\r\n0001,张一\r\n0002,一一\r\n', 'utf16le')).problems.map((p) => p.code)).toEqual(['text_utf16_unmarked']);
  });

  it('reads UTF-8 text with one zero byte in a cell as text, and refuses that cell, not the file as UTF-16', () => {
    // 002 typed with a zero byte inside (00␀2): dropped, it would match 002 without a word.
    const bytes = Buffer.from('日期,工号,项目,次数\n2026-10-12,00\u00002,2.1,2\n');
    expect(rowsOf(bytes).problems.map((p) => [p.code, p.at.row, p.at.columnLetter, p.args.value])).toEqual([['csv_cell_nul', 2, 'B', '00\u00002']]);
    // The same at the end of a long file (in the first 4 KB or after it): one zero byte is not UTF-16.
    const long = Buffer.from(`日期,工号,项目,次数\n${'2026-10-09,001,1.1,1\n'.repeat(300)}2026-10-12,002,2.1,2\u0000\n`);
    expect(rowsOf(long).problems.map((p) => [p.code, p.at.row, p.at.columnLetter])).toEqual([['csv_cell_nul', 302, 'D']]);
  });

  it('reads a UTF-8 or UTF-16 file that ends in NUL padding (a copied or pre-allocated file) as the file without it', () => {
    const padding = Buffer.alloc(300);
    expect(rowsOf(Buffer.concat([Buffer.from(csv), padding]))).toEqual(rowsOf(Buffer.from(csv)));
    expect(rowsOf(Buffer.concat([utf16le(tabbed), padding]))).toEqual(rowsOf(Buffer.from(csv)));
    expect(rowsOf(Buffer.concat([Buffer.from(csv), padding])).problems).toEqual([]);
  });

  /** Cell text of Chinese (the GBK ideographs U+4E00–U+9FA5) and ASCII that needs no quoting in either delimiter. */
  const cellText = fc.string({ unit: fc.oneof(fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)), fc.constantFrom(...'0123456789abcXYZ -:./')), maxLength: 6 });
  const tables = fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(cellText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }));

  test.prop([tables])('any table reads the same from UTF-8, GBK, UTF-16LE and UTF-16BE text', (rows) => {
    const gbk = iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gbk');
    // GBK bytes that happen to be valid UTF-8 are read as UTF-8, by design (src/read/text-encoding.ts)
    fc.pre(!isUtf8(gbk) || rows.every((r) => r.every((c) => /^[\x20-\x7e]*$/.test(c))));
    // by hand: line i+1 for the i-th row, an empty cell no value, a row without a value left out
    const expectedRows = rows.flatMap((r, i) => (r.some((c) => c !== '') ? [{ row: i + 1, cells: r.map((c) => (c === '' ? null : c)) }] : []));
    const tabbedText = rows.map((r) => r.join('\t')).join('\r\n');
    for (const bytes of [Buffer.from(rows.map((r) => r.join(',')).join('\r\n')), gbk, utf16le(tabbedText), utf16be(tabbedText)]) {
      expect(rowsOf(bytes)).toEqual({ table: { file: 'in.txt', sheet: '记录', rows: expectedRows }, problems: [] });
    }
  });
});

describe('a ZKTeco attlog saved as UTF-16', () => {
  // a user number right-aligned, the stamp, device, state, verification, work code
  const log = ['     1\t2026-11-03 08:01:00\t1\t0\t1\t0', '     2\t2026-11-03 08:05:30\t1\t0\t1\t0', '     1\t2026-11-03 17:31:00\t1\t1\t1\t0'].join('\r\n') + '\r\n';

  async function rowsOfExport(bytes: Buffer): Promise<{ format: string | undefined; rows: RawRow[]; problems: unknown[] }> {
    const path = join(tempDir(), '1_attlog.dat');
    writeFileSync(path, bytes);
    const source = await openExport(path);
    if ('code' in source) return { format: undefined, rows: [], problems: [source.code] };
    const rows: RawRow[] = [];
    await source.rows('1_attlog.dat', (row) => rows.push(row));
    return { format: source.format, rows, problems: source.problems.map((p) => [p.code, p.at.row, p.at.columnLetter]) };
  }

  it('is recognised and read as the ASCII log is', async () => {
    const ascii = await rowsOfExport(Buffer.from(log));
    // by hand: three punch lines, each its own row
    expect(ascii.rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ['1', '2026-11-03 08:01:00'],
      ['2', '2026-11-03 08:05:30'],
      ['1', '2026-11-03 17:31:00'],
    ]);
    expect(await rowsOfExport(utf16le(log))).toEqual(ascii);
    expect(ascii.format).toBe('attlog');
  });

  it('a log padded with NUL after a line cut short: the line is a device artefact (warned), the rest read', async () => {
    // the device lost power writing line 4: "     2\t2026-11-" then zeros to the block's end
    const padded = await rowsOfExport(Buffer.concat([Buffer.from(log + '     2\t2026-11-'), Buffer.alloc(200)]));
    expect(padded.rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ['1', '2026-11-03 08:01:00'],
      ['2', '2026-11-03 08:05:30'],
      ['1', '2026-11-03 17:31:00'],
    ]);
    expect(padded.problems).toEqual([
      ['attlog_line_corrupt', 4, undefined],
      ['attlog_artefacts', undefined, undefined],
    ]);
  });

  it('refuses a line whose UTF-16 does not decode, at its line and column', async () => {
    // line 2's work code (column F) is a lone low surrogate (DC00)
    const bytes = Buffer.concat([utf16le(log.split('\r\n').slice(0, 2).join('\r\n').slice(0, -1)), Buffer.from([0x00, 0xdc]), Buffer.from('\r\n', 'utf16le')]);
    const read = await rowsOfExport(bytes);
    expect(read.problems).toEqual([['csv_cell_undecodable', 2, 'F']]);
    expect(read.rows.map((r) => r.row)).toEqual([1]);
  });

  it('names that line as its other line problems are named: the file and line, no sheet (the log has none)', async () => {
    const bytes = Buffer.concat([utf16le(log.split('\r\n').slice(0, 2).join('\r\n').slice(0, -1)), Buffer.from([0x00, 0xdc]), Buffer.from('\r\n', 'utf16le')]);
    const path = join(tempDir(), '1_attlog.dat');
    writeFileSync(path, bytes);
    const source = await openExport(path);
    if ('code' in source) throw new Error(source.code);
    await source.rows('1_attlog.dat', () => undefined);
    expect(source.problems.map((p) => p.at)).toEqual([{ file: path, row: 2, columnLetter: 'F' }]);
  });
});

describe('kaohe import of Excel’s “Unicode 文本” (.txt)', () => {
  const log = [
    ['人员编号', '登记号码', '姓名', '部门', '刷卡日期', '刷卡时间', '上下班标志'],
    ['0001', '101', '张一', '中心', '2026/11/2', '07:55', '上班'],
    ['0002', '102', '李二', '中心', '2026/11/2', '17:35', '下班'],
  ];
  const text = log.map((r) => r.join('\t')).join('\r\n') + '\r\n';

  it('reads the tab-separated punch log as its CSV would be read, the sheet named after the file', async () => {
    const path = join(tempDir(), '刷卡记录.txt');
    writeFileSync(path, utf16le(text));
    const data = await readExports([path]);
    expect(data.problems).toEqual([]);
    expect(data.recognised.map((r) => [r.sheet, r.use])).toEqual([['刷卡记录', 'punches']]);
    // by hand: 07:55 is 7×3600+55×60 = 28500 s, 17:35 is 63300 s
    expect(data.punches.map((p) => [p.row, data.people.get(p.person)?.name, p.date, p.at])).toEqual([
      [2, '张一', '2026-11-02', 28500],
      [3, '李二', '2026-11-02', 63300],
    ]);
  });

  it('refuses the same without a BOM with that one error, not also as a layout it does not know', async () => {
    const path = join(tempDir(), '刷卡记录.txt');
    writeFileSync(path, Buffer.from(text, 'utf16le'));
    expect((await readExports([path])).problems.map((p) => [p.code, p.severity, p.at.sheet])).toEqual([['text_utf16_unmarked', 'error', '刷卡记录']]);
  });
});
