import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv, readCsv } from '../src/read/csv.js';
import { csvSource } from '../src/read/sheet-source.js';
import type { RawRow } from '../src/read/table.js';
import { CELL_LIMIT } from '../src/read/text-encoding.js';
import { tempDir } from './workbook.js';

/**
 * A CSV file is read a mebibyte (1,048,576 bytes) at a time, never held whole: the rows are those
 * of the same bytes read at once, wherever a piece ends — in a CRLF, inside a character, inside
 * quotes. Invented people 张一 (0001), 李二 (0002).
 */
const PIECE = 1_048_576;

/** The header, then rows of `0001,张一,<note>` until the text is past `bytes` bytes; the last row is a fixed one. */
function csvOf(fill: (n: number) => string, bytes: number): string {
  const lines = ['工号,姓名,说明'];
  for (let n = 1, length = 0; length < bytes; n++) {
    lines.push(`0001,张一,${fill(n)}`);
    length += Buffer.byteLength(lines.at(-1)!) + 2;
  }
  return lines.join('\r\n') + '\r\n0002,李二,"末行\r\n两行"\r\n';
}

describe('CSV read in pieces', () => {
  it('reads the same rows from a 3 MB file as from its bytes at once, a CRLF and a character cut at the pieces’ ends', async () => {
    // The header '工号,姓名,说明' is 20 bytes (3 CJK × 3 × 2 + 2 commas); a row '\r\n0001,张一,' + note is 14 bytes + the note.
    // 1,000 rows of 1,000 x's bring the text to 20 + 1,000 × 1,014 = 1,014,020 bytes; one of 34,541 x's to 1,048,575,
    // where the next row's CR falls, last byte of the first piece, its LF the second piece's first.
    const head = ['工号,姓名,说明', ...Array.from({ length: 1000 }, () => `0001,张一,${'x'.repeat(1000)}`), `0001,张一,${'x'.repeat(34_541)}`].join('\r\n');
    // Then notes of 张 (3 bytes in UTF-8, 2 in GBK): with rows of varying length some straddle the next piece ends.
    const body = head + '\r\n' + csvOf((n) => '张'.repeat(n % 7) + 'a'.repeat(n % 5), 2 * PIECE).slice('工号,姓名,说明\r\n'.length);
    const path = join(tempDir(), 'records.csv');
    writeFileSync(path, body);
    expect(Buffer.from(body).subarray(PIECE - 1, PIECE + 1).toString()).toBe('\r\n');
    const streamed = await readCsv(path, '记录');
    const atOnce = parseCsv(Buffer.from(body), path, '记录');
    expect(streamed.problems).toEqual([]);
    expect(streamed).toEqual(atOnce);
    const rows = streamed.table!.rows;
    // line 1 the header, a row a line, and the last record's quoted break puts it on the line before the file's last
    const lines = body.split('\r\n').length - 1;
    expect(rows).toHaveLength(lines - 1);
    // line 1 the header, lines 2–1002 the 1,001 padding rows, line 1003 the first note row (n = 1: 张a)
    expect(rows[1002]).toEqual({ row: 1003, cells: ['0001', '张一', '张a'] });
    expect(rows.at(-1)).toEqual({ row: lines - 1, cells: ['0002', '李二', '末行\r\n两行'] });

    // The same table in GBK: decoded a piece at a time, a two-byte character split between pieces reads whole.
    const gbk = join(tempDir(), 'gbk.csv');
    writeFileSync(gbk, iconv.encode(body, 'gbk'));
    const fromGbk = await readCsv(gbk, '记录');
    expect(fromGbk.problems).toEqual([]);
    expect(fromGbk.table!.rows).toEqual(rows);
  });

  it('refuses a cell past a million characters at its row and column, and reads one of a million', async () => {
    const path = join(tempDir(), 'records.csv');
    writeFileSync(path, `工号,姓名,说明\n0001,张一,${'x'.repeat(CELL_LIMIT)}\n0002,李二,${'x'.repeat(CELL_LIMIT + 1)}\n`);
    const { table, problems } = await readCsv(path, '记录');
    // line 3's 说明 (column C) has 1,000,001 characters; line 2's has the limit itself and is no problem
    expect(table).toBeNull();
    expect(problems).toMatchObject([{ code: 'csv_cell_too_long', at: { file: path, sheet: '记录', row: 3, columnLetter: 'C' }, args: { length: 1_000_001, limit: 1_000_000 } }]);
  });

  it('stops at a record still open past 4 million characters, at the line it starts on, before holding it whole', async () => {
    const path = join(tempDir(), 'records.csv');
    // 5 million characters (2.5 million one-letter cells) without a line break after line 2's start: no table is typed so
    writeFileSync(path, `工号,姓名,说明\n0001,${'x,'.repeat(2_500_000)}\n0002,李二,x\n`);
    const { table, problems } = await readCsv(path, '记录');
    expect(table).toBeNull();
    expect(problems).toMatchObject([{ code: 'csv_line_too_long', at: { row: 2 } }]);
  });

  it('says a quote left open over 4 million characters of rows is unclosed at its line, as in a short file', async () => {
    const path = join(tempDir(), 'records.csv');
    // line 3 opens a quote in 说明 that nothing closes; 250,000 rows of 21 characters (5.25 million) follow
    writeFileSync(path, `工号,姓名,说明\n0001,张一,x\n0002,李二,"忘了\n${'0003,王三,xxxxxxxxxx\n'.repeat(250_000)}`);
    const { problems } = await readCsv(path, '记录');
    expect(problems.map((p) => [p.code, p.at.row])).toEqual([['csv_quote_unclosed', 3]]);
  });

  it('gives an export CSV’s first rows and all its rows from the file, and none when a line far down has a problem', async () => {
    const dir = tempDir();
    const good = join(dir, '刷卡记录.csv');
    // 100,000 rows of 0001's punches after the header: line k + 1 is row k
    writeFileSync(good, '工号,日期,时间\n' + Array.from({ length: 100_000 }, (_, k) => `0001,2026-11-02,${String(k % 10)}:00`).join('\n') + '\n');
    const source = await csvSource(good);
    expect(await source.sheets()).toEqual([{ name: '刷卡记录', hidden: false }]);
    expect(await source.head('刷卡记录', 2)).toEqual([
      { row: 1, cells: ['工号', '日期', '时间'] },
      { row: 2, cells: ['0001', '2026-11-02', '0:00'] },
    ]);
    const rows: RawRow[] = [];
    await source.rows('刷卡记录', (row) => rows.push(row));
    expect(rows).toEqual((await readCsv(good)).table!.rows);
    expect(rows).toHaveLength(100_001);
    // the same file with a quote opened on its last line and never closed: no table, so no rows and no sheet name
    const bad = join(dir, '刷卡记录2.csv');
    writeFileSync(bad, '工号,日期,时间\n' + '0001,2026-11-02,08:00\n'.repeat(100_000) + '0002,"2026-11-02,08:00\n');
    const refused = await csvSource(bad);
    expect(refused.problems.map((p) => [p.code, p.at.row])).toEqual([['csv_quote_unclosed', 100_002]]);
    expect(await refused.sheets()).toEqual([{ name: '', hidden: false }]);
    expect(await refused.head('', 2)).toEqual([]);
  });
});
