import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import * as z from 'zod';
import { LocalDateTime } from '../src/core/dates.js';
import { cleanName, cleanText } from '../src/core/text.js';
import { problem, type Problem, type ProblemCode } from '../src/core/problems.js';
import { isBlank } from '../src/read/header.js';
import { locate, type CellValue, type Table } from '../src/read/table.js';
import { count, date, monthOf, optionalDate, optionalName, optionalPoints, optionalText, peerScore, percent, requiredName, requiredPoints, rowParser } from '../src/validate/fields.js';

/** Cells as sheets give them: blanks, numbers, dates and times, and text good and bad for every kind of cell. */
const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constantFrom(null, '', '  ', true, 0, 1, 3, -2, 0.5, 1.255, 46300, 20261005, 1e12),
  fc.constantFrom('2026-10-05', '10月5日', '2026年13月1日', '2062-01-01', '1900-01-05', '3', '３', '2.0', '0x2', '-3分', '−1.5', '96%', '0.96', '101', 'abc', '张 三', ' 民政窗口\u200b', '\x1b[31m红', '2026-03', '3月', '13月'),
  fc.integer({ min: -5, max: 50_000 }),
  fc.double({ min: -10, max: 200, noNaN: true }),
  fc.string({ maxLength: 6 }),
  fc.record({ year: fc.integer({ min: 1890, max: 2110 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }), seconds: fc.integer({ min: 0, max: 86_399 }), shows: fc.constantFrom('date' as const, 'datetime' as const, 'time' as const) }).map((d) => new LocalDateTime(d.year, d.month, d.day, d.seconds, d.shows)),
);

const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'] as const;
type Key = (typeof keys)[number];
const schema = z.object({
  a: date(2026),
  b: optionalDate(2026),
  c: optionalName,
  d: requiredName,
  e: optionalText,
  f: count,
  g: optionalPoints,
  h: requiredPoints,
  i: percent,
  j: peerScore,
  k: monthOf(2026),
  l: requiredName,
});
// A key the sheet has no column for (l): its problems name no column.
const table: Pick<Table<Key>, 'file' | 'sheet' | 'columns'> = { file: 'm.xlsx', sheet: '记录', columns: keys.filter((k) => k !== 'l').map((key, index) => ({ key, header: `列${key}`, index })) };

/** The row as zod's own object parse reads it: what rowParser did before it called each cell's function itself. */
function parsedByZod(values: Record<Key, CellValue>, row: number): { value: unknown; problems: Problem[] } {
  const result = schema.safeParse(values);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.map((issue) => {
    const params = (issue as { params?: { problem?: ProblemCode; args?: Record<string, string | number> } }).params;
    return problem(params?.problem ?? 'value_required', locate(table, row, table.columns.find((c) => c.key === issue.path[0])), params?.args ?? {});
  });
  return { value: null, problems };
}

/** A cell each key reads without a problem, so that most rows have a value to compare, not only problems. */
const good: Record<Key, CellValue> = { a: '2026-10-05', b: null, c: '张 三', d: '民政窗口', e: ' 说明 ', f: 2, g: '-3分', h: 5, i: '96%', j: 90, k: '3月', l: '张三' };

describe('reading a row', () => {
  test.prop([fc.tuple(...keys.map((k) => fc.oneof({ arbitrary: fc.constant(good[k]), weight: 4 }, { arbitrary: cellArb, weight: 1 }))), fc.integer({ min: 2, max: 80_000 })])('a row parser gives the value and the problems, in order, that zod parsing the row gives', (cells, row) => {
    const values = Object.fromEntries(keys.map((k, i) => [k, cells[i]!])) as Record<Key, CellValue>;
    const problems: Problem[] = [];
    const value = rowParser(table, schema, problems)(row, values);
    expect({ value, problems }).toEqual(parsedByZod(values, row));
  });

  // One parser for a table's rows keeps the row and cell being read between rows: a row read after one with problems has its own.
  const rowArb = fc.tuple(...keys.map((k) => fc.oneof({ arbitrary: fc.constant(good[k]), weight: 4 }, { arbitrary: cellArb, weight: 1 })));
  test.prop([fc.array(fc.tuple(rowArb, fc.integer({ min: 2, max: 80_000 })), { minLength: 1, maxLength: 6 })])('rowParser reads rows one after another as zod reads each alone', (rows) => {
    const problems: Problem[] = [];
    const parse = rowParser(table, schema, problems);
    const values = rows.map(([cells]) => Object.fromEntries(keys.map((k, i) => [k, cells[i]!])) as Record<Key, CellValue>);
    const read = rows.map(([, row], n) => parse(row, values[n]!));
    const alone = rows.map(([, row], n) => parsedByZod(values[n]!, row));
    expect({ read, problems }).toEqual({ read: alone.map((r) => r.value), problems: alone.flatMap((r) => r.problems) });
  });
});

/** Text that is clean but for one character of another kind, or for none: full-width and compatibility forms, spaces of every width, controls, invisible marks. */
const cleanPart = fc.string({ unit: fc.oneof(fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), fc.constantFrom(...'张三民政窗口说明丽 ')), maxLength: 4 });
const otherChar = fc.oneof(
  fc.constantFrom('０', 'Ａ', '．', '\u3000', '\u00a0', '\t', '\r\n', '\x1b[31m', '\x7f', '\x85', '\u200b', '\u202e', '\ufeff', '\uf900', '\u2f00', '①', 'ｶ', '\u4dff', '\ua000'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const textArb = fc.tuple(cleanPart, fc.option(otherChar, { nil: '' }), cleanPart).map((parts) => parts.join(''));

describe('date cells', () => {
  const ctx = { addIssue: () => undefined };
  test.prop([fc.array(cellArb, { maxLength: 12 }), cellArb])('a date column reads a text as it read it the first time, whatever it read between', (earlier, cell) => {
    const column = date(2026);
    const first = column.readCell(cell, ctx);
    for (const other of earlier) column.readCell(other, ctx);
    expect(column.readCell(cell, ctx)).toEqual(first);
    expect(date(2026).readCell(cell, ctx)).toEqual(first);
  });
});

describe('cleaning names and text', () => {
  const ctx = { addIssue: () => undefined };
  test.prop([textArb], { numRuns: 3000 })('a name or text cell reads as cleaning gives it, also where cleaning is skipped as changing nothing', (text) => {
    expect(optionalName.readCell(text, ctx)).toBe(isBlank(text) ? '' : cleanName(text));
    expect(optionalText.readCell(text, ctx)).toBe(isBlank(text) ? '' : cleanText(text));
    // A zero-width space, which cleaning removes, makes no text already clean: cleaning is then
    // done in full, and must give what the skip gave.
    expect(cleanName(`\u200b${text}`)).toBe(cleanName(text));
    expect(cleanText(`\u200b${text}`)).toBe(cleanText(text));
  });
});

describe('percent cells', () => {
  /** The problem a percent cell raises, as code and args, or its value. */
  function read(cell: CellValue): unknown {
    let raised: unknown = null;
    const value = percent.readCell(cell, { addIssue: (issue: unknown) => (raised = (issue as { params?: unknown }).params) });
    return raised ?? value;
  }

  test.each([
    // the third decimal is the problem, not the range: 99.999 is between 0 and 100
    ['99.999', { problem: 'percent_decimals', args: { value: '99.999', percent: '99.999', decimals: 3 } }],
    ['99.999%', { problem: 'percent_decimals', args: { value: '99.999%', percent: '99.999', decimals: 3 } }],
    [99.999, { problem: 'percent_decimals', args: { value: '99.999', percent: '99.999', decimals: 3 } }],
    // a fraction 0.99999 is 99.999%: its percent has 3 decimals
    [0.99999, { problem: 'percent_decimals', args: { value: '0.99999', percent: '99.999', decimals: 3 } }],
    // =2/3 in General (quoted as the cell holds it): 66.666666666666… to 12 digits → 66.6666666667%, 10 decimals
    [2 / 3, { problem: 'percent_decimals', args: { value: String(2 / 3), percent: '66.6666666667', decimals: 10 } }],
    // out of range or no number: as before
    ['100.001', { problem: 'percent_invalid', args: { value: '100.001' } }],
    ['101', { problem: 'percent_invalid', args: { value: '101' } }],
    ['abc', { problem: 'percent_invalid', args: { value: 'abc' } }],
  ])('refuses %j with the reason that is wrong', (cell, expected) => {
    expect(read(cell)).toEqual(expected);
  });

  test.each([
    ['99.99', 9999],
    ['99.990%', 9999],
    [0.9999, 9999],
  ])('reads %j as two decimals', (cell, hundredths) => {
    expect(read(cell)).toBe(hundredths);
  });

  test.each([
    // text as the number cell it shows: a CSV's "0.96" is the rate 0.96 = 96%, as a workbook's 0.96 is (not 0.96%)
    ['0.96', 9600],
    [0.96, 9600],
    // 1 = 100% either way; "96" and "96%" are percentages; a % sign keeps 0.5% a percentage
    ['1', 10000],
    [1, 10000],
    ['96', 9600],
    ['0.5%', 50],
    // 0.9999 as text is 99.99%
    ['0.9999', 9999],
  ])('reads %j as a number cell showing it is read', (cell, hundredths) => {
    expect(read(cell)).toBe(hundredths);
  });

  test('refuses a fraction typed as text for its third decimal as a percentage: "0.99999" is 99.999%', () => {
    expect(read('0.99999')).toEqual({ problem: 'percent_decimals', args: { value: '0.99999', percent: '99.999', decimals: 3 } });
  });

  // From 1.001 up: text below 1 is a fraction (0.123 = 12.3%), whose third decimal is a percentage's first.
  test.prop([fc.integer({ min: 1000, max: 100_000 }).filter((n) => n % 10 !== 0)])('every percentage from 0 to 100 with a third decimal is refused for its decimals', (thousandths) => {
    const text = (thousandths / 1000).toFixed(3);
    expect(read(text)).toMatchObject({ problem: 'percent_decimals', args: { decimals: 3 } });
  });
});
