// Runs kaohe in this process as users run it (bin/kaohe.js: its V8 setting, then the bundle), and
// records its peak memory and CPU time when it exits.
// KAOHE_BENCH_CLI names another checkout's bin/kaohe.js (`npm run bench -- --before <dir>`).
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { peakKB } from './peak.mjs';

process.on('exit', () => {
  writeFileSync(process.env.KAOHE_BENCH_OUT, JSON.stringify({ maxRSS: peakKB(), cpu: process.cpuUsage() }));
});
await import(process.env.KAOHE_BENCH_CLI ? pathToFileURL(process.env.KAOHE_BENCH_CLI).href : '../../bin/kaohe.js');
