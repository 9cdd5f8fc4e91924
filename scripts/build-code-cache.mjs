// Part of `npm run build`, after build-bundle.mjs: makes V8's code cache of the bundled command
// line (dist/bundle/cli.cache, read by src/cli/launch.ts). The cache is taken after the demo
// months have been scored into workbooks in this process, so it holds the functions those runs
// compiled (reading, checking, deriving, scoring, writing), not only the script's top level.
// V8 takes a cache only under the flags it was made with, and bin/kaohe.js runs Node without any:
// a build run with V8 flags (NODE_OPTIONS=--max-old-space-size=…, common where big workbooks are
// opened) makes it in a Node started without them. Another Node rejects it and compiles from the source.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

if (process.env.NODE_OPTIONS || process.execArgv.length > 0) {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], { env, stdio: 'inherit' });
  process.exit(child.status ?? 1);
}

const { CLI_CODE_CACHE, loadCli } = createRequire(import.meta.url)('../dist/launch.cjs');
const bundleDir = 'dist/bundle';
const cli = loadCli(bundleDir, false);
const out = mkdtempSync(join(tmpdir(), 'kaohe-code-cache-'));
const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
const runs = [
  ['score', 'fixtures/demo/2026-10.xlsx', '--scheme', 'bingcha-monthly', '-o', join(out, 'a.xlsx'), '--notice-date', '2026-11-02'],
  ['score', 'fixtures/demo/2026-11-考勤.xlsx', '--scheme', 'bianmin-10pt', '-o', join(out, 'b.xlsx'), '--notice-date', '2026-12-01'],
];
try {
  for (const args of runs) {
    const code = await cli.main(args, quiet);
    if (code !== 0) throw new Error(`kaohe ${args.join(' ')} exited ${code} while making the code cache`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
writeFileSync(join(bundleDir, CLI_CODE_CACHE), cli.codeCache());
