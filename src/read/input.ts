import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { problem, UsageError, type Problem } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { readCsv } from './csv.js';
import type { RawTable } from './table.js';
import { readWorkbook } from './xlsx.js';

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
  problems: Problem[];
}

/**
 * Reads the period's sheets from a workbook, a folder of CSV files (人员.csv, 记录.csv … or
 * roster.csv, records.csv …), or CSV files given one by one; flags add to or replace sheets.
 */
export async function readInput(input: string | undefined, wanted: ReadonlyMap<string, readonly string[]>, csv: CsvFlags = {}): Promise<InputSheets> {
  if (input === undefined && Object.keys(csv).length === 0) throw new UsageError('请给出考核工作簿，或用 --roster、--records 等选项给出各表的 CSV 文件');
  const sheets = new Map<string, RawTable>();
  const problems: Problem[] = [];
  const files: string[] = [];
  let file = input ?? Object.values(csv).find((v) => v !== undefined) ?? '';

  if (input !== undefined) {
    const info = await stat(input).catch(() => null);
    if (info?.isDirectory()) {
      const names = await readdir(input);
      for (const [canonical, aliases] of wanted) {
        const folded = aliases.map(foldKey);
        const match = names.find((n) => extname(n).toLowerCase() === '.csv' && folded.includes(foldKey(n.slice(0, -4))));
        if (!match) continue;
        const read = await readCsv(join(input, match), aliases[0]);
        problems.push(...read.problems);
        files.push(join(input, match));
        if (read.table) sheets.set(canonical, read.table);
      }
      file = input;
    } else if (extname(input).toLowerCase() === '.csv') {
      problems.push(problem('csv_needs_flag', { file: input }));
    } else {
      const workbook = await readWorkbook(input, wanted);
      problems.push(...workbook.problems);
      files.push(input);
      for (const [k, v] of workbook.sheets) sheets.set(k, v);
    }
  }
  for (const [canonical, path] of Object.entries(csv)) {
    if (path === undefined) continue;
    const read = await readCsv(path, wanted.get(canonical)?.[0]);
    problems.push(...read.problems);
    files.push(path);
    if (read.table) sheets.set(canonical, read.table);
  }
  return { file, files, sheets, problems };
}
