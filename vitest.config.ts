import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    globalSetup: ['test/helpers/build-once.ts'],
    hookTimeout: 60_000,
    // Integration files each run a bot on its own SQLite file; two cores, two workers.
    maxWorkers: 2,
    projects: [
      // Files run one after another in a worker keep its loaded modules (isolate: false): botbuilder,
      // Bolt and Prisma load once per worker instead of once per file, most of what a file cost.
      // Nothing in src/ or test/helpers keeps state in a module that one file could leave to the next.
      { extends: true, test: { name: 'suite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/fault/**'], isolate: false } },
      // The fault tests run scheduler processes and measure delays: one file at a time, after the rest,
      // so that their timings are their own.
      { extends: true, test: { name: 'fault', include: ['test/fault/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});
