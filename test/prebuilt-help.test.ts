import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
    const hook = `data:text/javascript,${encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        const found = await next(specifier, context);
        if (found.url.includes('/dist/bundle/')) process.stderr.write('loaded ' + found.url + '\\n');
        return found;
      }`)}`;
    const register = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(hook)});`)}`;
    const run = spawnSync(process.execPath, ['--import', register, 'bin/kaohe.js', '--help'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(helpAt(spans, 80));
    const full = spawnSync(process.execPath, ['--import', register, 'bin/kaohe.js', 'schemes'], { encoding: 'utf8' });
    expect(full.stderr, 'the probe sees the bundle when it is loaded').toContain('loaded ');
  });
});
