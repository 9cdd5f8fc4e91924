import type { ColumnSpec } from '../core/input-sheets.js';
import { firstPlaceArgs, type Problem, type SourceLocation } from '../core/problems.js';
import { foldKey } from '../core/text.js';
import { mapHeader } from '../read/header.js';
import type { CellValue, RawRow, RawTable } from '../read/table.js';

/**
 * Imported rows join the month workbook's own sheet (its 请假, 班次, 设置 stay; the export's rows
 * follow them) or stand as the sheet when the workbook has none. Each joined row remembers the
 * export's cell it came from, so a problem found later names that cell.
 */
export interface Joined {
  table: RawTable;
  /** Row number in the joined table → the export's cell. */
  origins: Map<number, SourceLocation>;
}

export function joinRows(existing: RawTable | undefined, imported: RawTable, columns: readonly ColumnSpec[], origins: (row: number) => SourceLocation | undefined): Joined {
  const importedHeader = imported.rows[0]?.cells ?? [];
  const data = imported.rows.slice(1);
  if (!existing) return { table: imported, origins: new Map(data.map((r) => [r.row, origins(r.row) ?? { file: imported.file }])) };
  const mapped = mapHeader(existing, columns).table;
  // A sheet whose header cannot be read is reported as it is; the export's rows cannot join it.
  if (!mapped) return { table: existing, origins: new Map() };
  const keyOf = (header: CellValue) => columns.find((c) => c.headers.some((h) => foldKey(h) === foldKey(String(header ?? ''))))?.key;
  const headerRow = existing.rows.find((r) => r.row === mapped.headerRow)!;
  const header = [...headerRow.cells];
  const indexOf = new Map<string, number>(mapped.columns.map((c) => [c.key, c.index]));
  for (const h of importedHeader) {
    const key = keyOf(h);
    if (key === undefined || indexOf.has(key)) continue;
    indexOf.set(key, header.length);
    header.push(h);
  }
  let next = Math.max(...existing.rows.map((r) => r.row)) + 1;
  const joinedOrigins = new Map<number, SourceLocation>();
  const added: RawRow[] = data.map((r) => {
    const cells: CellValue[] = [];
    importedHeader.forEach((h, i) => {
      const index = indexOf.get(keyOf(h) ?? '');
      if (index !== undefined) cells[index] = r.cells[i] ?? null;
    });
    const row = next++;
    joinedOrigins.set(row, origins(r.row) ?? { file: imported.file });
    return { row, cells: Array.from(cells, (c) => c ?? null) };
  });
  const rows = existing.rows.map((r) => (r === headerRow ? { row: r.row, cells: header } : r));
  // The imported rows' dates are text: the workbook's date system stays the existing rows'.
  return { table: { file: existing.file, sheet: existing.sheet, rows: [...rows, ...added], ...(existing.date1904 ? { date1904: true } : {}) }, origins: joinedOrigins };
}

/**
 * Puts a problem found on a joined row back on the export's cell, and the other row it names
 * (args firstFile, firstSheet, firstRow, as leave_overlap's) on that row's.
 */
export function relocate(problems: readonly Problem[], joined: readonly Joined[]): Problem[] {
  const originOf = (at: SourceLocation) => {
    const j = joined.find((x) => x.table.file === at.file && x.table.sheet === at.sheet);
    return at.row === undefined ? undefined : j?.origins.get(at.row);
  };
  return problems.map((p) => {
    const origin = originOf(p.at);
    const { firstFile, firstSheet, firstRow } = p.args;
    const first = firstFile === undefined || firstSheet === undefined || firstRow === undefined ? undefined : originOf({ file: String(firstFile), sheet: String(firstSheet), row: Number(firstRow) });
    const args = first ? { ...p.args, ...firstPlaceArgs(first) } : p.args;
    return origin || first ? { ...p, at: origin ?? p.at, args } : p;
  });
}
