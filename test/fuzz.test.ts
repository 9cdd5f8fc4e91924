import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runScore } from '../src/commands/score.js';
import { InputError, SchemeError, UsageError } from '../src/core/problems.js';
import { random } from './bench/generate.js';
import { peerRows, recordHeader, rosterRows, tempDir, writeWorkbook } from './workbook.js';

const junk: ExcelJS.CellValue[] = [
  '',
  ' ',
  '=1+1',
  '-',
  '１２３',
  '９．１',
  '😀',
  'x'.repeat(5000),
  '2026-02-30',
  '10月',
  '0',
  '-3',
  '1e9',
  'NaN',
  -1,
  0,
  0.5,
  1e15,
  -1e15,
  true,
  new Date(Date.UTC(1900, 0, 1)),
  new Date(Date.UTC(2026, 9, 5)),
  { formula: 'A1' } as ExcelJS.CellValue,
  { formula: 'A1', result: '7.1' } as ExcelJS.CellValue,
  { richText: [{ text: '张' }, { text: '三' }] } as ExcelJS.CellValue,
  { text: '链接', hyperlink: 'http://example.invalid' } as ExcelJS.CellValue,
  { error: '#N/A' } as ExcelJS.CellValue,
  null,
];

/** Only kaohe's own errors may come out: a clear message with a location, never a crash. */
async function survives(path: string): Promise<void> {
  try {
    await runScore(path, { scheme: 'bingcha-monthly', period: '2026-10' });
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError || error instanceof SchemeError) return;
    throw new Error(`crash on ${path}: ${(error as Error).stack}`);
  }
}

describe('mutated workbooks never crash kaohe and never write a file', () => {
  it('survives 250 workbooks with random bytes flipped', async () => {
    const dir = tempDir();
    const valid = readFileSync(
      await writeWorkbook(join(dir, 'valid.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ['2026-10-05', '001', null, null, '7.1', null, 3]], 互评: peerRows }),
    );
    const next = random(20261022);
    for (let n = 0; n < 250; n++) {
      const bytes = Buffer.from(valid);
      const flips = 1 + Math.floor(next() * 8);
      for (let f = 0; f < flips; f++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const path = join(dir, `flip-${n}.xlsx`);
      writeFileSync(path, bytes);
      await survives(path);
    }
    // nothing but the inputs in the folder
    expect(readdirSync(dir).filter((f) => !/^(valid|flip-\d+)\.xlsx$/.test(f))).toEqual([]);
  }, 120_000);

  it('survives 250 workbooks with random junk in random cells', async () => {
    const dir = tempDir();
    const next = random(20261122);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    for (let n = 0; n < 250; n++) {
      const records = [recordHeader, ['2026-10-05', '001', null, null, '7.1', null, 3], ['2026-10-06', null, '李四', null, '11.3'], ['2026-10-07', null, null, '国土窗口', '9.1', 2]];
      const sheets = { 人员: rosterRows.map((r) => [...r]), 记录: records.map((r) => [...r]), 互评: peerRows.map((r) => [...r]) } as Record<string, ExcelJS.CellValue[][]>;
      const cuts = 1 + Math.floor(next() * 4);
      for (let c = 0; c < cuts; c++) {
        const sheet = sheets[pick(Object.keys(sheets))]!;
        const row = sheet[Math.floor(next() * sheet.length)]!;
        row[Math.floor(next() * (row.length + 2))] = pick(junk);
      }
      const path = await writeWorkbook(join(dir, `junk-${n}.xlsx`), sheets);
      await survives(path);
    }
    expect(readdirSync(dir).filter((f) => !/^junk-\d+\.xlsx$/.test(f))).toEqual([]);
  }, 120_000);
});
