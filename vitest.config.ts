import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/sequencer.ts';

// Handlers log at INFO in production; in the test run that floods the output. Set before the
// global setup imports any handler (the logger reads it once, at construction).
process.env.LOG_LEVEL ??= 'WARN';

export default defineConfig({
  test: {
    // Two files at a time even on 2 cores (vitest's default there is one): integration files spend
    // much of their time waiting on the runtime, emulators and browsers, so a second worker fills
    // the other core. The slowest files start first (test/support/sequencer.ts).
    maxWorkers: 2,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'portal',
          include: ['test/**/*.test.ts'],
          exclude: ['test/infra/**', 'test/contract/**', 'test/capacity/**'],
          globalSetup: ['test/global-setup.ts'],
          // Workers inherit the runtime's environment (endpoints, resource names) from the global setup.
          setupFiles: ['test/support/runtime-env.ts'],
          // Integration tests settle the whole shared runtime (up to 30 s each time: POST
          // /local/events/settle waits for every file's events, the index counters' included), often
          // twice or more: the per-test budget must hold several settles.
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Pure unit tests, beside the code they test: no runtime, no emulator, no network.
          name: 'unit',
          include: ['shared/**/*.test.ts', 'functions/**/*.test.ts'],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          // The API contract, built from the declaration alone, and the capacity model: no runtime to start.
          name: 'contract',
          include: ['test/contract/**/*.test.ts', 'test/capacity/**/*.test.ts'],
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          // Synthesis only (`aws-cdk-lib/assertions`): no runtime, and one module graph for the
          // files (aws-cdk-lib loads and warms up once instead of once per file).
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          isolate: false,
          testTimeout: 240_000,
        },
      },
    ],
  },
});
