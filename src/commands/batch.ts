import { availableParallelism } from 'node:os';
import { lstat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import cliProgress from 'cli-progress';
import { entryStats, folderNames } from '../core/files.js';
import { OutputError, UsageError } from '../core/problems.js';
import type { CliIo } from '../core/io.js';
import { positiveWhole } from '../core/text.js';
import { Book } from '../write/book.js';
import { checkOutput, checkOutputFolder, makeOutputFolder, writeOutputs } from '../write/safe-write.js';
import { linesBelow, table, widthOf } from '../write/sheets/style.js';
import { runCentre, type CentreJob, type CentreOutcome } from './centre.js';
import type { YearOptions } from './year-options.js';
import { centreFailedText } from '../messages/terminal.js';
import { centreDoneStatus, centreFailedStatus, summaryProratedNote } from '../messages/outputs.js';

type BatchOptions = YearOptions & { output?: string; force?: boolean; json?: boolean; jobs?: string; pointValue?: string; noticeDate?: string; noticeDays?: string };

/**
 * `kaohe year --each <root>`: every subfolder of root is a centre with its months. Centres run
 * in parallel on worker threads; each valid centre gets its workbook (what it was warned of is
 * listed under it), an invalid one is listed with its problems and skipped, and a summary
 * workbook covers all, its 问题 sheet listing both. Exit 1 if any centre failed.
 */
export async function runBatch(roots: readonly string[], options: BatchOptions, io: CliIo): Promise<number> {
  if (!options.output) throw new UsageError('batch_output_missing');
  const output = options.output;
  const force = options.force ?? false;
  // Checked as given: 0 or -2 were taken as 1, while abc was refused.
  const asked = options.jobs === undefined ? availableParallelism() : positiveWhole(options.jobs);
  if (asked === null) throw new UsageError('jobs_invalid', { value: options.jobs ?? '' });
  const centres = await centreFolders(roots);
  if (centres.length === 0) throw new UsageError('batch_no_centres', { roots: roots.join('、') });
  const jobs = Math.min(centres.length, asked);
  // Every target is known from the folder names: refused now, before a centre is scored.
  const targets = outputTargets(centres, output);
  await checkOutputFolder(output);
  await checkTargets([...targets.values(), join(output, SUMMARY_FILE)], force);
  const { output: _output, force: _force, json, jobs: _jobs, ...yearOptions } = options;

  const showBar = io.stderr.isTTY === true && !json;
  const bar = showBar ? new cliProgress.SingleBar({ format: '汇总中 [{bar}] {value}/{total} 个中心', stream: io.stderr as NodeJS.WritableStream }, cliProgress.Presets.shades_classic) : null;
  bar?.start(centres.length, 0);
  const outcomes = await runAll(
    centres.map((dir) => ({ dir, options: yearOptions })),
    jobs,
    () => bar?.increment(),
  );
  bar?.stop();

  await makeOutputFolder(output);
  const inputs = outcomes.flatMap((o) => (o.ok ? o.files : []));
  const written = outcomes.flatMap((o) => (o.ok ? [{ target: targets.get(o.centre) as string, content: o.workbook }] : []));
  await writeOutputs([...written, { target: join(output, SUMMARY_FILE), content: await summaryWorkbook(outcomes) }], { force, inputs });
  const failed = outcomes.filter((o) => !o.ok);
  for (const o of outcomes) {
    // A centre's warnings under its line, as a failed centre's problems are.
    io.stderr.write(o.ok ? `${o.centre}：${centreDoneStatus(o.missing, o.warnings.length)}，${o.people}人\n${o.warnings.map((w) => `  ${w}\n`).join('')}` : centreFailedText(o.centre, o.problems));
  }
  if (json) io.stdout.write(JSON.stringify(outcomes.map((o) => (o.ok ? { centre: o.centre, ok: true, people: o.people, warnings: o.warnings } : { centre: o.centre, ok: false, problems: o.problems })), null, 2) + '\n');
  return failed.length > 0 ? 1 : 0;
}

const SUMMARY_FILE = '汇总.xlsx';
const centreFile = (centre: string) => `${centre}-年度考核.xlsx`;

/** The centre folders under the roots, each root's in name order. */
async function centreFolders(roots: readonly string[]): Promise<string[]> {
  const centres: string[] = [];
  for (const root of roots) {
    // Missing: said as such; a link pointing nowhere or a folder that cannot be read: said as that.
    if (!(await lstat(root).catch(() => null))) throw new UsageError('batch_folder_missing', { folder: root });
    await entryStats(root);
    for (const name of await folderNames(root)) {
      if ((await entryStats(join(root, name))).isDirectory()) centres.push(join(root, name));
    }
  }
  return centres;
}

/**
 * Each centre's output file by centre name. Two centres of one name (北街 under two roots, or
 * 北街 and 北街 in another case on a Windows or macOS disk) would write one file: refused.
 */
function outputTargets(centres: readonly string[], output: string): Map<string, string> {
  const targets = new Map<string, string>();
  const folderOf = new Map<string, string>();
  for (const dir of centres) {
    const centre = basename(dir);
    const file = centreFile(centre);
    const key = file.normalize('NFC').toLowerCase();
    const earlier = folderOf.get(key);
    if (earlier !== undefined) throw new UsageError('batch_centre_duplicate', { centre, folders: `${earlier}、${dir}`, file: join(output, file) });
    folderOf.set(key, dir);
    targets.set(centre, join(output, file));
  }
  return targets;
}

/** Without --force every existing target is named at once; with it, each must be a file it may replace. */
async function checkTargets(targets: readonly string[], force: boolean): Promise<void> {
  const existing: string[] = [];
  for (const target of targets) {
    try {
      await checkOutput(target, { force, inputs: [] });
    } catch (error) {
      if (!(error instanceof OutputError && error.code === 'output_exists')) throw error;
      existing.push(target);
    }
  }
  if (existing.length > 0) throw new OutputError('output_exists', { path: existing.join('、') });
}

/** Runs the centres on `jobs` worker threads (or here, for one), keeping their order. */
async function runAll(list: CentreJob[], jobs: number, done: () => void): Promise<CentreOutcome[]> {
  if (jobs === 1) {
    const outcomes: CentreOutcome[] = [];
    for (const job of list) {
      outcomes.push(await runCentre(job));
      done();
    }
    return outcomes;
  }
  const outcomes = new Array<CentreOutcome>(list.length);
  let next = 0;
  const workers = Array.from({ length: jobs }, () => new Worker(new URL('./batch-worker.js', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= list.length) return resolve();
              const index = next++;
              worker.postMessage({ ...list[index], index });
            };
            worker.on('message', (message: { index: number; outcome?: CentreOutcome; crash?: string }) => {
              if (message.crash) return reject(new Error(message.crash));
              const outcome = message.outcome as CentreOutcome;
              // Buffers arrive as Uint8Array across threads.
              outcomes[message.index] = outcome.ok ? { ...outcome, workbook: Buffer.from(outcome.workbook) } : outcome;
              done();
              send();
            });
            worker.on('error', reject);
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return outcomes;
}

async function summaryWorkbook(outcomes: readonly CentreOutcome[]): Promise<Buffer> {
  const book = new Book();
  const sheet = book.sheet('汇总', { titleRows: '1:1', landscape: true });
  const columns = [
    { header: '中心', kind: 'name', width: 16 },
    { header: '状态', kind: 'text', width: 22 },
    { header: '人数', kind: 'count', width: 6 },
    { header: '最高分', kind: 'score', width: 8 },
    { header: '最低分', kind: 'score', width: 8 },
    { header: '有标注人数', kind: 'count', width: 10 },
    { header: '输出文件', kind: 'text', width: 30 },
  ] as const;
  await table(
    sheet,
    columns,
    outcomes.map((o) => (o.ok ? [o.centre, centreDoneStatus(o.missing, o.warnings.length), o.people, o.highest, o.lowest, o.flagged, centreFile(o.centre)] : [o.centre, centreFailedStatus(o.problems.length), null, null, null, null, ''])),
  );
  // 最高分 and 最低分 are the ranking's figures: where that is a 折合全年, the sheet says so.
  const prorated = outcomes.some((o) => o.ok && o.prorated);
  linesBelow(sheet, prorated ? [summaryProratedNote] : [], { span: columns.length, width: widthOf(columns) });
  const problems = book.sheet('问题', { titleRows: '1:1', landscape: true });
  await table(
    problems,
    [
      { header: '中心', kind: 'name', width: 16 },
      { header: '问题', kind: 'text', width: 100 },
    ],
    // A failed centre's problems, and what a scored centre was warned of (提示：… 每分分值不同).
    outcomes.flatMap((o) => (o.ok ? o.warnings : o.problems).map((p) => [o.centre, p])),
    'each',
  );
  return await book.bytes();
}
