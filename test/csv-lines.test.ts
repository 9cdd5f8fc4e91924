import { fc, test } from '@fast-check/vitest';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCsv, type Delimiter } from '../src/read/csv.js';

/** Line endings and quotes per RFC 4180, as real exports mix them; rows never merged without a word. */
const read = (text: string | Uint8Array) => parseCsv(typeof text === 'string' ? Buffer.from(text) : text, 'records.csv', '记录');
const codes = (text: string) => read(text).problems.map((p) => [p.code, p.at.row]);

describe('CSV line endings', () => {
  it('reads all 28 records when the header ends in CRLF and the rows in LF', () => {
    const rows = Array.from({ length: 28 }, (_, i) => `2026-10-${String(i + 1).padStart(2, '0')},001,9.1`);
    const { table, problems } = read('日期,工号,项目\r\n' + rows.join('\n') + '\n');
    expect(problems).toEqual([]);
    // header on line 1, record k on line k + 1
    expect(table!.rows).toHaveLength(29);
    expect(table!.rows[28]).toEqual({ row: 29, cells: ['2026-10-28', '001', '9.1'] });
  });

  it('takes CRLF, LF and CR in one file, each line its own record', () => {
    const { table } = read('a,b\r\n1,2\n3,4\r5,6');
    expect(table!.rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 3, cells: ['3', '4'] },
      { row: 4, cells: ['5', '6'] },
    ]);
  });

  it('keeps a line break inside quotes in its cell and numbers later rows by their line', () => {
    const { table } = read('a,b\r\n1,"第一行\r\n第二行"\n3,4\n');
    expect(table!.rows).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '第一行\r\n第二行'] },
      { row: 4, cells: ['3', '4'] },
    ]);
  });
});

describe('CSV quotes', () => {
  it('reads a quote inside an unquoted cell literally', () => {
    const { table } = read('日期,说明\n2026-10-05,他说"马上来\n2026-10-06,正常\n2026-10-07,又一个"引号\n');
    expect(table!.rows.map((r) => r.cells[1])).toEqual(['说明', '他说"马上来', '正常', '又一个"引号']);
  });

  it('reads "" inside a quoted cell as one quote', () => {
    expect(read('a\n"他说""好"""\n').table!.rows[1]!.cells).toEqual(['他说"好"']);
  });

  it('refuses a stray opening quote that swallows rows, at the line it opened', () => {
    // line 3's quote opens a cell that closes on line 5: lines 4 and 5 would vanish into it
    expect(codes('日期,工号,说明\n2026-10-05,001,x\n2026-10-06,002,"开始\n2026-10-07,003,y\n2026-10-08,001,z"\n2026-10-09,002,w\n')).toEqual([['csv_quote_spans_rows', 3]]);
  });

  it('refuses a swallowing quote even when no delimiter follows the line break', () => {
    // line 2's stray quote closes at the start of line 3, joining two records into one wider one
    expect(codes('a,b\n1,"x\n",y",2\n')).toEqual([['csv_quote_spans_rows', 2]]);
  });

  it('reports an unclosed quote at the line it opened, not at the end of the file', () => {
    expect(codes('a,b\n1,2\n3,"xy\n5,6\n7,8\n')).toEqual([['csv_quote_unclosed', 3]]);
    // after a record whose note legitimately runs over two lines
    expect(codes('a,b\n"1\r\n1",x\n3,"xy\n5,6\n')).toEqual([['csv_quote_unclosed', 4]]);
  });

  it('reads a quoted note whose later line has a comma of its own, as Excel writes it (RFC 4180)', () => {
    // 4 columns: the note's second line holds 1 comma, not the 3 a row has
    const { table, problems } = read('日期,姓名,项目,说明\n2026-10-05,张三,1.1,"说明有\n换行,逗号"\n2026-10-06,李四,1.1,x\n');
    expect(problems).toEqual([]);
    expect(table!.rows.map((r) => r.cells[3])).toEqual(['说明', '说明有\n换行,逗号', 'x']);
  });

  it("reads Excel's text cells =\"0001\" as the text Excel shows", () => {
    // ="0001" keeps the zeros (quoted by Excel as "=""0001"""); a formula that is not one text stays as written
    expect(read('工号,姓名,说明\n="0001",张三,x\n"=""0002""",李四,=1+1\n').table!.rows.slice(1).map((r) => r.cells)).toEqual([
      ['0001', '张三', 'x'],
      ['0002', '李四', '=1+1'],
    ]);
  });

  it('refuses an old .xls given as CSV with the workbook message, not binary noise', () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(read(ole).problems.map((p) => [p.code, p.args.kind])).toEqual([['csv_is_workbook', 'xls']]);
  });

  it('reports every swallowing quote of a file at once', () => {
    expect(codes('a,b\n1,"x\n2,3"\n4,5\n6,"y\n7,8"\n')).toEqual([
      ['csv_quote_spans_rows', 2],
      ['csv_quote_spans_rows', 5],
    ]);
  });
});

/** The property test's tables: what clerks type, as text (a CSV has no other type). */
const cjk = fc.constantFrom(...'张三李四王五赵六陈建国民政窗口社保国土迟到早退旷工说明请假审批，。：（）“”');
const emoji = fc.constantFrom('😀', '👍🏽', '🇨🇳', '👨‍👩‍👧', '🧧');
const words = (chars: fc.Arbitrary<string>) => fc.string({ unit: chars, minLength: 1, maxLength: 6 });
const date = fc.tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }));
const time = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }));

function cellOf(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(''),
    text,
    words(cjk).map((w) => ` ${w}  `),
    fc.nat(99_999).map((n) => `00${n}`),
    fc.oneof(fc.integer({ min: -1000, max: 1000 }).map(String), fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String)),
    date.map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
    date.map(([y, m, d]) => `${y}年${m}月${d}日`),
    time.map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
    // quotes and delimiters inside a cell: written quoted
    fc.constantFrom('他说"好"', '"', 'a,b', 'x;y', 'tab\there', '1,234.5'),
    // a 说明 typed with Alt+Enter: one cell over two lines (no delimiter after the break)
    fc.tuple(words(cjk), fc.constantFrom('\r\n', '\n', '\r'), words(cjk)).map(([a, br, b]) => `${a}${br}${b}`),
  );
}

const anyCell = cellOf(fc.oneof(words(cjk), words(emoji), fc.string({ maxLength: 5 }).filter((s) => ![...s].some((c) => c === '"' || c.charCodeAt(0) < 0x20))));
/** GBK has no emoji; GB18030 has every character. */
const gbkCell = cellOf(fc.oneof(words(cjk), fc.string({ unit: fc.constantFrom(...'abcXYZ019 -_.'), maxLength: 5 })));

/** A Chinese header first, as every real sheet has: it also keeps GBK from passing as UTF-8. */
function table(cell: fc.Arbitrary<string>) {
  return fc.integer({ min: 2, max: 5 }).chain((width) =>
    fc.tuple(fc.constant(['工号', '姓名', '窗口', '说明', '日期'].slice(0, width)), fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 })).map(([header, rows]) => [header, ...rows]),
  );
}

const csvOptions = fc.record({ delimiter: fc.constantFrom<Delimiter>(',', ';', '\t'), endings: fc.array(fc.constantFrom('\r\n', '\n', '\r'), { minLength: 9, maxLength: 9 }), finalBreak: fc.boolean() });

/** Writes the table as Excel would: a cell holding a delimiter, quote or line break is quoted. */
function writeCsv(rows: string[][], { delimiter, endings, finalBreak }: { delimiter: string; endings: string[]; finalBreak: boolean }): string {
  const field = (c: string) => (/[",;\t\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r, i) => r.map(field).join(delimiter) + (i < rows.length - 1 || finalBreak ? endings[i % endings.length] : '')).join('');
}

/** The rows a reader must give back: blank rows skipped, each numbered by the line it starts on. */
function expectedRows(rows: string[][]) {
  let line = 1;
  return rows.flatMap((cells) => {
    const row = line;
    line += 1 + cells.reduce((n, c) => n + (c.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    return cells.some((c) => c !== '') ? [{ row, cells: cells.map((c) => (c === '' ? null : c)) }] : [];
  });
}

describe('CSV reader property', () => {
  test.prop([table(anyCell), csvOptions, fc.boolean()])('UTF-8 with or without BOM reads back the same rows', (rows, options, bom) => {
    const bytes = Buffer.from(writeCsv(rows, options));
    const { table: read_, problems } = read(bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes);
    expect(problems).toEqual([]);
    expect(read_!.rows).toEqual(expectedRows(rows));
  });

  test.prop([table(gbkCell), csvOptions])('GBK reads back the same rows', (rows, options) => {
    const { table: read_, problems } = read(iconv.encode(writeCsv(rows, options), 'gbk'));
    expect(problems).toEqual([]);
    expect(read_!.rows).toEqual(expectedRows(rows));
  });

  test.prop([table(anyCell), csvOptions])('GB18030 (emoji included) reads back the same rows', (rows, options) => {
    const { table: read_, problems } = read(iconv.encode(writeCsv(rows, options), 'gb18030'));
    expect(problems).toEqual([]);
    expect(read_!.rows).toEqual(expectedRows(rows));
  });

  test.prop([table(gbkCell.filter((c) => !/[\r\n]/.test(c))), csvOptions, fc.nat()])('one stray quote anywhere never merges rows without a word', (rows, options, at) => {
    const text = writeCsv(rows, options);
    const position = at % (text.length + 1);
    const { table: read_, problems } = read(text.slice(0, position) + '"' + text.slice(position));
    if (problems.length > 0) return;
    // Read without a problem: exactly what each physical line gives read on its own.
    const lines = (text.slice(0, position) + '"' + text.slice(position)).split(/\r\n|\n|\r/);
    const alone = (line: string) => parseCsv(Buffer.from(line), 'records.csv', '记录', options.delimiter);
    const lineByLine = lines.flatMap((line, i) => (alone(line).table?.rows ?? [{ row: 1, cells: ['(refused on its own)'] }]).map((r) => ({ ...r, row: i + 1 })));
    expect(read_!.rows).toEqual(lineByLine);
  });
});
