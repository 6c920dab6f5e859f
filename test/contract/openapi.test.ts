// The OpenAPI document agencies build on, checked the way they use it: Redocly's ruleset (the
// checked-in redocly.yaml) finds nothing, openapi-typescript turns it into types that compile
// under strict settings, and it says what every route declares. Built from the declaration alone,
// like GET /v1/openapi.json (test/meta/meta.test.ts lints the served one).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { platform } from '../../shared/platform';
import { buildOpenApi } from '../../shared/platform/openapi';
import type { RouteDecl } from '../../shared/platform/types';
import { lintOpenApi } from '../support/openapi-lint';

type Json = Record<string, any>;
type Operation = Json & { operationId: string; parameters: Json[] };

let doc: Json;
const operationOf = (route: RouteDecl): Operation => doc.paths[route.path][route.method.toLowerCase()];

beforeAll(async () => {
  doc = await buildOpenApi(platform, { version: '1.0.0', contactUrl: 'https://dichvucong.gov.vn' });
});

/** A schema with every `$ref` replaced by what it points to (the contracts have no recursive schema). */
const inline = (value: unknown, target: (ref: string) => unknown): unknown => {
  if (Array.isArray(value)) return value.map((v) => inline(v, target));
  if (!value || typeof value !== 'object') return value;
  const { $ref, ...rest } = value as Json;
  const own = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inline(v, target)]));
  return typeof $ref === 'string' ? { ...(inline(target($ref), target) as Json), ...own } : own;
};
const documented = (schema: unknown) => inline(schema, (ref) => doc.components.schemas[ref.replace('#/components/schemas/', '')]);
const fromZod = (schema: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, $defs = {}, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
  return inline(json, (ref) => $defs[ref.replace('#/$defs/', '')]);
};

describe('the OpenAPI document', () => {
  it('passes Redocly with the checked-in config: no error, no warning', async () => {
    expect(await lintOpenApi(doc)).toEqual([]);
  });

  it('becomes TypeScript types (openapi-typescript) that compile under strict settings and carry the contracts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-openapi-'));
    try {
      writeFileSync(join(dir, 'api.ts'), astToString(await openapiTS(doc as never)));
      // Uses of the generated types an integrator would write, with openapi-fetch as docs/api.md shows;
      // the expected errors prove the types are not `unknown`.
      writeFileSync(join(dir, 'use.ts'), [
        "import createClient from 'openapi-fetch';",
        "import type { components, operations, paths } from './api';",
        "const api = createClient<paths>({ baseUrl: 'https://api.example' });",
        "const draft = { procedureCode: '1.000001', agencyCode: 'H26', form: {}, delivery: 'online' } as const;",
        "export const create = () => api.POST('/v1/dossiers', { params: { header: { 'idempotency-key': 'retry-safe-1' } }, body: draft });",
        "// @ts-expect-error the Idempotency-Key header is required",
        "export const createWithoutKey = () => api.POST('/v1/dossiers', { body: draft });",
        "export const search = async () => (await api.GET('/v1/procedures', { params: { query: { q: 'khai sinh', limit: 5 } } })).data?.items[0]?.name;",
        "export const key: operations['createDossier']['parameters']['header'] = { 'idempotency-key': 'retry-safe-1' };",
        "// @ts-expect-error the Idempotency-Key header is required",
        "export const noKey: operations['createPayment']['parameters']['header'] = {};",
        "type StatusItem = paths['/v1/sync/statuses']['post']['requestBody']['content']['application/json']['items'][number];",
        "export const event: StatusItem = { eventId: 'evt-00000001', code: '000.00.00.H26-261122-0007', status: 5, at: '2026-11-22T08:00:00+07:00' };",
        "// @ts-expect-error a status event has an event id, a code, a status and a time",
        "export const notAnEvent: StatusItem = { anything: true };",
        "type Upsert = components['schemas']['SyncDossierUpsert'];",
        "export const channel: Upsert['channel'][] = ['desk', 'post'];",
        "export const callback: keyof paths = '/v1/payment-callbacks/{provider}';",
      ].join('\n'));
      const program = ts.createProgram([join(dir, 'api.ts'), join(dir, 'use.ts')], {
        strict: true, noEmit: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, noUnusedLocals: true,
        target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
        types: [], skipLibCheck: true,
        // The temporary directory has no node_modules of its own.
        paths: { 'openapi-fetch': [resolve('node_modules/openapi-fetch')] },
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives every operation an id, a short summary, a description and tags the document declares and describes', () => {
    const declared = new Set<string>(doc.tags.map((t: Json) => t.name));
    expect(doc.tags.every((t: Json) => typeof t.description === 'string' && t.description.length > 20)).toBe(true);
    const used = new Set<string>();
    for (const route of platform.routes) {
      const op = operationOf(route);
      expect(op.operationId).toBe(route.id);
      expect(op.summary.length, route.id).toBeLessThanOrEqual(40);
      expect(op.description, route.id).toMatch(/^\S.{40,}Who may call: /s);
      expect(op.tags.length, route.id).toBeGreaterThan(0);
      for (const tag of op.tags) used.add(tag);
    }
    expect([...used].filter((t) => !declared.has(t))).toEqual([]);
    expect([...declared].filter((t) => !used.has(t))).toEqual([]);
    expect(doc.info.contact.url).toBe('https://dichvucong.gov.vn');
    // The repository's licence (LICENSE, package.json), by its SPDX identifier.
    expect(doc.info.license).toEqual({ name: 'Apache License 2.0', identifier: 'Apache-2.0' });
  });

  it("declares the statuses a route answers beyond its shape's: 503 where a dependency may be missing, 413 where a bodyless write grows a record", () => {
    const errorCode = (id: string, status: number) => {
      const route = platform.routes.find((r) => r.id === id)!;
      const response = operationOf(route).responses[status];
      return response && { description: response.description, schema: response.content['application/json'].schema.$ref };
    };
    expect(errorCode('createPayment', 503)).toEqual({ description: expect.stringContaining('PAYMENTS_UNAVAILABLE'), schema: '#/components/schemas/Error' });
    for (const id of ['submitDossier', 'completeAttachmentUpload', 'completeFeedbackUpload']) {
      expect(errorCode(id, 413), id).toEqual({ description: expect.stringContaining('ITEM_TOO_LARGE'), schema: '#/components/schemas/Error' });
    }
    // Routes without a body and without such a declaration answer neither.
    expect(errorCode('getStatistics', 413)).toBeUndefined();
    expect(errorCode('getStatistics', 503)).toBeUndefined();
  });

  it('documents the headers a route validates as header parameters, required as its schema says', () => {
    const withHeaders = platform.routes.filter((r) => r.request.headers);
    expect(withHeaders.map((r) => r.id)).toEqual(expect.arrayContaining(['createDossier', 'createPayment']));
    for (const route of withHeaders) {
      const json = z.toJSONSchema(route.request.headers!, { io: 'input' }) as { properties: Json; required?: string[] };
      const headers = operationOf(route).parameters.filter((p) => p.in === 'header');
      expect(headers.map((p) => [p.name, p.required]), route.id)
        .toEqual(Object.keys(json.properties).map((name) => [name, (json.required ?? []).includes(name)]));
      expect(headers.every((p) => p.schema.type === 'string' && p.description), route.id).toBe(true);
    }
  });

  it('declares how agency systems and payment providers sign, as security every listed scheme of which is required', () => {
    const schemes = doc.components.securitySchemes;
    expect([schemes.agencyKeyId.name, schemes.agencyTimestamp.name, schemes.agencySignature.name]).toEqual(['x-dvc-key-id', 'x-dvc-timestamp', 'x-dvc-signature']);
    expect(schemes.agencyOAuth).toMatchObject({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth2/token' } } });
    expect(Object.keys(schemes.agencyOAuth.flows.clientCredentials.scopes)).toEqual(['dvc/sync.write', 'dvc/sync.read', 'dvc/catalogue.read']);
    for (const route of platform.routes) {
      const { security } = operationOf(route);
      // The signature, or else a client-credentials token with the route's scope.
      if (route.auth.kind === 'agency-system') {
        expect(security, route.id).toEqual([{ agencyKeyId: [], agencyTimestamp: [], agencySignature: [] }, { agencyOAuth: [`dvc/${route.auth.scope}`] }]);
      }
      if (route.auth.kind === 'user') expect(security, route.id).toEqual([{ cognito: [] }]);
    }
    expect(operationOf(platform.routes.find((r) => r.id === 'paymentCallback')!).security).toEqual([{ paymentTimestamp: [], paymentSignature: [] }]);
    expect(operationOf(platform.routes.find((r) => r.id === 'trackDossier')!).security).toEqual([]);
  });

  it("shows every parameter, body and response exactly as its zod schema reads it (no component taken over by another's input or output form)", async () => {
    for (const route of platform.routes) {
      const op = operationOf(route);
      for (const [where, part] of [['path', 'params'], ['query', 'query'], ['header', 'headers']] as const) {
        const schema = route.request[part];
        if (!schema) continue;
        const properties = Object.fromEntries(op.parameters.filter((p) => p.in === where)
          .map((p) => [p.name, documented({ ...p.schema, ...(p.description ? { description: p.description } : {}) })]));
        expect(properties, `${route.id} ${where}`).toEqual((fromZod(schema, 'input') as Json).properties);
      }
      const body = route.documentedBody ? await route.documentedBody() : route.request.body;
      if (body) expect(documented(op.requestBody.content['application/json'].schema), `${route.id} body`).toEqual(fromZod(body, 'input'));
      for (const [status, response] of Object.entries(route.responses)) {
        if (!response.schema) continue;
        const content = op.responses[status].content[response.contentType ?? 'application/json'];
        expect(documented(content.schema), `${route.id} ${status}`).toEqual(fromZod(response.schema, 'output'));
      }
    }
    // The one schema both read and written today: a procedure as PUT takes it is not as GET returns it.
    expect(doc.paths['/v1/procedures/{code}'].put.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/ProcedureInput');
    expect(doc.components.schemas.ProcedureInput).not.toEqual(doc.components.schemas.Procedure);
  });

  it('documents the items of sync batches, which the handlers accept or refuse one by one', () => {
    const itemsOf = (path: string) => documented(doc.paths[path].post.requestBody.content['application/json'].schema) as Json;
    for (const path of ['/v1/sync/statuses', '/v1/sync/dossiers']) {
      const items = itemsOf(path).properties.items;
      expect(items.maxItems, path).toBe(100);
      expect(items.items.required, path).toEqual(expect.arrayContaining(['eventId', 'code', 'status', 'at']));
    }
    expect(itemsOf('/v1/sync/dossiers').properties.items.items.required).toEqual(expect.arrayContaining(['procedureCode', 'channel', 'applicant', 'receivedAt']));
    const outbox = documented(doc.paths['/v1/sync/outbox'].get.responses['200'].content['application/json'].schema) as Json;
    expect(outbox.properties.items.items.required).toEqual(expect.arrayContaining(['event', 'delivery']));
  });

  it('documents coerced query numbers as integers with their bounds and default', () => {
    const limit = operationOf(platform.routes.find((r) => r.id === 'searchProcedures')!).parameters.find((p) => p.name === 'limit')!;
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } });
  });
});
