import { parentPort } from 'node:worker_threads';
import { SchemeError } from '../core/problems.js';
import { scoreMonth, type MonthJob } from './month.js';

/**
 * The periods of a big year run, one after another, in a thread whose heap is capped: the
 * collector runs before the heap grows, so a city's twelve months do not pile up.
 */
parentPort?.on('message', async (job: MonthJob) => {
  try {
    parentPort?.postMessage({ outcome: await scoreMonth(job) });
  } catch (error) {
    const issues = error instanceof SchemeError ? { file: error.file, issues: error.issues } : {};
    parentPort?.postMessage({ crash: String((error as Error).stack ?? error), name: (error as Error).name, message: (error as Error).message, ...issues });
  }
});
