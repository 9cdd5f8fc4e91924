// Part of `npm run build`, after tsc: bundles the command line from the compiled dist/ into
// dist/bundle/, so a run loads one file instead of ~200 small modules (start-up is mostly module
// loading: issue 17).
//   - The command line is one CommonJS script, dist/bundle/cli.cjs, that bin/kaohe.js compiles
//     with V8's code cache of it (src/cli/launch.ts; the cache is made by scripts/build-code-cache.mjs).
//     What the sources import lazily (`await import(...)`) stays lazy: esbuild runs such a module's
//     body only when it is imported, so `--help` runs no writer, no zod.
//   - The worker threads run in isolates of their own, without the cache: they are ES module entry
//     points with fixed names, split into chunks, where `new URL('./month-worker.js', import.meta.url)`
//     in the script finds them.
//   - dist/bundle/ sits at the depth of dist/<folder>/, so the modules' paths from
//     import.meta.url (../../templates, ../schemes.json, ../../package.json) hold in both.
//   - exceljs and @e965/xlsx stay in node_modules: only runs that write or read .xls load them.
//     Bundled, they saved nothing measurable (demo `-o` 383 → 357 ms, an .xls read 567 → 587 ms,
//     medians of 11 under load ~4), and exceljs's `new Buffer()` would then warn on every
//     written workbook: Node's DEP0005 warning is silent only for code inside node_modules.
//     exceljs's ~110 modules a result workbook uses, bundled into the script and its code cache,
//     saved nothing measurable either (M×4 `score -o`, 9 alternating runs at load ~15: main-thread
//     CPU 890 → 860 ms, all threads 1.65 → 1.66 s).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/bundle';
// Chunks' hashed names change with their contents: never leave the last build's beside them.
rmSync(outdir, { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node20', external: ['exceljs', '@e965/xlsx'], logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/bundle/cli.cjs',
  format: 'cjs',
  // No import() in the script: Node 20 runs one only in a script given an experimental callback
  // (which warns), and not at all once the script comes from a code cache. The packages left
  // outside are required (an ES-only one would fail in every run that loads it, tests included).
  supported: { 'dynamic-import': false },
  // The script's own URL, as a module of its file would have it (src/cli/launch.ts runs it with Node's CommonJS wrapper).
  define: { 'import.meta.url': '__kaoheScriptUrl' },
  // 'use strict' first: esbuild's own directive comes after the banner, where it does nothing, and
  // the sources are ES modules, strict.
  banner: { js: "'use strict'; const __kaoheScriptUrl = require('node:url').pathToFileURL(__filename).href;" },
});
// bin/kaohe.js (CommonJS) requires what compiles and runs the script.
await build({ ...common, entryPoints: ['dist/cli/launch.js'], outfile: 'dist/launch.cjs', format: 'cjs' });
await build({
  ...common,
  entryPoints: {
    'month-worker': 'dist/commands/month-worker.js',
    'batch-worker': 'dist/commands/batch-worker.js',
    'punch-worker': 'dist/read/punch-worker.js',
  },
  outdir,
  splitting: true,
  format: 'esm',
  // CommonJS packages in the bundle (yauzl, cli-progress, …) call require for Node's own modules.
  banner: { js: "import { createRequire as __kaoheCreateRequire } from 'node:module'; const require = __kaoheCreateRequire(import.meta.url);" },
});
