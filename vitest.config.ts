import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration files each run a bot on its own SQLite file; two cores, two workers.
    maxWorkers: 2,
  },
});
