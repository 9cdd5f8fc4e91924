import { parentPort } from 'node:worker_threads';
import { SchemeError, UsageError } from '../core/problems.js';
import { runContext, type RunContext } from './context.js';
import type { EarlierLeave } from '../derive/leave-rules.js';
import { readMonth, scoreRead, type MonthJob, type MonthRead } from './month.js';

/**
 * A thread of a big year run, with a capped heap so garbage is collected instead of piling up.
 * It takes one period at a time in two steps: `read` (the heavy part, done while another thread
 * scores the period before) and `score`, once the earlier periods' counts and leave days are known.
 */
let job: MonthJob | null = null;
/** Built for the thread's first period: every period of a run has the same scheme and calendar. */
let context: Promise<RunContext> | null = null;
let read: MonthRead | null = null;

async function handle(message: { read: MonthJob } | { score: EarlierLeave }): Promise<void> {
  try {
    if ('read' in message) {
      job = message.read;
      context ??= runContext({ scheme: job.scheme, ...(job.options.calendar === undefined ? {} : { calendar: job.options.calendar }) });
      read = await readMonth(job, await context);
      parentPort?.postMessage({ read: true });
      return;
    }
    if (!job || !read) throw new Error('score before read');
    const outcome = scoreRead(read, job, message.score);
    read = null;
    parentPort?.postMessage({ outcome });
  } catch (error) {
    read = null;
    const issues = error instanceof SchemeError ? { file: error.file, issues: error.issues } : {};
    const usage = error instanceof UsageError ? { usage: { code: error.code, args: error.args } } : {};
    parentPort?.postMessage({ crash: String((error as Error).stack ?? error), name: (error as Error).name, ...issues, ...usage });
  }
}

parentPort?.on('message', (message: { read: MonthJob } | { score: EarlierLeave }) => void handle(message));
