import { fc, test } from '@fast-check/vitest';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../src/calendar/calendar.js';
import type { IsoDate } from '../src/core/dates.js';
import { readWorkbookTables } from '../src/read/workbook-input.js';
import { Workbook, WorkbookFileError, type CellSink, type RawCell, type SheetRow } from '../src/read/xlsx.js';
import type { Problem } from '../src/core/problems.js';
import { formatProblem } from '../src/messages.js';
import * as z from 'zod';
import { recordSheet } from '../src/core/input-sheets.js';
import { mapHeader } from '../src/read/header.js';
import { date, parseRows } from '../src/validate/fields.js';
import { cell, row, writeRawXlsx, type RawSheet } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * The reader's quick path (rows and cells of the usual shape, handed straight to a cell sink)
 * gives exactly what the general path gives, and a sheet with merged cells is read again with
 * the merges applied.
 */
async function rows(path: string): Promise<[number, (RawCell | undefined)[]][]> {
  const book = await Workbook.open(path);
  const seen: [number, (RawCell | undefined)[]][] = [];
  await book.readSheet(book.sheets[0]!, { onRow: (r: SheetRow) => void seen.push([r.row, r.cells]) });
  book.close();
  return seen;
}

/** The same sheet through readSheetOnce and a cell sink; how many sinks it took. */
async function cellsOnce(path: string): Promise<{ rows: [number, (RawCell | undefined)[]][]; passes: number }> {
  const book = await Workbook.open(path);
  let passes = 0;
  const { consumer } = await book.readSheetOnce(book.sheets[0]!, () => {
    passes += 1;
    const seen: [number, (RawCell | undefined)[]][] = [];
    const cells: CellSink = {
      row: (r) => void seen.push([r, []]),
      cell: (column, value) => void (seen.at(-1)![1][column] = value),
      end: () => undefined,
    };
    return { seen, cells };
  });
  book.close();
  return { rows: consumer.seen, passes };
}

const write = (sheet: RawSheet, sharedStrings?: string[]) => writeRawXlsx(join(tempDir(), 'book.xlsx'), { sheets: [sheet], ...(sharedStrings ? { sharedStrings } : {}), formats: ['yyyy-mm-dd', 'hh:mm:ss'] });

/** The same rows written with line breaks and indentation between elements, as some software writes them: the general path reads every token. */
const spaced = (xml: string) => xml.replace(/<(c |v>|\/c>|\/row>|f>|is>)/g, '\n  <$1');

describe('the quick path reads what the general path reads', () => {
  const value = fc.oneof(
    fc.string({ maxLength: 6 }).map((t) => (ref: string) => cell.text(ref, t)),
    fc.integer({ min: 0, max: 2 }).map((i) => (ref: string) => cell.shared(ref, i)),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((n) => (ref: string) => cell.number(ref, n)),
    fc.integer({ min: 40000, max: 50000 }).map((n) => (ref: string) => cell.number(ref, n, 1)),
    fc.double({ min: 0, max: 0.999, noNaN: true }).map((n) => (ref: string) => cell.number(ref, n, 2)),
    fc.boolean().map((b) => (ref: string) => cell.boolean(ref, b)),
    fc.constant((ref: string) => cell.empty(ref)),
    fc.constant((ref: string) => cell.formula(ref, 'A1+1', '3')),
    fc.constant((ref: string) => cell.error(ref, '#N/A')),
    fc.constant((ref: string) => `<c r="${ref}" t="str"><v>民政&amp;社保</v></c>`),
  );
  const sheet = fc.array(fc.array(fc.option(value, { nil: undefined }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }).map((table) =>
    table.map((cells, r) => row(r + 1, cells.flatMap((make, c) => (make ? [make(`${'ABCDE'[c]}${r + 1}`)] : [])))).join(''),
  );

  test.prop([sheet], { numRuns: 60 })('random cells, compact or spaced, as rows or as cells', async (xml) => {
    const strings = ['民政窗口', '08:01', '2026-10-05'];
    const general = await rows(await write({ name: 'S', rows: spaced(xml) }, strings));
    expect(await rows(await write({ name: 'S', rows: xml }, strings))).toEqual(general);
    const once = await cellsOnce(await write({ name: 'S', rows: xml }, strings));
    expect(once.rows).toEqual(general);
    expect(once.passes).toBe(1);
  });
});

describe('a sheet with merged cells', () => {
  it('is read again, by a fresh consumer, with the merges applied', async () => {
    const rowsXml = row(1, [cell.text('A1', '工号'), cell.text('B1', '时间')]) + row(2, [cell.text('A2', '001'), cell.text('B2', '08:01')]) + row(3, [cell.text('B3', '17:31')]);
    const once = await cellsOnce(await write({ name: 'S', rows: rowsXml, merges: ['A2:A3'] }));
    expect(once.passes).toBe(2);
    expect(once.rows).toEqual([
      [1, ['工号', '时间']],
      [2, ['001', '08:01']],
      [3, ['001', '17:31']],
    ]);
  });

  it('a punch sheet whose 工号 is merged over each person’s rows gives every punch its person', async () => {
    const punches =
      row(1, [cell.text('A1', '工号'), cell.text('B1', '日期'), cell.text('C1', '时间')]) +
      row(2, [cell.text('A2', '001'), cell.text('B2', '2026-10-09'), cell.text('C2', '08:01')]) +
      row(3, [cell.text('B3', '2026-10-09'), cell.text('C3', '17:31')]) +
      row(4, [cell.text('A4', '002'), cell.text('B4', '2026-10-09'), cell.text('C4', '08:20')]);
    const path = await writeRawXlsx(join(tempDir(), '2026-10.xlsx'), { sheets: [{ name: '考勤', rows: punches, merges: ['A2:A3'] }] });
    const read = await readWorkbookTables(path, new Map([['punches', ['考勤']]]), { punches: { calendar: () => officialCalendar(), year: 2026 } });
    expect(read.problems).toEqual([]);
    const days = new Map(read.punches!.personDays());
    // 001 clocked twice on 9 October (the second row under the merge), 002 once
    expect([...days.keys()]).toEqual(['id:001', 'id:002']);
    const ninth = '2026-10-09' as IsoDate;
    expect(days.get('id:001')!.get(ninth)).toHaveLength(4);
    expect(days.get('id:002')!.get(ninth)).toHaveLength(2);
  });
});

describe('a sheet no spreadsheet program writes is a damaged file', () => {
  /** The problem reading the sheet stops with: its code, where, and what it says is wrong. */
  async function damage(xml: string): Promise<Pick<Problem, 'code' | 'at' | 'args'> | null> {
    try {
      await rows(await write({ name: 'S', rows: xml }));
      return null;
    } catch (error) {
      if (!(error instanceof WorkbookFileError)) throw error;
      const { code, at, args } = error.problem;
      return { code, at, args };
    }
  }
  const head = row(1, [cell.text('A1', '工号'), cell.text('B1', '打卡时间')]);
  const late = cell.number('B2', 0.375); // 09:00

  it('refuses a cell reference given twice in a row, on the quick path and the general one', async () => {
    // B2 twice: 0.3229… (07:45) then 0.375 (09:00); which one Excel would show is a guess.
    const twice = head + row(2, [cell.text('A2', '0001'), cell.number('B2', 0.3229), late]);
    const expected = { code: 'file_unreadable', at: { sheet: 'S', row: 2 }, args: { reason: 'damaged', fault: 'cell_twice', ref: 'B2' } };
    expect(await damage(twice)).toMatchObject(expected);
    expect(await damage(spaced(twice))).toMatchObject(expected);
  });

  it('refuses a cell whose reference names another row, on the quick path and the general one', async () => {
    // <c r="B9"> inside row 2: read as B2 it would be 09:00 moved up seven rows without a word.
    const elsewhere = head + row(2, [cell.text('A2', '0001'), cell.number('B9', 0.375)]);
    const expected = { code: 'file_unreadable', at: { sheet: 'S', row: 2 }, args: { reason: 'damaged', fault: 'cell_row', ref: 'B9' } };
    expect(await damage(elsewhere)).toMatchObject(expected);
    expect(await damage(spaced(elsewhere))).toMatchObject(expected);
    const text = formatProblem({ ...(await damage(elsewhere))!, severity: 'error' });
    expect(text).toContain('单元格 B9 的地址写的是另一行');
  });

  it('refuses a cell without a reference that lands on one given before', async () => {
    // After B2 comes a cell with no r: the next column, C2; then C2 again.
    const xml = head + row(2, [cell.text('A2', '0001'), late, '<c><v>1</v></c>', cell.number('C2', 2)]);
    expect(await damage(xml)).toMatchObject({ args: { fault: 'cell_twice', ref: 'C2' } });
  });

  it('still reads cells out of column order, each once', async () => {
    const xml = head + row(2, [late, cell.text('A2', '0001')]);
    expect(await rows(await write({ name: 'S', rows: xml }))).toEqual([
      [1, ['工号', '打卡时间']],
      [2, ['0001', 0.375]],
    ]);
  });

  it('refuses a row number at or before the one above, with the row in the location and no English in its words', async () => {
    const xml = head + row(3, [cell.text('A3', '0001')]) + row(2, [cell.text('A2', '0002')]);
    const found = await damage(xml);
    expect(found).toMatchObject({ code: 'file_unreadable', at: { sheet: 'S', row: 2 }, args: { reason: 'damaged', fault: 'row_order' } });
    // The words after the location (file › sheet › 第2行: …).
    const text = formatProblem({ ...found!, severity: 'error' }).split(': ').slice(1).join(': ');
    expect(text).toMatch(/^文件已损坏：这一行的行号与前面的行重复或排在其前/);
    // No Latin letters but the names Excel and .xlsx (it said "（row 3 out of order）").
    expect(text.replaceAll('Excel', '').replaceAll('.xlsx', '')).not.toMatch(/[A-Za-z]/);
  });
});

describe('a workbook of the 1904 date system (date1904="1")', () => {
  it('reads a plain number in a date column as a 1904 serial, in 考勤 and in a validated sheet', async () => {
    // 1904 serial 44866 is 1904-01-01 + 44,866 days = 2026-11-02 (the 1900 serial of that day is
    // 46328 = 44866 + 1462). Read as a 1900 serial it was 2022-11-01, four years and a day early.
    const punches =
      row(1, [cell.text('A1', '工号'), cell.text('B1', '日期'), cell.text('C1', '时间')]) + row(2, [cell.text('A2', '001'), cell.number('B2', 44866), cell.text('C2', '08:01')]);
    const records = row(1, [cell.text('A1', '日期'), cell.text('B1', '工号'), cell.text('C1', '项目')]) + row(2, [cell.number('A2', 44866), cell.text('B2', '001'), cell.text('C2', '3.1')]);
    const path = await writeRawXlsx(join(tempDir(), '2026-11.xlsx'), { date1904: true, sheets: [{ name: '考勤', rows: punches }, { name: '记录', rows: records }] });
    const read = await readWorkbookTables(
      path,
      new Map([
        ['punches', ['考勤']],
        ['records', ['记录']],
      ]),
      { punches: { calendar: () => officialCalendar(), year: 2026 } },
    );
    expect(read.problems).toEqual([]);
    expect([...new Map(read.punches!.personDays()).get('id:001')!.keys()]).toEqual(['2026-11-02']);
    const { table } = mapHeader(read.sheets.get('records')!, recordSheet.columns.filter((c) => c.key === 'date'));
    const parsed = parseRows(table!, z.object({ date: date(2026) }));
    expect(parsed.rows.map((r) => r.value.date)).toEqual(['2026-11-02']);
  });
});
