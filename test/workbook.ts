import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/** Writes small workbooks for reader and CLI tests into a fresh temporary folder. */
export type SheetRows = (string | number | Date | null | ExcelJS.CellValue)[][];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kaohe-test-'));
}

export async function writeWorkbook(path: string, sheets: Record<string, SheetRows>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row);
  }
  await wb.xlsx.writeFile(path);
  return path;
}

/** A 人员 workbook in `dir` of the people given as [工号, 姓名, 窗口]: its path. */
export function writeRoster(dir: string, people: readonly [string, string, string][]): Promise<string> {
  return writeWorkbook(join(dir, '人员.xlsx'), { 人员: [['工号', '姓名', '窗口'], ...people] });
}

/** A new folder for a test file's inputs, with the roster of `people` written in it (writeRoster). */
export async function folderWithRoster(people: readonly [string, string, string][]): Promise<{ dir: string; roster: string }> {
  const dir = tempDir();
  return { dir, roster: await writeRoster(dir, people) };
}

export const rosterRows: SheetRows = [
  ['工号', '姓名', '窗口'],
  ['001', '张三', '民政窗口'],
  ['002', '李四', '社保窗口'],
  ['003', '王五', '国土窗口'],
];

/** Each of the three windows rates the other two at 100. */
export const peerRows: SheetRows = [
  ['评分人', '被评对象', '分数'],
  ['民政窗口', '社保窗口', 100],
  ['民政窗口', '国土窗口', 100],
  ['社保窗口', '民政窗口', 100],
  ['社保窗口', '国土窗口', 100],
  ['国土窗口', '民政窗口', 100],
  ['国土窗口', '社保窗口', 100],
];

export const recordHeader = ['日期', '工号', '姓名', '窗口', '项目', '次数', '分值', '事项编号', '说明'];
