import { basename } from 'node:path';
import { problem, type Problem } from '../core/problems.js';
import { rosterSheet } from '../core/input-sheets.js';
import { foldKey } from '../core/text.js';
import { mapHeader } from '../read/header.js';
import type { RowFault, SheetSource } from '../read/sheet-source.js';
import type { RawRow, RawTable } from '../read/table.js';
import { faultProblem, fileFault } from '../read/xlsx.js';
import { HEAD_ROWS } from './header.js';
import { openExport } from './open.js';

/**
 * --roster as a workbook (人员.xlsx, an HR list saved as .xls) or CSV: the sheet named 人员, else
 * the first whose header names 工号 and 姓名 (and 窗口/部门) — found by content, not by name.
 */
export async function readRosterFile(path: string): Promise<{ table: RawTable | null; problems: Problem[] }> {
  const source = await openExport(path);
  if ('code' in source) return { table: null, problems: [source] };
  try {
    return await readRoster(source, path);
  } catch (error) {
    // A part that cannot be read to its end (damaged), found only when its rows are.
    const fault = fileFault(path, error);
    if (fault === null) throw error;
    return { table: null, problems: [fault] };
  } finally {
    source.close();
  }
}

async function readRoster(source: SheetSource, path: string): Promise<{ table: RawTable | null; problems: Problem[] }> {
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
  if (chosen === undefined) return { table: null, problems: [problem('roster_sheet_missing', { file: path }, { sheet: rosterSheet.names[0], file: basename(path) })] };
  const rows: RawRow[] = [];
  const faults: RowFault[] = [];
  await source.rows(chosen, (row, found) => {
    rows.push(row);
    faults.push(...found);
  });
  // A cell with no value (#N/A, a formula never calculated) in a column the roster uses is reported.
  const used = new Set(mapHeader({ file: path, sheet: chosen, rows }, rosterSheet.columns).table?.columns.map((c) => c.index) ?? []);
  return { table: { file: path, sheet: chosen, rows, ...(source.date1904 ? { date1904: true } : {}) }, problems: [...source.problems, ...faults.filter((f) => used.has(f.column)).map((f) => faultProblem(f.fault, { file: path, sheet: chosen }))] };
}
