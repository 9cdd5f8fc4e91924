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
let lastCpu = process.cpuUsage();
// With --expose-gc, also the live heap after each phase (collected first, outside the timing).
const live = () => {
  if (!globalThis.gc) return '';
  globalThis.gc();
  return ` (live heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB)`;
};
const lap = (name) => {
  const now = performance.now();
  const cpu = process.cpuUsage(lastCpu);
  phases.push([name + live(), now - last, (cpu.user + cpu.system) / 1000, process.memoryUsage().rss / 2 ** 20]);
  last = now;
  lastCpu = process.cpuUsage();
};

const [score, outputs, output, terminal] = await Promise.all([
  import('../../dist/commands/score.js'),
  import('../../dist/commands/outputs.js'),
  import('../../dist/write/output.js'),
  import('../../dist/write/terminal.js'),
]);
lap('load modules (commands, writer, exceljs)');
const { runContext } = await import('../../dist/commands/context.js');
const context = await runContext({ scheme: schemeId });
lap('scheme');
const options = { scheme: schemeId, noticeDate: '2026-11-02' };
// As runScore does it, in its steps: the sheets read go out of scope once scored.
const scored = await (async () => {
  const workbook = await score.readPeriodInput(input, {}, score.readOptions(input, options, context.calendar), score.sheetsRead(context.scheme));
  lap(`read (${workbook.punches?.rows ?? 0} punch rows)`);
  const { parsePeriod } = await import('../../dist/core/period.js');
  return score.scoreSheets(context, workbook, parsePeriod(input.match(/(\d{4}-\d{2})\.xlsx$/)[1]), options);
})();
if (!scored.run) throw new Error(scored.problems.map((p) => p.code).join(', '));
const run = scored.run;
lap('validate, derive attendance, score');
const name = outputs.namerFor([input]);
const info = await outputs.runInfo(run, options, name);
lap('run info (input hashes)');
const bytes = await output.resultWorkbook(run.result, info, score.followUpsOf(context.scheme, run.attendance), null, name);
lap(`result workbook (${(bytes.length / 2 ** 20).toFixed(1)} MB)`);
const dir = mkdtempSync(join(tmpdir(), 'kaohe-phases-'));
await outputs.writePlanned(await outputs.planOutput('score', join(dir, 'out.xlsx'), false, [input]), bytes, run.files);
rmSync(dir, { recursive: true, force: true });
lap('safe write');
const summary = terminal.renderScoreSummary(run.result);
lap(`terminal summary (${summary.length} characters)`);
const total = phases.reduce((s, [, ms]) => s + ms, 0);
const cpu = phases.reduce((s, [, , c]) => s + c, 0);
console.log('  wall ms   CPU ms   RSS MB  phase');
for (const [phase, ms, c, rss] of phases) console.log(`${ms.toFixed(0).padStart(9)} ${c.toFixed(0).padStart(8)} ${rss.toFixed(0).padStart(8)}  ${phase}`);
console.log(`${total.toFixed(0).padStart(9)} ${cpu.toFixed(0).padStart(8)}  peak ${(peakKB() / 1024).toFixed(0)} MB  (after Node's own start-up)`);
