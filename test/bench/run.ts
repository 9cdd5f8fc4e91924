/**
 * npm run bench: generates the inputs (fixed seed, cached in .bench/ while the generator is
 * unchanged) and times, as whole processes taking turns on the same files, kaohe and two floors:
 *   exceljs  exceljs's streaming reader reading every cell (test/bench/floor.mjs);
 *   scan     yauzl + zlib + an indexOf scan of every cell (test/bench/scan.mjs), the physical
 *            floor of reading the file: nothing reads the cells faster.
 * Each case runs several rounds, the three programs in turn (the order rotated each round), and
 * reports medians with the spread (min–max): the machine is shared, so one run says little.
 * Peak memory is each process's own high-water mark (VmHWM); CPU is user + system of all threads.
 *   S     a town month, 20 staff, `score -o`
 *   M     a city month, 500 staff (~42k punches, ~5k records), `score -o`
 *   M×4   2,000 staff, `score -o`          M×16  8,000 staff, `score -o` (growth, memory)
 *   L     a city year: 2,000 staff, 12 monthly workbooks (~2.3M rows), `year -o`
 *   R     200,000 records, `score --json`  P     ~1,000,000 punches, `score --json`
 *   bounds  cells at the sheet's edge and template --roster among twelve 45 MB sheets (peak memory)
 *   import  a 2,000-person month from kaohe's template and from two exports (test/bench/import.ts)
 *   start   `--help`, `schemes` and the demo month to the terminal, with bare `node -e 0` in the
 *           same rounds; twice if NODE_EXTRA_CA_CERTS is set: as given and without it (Node
 *           loads that CA file at start-up, before any of kaohe runs)
 * `npm run bench -- M×4 L --rounds 5` runs some cases only (Mx4 for M×4 is accepted);
 * `--before <dir>` adds another build of kaohe (a checkout with its own dist/) as a fourth program
 * in the month and start-up cases, so a change is measured against what it replaces in one run.
 * Prints Markdown tables for BENCHMARKS.md and keeps every sample in .bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { cell, row, writeRawXlsx, type RawSheet } from '../raw-xlsx.js';
import { centre, ensureDir, writeMonth, writeRosterAmongBigSheets, type MonthShape } from './generate.js';
import { runImportBench } from './import.js';
import { median } from './median.js';

const root = ensureDir('.bench');
const argv = process.argv.slice(2);
const roundsFlag = argv.indexOf('--rounds');
const ROUNDS = roundsFlag >= 0 ? Number(argv[roundsFlag + 1]) : 3;
const beforeFlag = argv.indexOf('--before');
/** The other checkout's command, run as its users run it (its bin/kaohe.js, built as that checkout builds). */
const BEFORE = beforeFlag >= 0 ? join(argv[beforeFlag + 1] as string, 'bin', 'kaohe.js') : null;
const only = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--rounds' && argv[i - 1] !== '--before').map((a) => a.replace(/x(\d)/, '×$1'));
const wanted = (name: string) => only.length === 0 || only.includes(name);

interface Sample {
  seconds: number;
  cpuSeconds: number;
  peakMB: number;
  stdout: string;
  stderr: string;
}

/**
 * How a process of the start-up case is run: bare `node -e 0` records nothing; `direct` runs the
 * command file itself, as users do, and records only its time (measure.mjs, which reads CPU and
 * peak memory, is an ES module that imports bin/kaohe.js: it starts Node's ES module loader and
 * writes a file at exit, milliseconds a user's `kaohe --help` does not spend); the environment
 * may drop variables.
 */
interface RunOptions {
  bare?: boolean;
  direct?: boolean;
  without?: readonly string[];
}

/** Runs one process (kaohe through measure.mjs, or a floor) and reads what it recorded at exit. */
const measure = (args: string[], script: string, expectedCode = 0, cli?: string, options: RunOptions = {}): Sample => {
  const out = join(root, 'usage.json');
  rmSync(out, { force: true });
  const given: NodeJS.ProcessEnv = { ...process.env, KAOHE_BENCH_OUT: out, ...(cli ? { KAOHE_BENCH_CLI: cli } : {}) };
  const env = Object.fromEntries(Object.entries(given).filter(([name]) => !options.without?.includes(name)));
  const started = process.hrtime.bigint();
  const command = options.direct ? (cli ?? 'bin/kaohe.js') : script;
  const run = spawnSync(process.execPath, [command, ...args], { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== expectedCode) throw new Error(`${script} ${args.join(' ')} exited ${run.status}, not ${expectedCode}:\n${run.stderr.slice(0, 2000)}`);
  if (options.bare || options.direct) return { seconds, cpuSeconds: Number.NaN, peakMB: Number.NaN, stdout: run.stdout, stderr: run.stderr };
  const usage = JSON.parse(readFileSync(out, 'utf8')) as { maxRSS: number; cpu?: { user: number; system: number } };
  const cpuSeconds = usage.cpu ? (usage.cpu.user + usage.cpu.system) / 1e6 : Number.NaN;
  return { seconds, cpuSeconds, peakMB: usage.maxRSS / 1024, stdout: run.stdout, stderr: run.stderr };
};

interface Contender {
  name: string;
  script: string;
  args: string[];
  /** Another checkout's bin/kaohe.js (the --before contender). */
  cli?: string;
  options?: RunOptions;
}

const KAOHE = 'test/bench/measure.mjs';
const EXCELJS_FLOOR = 'test/bench/floor.mjs';
const SCAN_FLOOR = 'test/bench/scan.mjs';

/** The contenders take turns, `rounds` times; each round starts one further along, so none always runs first. */
function interleaved(contenders: readonly Contender[], rounds: number): Map<string, Sample[]> {
  const samples = new Map<string, Sample[]>(contenders.map((c) => [c.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length] as Contender;
      samples.get(c.name)!.push(measure(c.args, c.script, 0, c.cli, c.options));
    }
  }
  return samples;
}

interface Spread {
  median: number;
  min: number;
  max: number;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: median(values), min: sorted[0] as number, max: sorted[sorted.length - 1] as number };
}

const seconds = (s: Spread, digits = 2) => `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;

/* ---------- inputs ---------- */

interface Case {
  name: string;
  staff: number;
  months: number[];
  shape?: MonthShape;
  /** Windows of the centre (default: one per 8 staff); M×16 keeps M×4's 250, so its 互评 stays within Excel's rows. */
  windows?: number;
  /** What kaohe writes: the result workbook (-o), or the scores as JSON (reading, validating, scoring only). */
  output?: 'json';
}

const monthCases: Case[] = [
  { name: 'S', staff: 20, months: [10] },
  { name: 'M', staff: 500, months: [10] },
  { name: 'M×4', staff: 2000, months: [10] },
  { name: 'M×16', staff: 8000, months: [10], windows: 250 },
  { name: 'L', staff: 2000, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] },
  { name: 'R', staff: 2000, months: [10], shape: { recordsPerPerson: 100 }, output: 'json' },
  { name: 'P', staff: 12000, months: [10], shape: { recordsPerPerson: 1, peer: false }, output: 'json' },
];

const generator = createHash('sha256').update(readFileSync('test/bench/generate.ts')).digest('hex');

/** A case's workbooks, generated unless the same generator already wrote them for the same case. */
async function inputsOf(c: Case): Promise<{ dir: string; files: string[]; rows: number }> {
  const dir = ensureDir(join(root, c.name.replace('×', 'x')));
  const files = c.months.map((m) => join(dir, `2026-${String(m).padStart(2, '0')}.xlsx`));
  const stampFile = join(dir, 'stamp.json');
  const stamp = JSON.stringify({ generator, staff: c.staff, months: c.months, shape: c.shape ?? null, windows: c.windows ?? null });
  if (existsSync(stampFile)) {
    const kept = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp: string; rows: number };
    if (kept.stamp === stamp && files.every((f) => existsSync(f))) return { dir, files, rows: kept.rows };
  }
  process.stderr.write(`generating ${c.name}…\n`);
  const people = centre(c.staff, 20261122 + c.staff, c.windows);
  let rows = 0;
  for (const [i, m] of c.months.entries()) {
    const written = await writeMonth(files[i] as string, people, 2026, m, 1000 * c.staff + m, c.shape);
    rows += written.punches + written.records;
  }
  writeFileSync(stampFile, JSON.stringify({ stamp, rows }));
  return { dir, files, rows };
}

/* ---------- the month and year cases ---------- */

interface CaseResult {
  name: string;
  command: string;
  rows: number;
  kaohe: Sample[];
  exceljs: Sample[];
  scan: Sample[];
  before: Sample[] | null;
}

const results: CaseResult[] = [];
for (const c of monthCases.filter((x) => wanted(x.name))) {
  const { dir, files, rows } = await inputsOf(c);
  const out = join(root, `${c.name.replace('×', 'x')}-结果.xlsx`);
  const written = c.output === 'json' ? ['--json'] : ['-o', out, '--force'];
  const args = c.months.length > 1 ? ['year', dir, '--scheme', 'bianmin-10pt', ...written, '--notice-date', '2027-01-04'] : ['score', files[0] as string, '--scheme', 'bianmin-10pt', ...written, '--notice-date', '2026-11-02'];
  const samples = interleaved(
    [
      { name: 'kaohe', script: KAOHE, args },
      { name: 'exceljs', script: EXCELJS_FLOOR, args: files },
      { name: 'scan', script: SCAN_FLOOR, args: files },
      ...(BEFORE ? [{ name: 'before', script: KAOHE, args, cli: BEFORE }] : []),
    ],
    ROUNDS,
  );
  const command = `${args[0]} ${c.output === 'json' ? '--json' : '-o'}`;
  results.push({ name: c.name, command, rows, kaohe: samples.get('kaohe')!, exceljs: samples.get('exceljs')!, scan: samples.get('scan')!, before: samples.get('before') ?? null });
  process.stderr.write(`${c.name} done\n`);
}

/* ---------- the sheet's edge ---------- */

/** Peak memory where the sheet's edge is reached: kaohe must stay under 300 MB. */
const bounds: [string, number, number, string][] = [];
if (wanted('bounds')) {
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
  if (!existsSync(big)) await writeRosterAmongBigSheets(big, centre(300, 20261127));
  // 10,000 deductions of 9.1 per window exhaust item 9: every window 94.5 (see test/reader-bounds.test.ts)
  const totals = (json: string) => (JSON.parse(json) as { subjects: { total: number }[] }).subjects.map((s) => s.total).join(' ');
  const runs: [string, string[], 0 | 1, (m: Sample) => string][] = [
    ['30,000 formatted XFD cells', ['score', xfd, '--scheme', 'bingcha-monthly', '--json'], 0, (m) => `totals ${totals(m.stdout)}`],
    ['reference past XFD', ['score', past, '--scheme', 'bingcha-monthly'], 1, (m) => (m.stderr.includes('XFE30001 超出') ? 'refused at XFE30001' : 'NOT REFUSED')],
    ['template --roster, 12 × 45 MB sheets', ['template', '--scheme', 'bianmin-10pt', '--roster', big, '-o', join(dir, 'template.xlsx'), '--force'], 0, () => 'written'],
  ];
  for (const [what, args, code, outcome] of runs) {
    const m = measure(args, KAOHE, code);
    bounds.push([what, m.seconds, m.peakMB, outcome(m)]);
  }
  process.stderr.write('bounds done\n');
}

/* ---------- other cases ---------- */

// Cases that compare kaohe with itself rather than with the floors (the import of exports, …)
// add their rows here: [case, rows, seconds, peak MB, ratio, rows/s], with what the ratio is to.
const otherRows: string[][] = [];
const otherTargets: [string, boolean][] = [];

// Import of exports (issue 13): the same 2,000-person month from the template and from exports;
// the ratio column is to the template run (median of the rounds' ratios), not to the floor.
if (wanted('import')) {
  const bench = await runImportBench(ensureDir(join(root, 'import')), measure, ROUNDS);
  otherRows.push(...bench.lines);
  for (const [name, ratio] of bench.ratios) otherTargets.push([`${name} ≤ 2 × template: ${ratio.toFixed(2)}`, ratio <= 2]);
  process.stderr.write('import done\n');
}

/* ---------- start-up ---------- */

const START_ROUNDS = 9;
const CA_FILE = 'NODE_EXTRA_CA_CERTS';
/**
 * Node 20 reads and parses the CA file that NODE_EXTRA_CA_CERTS names at start-up, before any
 * script runs (this sandbox sets it; a clerk's machine normally does not). When it is set, each
 * command runs both as given and without it, in the same rounds, so the report shows what kaohe
 * costs and what the variable costs.
 */
const startEnvs: { label: string; without: string[] }[] = process.env[CA_FILE]
  ? [
      { label: `as given (${CA_FILE} set)`, without: [] },
      { label: `without ${CA_FILE}`, without: [CA_FILE] },
    ]
  : [{ label: `as given (${CA_FILE} not set)`, without: [] }];
const NODE_FLOOR = 'bare `node -e 0`';
const starts: [string, string[]][] = [
  ['--help', ['--help']],
  ['schemes', ['schemes']],
  ['demo month to the terminal', ['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly']],
];
const startKey = (name: string, env: { label: string }) => `${name} · ${env.label}`;
const usageKey = (key: string) => `${key} · usage`;
const startup = wanted('start')
  ? interleaved(
      startEnvs.flatMap((env) => [
        { name: startKey(NODE_FLOOR, env), script: '-e', args: ['0'], options: { bare: true, without: env.without } },
        // Each command twice a round: run as users run it (its time), and through measure.mjs (its CPU and peak memory).
        ...starts.flatMap(([name, args]) =>
          [name, ...(BEFORE ? [`${name} (before)`] : [])].flatMap((label) => {
            const cli = label === name ? undefined : (BEFORE ?? undefined);
            return [
              { name: startKey(label, env), script: KAOHE, args, ...(cli ? { cli } : {}), options: { direct: true, without: env.without } },
              { name: usageKey(startKey(label, env)), script: KAOHE, args, ...(cli ? { cli } : {}), options: { without: env.without } },
            ];
          }),
        ),
      ]),
      START_ROUNDS,
    )
  : new Map<string, Sample[]>();

/* ---------- the report ---------- */

const stat = (samples: Sample[], key: 'seconds' | 'cpuSeconds' | 'peakMB') => spread(samples.map((s) => s[key]));
const ratio = (a: Sample[], b: Sample[]) => spread(a.map((s, i) => s.seconds / (b[i] as Sample).seconds));

const lines: string[] = [];
const say = (line = '') => {
  lines.push(line);
  console.log(line);
};
say(`${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, load ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the end; ${ROUNDS} rounds, median (min–max)`);
if (results.length > 0) {
  say();
  say('| case | rows | kaohe s | exceljs floor s | scan floor s | × exceljs | × scan | kaohe peak MB | floor peaks MB (exceljs, scan) | kaohe CPU s | kaohe rows/s |');
  say('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|');
  for (const r of results) {
    if (r.before) {
      const b = stat(r.before, 'seconds');
      say(`| ${r.name} before | ${r.rows.toLocaleString('en')} | ${seconds(b)} | | | ${seconds(ratio(r.before, r.exceljs))} | ${seconds(ratio(r.before, r.scan))} | ${seconds(stat(r.before, 'peakMB'), 0)} | | ${stat(r.before, 'cpuSeconds').median.toFixed(2)} | ${Math.round(r.rows / b.median).toLocaleString('en')} |`);
    }
    const k = stat(r.kaohe, 'seconds');
    const peak = stat(r.kaohe, 'peakMB');
    say(
      `| ${r.name} \`${r.command}\` | ${r.rows.toLocaleString('en')} | ${seconds(k)} | ${seconds(stat(r.exceljs, 'seconds'))} | ${seconds(stat(r.scan, 'seconds'))} | ${seconds(ratio(r.kaohe, r.exceljs))} | ${seconds(ratio(r.kaohe, r.scan))} | ${seconds(peak, 0)} | ${stat(r.exceljs, 'peakMB').median.toFixed(0)}, ${stat(r.scan, 'peakMB').median.toFixed(0)} | ${stat(r.kaohe, 'cpuSeconds').median.toFixed(2)} | ${Math.round(r.rows / k.median).toLocaleString('en')} |`,
    );
  }
}
const byName = (name: string) => results.find((r) => r.name === name);
const growth = (from: string, to: string) => {
  const a = byName(from);
  const b = byName(to);
  if (!a || !b) return null;
  const rows = b.rows / a.rows;
  const time = stat(b.kaohe, 'seconds').median / stat(a.kaohe, 'seconds').median;
  const peak = stat(b.kaohe, 'peakMB').median / stat(a.kaohe, 'peakMB').median;
  say(`growth ${from} → ${to}: ${rows.toFixed(2)}× rows, ${time.toFixed(2)}× time, ${peak.toFixed(2)}× peak memory`);
  return { rows, time };
};
say();
const growthM4 = growth('M', 'M×4');
growth('M×4', 'M×16');
if (bounds.length > 0) {
  say();
  say('| sheet-edge case | seconds | peak MB | outcome |');
  say('|---|--:|--:|---|');
  for (const [what, s, peakMB, outcome] of bounds) say(`| ${what} | ${s.toFixed(2)} | ${peakMB.toFixed(0)} | ${outcome} |`);
}
if (otherRows.length > 0) {
  say();
  say('| case | rows | seconds | peak MB | ratio | rows/s |');
  say('|---|--:|--:|--:|--:|--:|');
  for (const r of otherRows) say(`| ${r.join(' | ')} |`);
}
if (startup.size > 0) {
  say();
  // Above node: each round's run less that round's bare node in the same environment, then the median.
  const aboveNode = (name: string, env: { label: string }) => spread(startup.get(startKey(name, env))!.map((s, i) => s.seconds - startup.get(startKey(NODE_FLOOR, env))![i]!.seconds));
  say(`| start-up (${START_ROUNDS} rounds) | environment | seconds | above node s | CPU s | peak MB |`);
  say('|---|---|--:|--:|--:|--:|');
  const names = [NODE_FLOOR, ...starts.flatMap(([name]) => [name, ...(BEFORE ? [`${name} (before)`] : [])])];
  for (const env of startEnvs) {
    for (const name of names) {
      const samples = startup.get(startKey(name, env))!;
      const usage = startup.get(usageKey(startKey(name, env)));
      const kaohe = name === NODE_FLOOR || !usage ? ' | | | ' : ` | ${seconds(aboveNode(name, env), 3)} | ${stat(usage, 'cpuSeconds').median.toFixed(3)} | ${stat(usage, 'peakMB').median.toFixed(0)}`;
      say(`| ${name} | ${env.label} | ${seconds(stat(samples, 'seconds'), 3)}${kaohe} |`);
    }
  }
}

// The targets of the cases that ran (issue 17's, then the standing ones).
const kaoheMedian = (name: string, key: 'seconds' | 'peakMB') => (byName(name) ? stat(byName(name)!.kaohe, key).median : null);
const ratioMedian = (name: string, floor: 'exceljs' | 'scan') => (byName(name) ? ratio(byName(name)!.kaohe, byName(name)![floor]).median : null);
/** Issue 17's start-up targets, checked in each environment the start-up case ran in, named with it. */
const startTargets = startEnvs.flatMap((env) =>
  (
    [
      ['demo month to the terminal', 0.3],
      ['--help', 0.1],
      ['schemes', 0.15],
    ] as const
  ).flatMap(([name, limit]): [string, boolean][] => {
    const samples = startup.get(startKey(name, env));
    if (!samples) return [];
    const median = stat(samples, 'seconds').median;
    return [[`${name} ≤ ${limit} s, ${env.label}: ${median.toFixed(3)}`, median <= limit]];
  }),
);
const check = (name: string, value: number | null, limit: number): [string, boolean] | null => (value === null ? null : [`${name}: ${value.toFixed(value < 10 ? 2 : 0)}`, value <= limit]);
const targets = [
  check('M×4 ≤ 3 × scan floor', ratioMedian('M×4', 'scan'), 3),
  check('M×4 ≤ 1.2 × exceljs floor', ratioMedian('M×4', 'exceljs'), 1.2),
  check('M×16 peak ≤ 300 MB', kaoheMedian('M×16', 'peakMB'), 300),
  check('L ≤ 1.2 × exceljs floor', ratioMedian('L', 'exceljs'), 1.2),
  check('L peak ≤ 400 MB', kaoheMedian('L', 'peakMB'), 400),
  ...startTargets,
  check('M peak ≤ 300 MB', kaoheMedian('M', 'peakMB'), 300),
  growthM4 ? ([`M → M×4: ${growthM4.time.toFixed(2)}× time for ${growthM4.rows.toFixed(2)}× rows (≤ 1.1 × rows)`, growthM4.time <= 1.1 * growthM4.rows] as [string, boolean]) : null,
  check('R ≤ 2 × exceljs floor', ratioMedian('R', 'exceljs'), 2),
  check('R peak < 1 GB', kaoheMedian('R', 'peakMB'), 1024),
  check('P ≤ 2 × exceljs floor', ratioMedian('P', 'exceljs'), 2),
  check('P peak < 1 GB', kaoheMedian('P', 'peakMB'), 1024),
  ...bounds.map(([what, , peakMB]) => check(`${what} < 300 MB`, peakMB, 300)),
  ...otherTargets,
].filter((t): t is [string, boolean] => t !== null);
say();
for (const [name, ok] of targets) say(`${ok ? 'met   ' : 'MISSED'} ${name}`);

// Every sample, for later comparison.
const history = join(root, 'results.json');
const kept = existsSync(history) ? (JSON.parse(readFileSync(history, 'utf8')) as unknown[]) : [];
const slim = (samples: Sample[]) => samples.map(({ seconds: s, cpuSeconds, peakMB }) => ({ seconds: s, cpuSeconds, peakMB }));
kept.push({
  at: new Date().toISOString(),
  rounds: ROUNDS,
  cases: results.map((r) => ({ name: r.name, rows: r.rows, kaohe: slim(r.kaohe), exceljs: slim(r.exceljs), scan: slim(r.scan), ...(r.before ? { before: slim(r.before) } : {}) })),
  startup: Object.fromEntries([...startup].map(([name, samples]) => [name, slim(samples)])),
  bounds,
  report: lines,
});
writeFileSync(history, JSON.stringify(kept, null, 1));
