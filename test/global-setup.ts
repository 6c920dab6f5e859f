// Starts the local runtime once per test run, in memory: emulators over real sockets, every
// declared resource, seed data, demo accounts and the gateway. Test files read DVC_BASE_URL and
// the AWS_ENDPOINT_URL_* variables from the environment the workers inherit.
import type { TestProject } from 'vitest/node';
import { startRuntime } from '../local/runtime';
import { prepareChromium } from './web/chromium';

export default async function setup(project: TestProject) {
  const started = performance.now();
  // The browser tests' Chromium, unpacked here once (about 2 s, the first time on a machine) rather
  // than by two workers at the same time.
  await prepareChromium();
  // Failed sync messages come back within a second (not 2–16 s): a poison message reaches its DLQ
  // in seconds. The backoff itself is unit-tested (test/sync/retry.test.ts).
  process.env.SYNC_INBOUND_RETRY_BASE_SECONDS ??= '1';
  process.env.SYNC_INBOUND_RETRY_CAP_SECONDS ??= '1';
  // Outbound sync retries at once here (the schedule is unit-tested): test runs register agency
  // systems with unreachable endpoints, and settle() waits for every pending retry.
  process.env.SYNC_OUTBOUND_BACKOFF_BASE_SECONDS ??= '0';
  // Without the index's months of generated activity (no test reads them; test/local/start.test.ts
  // covers the seed of `npm start`).
  const runtime = await startRuntime({ port: 0, seedActivity: false });
  Object.assign(process.env, runtime.env);
  project.provide('runtimeEnv', runtime.env);
  console.log(`[test] local runtime ready at ${runtime.url} in ${Math.round(performance.now() - started)} ms`);
  return async () => {
    await runtime.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    runtimeEnv: Record<string, string>;
  }
}
