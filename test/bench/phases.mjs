// Where the time of `kaohe score <month> -o` goes, phase by phase, in the built kaohe (dist/):
// module loading, the scheme, reading, validating + deriving + scoring, the output workbook, the
// terminal. The steps are those of the score command (src/cli/score.ts), timed one by one.
//   node test/bench/phases.mjs .bench/Mx4/2026-10.xlsx [scheme]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peakKB } from './peak.mjs';

const [input, schemeId = 'bianmin-10pt'] = process.argv.slice(2);
const phases = [];
let last = performance.now();
const lap = (name) => {
  const now = performance.now();
  phases.push([name, now - last, process.memoryUsage().rss / 2 ** 20]);
  last = now;
};

const [score, outputs, output, terminal] = await Promise.all([
  import('../../dist/commands/score.js'),
  import('../../dist/commands/outputs.js'),
  import('../../dist/write/output.js'),
  import('../../dist/write/terminal.js'),
]);
lap('load modules (commands, writer, exceljs)');
const { loadScheme } = await import('../../dist/scheme/load.js');
const scheme = await loadScheme(schemeId);
lap('scheme');
const options = { scheme: schemeId, noticeDate: '2026-11-02' };
const workbook = await score.readPeriodInput(input, {}, score.readOptions(input, options), score.sheetsRead(scheme));
lap(`read (${workbook.punches?.rows ?? 0} punch rows)`);
const { parsePeriod } = await import('../../dist/core/period.js');
const scored = score.scoreSheets(scheme, workbook, parsePeriod(input.match(/(\d{4}-\d{2})\.xlsx$/)[1]), options);
if (!scored.run) throw new Error(scored.problems.map((p) => p.code).join(', '));
const run = scored.run;
lap('validate, derive attendance, score');
const name = outputs.namerFor([input]);
const info = await outputs.runInfo(run, options, name);
lap('run info (input hashes)');
const named = outputs.namedRun(run, name);
lap('input names');
const bytes = await output.resultWorkbook(named.result, info, output.unscoredAttendance(named.result, named.attendance), null);
lap(`result workbook (${(bytes.length / 2 ** 20).toFixed(1)} MB)`);
const dir = mkdtempSync(join(tmpdir(), 'kaohe-phases-'));
await outputs.writePlanned(await outputs.planOutput('score', join(dir, 'out.xlsx'), false, [input]), bytes, run.files);
rmSync(dir, { recursive: true, force: true });
lap('safe write');
const summary = terminal.renderScoreSummary(run.result);
lap(`terminal summary (${summary.length} characters)`);
const total = phases.reduce((s, [, ms]) => s + ms, 0);
for (const [phase, ms, rss] of phases) console.log(`${ms.toFixed(0).padStart(6)} ms  ${rss.toFixed(0).padStart(5)} MB  ${phase}`);
console.log(`${total.toFixed(0).padStart(6)} ms  peak ${(peakKB() / 1024).toFixed(0)} MB  (after Node's own start-up)`);
