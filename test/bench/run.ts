/**
 * npm run bench: generates the inputs (fixed seed) and, in one run on the same files, times kaohe
 * and the floor (exceljs's streaming reader reading every cell) and records peak memory.
 *   S   a town month, 20 staff
 *   M   a city month, 500 staff (~45k punches, ~5k records); M×2 and M×4 show growth
 *   L   a city year for kaohe year: 2,000 staff, 12 monthly workbooks (~2M punches)
 * Prints a table; the run recorded in BENCHMARKS.md came from here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { centre, ensureDir, writeMonth } from './generate.js';

const root = ensureDir('.bench');
const measure = (args: string[], script: string) => {
  const out = join(root, 'usage.json');
  rmSync(out, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [script, ...args], { env: { ...process.env, KAOHE_BENCH_OUT: out }, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0 && !run.stderr.includes('提示')) throw new Error(`${script} ${args.join(' ')} failed (${run.status}):\n${run.stderr.slice(0, 2000)}`);
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { maxRSS: number };
  return { seconds, peakMB: usage.maxRSS / 1024 };
};

interface Case {
  name: string;
  staff: number;
  months: number[];
}
const cases: Case[] = [
  { name: 'S', staff: 20, months: [10] },
  { name: 'M', staff: 500, months: [10] },
  { name: 'M×2', staff: 1000, months: [10] },
  { name: 'M×4', staff: 2000, months: [10] },
  { name: 'L', staff: 2000, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
];

// `npm run bench -- M L` runs only those cases (the full run is what BENCHMARKS.md records).
const only = process.argv.slice(2);
const rows: string[][] = [];
const results: Record<string, { rows: number; seconds: number; peakMB: number; floorSeconds: number; floorMB: number }> = {};
for (const c of cases.filter((x) => only.length === 0 || only.includes(x.name))) {
  const dir = ensureDir(join(root, c.name.replace('×', 'x')));
  const people = centre(c.staff, 20261122 + c.staff);
  let inputRows = 0;
  const files: string[] = [];
  for (const m of c.months) {
    const file = join(dir, `2026-${String(m).padStart(2, '0')}.xlsx`);
    const written = await writeMonth(file, people, 2026, m, 1000 * c.staff + m);
    inputRows += written.punches + written.records;
    files.push(file);
  }
  const floor = measure(files, 'test/bench/floor.mjs');
  const out = join(root, `${c.name.replace('×', 'x')}-结果.xlsx`);
  const args = c.months.length > 1 ? ['year', dir, '--scheme', 'bianmin-10pt', '-o', out, '--force', '--notice-date', '2027-01-04'] : ['score', files[0]!, '--scheme', 'bianmin-10pt', '-o', out, '--force', '--notice-date', '2026-11-02'];
  const kaohe = measure(args, 'test/bench/measure.mjs');
  results[c.name] = { rows: inputRows, seconds: kaohe.seconds, peakMB: kaohe.peakMB, floorSeconds: floor.seconds, floorMB: floor.peakMB };
  rows.push([`${c.name} (floor)`, String(inputRows), floor.seconds.toFixed(2), floor.peakMB.toFixed(0), '1.00', Math.round(inputRows / floor.seconds).toLocaleString('en')]);
  rows.push([`${c.name} kaohe ${args[0]}`, String(inputRows), kaohe.seconds.toFixed(2), kaohe.peakMB.toFixed(0), (kaohe.seconds / floor.seconds).toFixed(2), Math.round(inputRows / kaohe.seconds).toLocaleString('en')]);
  process.stderr.write(`${c.name} done\n`);
}

// Start-up: kaohe --help, median of five.
const helps = Array.from({ length: 5 }, () => measure(['--help'], 'test/bench/measure.mjs').seconds).sort((a, b) => a - b);
const help = helps[2]!;

const header = ['case', 'rows', 'seconds', 'peak MB', 'ratio to floor', 'rows/s'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log(`kaohe --help: ${help.toFixed(3)} s (median of 5)`);
if (only.length > 0) process.exit(0);
const growth = results['M×4']!.seconds / results.M!.seconds;
const rowGrowth = results['M×4']!.rows / results.M!.rows;
console.log(`growth M → M×4: ${rowGrowth.toFixed(2)}× rows, ${growth.toFixed(2)}× time`);
const targets = [
  ['M ≤ 1.5 × floor', results.M!.seconds <= 1.5 * results.M!.floorSeconds],
  ['M peak ≤ 300 MB', results.M!.peakMB <= 300],
  ['L ≤ 1.5 × floor', results.L!.seconds <= 1.5 * results.L!.floorSeconds],
  ['L peak ≤ 500 MB', results.L!.peakMB <= 500],
  ['4× rows ≤ 4.4× time', growth <= 4.4 * (rowGrowth / 4)],
  ['--help ≤ 0.3 s', help <= 0.3],
] as const;
for (const [name, ok] of targets) console.log(`${ok ? 'met   ' : 'MISSED'} ${name}`);
if (!existsSync(root)) throw new Error('bench folder vanished');
