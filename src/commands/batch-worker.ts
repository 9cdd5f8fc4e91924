import { parentPort } from 'node:worker_threads';
import { runCentre, type CentreJob } from './centre.js';

/** A worker thread of `kaohe year --each`: runs the centres it is sent, one at a time. */
async function run(job: CentreJob & { index: number }): Promise<void> {
  try {
    parentPort?.postMessage({ index: job.index, outcome: await runCentre(job) });
  } catch (error) {
    parentPort?.postMessage({ index: job.index, crash: String((error as Error).stack ?? error) });
  }
}

parentPort?.on('message', (job: CentreJob & { index: number }) => void run(job));
