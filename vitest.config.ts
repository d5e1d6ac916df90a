import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    globalSetup: ['test/helpers/build-once.ts'],
    hookTimeout: 60_000,
    // Integration files each run a bot on its own SQLite file; two cores, two workers.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/fault/**'] } },
      // The fault tests run scheduler processes and measure delays: one file at a time, after the rest,
      // so that their timings are their own.
      { extends: true, test: { name: 'fault', include: ['test/fault/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
