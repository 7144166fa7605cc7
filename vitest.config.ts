import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/build.ts'],
    pool: 'threads',
    // No test's pass depends on how fast the machine is: a bound only ends a hang (a busy CI machine
    // may be many times slower than an idle one). Timings belong in npm run bench, not in assertions.
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
