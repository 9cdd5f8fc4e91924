#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';
import { asksTopHelp, prebuiltHelp } from '../dist/cli/prebuilt-help.js';

const argv = process.argv.slice(2);
// `kaohe`, `kaohe --help`: the help rendered at build time for this width, without loading the
// command line (src/cli/prebuilt-help.ts).
const help = asksTopHelp(argv) ? prebuiltHelp(process.stdout) : null;
if (help !== null) {
  process.stdout.write(help);
} else {
  // V8 lets the heap grow to up to four times what survived its last full collection before it
  // collects again; a month's live data is small (60–90 MB at 8,000 staff) but a run allocates
  // much more on the way, so the peak was set by that factor, not by the data (issue 17). Growing
  // by half instead: the 8,000-staff month peaks at ~220–240 MB instead of 300–360, for a few per
  // cent more CPU (BENCHMARKS.md).
  setFlagsFromString('--heap-growing-percent=50');

  // The bundled command line (scripts/build-bundle.mjs): tens of files to load instead of ~200.
  // Imported only now, after the flag is set: a static import would load it first.
  const { main } = await import('../dist/bundle/main.js');

  process.exitCode = await main(argv);
}
