import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI_SCRIPT } from '../src/cli/launch.js';

const HEAVY = ['exceljs', 'jszip', 'saxes', 'csv-parse', 'yaml', 'zod', 'string-width', 'cli-progress', 'chinese-days'];

/**
 * The bundled command line that bin/kaohe.js runs (scripts/build-bundle.mjs): one script, in which
 * esbuild runs a lazily imported module's body only when it is imported, in a function named by
 * the module's path (`"node_modules/zod/v4/core/core.js"() {`); modules imported up front have
 * no such function and run with the script.
 */
const script = resolve('dist/bundle', CLI_SCRIPT);
const scriptText = readFileSync(script, 'utf8');
const bundledModules = [...scriptText.matchAll(/^\/\/ (node_modules\/\S+)$/gm)].map((m) => m[1] ?? '');
const runsUpFront = (module: string) => !scriptText.includes(`"${module}"(`);

interface Coverage {
  result: { url: string; functions: { functionName: string; ranges: { count: number }[] }[] }[];
}

/**
 * Which packages `kaohe <args>` ran: the bundled modules whose body ran (V8's coverage of the
 * script), and the files outside the bundle it loaded (exceljs, chinese-days' data: the CommonJS
 * module cache at exit, and coverage for ES modules).
 */
function loaded(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-startup-'));
  const log = join(dir, 'required.txt');
  const preload = join(dir, 'preload.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n')));`);
  const coverage = join(dir, 'coverage');
  spawnSync(process.execPath, ['--require', preload, 'bin/kaohe.js', ...args], { encoding: 'utf8', env: { ...process.env, NODE_V8_COVERAGE: coverage } });
  const scripts = readdirSync(coverage).flatMap((file) => (JSON.parse(readFileSync(join(coverage, file), 'utf8')) as Coverage).result);
  const ofScript = scripts.find((s) => s.url === pathToFileURL(script).href);
  expect(ofScript, 'the bundle ran').toBeDefined();
  const ran = new Set(ofScript!.functions.filter((f) => (f.ranges[0]?.count ?? 0) > 0).map((f) => f.functionName));
  const sources = [
    ...bundledModules.filter((module) => runsUpFront(module) || ran.has(module)).map((module) => `/${module}`),
    ...readFileSync(log, 'utf8').split('\n'),
    ...scripts.map((s) => s.url),
  ].join('\n');
  return HEAVY.filter((p) => sources.includes(`node_modules/${p}/`));
}

describe('lazy start-up', () => {
  it('kaohe schemes loads no workbook, CSV, YAML or width library (schemes are compiled at build time)', () => {
    expect(loaded(['schemes'])).toEqual([]);
  });

  it('runs that only read a workbook load no exceljs: one streaming reader reads every size', () => {
    expect(loaded(['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly', '--json'])).toEqual(['zod']);
    expect(loaded(['check', 'fixtures/demo/2026-11-考勤.xlsx', '--scheme', 'bianmin-10pt'])).toEqual(['zod', 'chinese-days']);
  });

  it('score to the terminal loads nothing that writes, and measures its columns without string-width', () => {
    expect(loaded(['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly'])).toEqual(['zod']);
  });

  it('a run that writes a workbook does load exceljs (the probe can see it)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kaohe-startup-')), 'out.xlsx');
    expect(loaded(['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-11-02'])).toContain('exceljs');
  });

  it('attendance from an export to the terminal: the built-in profiles compiled at build time (no YAML parser), no workbook writer', () => {
    expect(loaded(['attendance', 'fixtures/exports/每日统计.xlsx', '--roster', 'fixtures/exports/人员.xlsx'])).toEqual(['zod', 'chinese-days']);
  });

  it('a user scheme file loads the YAML parser (the probe sees a bundled module run when imported)', () => {
    expect(loaded(['scheme', 'check', 'templates/schemes/bianmin-10pt.yaml'])).toContain('yaml');
  });
});
