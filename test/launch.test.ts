import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_CODE_CACHE, CLI_SCRIPT } from '../src/cli/launch.js';
import { tempDir } from './workbook.js';

// bin/kaohe.js runs the bundled script through dist/launch.cjs with the code cache made at build
// time (scripts/build-code-cache.mjs). A copy of the script and its cache sits in a folder of
// dist/, at the depth of dist/bundle/, so its paths to ../schemes.json and node_modules hold.
const bundle = resolve('dist/bundle');
const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function copyOfBundle(edit: { script?: (text: string) => string; cache?: (bytes: Buffer) => Buffer | null } = {}): string {
  const dir = mkdtempSync(resolve('dist/launch-test-'));
  copies.push(dir);
  writeFileSync(join(dir, CLI_SCRIPT), (edit.script ?? ((text) => text))(readFileSync(join(bundle, CLI_SCRIPT), 'utf8')));
  const cache = (edit.cache ?? ((bytes) => bytes))(readFileSync(join(bundle, CLI_CODE_CACHE)));
  if (cache !== null) writeFileSync(join(dir, CLI_CODE_CACHE), cache);
  return dir;
}

/** `kaohe schemes` run from the bundle in dir, in a process of its own: whether the cache was used, and what it printed. */
function schemesFrom(dir: string, nodeFlags: string[] = []): { cacheUsed: boolean; stdout: string } {
  const run = `
    const cli = require(${JSON.stringify(resolve('dist/launch.cjs'))}).loadCli(${JSON.stringify(dir)});
    let stdout = '';
    cli.main(['schemes'], { stdout: { write: (text) => (stdout += text) }, stderr: process.stderr })
      .then((code) => process.stdout.write(JSON.stringify({ code, cacheUsed: cli.cacheUsed, stdout })));`;
  const child = spawnSync(process.execPath, [...nodeFlags, '-e', run], { encoding: 'utf8' });
  expect(child.stderr).toBe('');
  const { code, ...rest } = JSON.parse(child.stdout) as { code: number; cacheUsed: boolean; stdout: string };
  expect(code).toBe(0);
  return rest;
}

describe('the command line from its code cache', () => {
  let asBuilt: { cacheUsed: boolean; stdout: string };
  beforeAll(() => {
    asBuilt = schemesFrom(bundle);
  });

  it('runs strict, as the ES modules it is made of do (the directive must be its first statement)', () => {
    expect(readFileSync(join(bundle, CLI_SCRIPT), 'utf8')).toMatch(/^'use strict';/);
  });

  it('uses the cache made at build time', () => {
    expect(asBuilt.cacheUsed).toBe(true);
    expect(asBuilt.stdout).toContain('bianmin-10pt');
  });

  it('runs from the source, the same, without a cache, with another script of the same length, or with a damaged cache', () => {
    expect(schemesFrom(copyOfBundle({ cache: () => null }))).toEqual({ cacheUsed: false, stdout: asBuilt.stdout });
    // V8 itself checks only the length of the source: without the digest this cache would be taken.
    const sameLength = copyOfBundle({ script: (text) => text.replace(/\n$/, ' ') });
    expect(readFileSync(join(sameLength, CLI_SCRIPT)).length).toBe(readFileSync(join(bundle, CLI_SCRIPT)).length);
    expect(schemesFrom(sameLength)).toEqual({ cacheUsed: false, stdout: asBuilt.stdout });
    const damaged = copyOfBundle({ cache: (bytes) => Buffer.concat([bytes.subarray(0, 1000), Buffer.from([(bytes[1000] ?? 0) ^ 0xff]), bytes.subarray(1001)]) });
    expect(schemesFrom(damaged)).toEqual({ cacheUsed: false, stdout: asBuilt.stdout });
  });

  it('is not used by V8 run with other flags (as V8 decides), and the run is the same', () => {
    expect(schemesFrom(bundle, ['--heap-growing-percent=50'])).toEqual({ cacheUsed: false, stdout: asBuilt.stdout });
  });
});

describe('bin/kaohe.js', () => {
  // A preload that says, as the process ends, whether V8 took the cache given to a script it compiled.
  function cacheAsRun(args: string[]): string {
    const probe = join(tempDir(), 'cache-probe.cjs');
    writeFileSync(
      probe,
      `const vm = require('node:vm');
       const Script = vm.Script;
       vm.Script = class extends Script {
         constructor(source, options) {
           super(source, options);
           if (options && options.cachedData) process.on('exit', () => process.stderr.write(this.cachedDataRejected ? 'cache rejected' : 'cache used'));
         }
       };`,
    );
    const { NODE_OPTIONS: _, ...env } = process.env;
    return spawnSync(process.execPath, ['--require', probe, resolve('bin/kaohe.js'), ...args], { encoding: 'utf8', env }).stderr;
  }

  it('runs the command line from the cache', () => {
    expect(cacheAsRun(['schemes'])).toContain('cache used');
  });

  it('runs it from the cache for a large input too, whose heap flag is set only once the script is compiled', () => {
    // Past bin/kaohe.js's LARGE_INPUT_BYTES (12 MiB); not a workbook, so the run stops at once, after the launch.
    const big = join(tempDir(), 'big-2026-10.xlsx');
    writeFileSync(big, '');
    truncateSync(big, 13 * 2 ** 20);
    const stderr = cacheAsRun(['check', big, '--scheme', 'bianmin-10pt']);
    expect(stderr).toContain('cache used');
  });
});
