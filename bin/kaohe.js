#!/usr/bin/env node
// CommonJS (bin/package.json): `kaohe --help` prints its help without starting Node's ES module
// loader, which alone costs about 7 ms of --help's 0.1 s (issue 17); the command line itself is
// one bundled script, run below.
const { join } = require('node:path');
const { readdirSync, statSync } = require('node:fs');
const { asksTopHelp, prebuiltHelp } = require('../dist/help-entry.cjs');

/** Input above this many bytes (a month of about 4,000 staff) runs with the heap growing by half. */
const LARGE_INPUT_BYTES = 12 * 2 ** 20;
const MAX_ENTRIES_LOOKED_AT = 2000;

const argv = process.argv.slice(2);
// `kaohe`, `kaohe --help`: the help rendered at build time for this width, without loading the
// command line (src/cli/prebuilt-help.ts).
const help = asksTopHelp(argv) ? prebuiltHelp(process.stdout, join(__dirname, '..', 'dist', 'help.json')) : null;
if (help !== null) {
  process.stdout.write(help);
} else {
  // The bundled command line, one script compiled with V8's code cache of it (src/cli/launch.ts).
  const { main } = require('../dist/launch.cjs').loadCli(join(__dirname, '..', 'dist', 'bundle'));
  // V8 lets the heap grow to up to four times what survived its last full collection before it
  // collects again; a month's live data is small (60–90 MB at 8,000 staff) but a run allocates
  // much more on the way, so the peak was set by that factor, not by the data (issue 17). Growing
  // by half instead: the 8,000-staff month peaks at ~220–240 MB instead of 300–360, but the more
  // frequent collections cost a 2,000-staff month an eighth of its time. So only large inputs
  // (BENCHMARKS.md): the files named on the command line, and those in a named folder and its
  // subfolders one level down (a year's months, CSV folders). Set once the script is compiled:
  // V8 takes a code cache only under the flags it was made with.
  if (isLargeInput(argv)) require('node:v8').setFlagsFromString('--heap-growing-percent=50');
  void main(argv).then((code) => {
    process.exitCode = code;
  });
}

/**
 * Whether the files the arguments name, and those in a named folder and its subfolders, pass
 * LARGE_INPUT_BYTES. Stops as soon as they do, and after MAX_ENTRIES_LOOKED_AT paths (a folder
 * of thousands of files named by mistake is not walked before its error).
 */
function isLargeInput(args) {
  let total = 0;
  let looked = 0;
  const pending = args.map((path) => ({ path, depth: 0 }));
  while (pending.length > 0 && total <= LARGE_INPUT_BYTES && looked++ < MAX_ENTRIES_LOOKED_AT) {
    const { path, depth } = pending.shift();
    try {
      const info = statSync(path);
      if (info.isFile()) total += info.size;
      else if (info.isDirectory() && depth <= 1) pending.push(...readdirSync(path).map((name) => ({ path: join(path, name), depth: depth + 1 })));
    } catch {
      // not a path, or one that cannot be read: the command that reads it says so
    }
  }
  return total > LARGE_INPUT_BYTES;
}
