// Runs the built kaohe CLI in this process, as bin/kaohe.js does (the bundle, dist/bundle/main.js),
// and records its peak memory and CPU time when it exits.
// KAOHE_BENCH_CLI names another build's main.js (`npm run bench -- --before <dir>`).
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { peakKB } from './peak.mjs';

process.on('exit', () => {
  writeFileSync(process.env.KAOHE_BENCH_OUT, JSON.stringify({ maxRSS: peakKB(), cpu: process.cpuUsage() }));
});
const cli = process.env.KAOHE_BENCH_CLI ? pathToFileURL(process.env.KAOHE_BENCH_CLI).href : '../../dist/bundle/main.js';
const { main } = await import(cli);
process.exitCode = await main(process.argv.slice(2));
