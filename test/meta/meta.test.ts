import { describe, expect, it } from 'vitest';
import { handler } from '../../functions/meta/handler';
import { portalBaseUrl } from '../../shared/config';
import { API_VERSION } from '../../shared/contracts/meta';
import { platform } from '../../shared/platform';
import { buildOpenApi } from '../../shared/platform/openapi';
import { fullScope } from '../../shared/platform/identity';
import { invoke } from '../support/invoke';
import { lintOpenApi } from '../support/openapi-lint';

describe('meta function', () => {
  it('GET /v1/config reports the user pool, its two clients and the Cognito endpoint', async () => {
    const res = await invoke(handler, { method: 'GET', path: '/v1/config' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      region: process.env.AWS_REGION,
      userPoolId: process.env.USER_POOL_ID,
      userPoolClientId: process.env.USER_POOL_CLIENT_ID,
      staffClientId: process.env.USER_POOL_STAFF_CLIENT_ID,
      apiVersion: expect.any(String),
    });
    expect(res.body.cognitoEndpoint).toBe(process.env.PUBLIC_COGNITO_ENDPOINT);
    expect(res.body.staffClientId).not.toBe(res.body.userPoolClientId);
  });

  it('GET /v1/openapi.json documents every declared route with its schemas', async () => {
    const res = await invoke(handler, { method: 'GET', path: '/v1/openapi.json' });
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    // The tests' contract check (test/support/conformance.ts) builds this same document itself.
    expect(doc).toEqual(await buildOpenApi(platform, { version: API_VERSION, contactUrl: portalBaseUrl() }));
    for (const route of platform.routes) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.operationId).toBe(route.id);
      // The handlers' envelope, or API Gateway's own body when a function crashed.
      expect(op.responses['500'].content['application/json'].schema.anyOf).toContainEqual({ $ref: '#/components/schemas/Error' });
      if (route.request.body) expect(op.requestBody.content['application/json'].schema).toBeDefined();
      // An agency system may sign or send a client-credentials token carrying the route's scope.
      const security = route.auth.kind === 'agency-system'
        ? [{ agencyKeyId: [], agencyTimestamp: [], agencySignature: [] }, { agencyOAuth: [fullScope(route.auth.scope)] }]
        : route.auth.kind === 'public' && !route.auth.signature ? [] : [expect.any(Object)];
      expect(op.security, `${route.method} ${route.path}`).toEqual(security);
    }
    // Every reference resolves inside the document (none left pointing at a schema's own $defs).
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.filter((r) => !r.startsWith('#/components/schemas/') || !doc.components.schemas[r.slice('#/components/schemas/'.length)])).toEqual([]);
    // Named zod schemas become components.
    expect(doc.components.schemas.Procedure).toBeDefined();
    const search = doc.paths['/v1/procedures'].get;
    expect(search.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'sector', 'agency', 'level', 'online', 'limit', 'cursor']),
    );
  });

  it('serves through the gateway a document Redocly passes with the checked-in config (no error, no warning)', async () => {
    const res = await fetch(`${process.env.DVC_BASE_URL}/v1/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as { info: { contact: { url: string } } };
    expect(doc.info.contact.url).toBe(process.env.PORTAL_BASE_URL);
    expect(await lintOpenApi(doc)).toEqual([]);
  });

  it('answers unknown paths with 404 and known paths with another method with 405, in the envelope', async () => {
    const missing = await invoke(handler, { method: 'GET', path: '/v1/nowhere' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('ROUTE_NOT_FOUND');
    const wrongMethod = await invoke(handler, { method: 'DELETE', path: '/v1/procedures' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
