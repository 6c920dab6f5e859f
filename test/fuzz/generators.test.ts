// The fuzz harness's own parts, without a runtime: valid requests really are valid (or the
// campaign would only ever test validation), mutations really bend them, and a seed replays.
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { platform } from '../../shared/platform';
import { buildOpenApi } from '../../shared/platform/openapi';
import { planCampaign, type OpenApiDocument } from './campaign';
import { MUTATIONS, MUTATION_NAMES } from './mutations';
import { arbitraryOf, type JsonSchema } from './schema-arbitrary';

const doc = (await buildOpenApi(platform, { version: 'test', contactUrl: 'http://127.0.0.1:3000' })) as unknown as OpenApiDocument;
const DOC_ID = 'https://dvc-portal.local/openapi.json';
const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
ajv.addSchema({ $id: DOC_ID, components: doc.components });
const compile = (schema: unknown) =>
  ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', `"${DOC_ID}#/components/`)) as object);

const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({ path, method, op: op as unknown as { operationId: string; requestBody?: { content: Record<string, { schema: unknown }> } } })));

describe('valid requests from the schemas', () => {
  it.each(operations.filter((o) => o.op.requestBody).map((o) => [o.op.operationId, o] as const))('%s: generated bodies validate against the request schema', (_, { op }) => {
    const schema = op.requestBody!.content['application/json']!.schema;
    const validate = compile(schema);
    const bodies = fc.sample(arbitraryOf(schema as JsonSchema, { components: doc.components.schemas }), { seed: 1, numRuns: 25 });
    for (const body of bodies) expect(validate(body), `${JSON.stringify(body).slice(0, 300)}\n${ajv.errorsText(validate.errors)}`).toBe(true);
  });
});

describe('the plan', () => {
  const credentials = { tokens: {}, agencySystem: { keyId: 'k', secret: 's' } };
  const opts = { baseUrl: 'http://127.0.0.1:9', document: doc, credentials, requests: 600, seed: 42 };

  it('covers every operation, and every operation as every role', () => {
    const plan = planCampaign(opts);
    expect(new Set(plan.map((p) => p.operation.operationId)).size).toBe(operations.length);
    const pairs = new Set(plan.map((p) => `${p.operation.operationId} ${p.role}`));
    expect(pairs.size).toBe(operations.length * 6);
  });

  it('replays the same requests for the same seed, and others for another', () => {
    const strip = (p: ReturnType<typeof planCampaign>) => JSON.stringify(p.map(({ valid: { headers: _h, ...rest }, role, mutation }) => ({ rest, role, mutation })));
    expect(strip(planCampaign(opts))).toBe(strip(planCampaign(opts)));
    expect(strip(planCampaign({ ...opts, seed: 43 }))).not.toBe(strip(planCampaign(opts)));
  });

  it('mutates most requests, with every kind of mutation', () => {
    const plan = planCampaign({ ...opts, requests: 3_000 });
    const mutated = plan.filter((p) => p.mutation);
    expect(mutated.length / plan.length).toBeGreaterThan(0.6);
    expect(new Set(mutated.map((p) => p.mutation!.name))).toEqual(new Set(MUTATION_NAMES));
  });
});

describe('mutations', () => {
  const valid = { params: { id: 'abc' }, query: [['limit', '5']] as [string, string][], headers: {}, body: { json: { name: 'x', items: ['a'] } } };
  it.each(MUTATION_NAMES)('%s changes the request', (name) => {
    const changed = [0, 1, 2, 3].map((n) => MUTATIONS[name](n)(valid));
    expect(changed.some((c) => JSON.stringify(c) !== JSON.stringify(valid))).toBe(true);
  });
  it('prototype keys reach the wire as literal keys', () => {
    const bent = MUTATIONS['prototype-key'](0)(valid);
    expect(bent.body).toEqual({ text: expect.stringContaining('"__proto__":') });
  });
});
