// Client-credentials tokens through the running portal (docs/identity.md "Client-credentials
// tokens"): a system registered by an admin gets an app client (secret shown once), asks the token
// endpoint for an access token, and is the SAME principal with it as with its HMAC signature; a
// token's scopes bound the routes, its system's agencies bound the dossiers; tokens that are not
// the portal's access tokens are refused with 401; HMAC keeps working beside them.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Qcvn120Answer } from '../../shared/contracts/qcvn120';
import { RegisteredAgencySystem } from '../../shared/contracts/identity';
import { SyncAccepted } from '../../shared/contracts/sync';
import { api, baseUrl, craftToken, decodePayload, signIn, signedApi, tamperPayload } from '../support/auth';
import { expectBody } from '../support/body';
import { switchOffAgencySystems } from '../support/sync';

type Registered = ReturnType<typeof RegisteredAgencySystem.parse>;
const run = randomBytes(3).toString('hex');
const HANOI = '000.00.00.H26';
const HUE = '000.00.00.H57';
const HANOI_COMMUNE = '000.00.00004.H26';

const register = async (admin: string, label: string, agencyCodes: string[]) => {
  const res = await api('POST', '/v1/admin/agency-systems', {
    token: admin,
    json: { keyId: `test-oauth-${label}-${run}`, name: `OAuth test ${label}`, agencyCodes, endpointUrl: `https://${label}.example.invalid/dvc` },
  });
  return expectBody(res, 201, RegisteredAgencySystem, 'registration');
};

const tokenFor = async (client: { clientId: string; clientSecret: string; tokenUrl: string }, scope?: string) => {
  const res = await fetch(client.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', ...(scope ? { scope } : {}) }),
  });
  return { status: res.status, body: (await res.json()) as { access_token?: string; expires_in?: number; token_type?: string; error?: string } };
};

describe('client-credentials tokens for agency systems', () => {
  let hanoi: Registered;
  let hue: Registered;
  let hanoiToken: string;

  beforeAll(async () => {
    const admin = await signIn('admin.demo');
    [hanoi, hue] = await Promise.all([register(admin, 'hn', [HANOI]), register(admin, 'hue', [HUE])]);
    const issued = await tokenFor(hanoi.oauthClient!);
    expect(issued.status).toBe(200);
    hanoiToken = issued.body.access_token!;
  }, 60_000);
  afterAll(() => switchOffAgencySystems((keyId) => keyId.startsWith('test-oauth-') && keyId.endsWith(`-${run}`)));

  it('registration makes an app client, its secret shown once, and a token with Cognito\'s access-token claims', async () => {
    expect(hanoi.oauthClient).toMatchObject({ tokenUrl: `${baseUrl()}/oauth2/token`, scopes: ['dvc/sync.write', 'dvc/sync.read', 'dvc/catalogue.read'] });
    expect(hanoi.system.oauthClientId).toBe(hanoi.oauthClient!.clientId);
    const listed = await api('GET', '/v1/admin/agency-systems?limit=100', { token: await signIn('admin.demo') });
    expect(JSON.stringify(listed.body)).not.toContain(hanoi.oauthClient!.clientSecret);
    expect(decodePayload(hanoiToken)).toMatchObject({
      iss: `${baseUrl()}/oauth2`, token_use: 'access', client_id: hanoi.oauthClient!.clientId, sub: hanoi.oauthClient!.clientId,
      scope: 'dvc/sync.write dvc/sync.read dvc/catalogue.read',
    });
  });

  it('the token endpoint refuses a wrong secret, another grant and a scope the client does not have', async () => {
    const client = hanoi.oauthClient!;
    expect((await tokenFor({ ...client, clientSecret: `${client.clientSecret}x` })).body.error).toBe('invalid_client');
    expect((await tokenFor(client, 'dvc/admin')).body.error).toBe('invalid_scope');
    const code = await fetch(client.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: client.clientId, client_secret: client.clientSecret }) });
    expect(code.status).toBe(400);
  });

  it('a token and an HMAC signature give the same principal', async () => {
    const byToken = await api('GET', '/v1/sync/whoami', { token: hanoiToken });
    const bySignature = await signedApi('GET', '/v1/sync/whoami', { keyId: hanoi.system.keyId, secret: hanoi.secret.secret });
    expect(byToken.status).toBe(200);
    expect(byToken.body).toEqual({ keyId: hanoi.system.keyId, agencyCodes: [HANOI] });
    expect(bySignature.body).toEqual(byToken.body);
  });

  it('a token writes its own province\'s dossiers (QCVN 120 and JSON) and not another province\'s', async () => {
    const code = (agency: string, n: number) => `${agency}-261201-7${String(parseInt(run, 16) % 10_000).padStart(4, '0')}${n}`;
    const packet = (agency: string, n: number) => ({
      service: 'DongBoHoSoMC',
      data: [{ MaHoSo: code(agency, n), MaTTHC: '1.001266', ChuHoSo: 'Nguyễn Văn Thử', LoaiDoiTuong: '1', MaDoiTuong: '001099012345', NgayTiepNhan: '20261201083000', TrangThaiHoSo: '2' }],
    });
    const own = expectBody(await api('POST', '/v1/qcvn120/sync', { token: hanoiToken, json: packet(HANOI_COMMUNE, 1) }), 202, Qcvn120Answer, 'own packet');
    expect(own, JSON.stringify(own.results)).toMatchObject({ error_code: '00', accepted: 1 });

    const hueToken = (await tokenFor(hue.oauthClient!)).body.access_token!;
    const foreign = expectBody(await api('POST', '/v1/qcvn120/sync', { token: hueToken, json: packet(HANOI_COMMUNE, 2) }), 202, Qcvn120Answer, 'foreign packet');
    expect(foreign).toMatchObject({ error_code: '01', accepted: 0, rejected: 1 });
    const statuses = expectBody(await api('POST', '/v1/sync/statuses', {
      token: hueToken, json: { items: [{ eventId: `oauth-${run}`, code: code(HANOI_COMMUNE, 1), at: new Date().toISOString(), status: 3 }] },
    }), 202, SyncAccepted, 'foreign statuses');
    expect(statuses).toMatchObject({ accepted: 0, rejected: 1 });
  });

  it('a scope outside the route is refused with 403 INSUFFICIENT_SCOPE', async () => {
    const readOnly = (await tokenFor(hanoi.oauthClient!, 'dvc/sync.read')).body.access_token!;
    expect((await api('GET', '/v1/sync/whoami', { token: readOnly })).status).toBe(200);
    const write = await api('POST', '/v1/qcvn120/sync', { token: readOnly, json: { service: 'CapNhatTienDoHoSoMC', data: [] } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ error: { code: 'INSUFFICIENT_SCOPE' } });
    const catalogueOnly = (await tokenFor(hanoi.oauthClient!, 'dvc/catalogue.read')).body.access_token!;
    expect((await api('GET', '/v1/sync/outbox', { token: catalogueOnly })).status).toBe(403);
  });

  it('refuses with 401 what is not the portal\'s access token: a user\'s ID token, a forged or tampered one, none', async () => {
    const refused = async (token: string | undefined) => {
      const res = await api('GET', '/v1/sync/whoami', token === undefined ? {} : { token });
      return [res.status, (res.body as { error?: { code?: string } }).error?.code];
    };
    const unauthenticated = [401, 'UNAUTHENTICATED'];
    expect(await refused(await signIn('official.hanoi'))).toEqual(unauthenticated);
    // The user pool's own key and issuer, but an ID token (wrong audience, token_use id).
    expect(await refused(await craftToken())).toEqual(unauthenticated);
    expect(await refused(tamperPayload(hanoiToken, (c) => ({ ...c, client_id: hue.oauthClient!.clientId })))).toEqual(unauthenticated);
    expect(await refused('not-a-jwt')).toEqual(unauthenticated);
    expect(await refused(undefined)).toEqual(unauthenticated);
  });

  it('HMAC still works beside tokens, and a bad signature is still the authorizer\'s 403', async () => {
    const ok = await signedApi('GET', '/v1/sync/outbox', { keyId: hue.system.keyId, secret: hue.secret.secret });
    expect(ok.status).toBe(200);
    const bad = await signedApi('GET', '/v1/sync/outbox', { keyId: hue.system.keyId, secret: 'wrong-secret-wrong-secret' });
    expect(bad.status).toBe(403);
  });
});
