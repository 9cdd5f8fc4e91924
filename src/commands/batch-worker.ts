import { parentPort } from 'node:worker_threads';
import { runCentre, type CentreJob } from './centre.js';

/** A worker thread of `kaohe year --each`: runs the centres it is sent, one at a time. */
parentPort?.on('message', async (job: CentreJob & { index: number }) => {
  try {
    parentPort?.postMessage({ index: job.index, outcome: await runCentre(job) });
  } catch (error) {
    parentPort?.postMessage({ index: job.index, crash: String((error as Error).stack ?? error) });
  }
});
