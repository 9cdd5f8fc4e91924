// Runs the built kaohe CLI in this process and records its peak memory when it exits.
import { writeFileSync } from 'node:fs';
import { peakKB } from './peak.mjs';

process.on('exit', () => {
  writeFileSync(process.env.KAOHE_BENCH_OUT, JSON.stringify({ maxRSS: peakKB() }));
});
const { main } = await import('../../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
