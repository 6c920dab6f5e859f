// The suite's own fuzz campaign (docs/operations.md, "Fuzzing"): a bounded, seeded run over every
// operation of the served OpenAPI document, valid and mutated requests, as every role. It runs on
// a runtime of its own: admin writes with generated bodies (procedures, holidays, agency systems)
// would change the seed data the other test files read from the shared one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '../../local/runtime';
import { runCampaign, summarize } from './campaign';
import { prepareCampaign } from './prepare';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);

let runtime: Runtime;

beforeAll(async () => {
  runtime = await startRuntime({ port: 0, seedActivity: false });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
});

describe('fuzzing every operation of the OpenAPI document', () => {
  it(`${REQUESTS} requests (seed ${SEED}): no 5xx, every error in the envelope, every response as documented`, async () => {
    const prepared = await prepareCampaign();
    const result = await runCampaign({ ...prepared, requests: REQUESTS, seed: SEED, concurrency: 4 });
    console.log(summarize(result));
    expect(result.sent).toBe(REQUESTS);
    expect(Object.keys(result.byOperation)).toHaveLength(Object.values(prepared.document.paths).flatMap(Object.keys).length);
    expect(result.findings).toEqual([]);
  }, 600_000);
});
