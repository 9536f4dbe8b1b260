import { defineConfig } from 'vitest/config';

/*
 * Built to pass on a busy 2-core machine: timeouts are safety nets against a hung test, never a
 * measure of speed (no test asserts how long anything takes).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Child processes, not worker threads: the in-process CLI tests change directory
    // (process.chdir is refused in a worker thread), and a test file that blocks its event loop
    // cannot starve another's.
    pool: 'forks',
    // Two cores: one file per core.
    maxWorkers: 2,
    // Test files in one worker share its module cache: src is loaded once per worker instead of
    // once per file (collecting took 58 of the suite's 290 s). No test keeps state in a module;
    // the one file that mocks a module imports the CLI afresh (threads-decisions.test.ts).
    isolate: false,
    minWorkers: 1,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // vitest's worker RPC times out after 60 s. A worker whose event loop is blocked that long
    // (a long spawnSync) sees its pending call time out, so spawned runs in tests are asynchronous.
  },
});
