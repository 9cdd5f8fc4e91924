// Part of `npm run build`, after tsc: renders the top-level help (`kaohe --help`) at every
// terminal width into dist/help.json, which bin/kaohe.js prints without loading the command line
// (src/cli/prebuilt-help.ts says why).
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { main } from '../dist/cli/main.js';
import { WIDEST_RENDERED, helpSpans } from '../dist/cli/prebuilt-help.js';

async function render(width) {
  let text = '';
  const stdout = { isTTY: true, columns: width, write: (chunk) => (text += chunk) };
  const code = await main(['--help'], { stdout, stderr: { write: (chunk) => process.stderr.write(chunk) } });
  if (code !== 0) throw new Error(`kaohe --help exited ${code} at width ${width}`);
  return text;
}

const spans = await helpSpans(render);
// A line wider than every rendered width would be wrapped differently further on.
if ((await render(100_000)) !== spans.at(-1).text) throw new Error(`the help has a line wider than ${WIDEST_RENDERED} columns: raise WIDEST_RENDERED`);
writeFileSync('dist/help.json', JSON.stringify(spans));

// bin/kaohe.js is CommonJS (bin/package.json), so that `kaohe --help` starts no ES module loader
// (about 7 ms of a 0.1 s budget): it requires the help's few functions as CommonJS.
await build({ entryPoints: ['dist/cli/prebuilt-help.js'], outfile: 'dist/help-entry.cjs', bundle: true, format: 'cjs', platform: 'node', target: 'node20', logLevel: 'warning' });
