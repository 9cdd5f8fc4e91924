import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const HEAVY = ['exceljs', 'jszip', 'saxes', 'csv-parse', 'yaml', 'zod', 'string-width', 'cli-progress', 'chinese-days'];

/**
 * The bundled command line that bin/kaohe.js runs (scripts/build-bundle.mjs), and which sources
 * each of its files holds: a package bundled into a chunk is loaded when the chunk is.
 */
const bundle = resolve('dist/bundle');
const meta = JSON.parse(readFileSync(join(bundle, 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
const sourcesOf = new Map(Object.entries(meta.outputs).map(([file, output]) => [pathToFileURL(resolve(file)).href, Object.keys(output.inputs).join('\n')]));

/**
 * Which packages a command of the bundle loaded: its chunks and the ES modules left outside it
 * as a resolve hook records them, CommonJS ones from the module cache at exit.
 */
function loaded(args: string[]): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'kaohe-startup-')), 'resolved.txt');
  const hook = `
    import { appendFileSync } from 'node:fs';
    let log;
    export function initialize(data) { log = data.log; }
    export async function resolve(specifier, context, next) {
      const found = await next(specifier, context);
      appendFileSync(log, found.url + '\\n');
      return found;
    }
  `;
  const probe = `
    import { register, createRequire } from 'node:module';
    import { appendFileSync } from 'node:fs';
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}), { data: { log: ${JSON.stringify(log)} } });
    const require = createRequire(import.meta.url);
    process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));
    const { main } = await import(${JSON.stringify(pathToFileURL(join(bundle, 'main.js')).href)});
    process.exitCode = await main(${JSON.stringify(args)});
  `;
  spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  const files = readFileSync(log, 'utf8').split('\n');
  expect(files, 'the bundle ran').toContain(pathToFileURL(join(bundle, 'main.js')).href);
  const sources = files.map((file) => sourcesOf.get(file) ?? file).join('\n');
  return HEAVY.filter((p) => sources.includes(`node_modules/${p}/`));
}

describe('lazy start-up', () => {
  it('kaohe --help and kaohe schemes load no workbook, CSV, YAML or width library (schemes are compiled at build time)', () => {
    expect(loaded(['--help'])).toEqual([]);
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

  it('a user scheme file loads the YAML parser (the probe sees ES modules)', () => {
    expect(loaded(['scheme', 'check', 'templates/schemes/bianmin-10pt.yaml'])).toContain('yaml');
  });
});
