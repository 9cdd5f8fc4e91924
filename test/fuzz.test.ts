import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { random } from './bench/generate.js';
import { kaohe } from './kaohe.js';
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
  { formula: 'A1' },
  { formula: 'A1', result: '7.1' },
  { richText: [{ text: '张' }, { text: '三' }] },
  { text: '链接', hyperlink: 'http://example.invalid' },
  { error: '#N/A' },
  null,
];

/**
 * Scores `path` with `-o`: either it scores and writes the output, or it refuses the input (exit
 * 1) with a message and writes nothing — never a crash (exit 3, a stack trace). Returns the exit code.
 */
async function survives(path: string): Promise<number> {
  const out = path.replace(/\.xlsx$/, '.json');
  const run = await kaohe('score', path, '--scheme', 'bingcha-monthly', '--period', '2026-10', '-o', out);
  expect(run.code, `${path}: ${run.stderr}`).toBeOneOf([0, 1]);
  expect(run.stderr, path).not.toContain('内部错误');
  expect(existsSync(out), path).toBe(run.code === 0);
  if (run.code === 1) expect(run.stderr, path).toMatch(/^输入有 \d+ 处问题/);
  return run.code;
}

/** Each run scores through the whole command line and writes; sixty fixed-seed cases each keep the suite quick. */
const RUNS = 60;

/** What the folder holds beyond the inputs and the outputs of scored runs: no temporary file. */
const leftovers = (dir: string, files: RegExp) => readdirSync(dir).filter((f) => !files.test(f));

describe('mutated workbooks never crash kaohe, and a refused one writes nothing', () => {
  it(`survives ${RUNS} workbooks with random bytes flipped`, async () => {
    const dir = tempDir();
    const valid = readFileSync(
      await writeWorkbook(join(dir, 'valid.xlsx'), { 人员: rosterRows, 记录: [recordHeader, ['2026-10-05', '001', null, null, '7.1', null, 3]], 互评: peerRows }),
    );
    const next = random(20261022);
    const codes: number[] = [];
    for (let n = 0; n < RUNS; n++) {
      const bytes = Buffer.from(valid);
      const flips = 1 + Math.floor(next() * 8);
      for (let f = 0; f < flips; f++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
      const path = join(dir, `flip-${n}.xlsx`);
      writeFileSync(path, bytes);
      codes.push(await survives(path));
    }
    // Both outcomes occur: a flip in a part kaohe does not read scores; most break the file.
    expect(new Set(codes)).toEqual(new Set([0, 1]));
    expect(leftovers(dir, /^(valid\.xlsx|flip-\d+\.(xlsx|json))$/)).toEqual([]);
  }, 120_000);

  it(`survives ${RUNS} workbooks with random junk in random cells`, async () => {
    const dir = tempDir();
    const next = random(20261122);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    const codes: number[] = [];
    for (let n = 0; n < RUNS; n++) {
      const records = [recordHeader, ['2026-10-05', '001', null, null, '7.1', null, 3], ['2026-10-06', null, '李四', null, '11.3'], ['2026-10-07', null, null, '国土窗口', '9.1', 2]];
      const sheets = { 人员: rosterRows.map((r) => [...r]), 记录: records.map((r) => [...r]), 互评: peerRows.map((r) => [...r]) } as Record<string, ExcelJS.CellValue[][]>;
      const cuts = 1 + Math.floor(next() * 4);
      for (let c = 0; c < cuts; c++) {
        const sheet = sheets[pick(Object.keys(sheets))]!;
        const row = sheet[Math.floor(next() * sheet.length)]!;
        row[Math.floor(next() * (row.length + 2))] = pick(junk);
      }
      const path = await writeWorkbook(join(dir, `junk-${n}.xlsx`), sheets);
      codes.push(await survives(path));
    }
    expect(new Set(codes)).toEqual(new Set([0, 1]));
    expect(leftovers(dir, /^junk-\d+\.(xlsx|json)$/)).toEqual([]);
  }, 120_000);
});
