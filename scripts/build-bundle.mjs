// Part of `npm run build`, after tsc: bundles the command line (bin/kaohe.js runs it) from the
// compiled dist/ into dist/bundle/, so a run loads tens of files instead of ~200 small modules
// (start-up is mostly module loading: issue 17).
//   - Code splitting keeps what the sources import lazily (`await import(...)`) in chunks of its
//     own, loaded only by the runs that need it: `--help` loads no writer, no zod.
//   - The worker threads are entry points with fixed names beside the chunks, where
//     `new URL('./month-worker.js', import.meta.url)` in a chunk finds them.
//   - dist/bundle/ sits at the depth of dist/<folder>/, so the modules' paths from
//     import.meta.url (../../templates, ../schemes.json, ../../package.json) hold in both.
//   - exceljs and @e965/xlsx stay in node_modules: only runs that write or read .xls load them.
//     Bundled, they saved nothing measurable (demo `-o` 383 → 357 ms, an .xls read 567 → 587 ms,
//     medians of 11 under load ~4), and exceljs's `new Buffer()` would then warn on every
//     written workbook: Node's DEP0005 warning is silent only for code inside node_modules.
// dist/bundle/meta.json records which sources each file holds (test/startup.test.ts reads it).
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/bundle';
// Chunks' hashed names change with their contents: never leave the last build's beside them.
rmSync(outdir, { recursive: true, force: true });
const { metafile } = await build({
  entryPoints: {
    main: 'dist/cli/main.js',
    'month-worker': 'dist/commands/month-worker.js',
    'batch-worker': 'dist/commands/batch-worker.js',
    'punch-worker': 'dist/read/punch-worker.js',
  },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['exceljs', '@e965/xlsx'],
  // CommonJS packages in the bundle (yauzl, cli-progress, …) call require for Node's own modules.
  banner: { js: "import { createRequire as __kaoheCreateRequire } from 'node:module'; const require = __kaoheCreateRequire(import.meta.url);" },
  metafile: true,
  logLevel: 'warning',
});
writeFileSync(`${outdir}/meta.json`, JSON.stringify(metafile));
