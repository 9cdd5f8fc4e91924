import { monthPeriod } from '../src/core/period.js';
import type { Problem } from '../src/core/problems.js';
import type { CellValue, RawTable } from '../src/read/table.js';
import type { Scheme } from '../src/scheme/model.js';
import { validateWorkbook } from '../src/validate/workbook.js';
import { builtinScheme } from './builtin-scheme.js';

/**
 * Month sheets in memory for validation tests, October 2026. Invented people: 张一 (0001,
 * 民政窗口), 张二 (0002, 社保窗口), who rate each other's window 90 in 互评.
 */
const october = monthPeriod(2026, 10);

export function sheet(name: string, rows: CellValue[][]): RawTable {
  return { file: 'm.xlsx', sheet: name, rows: rows.map((cells, i) => ({ row: i + 1, cells })) };
}

const roster = sheet('人员', [
  ['工号', '姓名', '窗口'],
  ['0001', '张一', '民政窗口'],
  ['0002', '张二', '社保窗口'],
]);
const peer = sheet('互评', [
  ['评分人', '被评对象', '分数'],
  ['民政窗口', '社保窗口', 90],
  ['社保窗口', '民政窗口', 90],
]);

/** Validates these sheets over the 人员 and 互评 above (a sheet given replaces its own) under a built-in scheme or a given one. */
export function validate(sheets: Record<string, RawTable>, scheme: Scheme | string = 'bianmin-10pt') {
  const found = typeof scheme === 'string' ? builtinScheme(scheme) : scheme;
  return validateWorkbook('m.xlsx', new Map(Object.entries({ roster, peer, ...sheets })), found, october, { allowMissingPeer: true });
}

/** A problem as tests compare it: code, severity, row, column letter and args. */
export const brief = (p: Problem) => ({ code: p.code, severity: p.severity, row: p.at.row, column: p.at.columnLetter, args: p.args });
