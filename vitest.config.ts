import { defineConfig } from 'vitest/config';

/** Commands run in-process in most tests: no colour codes in what they print. */
const env = { NO_COLOR: '1', FORCE_COLOR: '0' };
/** *.tz.test.ts run once per time zone: results must not depend on the machine's zone. */
const zones = ['UTC', 'Asia/Shanghai', 'America/New_York'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    env,
    projects: [
      { extends: true, test: { name: 'kaohe', include: ['test/**/*.test.ts'], exclude: ['test/**/*.tz.test.ts'] } },
      ...zones.map((tz) => ({ extends: true as const, test: { name: `TZ=${tz}`, include: ['test/**/*.tz.test.ts'], env: { ...env, TZ: tz } } })),
    ],
  },
});
