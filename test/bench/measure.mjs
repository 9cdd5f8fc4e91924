// Runs the built kaohe CLI in this process and records its peak memory when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  writeFileSync(process.env.KAOHE_BENCH_OUT, JSON.stringify({ maxRSS: process.resourceUsage().maxRSS }));
});
await import('../../dist/cli.js');
