import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { problem, UsageError, type Problem } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { readCsv } from './csv.js';
import type { RawTable } from './table.js';
import type { WorkCalendar } from '../calendar/calendar.js';
import { PunchCollector } from './punch-collector.js';
import { checkWorkbookFile, fileProblem, readWorkbook } from './xlsx.js';
import { saxWorkbook } from './xlsx-sax.js';

/** One CSV file per sheet, by flag: --roster 人员.csv --records 记录.csv … */
export type CsvFlags = Partial<Record<'roster' | 'records' | 'peer' | 'marks' | 'metrics' | 'monthly' | 'punches' | 'leave' | 'settings', string>>;

const csvKeys = ['roster', 'records', 'peer', 'marks', 'metrics', 'monthly', 'punches', 'leave', 'settings'] as const;

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
}

export interface ReadOptions {
  calendar: WorkCalendar;
  /** The period's year, for dates typed without one (10月5日). */
  year: number | undefined;
  /** Stream workbooks from this size on (bytes); 0 streams always, Infinity never. */
  streamFrom?: number;
}

/**
 * Workbooks from this size are streamed (saxWorkbook); smaller ones, a town's month, are loaded
 * whole by exceljs. Both give the same values, problems and row numbers (test/streaming.test.ts).
 */
export const STREAM_FROM_BYTES = 256_000;

/**
 * Reads the period's sheets from a workbook, a folder of CSV files (人员.csv, 记录.csv … or
 * roster.csv, records.csv …), or CSV files given one by one; flags add to or replace sheets.
 */
export async function readInput(input: string | undefined, wanted: ReadonlyMap<string, readonly string[]>, csv: CsvFlags, read: ReadOptions): Promise<InputSheets> {
  if (input === undefined && Object.keys(csv).length === 0) throw new UsageError('请给出考核工作簿，或用 --roster、--records 等选项给出各表的 CSV 文件');
  const sheets = new Map<string, RawTable>();
  const problems: Problem[] = [];
  const files: string[] = [];
  let file = input ?? Object.values(csv).find((v) => v !== undefined) ?? '';
  let punches: PunchCollector | null = null;
  /** An in-memory 考勤 table goes through the same collector as a streamed one. */
  const collect = (table: RawTable) => {
    punches = new PunchCollector(table.file, table.sheet, read.calendar, read.year);
    for (const row of table.rows) punches.add(row);
    punches.finish();
  };

  if (input !== undefined) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const names = await readdir(input);
      for (const [canonical, aliases] of wanted) {
        const folded = aliases.map(foldKey);
        const match = names.find((n) => extname(n).toLowerCase() === '.csv' && folded.includes(foldKey(n.slice(0, -4))));
        if (!match) continue;
        const csvRead = await readCsv(join(input, match), aliases[0]);
        problems.push(...csvRead.problems);
        files.push(join(input, match));
        if (csvRead.table) sheets.set(canonical, csvRead.table);
      }
      file = input;
    } else if (extname(input).toLowerCase() === '.csv') {
      problems.push(problem('csv_needs_flag', { file: input }));
    } else {
      files.push(input);
      const size = info?.size ?? 0;
      // The whole-file reader checks the file itself; the streaming one is checked here.
      const bad = info && size >= (read.streamFrom ?? STREAM_FROM_BYTES) ? await checkWorkbookFile(input) : null;
      if (bad) problems.push(bad);
      else if (info && size >= (read.streamFrom ?? STREAM_FROM_BYTES)) {
        const collector = new PunchCollector(input, '考勤', read.calendar, read.year);
        try {
          const streamed = await saxWorkbook(input, wanted, 'punches', (row, sheet) => {
            collector.sheet = sheet;
            collector.add(row);
          });
          problems.push(...streamed.problems);
          for (const [k, v] of streamed.sheets) sheets.set(k, v);
          if (streamed.streamedSheet) {
            collector.finish();
            punches = collector;
          }
        } catch (error) {
          problems.push(fileProblem(input, error));
        }
      } else {
        const workbook = await readWorkbook(input, wanted);
        problems.push(...workbook.problems);
        for (const [k, v] of workbook.sheets) sheets.set(k, v);
      }
    }
  }
  for (const [canonical, path] of Object.entries(csv)) {
    if (path === undefined) continue;
    const csvRead = await readCsv(path, wanted.get(canonical)?.[0]);
    problems.push(...csvRead.problems);
    files.push(path);
    if (csvRead.table) sheets.set(canonical, csvRead.table);
  }
  const punchTable = sheets.get('punches');
  if (punchTable) {
    sheets.delete('punches');
    collect(punchTable);
  }
  return { file, files, sheets, punches, problems };
}
