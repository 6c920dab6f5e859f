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
    // Integration tests settle the whole shared runtime (up to 30 s each time: POST
    // /local/events/settle waits for every file's events, the index counters' included), often
    // twice or more: the per-test budget must hold several settles.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
