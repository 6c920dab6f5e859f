// The request refusals every route shares, through the local gateway: each answer also passes the
// contract check (test/support/conformance.ts), so its body is the one the OpenAPI document declares
// for that status: the envelope from a handler, API Gateway's own `{"message"}` from the gateway.
import { beforeAll, describe, expect, it } from 'vitest';
import { ErrorEnvelope } from '../../shared/contracts/common';
import { api, baseUrl, signIn } from '../support/auth';
import { expectError, readJson } from '../support/body';

/** An admin route with a JSON body; nothing here is valid enough to be stored. */
const FAQ_PATH = '/v1/faq/kiem-thu-loi-yeu-cau';

describe('request refusals through the gateway', () => {
  let admin: string;
  beforeAll(async () => {
    admin = await signIn('admin.demo');
  });

  const put = (body: string, contentType = 'application/json') =>
    fetch(`${baseUrl()}${FAQ_PATH}`, { method: 'PUT', headers: { authorization: `Bearer ${admin}`, 'content-type': contentType }, body });
  const envelope = async (res: Response) => ({ status: res.status, code: (await readJson(res, ErrorEnvelope)).error.code });

  it('415 for a body that is not JSON, 400 for JSON that does not parse or fit', async () => {
    expect(await envelope(await put('question=x', 'application/x-www-form-urlencoded'))).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await envelope(await put('{"question":'))).toEqual({ status: 400, code: 'INVALID_JSON' });
    const invalid = expectError(await api('PUT', FAQ_PATH, { token: admin, json: { question: 42 } }), 400, 'VALIDATION_FAILED');
    expect(invalid.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.question' })]));
  });

  it("413 in the envelope over the API's 1 MB, and API Gateway's own 413 over its 10 MB", async () => {
    expect(await envelope(await put(JSON.stringify({ question: 'x'.repeat(1024 * 1024) })))).toEqual({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const huge = await put(JSON.stringify({ question: 'x'.repeat(10 * 1024 * 1024) }));
    expect(huge.status).toBe(413);
    expect(await huge.json()).toEqual({ message: 'Request Entity Too Large' });
  });

  it("431 from the gateway, in its own shape with CORS, for a request line and headers over HTTP API's 10,240 bytes", async () => {
    // The fuzz campaign's finding: a long query reached Node's own parser, which answered a bare 431.
    const long = await fetch(`${baseUrl()}/v1/procedures?q=${'a'.repeat(11_000)}`, { headers: { origin: 'https://dichvucong.example' } });
    expect(long.status).toBe(431);
    expect(await long.json()).toEqual({ message: 'Request Header Fields Too Large' });
    expect(long.headers.get('access-control-allow-origin')).toBeTruthy();
    // Just under the quota, the handler answers (here: its own validation of q).
    const under = await fetch(`${baseUrl()}/v1/procedures?q=${'a'.repeat(9_000)}`);
    expect(under.status).toBeLessThan(431);
  });

  it('401 from the gateway without a token, 403 in the envelope for a signed-in non-admin', async () => {
    const anonymous = await api('PUT', FAQ_PATH, { json: {} });
    expect(anonymous).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    const citizen = await api('PUT', FAQ_PATH, { token: await signIn('citizen.demo'), json: {} });
    expect(citizen).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
  });

  it('404 ROUTE_NOT_FOUND for a path no route declares, 405 for a known path with another method', async () => {
    expect(await api('GET', '/v1/nowhere')).toMatchObject({ status: 404, body: { error: { code: 'ROUTE_NOT_FOUND' } } });
    expect(await api('DELETE', '/v1/procedures')).toMatchObject({ status: 405, body: { error: { code: 'METHOD_NOT_ALLOWED' } } });
  });
});
