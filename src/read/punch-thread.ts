import { isMainThread, Worker } from 'node:worker_threads';
import { idleCores } from '../core/cores.js';
import type { Problem } from '../core/problems.js';
import { PunchCollector, type PunchSnapshot, type YearsCovered } from './punch-collector.js';
import { fileProblem, type SheetInfo, type Workbook } from './xlsx.js';

/**
 * The 考勤 sheet read on a second thread while this one reads the other sheets: in a city's
 * month it is two thirds of the workbook's XML, and a PC with four cores has two to spare.
 * The thread opens the same file and reads the sheet through the same reader and collector
 * (readPunchSheet); the punches come back as blocks of numbers and the problems as the
 * coded data they are, so the outcome is the one reading it here would give.
 */

/** What reading the 考勤 sheet gave: its reading problems (a cell out of bounds) and its collector, or the problem that stopped it. */
export type PunchSheetOutcome = { problems: Problem[]; collector: PunchCollector } | { failed: Problem };

/** What the thread is asked to read. */
export interface PunchJob {
  path: string;
  /** The sheet's part in the zip (xl/worksheets/sheet4.xml). */
  part: string;
  /** The calendar's covered years (a calendar itself cannot cross to a thread). */
  years: number[];
  year: number | undefined;
}

/** What the thread answers: progress while it reads, then its outcome (the collector as a snapshot). */
export type PunchReply = { done: number } | { problems: Problem[]; snapshot: PunchSnapshot } | { failed: Problem };

/** Reads a 考勤 sheet into a collector, here or in the thread; an error that stops it is its problem. */
export async function readPunchSheet(book: Workbook, sheet: SheetInfo, calendar: YearsCovered, year: number | undefined): Promise<PunchSheetOutcome> {
  try {
    // Cells straight into the collector, no rows built.
    const read = await book.readSheetOnce(sheet, () => {
      const collector = new PunchCollector(book.file, sheet.name, calendar, year, book.date1904);
      return { collector, cells: collector, keepColumn: collector.keepColumn };
    });
    read.consumer.collector.finish();
    return { problems: read.problems, collector: read.consumer.collector };
  } catch (error) {
    return { failed: fileProblem(book.file, error) };
  }
}

/**
 * From this much XML in the 考勤 sheet and in the other sheets read with it, the thread can pay
 * for its start (~40 ms of CPU) by what it reads meanwhile; a town's month (under 1 MB) is read here.
 */
const THREAD_FROM_BYTES = 4_000_000;
/**
 * Idle cores the thread needs: reading on one thread already keeps one and a half cores busy
 * (the XML is scanned here while V8's helper threads compile and collect garbage, ~0.45 s of CPU
 * at 2,000 staff, and zlib inflates), and a second reader brings its own helpers' work, so it
 * needs a third core. On this project's 2-core machine the thread took 0.3–0.4 s more CPU and no
 * less time (BENCHMARKS.md, issue 17); on four cores the other sheets (~0.3 s at 2,000 staff)
 * would be read in the 考勤 sheet's shadow. Not measured on four cores.
 */
const THREAD_IDLE_CORES = 2.5;
/**
 * Up to this much 考勤 XML (a month of ~4,000 staff): the memory a thread frees is kept by the C
 * allocator for the process (glibc's per-thread arena), so the thread adds to the peak in
 * proportion to the sheet: +20 MB at 2,000 staff, +50–75 MB at 8,000 (405 MB either way with
 * MALLOC_ARENA_MAX=1). Past this size memory is the bound that matters, and the sheet is read here.
 */
const THREAD_UP_TO_BYTES = 64_000_000;

/**
 * Whether to read the 考勤 sheet on a thread: both it and the other sheets are big (and 考勤 not
 * too big), cores are free to run it (with fewer, or on a machine busy with other work, the
 * threads only share the same cores, and reading takes more CPU time for nothing), this is the
 * main thread (a year's month thread or a batch thread starts none of its own: the cores are
 * taken), and kaohe runs from its build, not its TypeScript sources (the thread is a .js file of the build). Outputs are
 * the same either way.
 * KAOHE_PUNCH_THREAD_FROM_BYTES sets the size and leaves the load out (tests).
 */
export function punchThreadPays(punchBytes: number, otherBytes: number): boolean {
  const forced = process.env.KAOHE_PUNCH_THREAD_FROM_BYTES;
  const from = forced === undefined ? THREAD_FROM_BYTES : Number(forced);
  const idle = forced !== undefined || idleCores() >= THREAD_IDLE_CORES;
  return isMainThread && !import.meta.url.endsWith('.ts') && idle && Math.min(punchBytes, otherBytes) >= from && punchBytes <= THREAD_UP_TO_BYTES;
}

/** The 考勤 sheet being read on a thread: its outcome, or null if the thread itself failed (read it here then). */
export interface PunchThread {
  readonly outcome: Promise<PunchSheetOutcome | null>;
  cancel(): void;
}

export function startPunchThread(job: PunchJob, onDone: (bytes: number) => void): PunchThread {
  const worker = new Worker(new URL('./punch-worker.js', import.meta.url), { workerData: job });
  const outcome = new Promise<PunchSheetOutcome | null>((resolve) => {
    worker.on('message', (reply: PunchReply) => {
      if ('done' in reply) return onDone(reply.done);
      resolve('failed' in reply ? reply : { problems: reply.problems, collector: PunchCollector.fromSnapshot(reply.snapshot) });
      void worker.terminate();
    });
    worker.once('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  return { outcome, cancel: () => void worker.terminate() };
}
