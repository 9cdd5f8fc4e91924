import { basename } from 'node:path';
import { problem, type Problem } from '../core/problems.js';
import { rosterSheet } from '../core/input-sheets.js';
import { foldKey } from '../core/text.js';
import { mapHeader } from '../read/header.js';
import type { RawRow, RawTable } from '../read/table.js';
import { HEAD_ROWS } from './header.js';
import { openExport } from './open.js';

/**
 * --roster as a workbook (人员.xlsx, an HR list saved as .xls) or CSV: the sheet named 人员, else
 * the first whose header names 工号 and 姓名 (and 窗口/部门) — found by content, not by name.
 */
export async function readRosterFile(path: string): Promise<{ table: RawTable | null; problems: Problem[] }> {
  const source = await openExport(path);
  if ('code' in source) return { table: null, problems: [source] };
  const sheets = await source.sheets();
  const names = rosterSheet.names.map(foldKey);
  const named = sheets.find((s) => names.includes(foldKey(s.name)));
  let chosen = named?.name;
  for (const s of named ? [] : sheets) {
    const head = await source.head(s.name, HEAD_ROWS);
    const { table } = mapHeader({ file: path, sheet: s.name, rows: head }, rosterSheet.columns);
    if (table && table.columns.some((c) => c.key === 'id') && table.columns.some((c) => c.key === 'name')) {
      chosen = s.name;
      break;
    }
  }
  if (chosen === undefined) return { table: null, problems: [problem('sheet_missing', { file: path }, { sheet: rosterSheet.names[0], aliases: `含“工号”“姓名”列的工作表（${basename(path)} 中没有）` })] };
  const rows: RawRow[] = [];
  await source.rows(chosen, (row) => rows.push(row));
  return { table: { file: path, sheet: chosen, rows }, problems: source.problems };
}
