import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    // Commands run in-process in most tests: no colour codes in what they print.
    env: { NO_COLOR: '1', FORCE_COLOR: '0' },
  },
});
