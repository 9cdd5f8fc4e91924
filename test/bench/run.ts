/**
 * npm run bench: generates the inputs (fixed seed) and, in one run on the same files, times kaohe
 * and the floor (exceljs's streaming reader reading every cell) and records peak memory.
 *   S   a town month, 20 staff
 *   M   a city month, 500 staff (~45k punches, ~5k records); M×2 and M×4 show growth
 *   L   a city year for kaohe year: 2,000 staff, 12 monthly workbooks (~2M punches)
 *   R   a month of 200,000 records (2,000 staff, 100 each), read, validated and scored (--json)
 *   P   a month of ~1,000,000 punches (12,000 staff), read, derived and scored (--json)
 *   bounds  cells at the sheet's edge and template --roster among twelve 45 MB sheets (peak memory)
 * Prints a table; the run recorded in BENCHMARKS.md came from here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { cell, row, writeRawXlsx, type RawSheet } from '../raw-xlsx.js';
import { centre, ensureDir, writeMonth, writeRosterAmongBigSheets, type MonthShape } from './generate.js';
import { runImportBench } from './import.js';

const root = ensureDir('.bench');
const measure = (args: string[], script: string, expectedCode = 0) => {
  const out = join(root, 'usage.json');
  rmSync(out, { force: true });
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [script, ...args], { env: { ...process.env, KAOHE_BENCH_OUT: out }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== expectedCode && !run.stderr.includes('提示')) throw new Error(`${script} ${args.join(' ')} failed (${run.status}):\n${run.stderr.slice(0, 2000)}`);
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { maxRSS: number };
  return { seconds, peakMB: usage.maxRSS / 1024, stdout: run.stdout, stderr: run.stderr };
};

interface Case {
  name: string;
  staff: number;
  months: number[];
  shape?: MonthShape;
  /** What kaohe writes: the result workbook (-o), or the scores as JSON (reading, validating, scoring only). */
  output?: 'json';
}
const cases: Case[] = [
  { name: 'S', staff: 20, months: [10] },
  { name: 'M', staff: 500, months: [10] },
  { name: 'M×2', staff: 1000, months: [10] },
  { name: 'M×4', staff: 2000, months: [10] },
  { name: 'L', staff: 2000, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
  { name: 'R', staff: 2000, months: [10], shape: { recordsPerPerson: 100 }, output: 'json' },
  { name: 'P', staff: 12000, months: [10], shape: { recordsPerPerson: 1, peer: false }, output: 'json' },
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
    const written = await writeMonth(file, people, 2026, m, 1000 * c.staff + m, c.shape);
    inputRows += written.punches + written.records;
    files.push(file);
  }
  const floor = measure(files, 'test/bench/floor.mjs');
  const out = join(root, `${c.name.replace('×', 'x')}-结果.xlsx`);
  const written = c.output === 'json' ? ['--json'] : ['-o', out, '--force'];
  const args = c.months.length > 1 ? ['year', dir, '--scheme', 'bianmin-10pt', ...written, '--notice-date', '2027-01-04'] : ['score', files[0]!, '--scheme', 'bianmin-10pt', ...written, '--notice-date', '2026-11-02'];
  const kaohe = measure(args, 'test/bench/measure.mjs');
  results[c.name] = { rows: inputRows, seconds: kaohe.seconds, peakMB: kaohe.peakMB, floorSeconds: floor.seconds, floorMB: floor.peakMB };
  rows.push([`${c.name} (floor)`, String(inputRows), floor.seconds.toFixed(2), floor.peakMB.toFixed(0), '1.00', Math.round(inputRows / floor.seconds).toLocaleString('en')]);
  rows.push([`${c.name} kaohe ${args[0]}${c.output === 'json' ? ' --json' : ''}`, String(inputRows), kaohe.seconds.toFixed(2), kaohe.peakMB.toFixed(0), (kaohe.seconds / floor.seconds).toFixed(2), Math.round(inputRows / kaohe.seconds).toLocaleString('en')]);
  process.stderr.write(`${c.name} done\n`);
}

/** Peak memory where the sheet's edge is reached: kaohe must stay under 300 MB. */
const bounds: [string, number, number, string][] = [];
if (only.length === 0 || only.includes('bounds')) {
  const dir = ensureDir(join(root, 'bounds'));
  const text = (name: string, table: string[][]): RawSheet => ({ name, rows: table.map((r, i) => row(i + 1, r.map((v, c) => cell.text(`${'ABC'[c]}${i + 1}`, v)))).join('') });
  const windows = ['民政窗口', '社保窗口', '国土窗口'];
  const month = (edge: (r: number) => string): RawSheet[] => [
    text('人员', [['工号', '姓名', '窗口'], ['001', '张三', '民政窗口'], ['002', '李四', '社保窗口'], ['003', '王五', '国土窗口']]),
    { name: '记录', rows: row(1, ['日期', '工号', '项目'].map((h, c) => cell.text(`${'ABC'[c]}1`, h))) + Array.from({ length: 30_000 }, (_, i) => row(i + 2, [cell.text(`A${i + 2}`, '2026-10-05'), cell.text(`B${i + 2}`, ['001', '002', '003'][i % 3]!), cell.text(`C${i + 2}`, '9.1'), edge(i + 2)])).join('') },
    text('互评', [['评分人', '被评对象', '分数'], ...windows.flatMap((a) => windows.filter((b) => b !== a).map((b) => [a, b, '95']))]),
  ];
  const xfd = await writeRawXlsx(join(dir, 'xfd', '2026-10.xlsx'), { sheets: month((r) => cell.empty(`XFD${r}`)), formats: ['@'] });
  const past = await writeRawXlsx(join(dir, 'past', '2026-10.xlsx'), { sheets: month((r) => (r === 30_001 ? '<c r="XFE30001"><v>1</v></c>' : `<c r="XFD${r}"><v>1</v></c>`)) });
  const big = join(dir, 'roster-among-big-sheets.xlsx');
  await writeRosterAmongBigSheets(big, centre(300, 20261127));
  // 10,000 deductions of 9.1 per window exhaust item 9: every window 94.5 (see test/reader-bounds.test.ts)
  const totals = (json: string) => (JSON.parse(json) as { subjects: { total: number }[] }).subjects.map((s) => s.total).join(' ');
  const runs: [string, string[], 0 | 1, (m: ReturnType<typeof measure>) => string][] = [
    ['30,000 formatted XFD cells', ['score', xfd, '--scheme', 'bingcha-monthly', '--json'], 0, (m) => `totals ${totals(m.stdout)}`],
    ['reference past XFD', ['score', past, '--scheme', 'bingcha-monthly'], 1, (m) => (m.stderr.includes('XFE30001 超出') ? 'refused at XFE30001' : 'NOT REFUSED')],
    ['template --roster, 12 × 45 MB sheets', ['template', '--scheme', 'bianmin-10pt', '--roster', big, '-o', join(dir, 'template.xlsx'), '--force'], 0, () => 'written'],
  ];
  for (const [what, args, code, outcome] of runs) {
    const m = measure(args, 'test/bench/measure.mjs', code);
    bounds.push([what, m.seconds, m.peakMB, outcome(m)]);
  }
  process.stderr.write('bounds done\n');
}

// Import of exports (issue 13): the same 2,000-person month from the template and from exports;
// the ratio column is to the template run, not to the floor.
let importRatio: number | null = null;
if (only.length === 0 || only.includes('import')) {
  const bench = await runImportBench(ensureDir(join(root, 'import')), measure);
  rows.push(...bench.lines);
  importRatio = bench.ratio;
  process.stderr.write('import done\n');
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
for (const [what, seconds, peakMB, expected] of bounds) console.log(`${what.padEnd(38)} ${seconds.toFixed(2).padStart(7)} s ${peakMB.toFixed(0).padStart(5)} MB  (${expected})`);
// The targets of the cases that ran.
const within = (name: string, ratio: number, peakMB: number) => {
  const r = results[name];
  return r ? ([`${name} ≤ ${ratio} × floor, peak < ${peakMB} MB`, r.seconds <= ratio * r.floorSeconds && r.peakMB < peakMB] as const) : null;
};
const importTarget = importRatio === null ? null : (['import ≤ 2 × template', importRatio <= 2] as const);
for (const target of [within('R', 2, 1024), within('P', 2, 1024), ...bounds.map(([what, , peakMB]) => [`${what} < 300 MB`, peakMB < 300] as const), importTarget]) {
  if (target) console.log(`${target[1] ? 'met   ' : 'MISSED'} ${target[0]}`);
}
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
