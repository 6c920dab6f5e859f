// Starts the local runtime once per test run, in memory: emulators over real sockets, every
// declared resource, seed data, demo accounts and the gateway. Test files read DVC_BASE_URL and
// the AWS_ENDPOINT_URL_* variables from the environment the workers inherit.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startRuntime } from '../local/runtime';
import { prepareChromium } from './web/chromium';
import { platform } from '../shared/platform';
import { TALLY_DIR_ENV, type TallyLine } from './support/conformance';
import { DynamoCatalogueStore } from '../functions/catalogue/adapters/catalogue-store';
import { S3SnapshotStore } from '../functions/catalogue/adapters/search-snapshot';
import { loadCatalogue } from '../functions/catalogue/load';
import { dynamoClient, s3Client } from '../shared/aws/clients';
import { bucketName, tableName } from '../shared/config';
import { poolAgencies } from './support/namespace';

/**
 * The test communes files claim through their namespace (test/support/namespace.ts), loaded with
 * the catalogue's own bulk loader (validated, one version bump, one search snapshot) before any test
 * runs, so every capability's caches (the index keeps the agency list for minutes) hold them.
 */
const addTestAgencies = () => loadCatalogue(
  new DynamoCatalogueStore(dynamoClient, () => tableName('catalogue')),
  { procedures: [], catalogues: { agencies: poolAgencies() } },
  { snapshots: new S3SnapshotStore(s3Client, () => bucketName('catalogue-index')) },
);

/** Sums what every test file checked against the OpenAPI document (test/support/conformance.ts). */
const reportContractTally = (dir: string) => {
  const lines = readdirSync(dir).flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean));
  const files = lines.map((line) => JSON.parse(line) as TallyLine);
  rmSync(dir, { recursive: true, force: true });
  const validated = files.reduce((sum, f) => sum + f.validated, 0);
  const mismatches = files.flatMap((f) => f.mismatches.map((m) => `${f.file}: ${m}`));
  const answered = new Set(files.flatMap((f) => f.answered.map((pair) => pair.split(' ')[0]!)));
  const unanswered = platform.routes.filter((r) => !answered.has(r.id)).map((r) => r.id);
  console.log(`[test] contract: ${validated} responses validated against the OpenAPI document, ${mismatches.length} mismatches`);
  console.log(`[test] contract: ${platform.routes.length - unanswered.length} of ${platform.routes.length} operations answered${unanswered.length ? ` (not: ${unanswered.slice(0, 8).join(', ')}${unanswered.length > 8 ? `, and ${unanswered.length - 8} more` : ''})` : ''}`);
  for (const m of mismatches) console.log(`[test] ${m}`);
};

export default async function setup(project: TestProject) {
  const started = performance.now();
  // The browser tests' Chromium, unpacked here once (about 2 s, the first time on a machine) rather
  // than by two workers at the same time.
  await prepareChromium();
  // Failed sync messages come back within a second (not 2–16 s): a poison message reaches its DLQ
  // in seconds. The backoff itself is unit-tested (functions/sync/domain/retry.test.ts).
  process.env.SYNC_INBOUND_RETRY_BASE_SECONDS ??= '1';
  process.env.SYNC_INBOUND_RETRY_CAP_SECONDS ??= '1';
  // Outbound sync retries at once here (the schedule is unit-tested): test runs register agency
  // systems with unreachable endpoints, and settle() waits for every pending retry.
  process.env.SYNC_OUTBOUND_BACKOFF_BASE_SECONDS ??= '0';
  // Without the index's months of generated activity (no test reads them; test/local/start.test.ts
  // covers the seed of `npm start`).
  const runtime = await startRuntime({ port: 0, seedActivity: false });
  const tallyDir = mkdtempSync(join(tmpdir(), 'dvc-contract-'));
  Object.assign(process.env, runtime.env, { [TALLY_DIR_ENV]: tallyDir });
  const agenciesStarted = performance.now();
  await addTestAgencies();
  console.log(`[test] ${poolAgencies().length} test agencies added in ${Math.round(performance.now() - agenciesStarted)} ms`);
  // Where files claim their agencies of the pool (test/support/namespace.ts).
  const namespaceDir = mkdtempSync(join(tmpdir(), 'dvc-namespace-'));
  // The runtime's environment as the portal sets it, and the tally directory beside it (a test's
  // own variable, not the portal's: test/local/parity.test.ts holds runtimeEnv to the declaration).
  project.provide('runtimeEnv', runtime.env);
  project.provide('contractTallyDir', tallyDir);
  project.provide('namespaceDir', namespaceDir);
  console.log(`[test] local runtime ready at ${runtime.url} in ${Math.round(performance.now() - started)} ms`);
  return async () => {
    reportContractTally(tallyDir);
    rmSync(namespaceDir, { recursive: true, force: true });
    await runtime.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    runtimeEnv: Record<string, string>;
    contractTallyDir: string;
    namespaceDir: string;
  }
}
