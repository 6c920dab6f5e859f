import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // Workers inherit the runtime's environment (endpoints, resource names) from the global setup.
    setupFiles: ['test/support/runtime-env.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
