// The contract check every test's responses go through (test/support/conformance.ts), on made-up
// responses: no runtime involved.
import { afterEach, describe, expect, it } from 'vitest';
import { platform } from '../../shared/platform';
import { buildOpenApi } from '../../shared/platform/openapi';
import { checkFetchResponses, ContractMismatch, createConformance, mismatchMessage, type ObservedResponse } from '../support/conformance';

const document = await buildOpenApi(platform, { version: 'test', contactUrl: 'http://127.0.0.1:3000' });
const { check } = createConformance(document, platform.routes);

const config = { region: 'ap-southeast-1', userPoolId: 'pool', userPoolClientId: 'client', staffClientId: 'staff-client', apiVersion: '1.0.0' };
const jsonHeaders = (extra: Record<string, string> = {}) =>
  new Headers({ 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-12345678', ...extra });
const response = (over: Partial<ObservedResponse>): ObservedResponse => ({
  method: 'GET', path: '/v1/config', status: 200, headers: jsonHeaders(), body: JSON.stringify(config), ...over,
});

describe('contract check', () => {
  it('passes a body that matches the declared schema', () => {
    expect(check(response({}))).toEqual({ operation: 'getConfig', problems: [] });
  });

  it('refuses a field of the wrong type, naming it', () => {
    const { problems } = check(response({ body: JSON.stringify({ ...config, apiVersion: 1 }) }));
    expect(problems).toEqual(['body/apiVersion must be string']);
  });

  it('refuses a body without a required field', () => {
    const { region: _region, ...rest } = config;
    expect(check(response({ body: JSON.stringify(rest) })).problems).toEqual(["body must have required property 'region'"]);
  });

  it('refuses a field the schema does not declare', () => {
    expect(check(response({ body: JSON.stringify({ ...config, secret: 'x' }) })).problems).toEqual(['body must NOT have additional properties (secret)']);
  });

  it("holds a procedure to the response's form, not the PUT body's (which allows unknown fields)", () => {
    const { problems } = check(response({ path: '/v1/procedures/1.001193', body: JSON.stringify({ internalNote: 'x' }) }));
    expect(problems).toContain('body must NOT have additional properties (internalNote)');
  });

  it('refuses a status the operation does not declare', () => {
    const { problems } = check(response({ status: 503, body: JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'x' } }) }));
    expect(problems).toEqual([expect.stringMatching(/^status 503 is not declared/)]);
  });

  it('checks error bodies against the envelope', () => {
    const error = (body: unknown) => response({ path: '/v1/procedures/NOPE', status: 404, body: JSON.stringify(body) });
    expect(check(error({ error: { code: 'NOT_FOUND', message: 'No such procedure' } })).problems).toEqual([]);
    expect(check(error({ code: 'NOT_FOUND', message: 'No such procedure' })).problems).toContain("body must have required property 'error'");
  });

  it('refuses a content type the operation does not declare, and a body that is not JSON', () => {
    expect(check(response({ headers: jsonHeaders({ 'content-type': 'text/html' }), body: '<p>hi</p>' })).problems)
      .toEqual(['content type text/html is not declared (declared: application/json)']);
    expect(check(response({ body: '{"region":' })).problems).toEqual(['the body is not valid JSON']);
  });

  it('accepts a PDF where the document declares one, and refuses JSON there', () => {
    const slip = { path: '/v1/dossiers/D1/slips/receipt', status: 200 };
    expect(check(response({ ...slip, headers: jsonHeaders({ 'content-type': 'application/pdf' }), body: '(1200 bytes of application/pdf)' })).problems).toEqual([]);
    expect(check(response({ ...slip, body: '{}' })).problems).toEqual(['content type application/json is not declared (declared: application/pdf)']);
    // A receipt is JSON, or a PDF with format=pdf: both are declared.
    const receipt = { path: '/v1/payments/P1/receipt', status: 200 };
    expect(check(response({ ...receipt, headers: jsonHeaders({ 'content-type': 'application/pdf' }), body: '(900 bytes of application/pdf)' })).problems).toEqual([]);
    expect(check(response({ ...receipt, body: '{}' })).problems).toContain("body must have required property 'number'");
  });

  it('requires x-request-id', () => {
    const headers = new Headers({ 'content-type': 'application/json' });
    expect(check(response({ headers })).problems).toEqual(['no x-request-id header']);
  });

  it("accepts API Gateway's own refusal of a bearer token, which carries apigw-requestid instead", () => {
    const refusal = { method: 'GET', path: '/v1/me/dossiers', status: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
    expect(check(response({ ...refusal, headers: new Headers({ 'content-type': 'application/json', 'apigw-requestid': 'abc' }) })).problems).toEqual([]);
    // Not on a public route: no authorizer runs there.
    expect(check(response({ ...refusal, path: '/v1/procedures', headers: new Headers({ 'content-type': 'application/json', 'apigw-requestid': 'abc' }) })).problems)
      .toEqual([expect.stringMatching(/^status 401 is not declared/)]);
  });

  it('holds paths no route declares to the 404 and 405 envelope', () => {
    const unknown = { status: 404, body: JSON.stringify({ error: { code: 'ROUTE_NOT_FOUND', message: 'No such route' } }) };
    expect(check(response({ ...unknown, path: '/v1/nowhere' }))).toEqual({ operation: '$default', problems: [] });
    expect(check(response({ ...unknown, method: 'DELETE', path: '/v1/procedures' })).problems).toEqual([expect.stringMatching(/^status 404 is not declared/)]);
  });

  it('compiles every response schema the document declares', () => {
    const statuses = Object.entries(document.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>)
      .flatMap(([path, ops]) => Object.entries(ops).flatMap(([method, op]) => Object.keys(op.responses).map((status) => ({ path, method, status }))));
    expect(statuses.length).toBeGreaterThan(platform.routes.length * 2);
    // A made-up body: what matters is that each validator is built, not that the body passes.
    const concretePath = (template: string) => template.replace(/\{[^}]+\}/g, 'X1');
    for (const { path, method, status } of statuses) {
      expect(() => check(response({ method, path: concretePath(path), status: Number(status), body: '{}' }))).not.toThrow();
    }
  });

  it('names the operation, status and problems, with the body trimmed', () => {
    const observed = response({ body: JSON.stringify({ ...config, apiVersion: 1, filler: 'x'.repeat(2000) }) });
    const message = mismatchMessage(observed, check(observed));
    expect(message).toMatch(/^contract: getConfig \(GET \/v1\/config\) answered 200/);
    expect(message).toContain('body/apiVersion must be string');
    expect(message).toMatch(/… \(\d+ chars\)$/);
  });
});

describe('fetch with the contract check', () => {
  const original = globalThis.fetch;
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    globalThis.fetch = original;
  });

  const serve = (body: string, init: ResponseInit) => {
    globalThis.fetch = async () => new Response(body, init);
    const seen: ObservedResponse[] = [];
    restore = checkFetchResponses('http://portal.test', (observed) => {
      seen.push(observed);
      const verdict = check(observed);
      if (verdict.problems.length) throw new ContractMismatch(mismatchMessage(observed, verdict));
    });
    return seen;
  };

  it("checks the base URL's /v1 responses and leaves the body readable", async () => {
    const seen = serve(JSON.stringify(config), { status: 200, headers: jsonHeaders() });
    const res = await fetch('http://portal.test/v1/config?x=1');
    expect(await res.json()).toEqual(config);
    expect(seen).toMatchObject([{ method: 'GET', path: '/v1/config', status: 200 }]);
  });

  it('throws from the request when the response does not match', async () => {
    serve(JSON.stringify({ region: 1 }), { status: 200, headers: jsonHeaders() });
    await expect(fetch('http://portal.test/v1/config')).rejects.toThrow(ContractMismatch);
  });

  it('leaves other URLs alone', async () => {
    const seen = serve('not json', { status: 200, headers: { 'content-type': 'application/json' } });
    await fetch('http://portal.test/local/outbox');
    await fetch('http://elsewhere.test/v1/config');
    expect(seen).toEqual([]);
  });
});
