import { stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { folderNames, sameFile } from '../core/files.js';
import { problem, UsageError, type Problem, type SourceLocation } from '../core/problems.js';
import { inputSheets } from '../core/input-sheets.js';
import { findHeader, isBlank } from './header.js';
import type { RawTable } from './table.js';
import type { CalendarSource } from '../calendar/calendar.js';
import { PunchCollector } from './punch-collector.js';
import { copyProblem, isSettingRow, isWorkbookName, namesSheet, readMonthWorkbook, roleCopies, sheetRoleTwice } from './workbook-input.js';

/** A CSV file's name without .csv. */
const stemOf = (name: string) => name.slice(0, -4);

/**
 * Whether a CSV file's name (考勤.csv, 打卡记录.csv, Punches.csv) is one of a sheet's names, as a
 * folder's files are matched to its sheets.
 */
export function csvNamesSheet(fileName: string, names: readonly string[]): boolean {
  return namesSheet(stemOf(fileName), names);
}


/** One CSV file per sheet, by flag: --roster 人员.csv --records 记录.csv … */
export type CsvFlags = Partial<Record<'roster' | 'records' | 'peer' | 'marks' | 'metrics' | 'monthly' | 'punches' | 'leave' | 'settings', string>>;

/** The sheets a flag gives, each by its role's name (--roster, --records …). */
export const csvKeys = ['roster', 'records', 'peer', 'marks', 'metrics', 'monthly', 'punches', 'leave', 'settings'] as const;

/** Picks the CSV flags out of a command's options. */
export function csvFlagsOf(options: object): CsvFlags {
  const flags: CsvFlags = {};
  for (const key of csvKeys) {
    const value = (options as Record<string, unknown>)[key];
    if (typeof value === 'string') flags[key] = value;
  }
  return flags;
}

export interface InputSheets {
  /** What to call the input in messages and 说明: the workbook, the folder, or the first CSV. */
  file: string;
  /** Every file read, for the 说明 sheet's SHA-256 list. */
  files: string[];
  sheets: Map<string, RawTable>;
  /** The 考勤 sheet, read row by row into per person-day punches (null when there is none). */
  punches: PunchCollector | null;
  problems: Problem[];
  /** The sheets were given one by one by flag (--roster 人员.csv …, beside an export or alone), not as a workbook or folder. */
  byFlags?: boolean;
  /** The punches came from an export that holds one clock-in and one clock-out a day: where. */
  twoPunchesADay?: SourceLocation;
  /** The workbook's 说明 A1 (a template names its scheme there), if it has one. */
  guideTitle?: string;
}

export interface ReadOptions {
  /** Called only when a 考勤 sheet is read. */
  calendar: CalendarSource;
  /** The period's year, for dates typed without one (10月5日). */
  year: number | undefined;
  /** Inflated workbook bytes read so far and in all, for a progress bar. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Reads the period's sheets from a workbook, a folder of CSV files (人员.csv, 记录.csv … or
 * roster.csv, records.csv …), or CSV files given one by one; flags add to or replace sheets
 * (not a filled 考勤 or 请假: givenTwice).
 */
export async function readInput(input: string | undefined, wanted: ReadonlyMap<string, readonly string[]>, csv: CsvFlags, read: ReadOptions): Promise<InputSheets> {
  if (input === undefined && Object.keys(csv).length === 0) throw new UsageError('input_missing');
  const sheets = new Map<string, RawTable>();
  const problems: Problem[] = [];
  const files: string[] = [];
  let file = input ?? Object.values(csv).find((v) => v !== undefined) ?? '';
  let punches: PunchCollector | null = null;
  let guideTitle: string | undefined;
  const collector = (file: string, sheet: string, date1904: boolean) => new PunchCollector(file, sheet, read.calendar(), read.year, date1904);
  /**
   * A 考勤 CSV (a folder's, or --punches) goes to the collector as it is read: a CSV of years of
   * punches is never held as rows. None when the file has problems: they make its rows doubtful.
   */
  const streamPunches = async (path: string, sheet: string) => {
    const streamed = collector(path, sheet, false);
    const found = await (await import('./csv.js')).readCsvRows(path, sheet, (row) => streamed.add(row));
    if (found.length > 0) return { problems: found, collected: null };
    streamed.finish();
    return { problems: found, collected: streamed };
  };
  /** An in-memory 考勤 table goes through the same collector as a streamed one. */
  const collect = (table: RawTable) => {
    punches = collector(table.file, table.sheet, table.date1904 === true);
    for (const row of table.rows) punches.add(row);
    punches.finish();
  };

  if (input !== undefined) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      // Sorted: the first of two files for a role, and the copies, in a fixed order.
      const entries = await folderNames(input);
      const names = entries.filter((n) => extname(n).toLowerCase() === '.csv');
      const fileOfRole = new Map<string, string>();
      for (const [canonical, aliases] of wanted) {
        const matches = names.filter((n) => csvNamesSheet(n, aliases));
        const match = matches[0];
        if (match === undefined) continue;
        fileOfRole.set(canonical, match);
        // 人员.csv beside roster.csv: neither is dropped nor are they merged (as two sheets of a workbook).
        if (matches.length > 1) problems.push(sheetRoleTwice(input, aliases[0] as string, matches));
        if (canonical === 'punches') {
          const { problems: found, collected } = await streamPunches(join(input, match), aliases[0] as string);
          problems.push(...found);
          files.push(join(input, match));
          punches = collected;
          continue;
        }
        const csvRead = await (await import('./csv.js')).readCsv(join(input, match), aliases[0]);
        problems.push(...csvRead.problems);
        files.push(join(input, match));
        if (csvRead.table) sheets.set(canonical, csvRead.table);
      }
      if (fileOfRole.size === 0 && Object.keys(csv).length === 0) problems.push(folderWithoutTables(input, wanted, entries, names));
      // 记录 - 副本.csv beside 记录.csv: said, as a workbook's copied sheet is (its own faults unsaid: it is not used).
      for (const copy of roleCopies(names, wanted, stemOf, (role) => fileOfRole.get(role))) {
        const path = join(input, copy.sheet);
        const { table } = await (await import('./csv.js')).readCsv(path);
        problems.push(copyProblem({ file: path, sheet: stemOf(copy.sheet) }, { ...copy, hidden: false }, table));
      }
      file = input;
    } else if (extname(input).toLowerCase() === '.csv') {
      problems.push(problem('csv_needs_flag', { file: input }));
    } else {
      files.push(input);
      const workbook = await readBook(input, wanted, read, false);
      problems.push(...workbook.problems);
      for (const [k, v] of workbook.sheets) sheets.set(k, v);
      punches = workbook.punches;
      if ('guideTitle' in workbook) guideTitle = workbook.guideTitle;
    }
  }
  for (const [canonical, path] of Object.entries(csv)) {
    if (path === undefined) continue;
    const twice = await givenTwice(canonical, path, sheets.get(canonical), punches);
    if (twice === 'same') continue;
    if (twice) {
      problems.push(twice);
      continue;
    }
    // A workbook given for a sheet (考勤.xlsx, a month workbook by --punches) is read for that sheet alone, as a CSV is;
    // any other name is text (记录.csv, Excel's Unicode 文本 记录.txt).
    if (isWorkbookName(path)) {
      const names = wanted.get(canonical) ?? inputSheets.find((s) => s.role === canonical)?.names ?? [canonical];
      const workbook = await readBook(path, new Map([[canonical, names]]), read, true);
      problems.push(...workbook.problems);
      files.push(path);
      const table = workbook.sheets.get(canonical);
      if (table) sheets.set(canonical, table);
      if (workbook.punches) punches = workbook.punches;
      continue;
    }
    const csv = await import('./csv.js');
    const sheet = wanted.get(canonical)?.[0] ?? csv.csvSheetName(path);
    files.push(path);
    if (canonical === 'punches') {
      const { problems: found, collected } = await streamPunches(path, sheet);
      problems.push(...found);
      if (!collected) continue;
      punches = collected;
      sheets.delete(canonical);
      continue;
    }
    const csvRead = await csv.readCsv(path, sheet);
    problems.push(...csvRead.problems);
    if (csvRead.table) sheets.set(canonical, csvRead.table);
  }
  const punchTable = sheets.get('punches');
  if (punchTable) {
    sheets.delete('punches');
    collect(punchTable);
  }
  return { file, files, sheets, punches, problems, ...(guideTitle === undefined ? {} : { guideTitle }) };
}

/**
 * A folder given as the input with no CSV file named as a wanted sheet: said once, with what
 * kaohe reads from a folder and what the folder holds instead (a month workbook put in a folder
 * of its own is given as the file), not as a missing sheet each or a question of the period.
 */
function folderWithoutTables(folder: string, wanted: ReadonlyMap<string, readonly string[]>, entries: readonly string[], csvNames: readonly string[]): Problem {
  const workbooks = entries.filter(isWorkbookName);
  // The first few (人员, 记录 …: the order of the sheets' declarations), as an example.
  const expected = [...wanted.values()].slice(0, 3).map((names) => `${names[0]}.csv`);
  return problem('folder_no_tables', { file: folder }, { expected: expected.join('、'), workbooks: workbooks.join('、'), example: workbooks[0] === undefined ? '' : join(folder, workbooks[0]), csv: csvNames.join('、') });
}

/** The wanted sheets of a workbook, .xlsx or legacy .xls; byFlag: it is given for its one wanted sheet by a flag (WorkbookReadOptions). */
async function readBook(path: string, wanted: ReadonlyMap<string, readonly string[]>, read: ReadOptions, byFlag: boolean) {
  // The calendar is taken only if the workbook has a 考勤 sheet to read; the progress bar is the input's.
  const options = { punches: { year: read.year, calendar: read.calendar }, ...(byFlag ? { byFlag } : {}) };
  return readMonthWorkbook(path, wanted, { ...options, ...(read.onProgress && !byFlag ? { onProgress: read.onProgress } : {}) });
}

/**
 * A sheet given by flag beside the input's own filled sheet of that role (记录.csv by --records
 * beside a workbook's 记录 with rows): replacing the sheet would drop its rows without a word,
 * and two lists are not merged by guess, as two sheets of a workbook are not. The same file given
 * twice (a folder's own 请假.csv by --leave) is read once.
 */
async function givenTwice(role: string, csv: string, own: RawTable | undefined, ownPunches: PunchCollector | null): Promise<Problem | 'same' | null> {
  const sheet = inputSheets.find((s) => s.role === role);
  if (!sheet) return null;
  const where = own ?? (role === 'punches' && ownPunches && ownPunches.firstRow.size > 0 ? { file: ownPunches.file, sheet: ownPunches.sheet } : null);
  if (!where || (own && !filled(own, sheet))) return null;
  if (await sameFile(where.file, csv)) return 'same';
  return problem('sheet_given_twice', { file: where.file, sheet: where.sheet }, { sheet: where.sheet, flag: role, csv: basename(csv) });
}

/** Whether a table holds rows of its sheet: data rows under a header that maps (keys with values, for 设置). */
function filled(table: RawTable, sheet: (typeof inputSheets)[number]): boolean {
  if (sheet.role === 'settings') return table.rows.some(isSettingRow);
  const { head } = findHeader(table, sheet.columns);
  return head !== undefined && table.rows.slice(head.headerIndex + 1).some((r) => r.cells.some((c) => !isBlank(c)));
}
