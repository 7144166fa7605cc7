import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build.ts'],
    pool: 'threads',
    // Vitest's default is one file at a time below three cores (cores - 1). Many files here wait on
    // child processes (the bin, the server, Chromium), so one file per core keeps both cores busy:
    // 237 s -> 188 s on two idle cores before the heavy files were made smaller.
    maxWorkers: availableParallelism(),
    // Files share a worker's modules instead of loading the engine, the API and zod's schemas anew for
    // each of 75 files (a fifth of the suite's CPU). No module here keeps state a test relies on
    // being fresh: the rule book and caches are immutable or keyed by what they hold, and each test
    // builds its own app.
    isolate: false,
    // No test's pass depends on how fast the machine is: a bound only ends a hang (a busy CI machine
    // may be many times slower than an idle one). Timings belong in npm run bench, not in assertions.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
