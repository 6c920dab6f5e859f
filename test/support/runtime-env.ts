// Copies the runtime's environment into each worker, in case the pool did not inherit it (and the
// directory of the files' agency claims, test/support/namespace.ts), and
// checks every response of the local gateway's /v1 routes against the OpenAPI document
// (test/support/conformance.ts); each file's count goes to the run's tally at its end.
import { afterAll, expect, inject } from 'vitest';
import { TALLY_DIR_ENV, checkFetchResponses, flushTally, prepareConformance } from './conformance';
import { NAMESPACE_DIR_ENV } from './namespace';

Object.assign(process.env, inject('runtimeEnv'), { [TALLY_DIR_ENV]: inject('contractTallyDir'), [NAMESPACE_DIR_ENV]: inject('namespaceDir') });

await prepareConformance();
checkFetchResponses(process.env.DVC_BASE_URL!);
afterAll(() => flushTally(expect.getState().testPath ?? 'unknown file'));
