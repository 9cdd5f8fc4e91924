import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { calendarOf } from '../src/commands/context.js';
import { workbookSheets } from '../src/core/input-sheets.js';
import type * as PunchThreadModule from '../src/read/punch-thread.js';
import type * as WorkbookInputModule from '../src/read/workbook-input.js';
import { cell, row, writeRawXlsx, type RawSheet } from './raw-xlsx.js';
import { tempDir } from './workbook.js';

/**
 * A big month's 考勤 sheet is read on a second thread while the other sheets are read here
 * (src/read/punch-thread.ts). The thread is a .js file beside the reader, so these tests read
 * through the build (`npm test` builds first) and lower the size from which the thread is used
 * (KAOHE_PUNCH_THREAD_FROM_BYTES) to nothing, against the same build with the thread off.
 */
const built = (path: string) => import(pathToFileURL(join(process.cwd(), 'dist', path)).href);
const { readWorkbookTables } = (await built('read/workbook-input.js')) as typeof WorkbookInputModule;
const { punchThreadPays, startPunchThread } = (await built('read/punch-thread.js')) as typeof PunchThreadModule;

const THRESHOLD = 'KAOHE_PUNCH_THREAD_FROM_BYTES';
afterEach(() => {
  delete process.env[THRESHOLD];
});

/** Everything the read gives, as plain data: the problems in order, the tables, the punches by person and day. */
async function readAll(path: string, threaded: boolean): Promise<unknown> {
  process.env[THRESHOLD] = threaded ? '0' : '1e15';
  const read = await readWorkbookTables(path, workbookSheets, { punches: { calendar: calendarOf(undefined), year: 2026 } });
  const punches = read.punches;
  return {
    problems: read.problems,
    sheets: [...read.sheets],
    punches: punches && {
      file: punches.file,
      sheet: punches.sheet,
      rows: punches.rows,
      problems: punches.problems,
      firstRow: [...punches.firstRow],
      days: [...punches.personDays()].map(([person, days]) => [person, [...days]]),
      uncoveredDays: [...punches.uncoveredDays],
      // Where a punch is said to be: the header of its column.
      located: punches.locate({ at: 0, role: null, session: null, row: 3, column: 2 }),
    },
  };
}

const roster: RawSheet = { name: '人员', rows: row(1, [cell.text('A1', '工号'), cell.text('B1', '姓名'), cell.text('C1', '窗口')]) + row(2, [cell.text('A2', '0001'), cell.text('B2', '张三'), cell.text('C2', '民政')]) };
const records: RawSheet = { name: '记录', rows: row(1, ['日期', '工号', '项目'].map((h, i) => cell.text(`${'ABC'[i]}1`, h))) + row(2, [cell.text('A2', '2026-10-05'), cell.text('B2', '0001'), cell.error('C2', '#N/A')]) };
const settings: RawSheet = { name: '设置', rows: row(1, [cell.text('A1', '单位名称'), cell.text('B1', '某中心')]) };
const punchHead = row(1, ['工号', '姓名', '日期', '时间'].map((h, i) => cell.text(`${'ABCD'[i]}1`, h)));

/** A 考勤 sheet with a problem in nearly every row: each is reported at its cell, in order. */
const badPunches: RawSheet = {
  name: '考勤',
  rows:
    punchHead +
    row(2, [cell.text('A2', '0001'), cell.text('B2', '张三'), cell.text('C2', '2026-10-08'), cell.text('D2', '08:01')]) +
    row(3, [cell.text('A3', '0001'), cell.text('B3', '张三'), cell.text('C3', '2026-10-08'), cell.text('D3', '25:99')]) +
    row(4, [cell.text('A4', '0001'), cell.text('C4', '十月八日'), cell.text('D4', '17:30')]) +
    row(5, [cell.text('A5', '0001'), cell.text('C5', '2026-10-09'), cell.error('D5', '#VALUE!')]) +
    row(6, [cell.text('A6', '0001'), cell.formula('C6', 'TODAY()'), cell.text('D6', '08:00')]) +
    row(7, [cell.text('A7', '0002'), cell.text('B7', '李四'), cell.text('C7', '1999-10-09'), cell.text('D7', '08:00')]) +
    row(8, [cell.text('B8', '王五'), cell.text('C8', '2026-10-09'), cell.text('D8', '次日00:30')]) +
    row(9, [cell.number('A9', 1), cell.text('C9', '2026-10-10'), cell.number('D9', 0.375)]) +
    row(10, [cell.text('A10', '0001'), cell.text('D10', '08:00')]),
};

describe('the 考勤 sheet read on a second thread', () => {
  it('is used by the build in the main thread once the sheets are big enough', () => {
    process.env[THRESHOLD] = '1000';
    expect(punchThreadPays(1000, 1000)).toBe(true);
    expect(punchThreadPays(999, 5000)).toBe(false);
    // Past 64 MB of 考勤 XML the thread's memory costs more than its time gains.
    expect(punchThreadPays(64_000_001, 64_000_001)).toBe(false);
  });

  it('gives the same punches and the same problems, in the same order, as reading it here', async () => {
    const dir = tempDir();
    const path = await writeRawXlsx(join(dir, '2026-10.xlsx'), { sheets: [roster, records, badPunches, settings] });
    const here = await readAll(path, false);
    // The problems are there to compare: the bad time (D3), the date without a year's month
    // (C4), the error value (D5), the formula without a result (C6), a time with no date (C10 is
    // empty), and the error value in 记录 (C2); the year the calendar does not have (C7) is noted
    // for the validator (uncoveredDays), its punch kept.
    expect(JSON.stringify(here)).toMatch(/time_invalid.*date_invalid.*cell_error.*formula_without_result.*value_required/s);
    expect((here as { punches: { uncoveredDays: [string, { row: number; columnLetter: string }][] } }).punches.uncoveredDays.map(([day, at]) => [day, at.row, at.columnLetter])).toEqual([['1999-10-09', 7, 'C']]);
    expect(await readAll(path, true)).toEqual(here);
    // The thread itself answered (a thread that fails is replaced by reading here).
    const years = [...calendarOf(undefined)().coveredYears];
    const outcome = await startPunchThread({ path, part: 'xl/worksheets/sheet3.xml', years, year: 2026 }, () => undefined).outcome;
    expect(outcome && 'collector' in outcome ? outcome.collector.rows : null).toBe(9);
  });

  it('a 考勤 sheet with merged cells (read twice) gives the same', async () => {
    const dir = tempDir();
    const merged: RawSheet = { ...badPunches, merges: ['C2:C4'] };
    const path = await writeRawXlsx(join(dir, '2026-10.xlsx'), { sheets: [roster, merged, records, settings] });
    expect(await readAll(path, true)).toEqual(await readAll(path, false));
  });

  it('a 考勤 sheet that stops the read (a cell past XFD; a DOCTYPE, refused) stops it in the same place: the sheets after it are not read either way', async () => {
    const dir = tempDir();
    const pastXfd: RawSheet = { name: '考勤', rows: punchHead + row(2, [cell.text('A2', '0001'), cell.text('XFE2', 'x')]) };
    const doctype: RawSheet = { name: '考勤', rows: `${punchHead}<!DOCTYPE bomb [<!ENTITY a "aaaa">]>` };
    for (const [i, punches] of [pastXfd, doctype].entries()) {
      const path = await writeRawXlsx(join(dir, `${i}`, '2026-10.xlsx'), { sheets: [roster, punches, records, settings] });
      const here = (await readAll(path, false)) as { problems: { code: string }[] };
      expect(here.problems.map((p) => p.code)).toEqual([i === 0 ? 'cell_out_of_bounds' : 'file_unreadable', ...(i === 0 ? ['cell_error'] : [])]);
      expect(await readAll(path, true)).toEqual(here);
    }
  });

  it('reads times written as shared strings as the same texts written inline', async () => {
    const dir = tempDir();
    const times = ['08:01', '17:30', '12:00 13:29'];
    const sheet = (inline: boolean): RawSheet => ({
      name: '考勤',
      // Fifteen rows: past the ten that wait for the header, cells come one by one with their index.
      rows: punchHead + Array.from({ length: 15 }, (_, i) => [0, 1, 0, 2, 1][i % 5]!).map((t, i) => row(i + 2, [cell.text(`A${i + 2}`, '0001'), cell.text(`C${i + 2}`, `2026-10-0${8 + (i % 2)}`), inline ? cell.text(`D${i + 2}`, times[t]!) : cell.shared(`D${i + 2}`, t)])).join(''),
    });
    const shared = await writeRawXlsx(join(dir, 'shared', '2026-10.xlsx'), { sheets: [roster, sheet(false)], sharedStrings: times });
    const inline = await writeRawXlsx(join(dir, 'inline', '2026-10.xlsx'), { sheets: [roster, sheet(true)], sharedStrings: times });
    const days = async (path: string) => ((await readAll(path, false)) as { punches: { days: [string, [string, number[]][]][] } }).punches.days;
    const read = await days(shared);
    // rows alternate the 8th and 9th; times cycle 08:01, 17:30, 08:01, "12:00 13:29" (two), 17:30:
    // the 8th has rows 2, 4, …, 16 (eight rows, one of them two punches) = 9, the 9th rows 3, …, 15 (seven, two of them two) = 9
    expect(read[0]![1].map(([day, pairs]) => [day, pairs.length / 2])).toEqual([
      ['2026-10-08', 9],
      ['2026-10-09', 9],
    ]);
    expect(read).toEqual(await days(inline));
  });

  it('agrees with reading here on any 考勤 rows, and shared strings with the same texts written inline (property)', async () => {
    const dir = tempDir();
    const text = fc.constantFrom('0001', '0002', ' 0001', '张三', '2026-10-08', '10月9日', '2025-12-31', '08:01', '17:30:05', '次日00:30', '08:01 12:00 13:30 17:31', 'x', '', '2026-10-08 08:00');
    const shared = ['0001', '08:00', '2026-10-09', '', '17:30', '12:00 13:30'];
    // A shared string is written as itself in the twin (the collector keeps what it made of a shared string by its index).
    const value = fc.oneof(
      text.map((t) => (ref: string) => cell.text(ref, t)),
      fc.integer({ min: 0, max: 5 }).map((i) => (ref: string, inline = false) => (inline ? cell.text(ref, shared[i]!) : cell.shared(ref, i))),
      fc.double({ min: 0, max: 50000, noNaN: true }).map((n) => (ref: string) => cell.number(ref, n)),
      fc.constant((ref: string) => cell.error(ref, '#N/A')),
      fc.constant((ref: string) => cell.formula(ref, 'A1')),
    );
    // Up to 25 rows: the first ten wait whole for the header, the rest come cell by cell.
    const rows = fc.array(fc.array(fc.option(value, { nil: null }), { minLength: 4, maxLength: 4 }), { maxLength: 25 });
    let n = 0;
    await fc.assert(
      fc.asyncProperty(rows, async (cells) => {
        const xml = (inline: boolean) => punchHead + cells.map((r, i) => row(i + 2, r.flatMap((make, c) => (make ? [make(`${'ABCD'[c]}${i + 2}`, inline)] : [])))).join('');
        const path = await writeRawXlsx(join(dir, `${n}`, '2026-10.xlsx'), { sheets: [roster, { name: '考勤', rows: xml(false) }, settings], sharedStrings: shared });
        const twin = await writeRawXlsx(join(dir, `${n++}`, 'inline', '2026-10.xlsx'), { sheets: [roster, { name: '考勤', rows: xml(true) }, settings], sharedStrings: shared });
        const here = await readAll(path, false);
        expect(await readAll(path, true)).toEqual(here);
        expect(JSON.parse(JSON.stringify(await readAll(twin, false)).replaceAll(twin, path))).toEqual(JSON.parse(JSON.stringify(here)));
      }),
      { numRuns: 10 },
    );
  }, 60_000);
});
