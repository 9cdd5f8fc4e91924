import { spawnSync } from 'node:child_process';
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

  it('kaohe score does load exceljs (the probe can see it)', () => {
    expect(loaded(['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly', '--json'])).toContain('exceljs');
  });
});
