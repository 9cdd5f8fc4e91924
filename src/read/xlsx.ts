import { open } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { problem, type Problem } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { zipBombReason } from './zip-guard.js';
import type { CellValue, RawTable } from './table.js';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound file: an old .xls, an .et, or an encrypted (password-protected) .xlsx. */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

/** A cell that cannot be read as a value (e.g. a formula never calculated). */
export class CellProblem {
  constructor(readonly code: 'formula_without_result', readonly formula: string) {}
}

/**
 * One place that turns exceljs's cell shapes into plain values: formulas by their cached
 * result, rich text and hyperlinks by their text, error values by their text (#N/A).
 */
export function normaliseCell(value: ExcelJS.CellValue): CellValue | CellProblem {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null) {
        return new CellProblem('formula_without_result', String((value as { formula?: string }).formula ?? ''));
      }
      if (typeof result === 'object' && result !== null && 'error' in result) return String((result as { error: string }).error);
      return normaliseCell(result as ExcelJS.CellValue);
    }
    if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

async function startsWith(path: string, magic: number[]): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(magic.length);
    await handle.read(buffer, 0, magic.length, 0);
    return magic.every((b, i) => buffer[i] === b);
  } finally {
    await handle.close();
  }
}

export interface WorkbookSheets {
  file: string;
  /** Sheets by folded name. */
  sheets: Map<string, RawTable>;
  problems: Problem[];
}

/** Checks the file is a readable .xlsx before any reader touches it; a problem, or null. */
export async function checkWorkbookFile(path: string): Promise<Problem | null> {
  try {
    if (!(await startsWith(path, ZIP_MAGIC))) {
      const code = (await startsWith(path, OLE_MAGIC)) ? 'file_not_xlsx' : 'file_unreadable';
      return problem(code, { file: path }, { reason: code === 'file_not_xlsx' ? 'ole' : 'not_zip' });
    }
    const bomb = await zipBombReason(path);
    return bomb ? problem('zip_too_large', { file: path }, { detail: bomb }) : null;
  } catch (error) {
    return fileProblem(path, error);
  }
}

/**
 * Loads a month workbook whole (fine for the small sheets: roster, records, peer ratings) and
 * returns the wanted sheets as raw tables. Never writes to the file. Problems are returned.
 */
export async function readWorkbook(path: string, wantedSheets: ReadonlyMap<string, readonly string[]>): Promise<WorkbookSheets> {
  const file = path;
  const problems: Problem[] = [];
  const sheets = new Map<string, RawTable>();
  const bad = await checkWorkbookFile(path);
  if (bad) return { file, sheets, problems: [bad] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    problems.push(fileProblem(file, error));
    return { file, sheets, problems };
  }

  for (const [canonical, names] of wantedSheets) {
    const folded = names.map(foldKey);
    const worksheet = workbook.worksheets.find((ws) => folded.includes(foldKey(ws.name)));
    if (!worksheet) continue;
    const table: RawTable = { file, sheet: worksheet.name, rows: [] };
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        const value = normaliseCell(cell.value);
        if (value instanceof CellProblem) {
          problems.push(
            problem('formula_without_result', { file, sheet: worksheet.name, row: rowNumber, columnLetter: cell.address.replace(/\d+$/, '') }, { formula: value.formula }),
          );
          cells[colNumber - 1] = null;
        } else {
          cells[colNumber - 1] = value;
        }
      });
      table.rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
    });
    sheets.set(canonical, table);
  }
  return { file, sheets, problems };
}

export function fileProblem(file: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return problem('file_missing', { file });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') return problem('file_unreadable', { file }, { reason: 'locked' });
  return problem('file_unreadable', { file }, { reason: 'corrupt', detail: String((error as Error).message ?? error).split('\n')[0] ?? '' });
}
