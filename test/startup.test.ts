import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Which heavy packages a command loaded, seen from the CommonJS module cache at exit. */
function loaded(args: string[]): string[] {
  const probe = `
    import { createRequire } from 'node:module';
    const require = createRequire(import.meta.url);
    process.on('exit', () => {
      const cache = Object.keys(require.cache);
      console.error('LOADED ' + ['exceljs', 'jszip', 'saxes', 'csv-parse'].filter((p) => cache.some((k) => k.includes('/node_modules/' + p + '/'))).join(','));
    });
    const { main } = await import('./dist/cli/main.js');
    process.exitCode = await main(${JSON.stringify(args)});
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  const line = run.stderr.split('\n').find((l) => l.startsWith('LOADED ')) ?? 'LOADED ';
  return line.slice('LOADED '.length).split(',').filter(Boolean);
}

describe('lazy start-up', () => {
  it('kaohe --help and kaohe schemes load no workbook or CSV library', () => {
    expect(loaded(['--help'])).toEqual([]);
    expect(loaded(['schemes'])).toEqual([]);
  });

  it('runs that only read a workbook load no exceljs: one streaming reader reads every size', () => {
    expect(loaded(['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly', '--json'])).toEqual([]);
    expect(loaded(['check', 'fixtures/demo/2026-11-考勤.xlsx', '--scheme', 'bianmin-10pt'])).toEqual([]);
  });

  it('a run that writes a workbook does load exceljs (the probe can see it)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'kaohe-startup-')), 'out.xlsx');
    expect(loaded(['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly', '-o', out, '--notice-date', '2026-11-02'])).toContain('exceljs');
  });
});
