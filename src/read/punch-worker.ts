import { parentPort, workerData } from 'node:worker_threads';
import { fileProblem, Workbook } from './xlsx.js';
import { readPunchSheet, type PunchJob, type PunchReply } from './punch-thread.js';

/**
 * The thread that reads a month's 考勤 sheet (see punch-thread.ts): it opens the workbook, reads
 * that one sheet with the shared strings and styles it needs, and sends the collector back as a
 * snapshot (plain data: its problems as coded data, its punches as lists of numbers).
 */
const job = workerData as PunchJob;
const send = (reply: PunchReply) => parentPort?.postMessage(reply);

/** Progress at most every 4 MB of XML: a message per chunk would cost more than it tells. */
let reported = 0;
const onProgress = (done: number) => {
  if (done - reported < 4_000_000) return;
  reported = done;
  send({ done });
};

async function read(): Promise<void> {
  let book: Workbook;
  try {
    book = await Workbook.open(job.path, { onProgress });
  } catch (error) {
    return send({ failed: fileProblem(job.path, error) });
  }
  try {
    const sheet = book.sheets.find((s) => s.part === job.part);
    if (!sheet) throw new Error(`${job.part} missing`);
    const outcome = await readPunchSheet(book, sheet, { coveredYears: new Set(job.years) }, job.year);
    if ('failed' in outcome) return send(outcome);
    send({ problems: outcome.problems, snapshot: outcome.collector.snapshot() });
  } catch (error) {
    send({ failed: fileProblem(job.path, error) });
  } finally {
    book.close();
  }
}

await read();
