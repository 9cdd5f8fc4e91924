import { defineConfig } from 'vitest/config';

/** Commands run in-process in most tests: no colour codes in what they print. */
const env = { NO_COLOR: '1', FORCE_COLOR: '0' };
/** *.tz.test.ts run once per time zone: results must not depend on the machine's zone. */
const zones = ['UTC', 'Asia/Shanghai', 'America/New_York'];
/** Files that replace a module with vi.mock run isolated, so the replacement reaches no other file. */
const mocking = ['test/input-rename.test.ts', 'test/batch-output-folder.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    globalSetup: ['test/setup/temp-root.ts'],
    env,
    // Test files run in child processes (a test may change folder or time zone and put it back),
    // two at a time, one per core: vitest's default would leave one of two cores idle, and a
    // third worker measured more CPU time, not less wall time.
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // Not isolated: a worker imports kaohe and exceljs once for all the files it runs, not once per file.
      { extends: true, test: { name: 'kaohe', include: ['test/**/*.test.ts'], exclude: ['test/**/*.tz.test.ts', ...mocking], isolate: false } },
      { extends: true, test: { name: 'mocked', include: mocking } },
      ...zones.map((tz) => ({ extends: true as const, test: { name: `TZ=${tz}`, include: ['test/**/*.tz.test.ts'], env: { ...env, TZ: tz } } })),
    ],
  },
});
