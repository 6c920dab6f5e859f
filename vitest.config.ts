import { defineConfig } from 'vitest/config';

// Handlers log at INFO in production; in the test run that floods the output. Set before the
// global setup imports any handler (the logger reads it once, at construction).
process.env.LOG_LEVEL ??= 'WARN';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Workers inherit the runtime's environment (endpoints, resource names) from the global setup.
    setupFiles: ['test/support/runtime-env.ts'],
    testTimeout: 30_000,
    // One more worker than the 2 cores CI has: many integration files spend their time waiting on
    // the shared runtime (queues settling, retries backing off), not computing.
    maxWorkers: 3,
    hookTimeout: 120_000,
  },
});
