import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { asksTopHelp, helpAt, type HelpSpan } from '../src/cli/prebuilt-help.js';

/** What the command line itself prints for `kaohe <args>` on a stdout of this kind. */
async function rendered(args: string[], stdout: { isTTY?: boolean; columns?: number }): Promise<string> {
  let text = '';
  const code = await main(args, { stdout: { ...stdout, write: (chunk: string) => (text += chunk) }, stderr: { write: () => undefined } });
  expect(code).toBe(0);
  return text;
}

const spans = JSON.parse(readFileSync('dist/help.json', 'utf8')) as HelpSpan[];

describe('the top-level help prebuilt at build time (bin/kaohe.js prints it without loading the command line)', () => {
  it('is, at every terminal width, what commander renders at that width', async () => {
    // Commander wraps the longer command descriptions; widths past those rendered get the last text.
    for (let width = 1; width <= 450; width++) expect(helpAt(spans, width), `width ${width}`).toBe(await rendered(['--help'], { isTTY: true, columns: width }));
  });

  it('off a terminal (a pipe, a file) is the text at 80 columns, as commander does', async () => {
    expect(helpAt(spans, 80)).toBe(await rendered(['--help'], {}));
    expect(spans.length).toBeGreaterThan(1);
  });

  it('is printed for `kaohe`, `kaohe -h` and `kaohe --help` only', async () => {
    for (const args of [[], ['-h'], ['--help']]) expect(asksTopHelp(args)).toBe(true);
    for (const args of [['--help', 'score'], ['score', '--help'], ['help'], ['-V']]) expect(asksTopHelp(args)).toBe(false);
    expect(await rendered([], {})).toBe(await rendered(['--help'], {}));
  });

  it('bin/kaohe.js prints it, exit 0, loading no file of the bundled command line', () => {
    // bin/kaohe.js reads the bundled script (src/cli/launch.ts) to run it: the probe sees those reads.
    const register = join(mkdtempSync(join(tmpdir(), 'kaohe-help-')), 'probe.cjs');
    writeFileSync(register, `
      const fs = require('node:fs');
      const readFileSync = fs.readFileSync;
      fs.readFileSync = function (path, ...rest) {
        if (String(path).includes('/dist/bundle/')) process.stderr.write('loaded ' + path + '\\n');
        return readFileSync.call(this, path, ...rest);
      };`);
    const run = spawnSync(process.execPath, ['--require', register, 'bin/kaohe.js', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(helpAt(spans, 80));
    const full = spawnSync(process.execPath, ['--require', register, 'bin/kaohe.js', 'schemes'], { encoding: 'utf8' });
    expect(full.stderr, 'the probe sees the bundle when it is loaded').toContain('loaded ');
  });
});
