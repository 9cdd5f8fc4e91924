// Part of `npm run build`, after build-bundle.mjs: makes V8's code cache of the bundled command
// line (dist/bundle/cli.cache, read by src/cli/launch.ts). The cache is taken after the demo
// months have been scored into workbooks in this process, so it holds the functions those runs
// compiled (reading, checking, deriving, scoring, writing), not only the script's top level.
// It is made by this Node with no V8 flags, as bin/kaohe.js runs; another Node rejects it and
// compiles from the source.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
