// The signed path end to end over HTTP: a local gateway wired with the agency authorizer, a
// system registered by the seed helper, GET /v1/sync/whoami signed as an agency system would.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as agencyAuthorizer } from '../../functions/identity/authorizer';
import { AgencySystemRegistry } from '../../functions/identity/adapters/registry';
import { AesGcmSecretSealer } from '../../functions/identity/adapters/secret-sealer';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { signRequest } from '../../shared/auth/agency-signature';
import { AgencyWhoAmI } from '../../shared/contracts/identity';
import { createGateway } from '../../local/gateway/server';
import { REPO_ROOT } from '../../local/runtime';
import { DEMO_AGENCY_SYSTEM, ensureAgencySystem, localAgencySecretKey } from '../../local/seed/agency-systems';
import { platform } from '../../shared/platform';
import { readJson } from '../support/body';
import { distinctSeconds, nowSeconds, switchOffTestSystems, uniqueKeyId, useTestSealingKey } from './support';

useTestSealingKey();
// The systems registered here (Hà Nội, endpoints that do not exist) are switched off at the end.
afterAll(switchOffTestSystems);

const system = { ...DEMO_AGENCY_SYSTEM, keyId: uniqueKeyId('e2e') };
const RECEIVER = 'http://127.0.0.1:3999/local/agency-receiver';
let base: string;
let server: ReturnType<typeof createGateway>;

beforeAll(async () => {
  expect((await ensureAgencySystem(system, { endpointUrl: RECEIVER })).outcome).toBe('created');
  // The identity function through a JSON round trip, as the Lambda runtime hands results back.
  const functions = platform.functions.map((f) => (f.name === 'identity' ? { ...f, entry: 'test/identity/identity-lambda.ts' } : f));
  server = createGateway({
    platform: { ...platform, functions }, root: REPO_ROOT,
    verifyJwt: async () => ({ ok: false, reason: 'no token' }), agencyAuthorizer,
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((ok) => server.close(() => ok()));
});

const whoami = (headers: Record<string, string>) => fetch(`${base}/v1/sync/whoami`, { headers });
const second = distinctSeconds();
const signed = (at = second(), secret: string = system.secret) =>
  signRequest({ keyId: system.keyId, secret, method: 'GET', pathWithQuery: '/v1/sync/whoami', now: at });

describe('signed agency-system requests through the gateway', () => {
  it('answers whoami to a correctly signed request', async () => {
    const res = await whoami(signed());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(await readJson(res, AgencyWhoAmI)).toEqual({ keyId: system.keyId, agencyCodes: ['000.00.00.H26'] });
  });

  it('answers 401 (the route rule\'s envelope) when a signed header is missing and no token is sent', async () => {
    const { 'x-dvc-signature': _dropped, ...rest } = signed();
    const res = await whoami(rest);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('answers 403 to a bad signature, a stale timestamp and a replay (authorizer denial)', async () => {
    expect((await whoami(signed(nowSeconds(), 'wrong-secret'))).status).toBe(403);
    expect((await whoami(signed(nowSeconds() - 301))).status).toBe(403);
    const once = signed();
    expect((await whoami(once)).status).toBe(200);
    expect((await whoami(once)).status).toBe(403);
  });
});

describe('seeding agency systems', () => {
  it('is idempotent and brings a changed endpoint up to date', async () => {
    expect((await ensureAgencySystem(system, { endpointUrl: RECEIVER })).outcome).toBe('unchanged');
    expect((await ensureAgencySystem(system, { endpointUrl: 'http://127.0.0.1:4000/local/agency-receiver' })).outcome).toBe('updated');
    expect((await ensureAgencySystem(system, { endpointUrl: 'http://127.0.0.1:4000/local/agency-receiver' })).outcome).toBe('unchanged');
    expect((await whoami(signed())).status).toBe(200);
  });

  it('replaces a secret it cannot open (sealing key lost) and one that changed', async () => {
    const call = (keyId: string, secret: string) => fetch(`${base}/v1/sync/whoami`, {
      headers: signRequest({ keyId, secret, method: 'GET', pathWithQuery: '/v1/sync/whoami', now: second() }),
    });
    const changed = { ...system, keyId: uniqueKeyId('reseed') };
    await ensureAgencySystem({ ...changed, secret: 'first-secret' }, { endpointUrl: RECEIVER });
    expect((await ensureAgencySystem(changed, { endpointUrl: RECEIVER })).outcome).toBe('updated');
    expect((await call(changed.keyId, changed.secret)).status).toBe(200);
    expect((await call(changed.keyId, 'first-secret')).status).toBe(403);

    const lost = { ...system, keyId: uniqueKeyId('lostkey') };
    const otherKey = new AgencySystemRegistry(dynamoClient, tableName('identity'), new AesGcmSecretSealer(randomBytes(32)));
    await otherKey.register({ keyId: lost.keyId, name: lost.name, agencyCodes: [...lost.agencyCodes], endpointUrl: RECEIVER }, { now: new Date(), secret: lost.secret });
    expect((await call(lost.keyId, lost.secret)).status).toBe(403);
    expect((await ensureAgencySystem(lost, { endpointUrl: RECEIVER })).outcome).toBe('updated');
    expect((await call(lost.keyId, lost.secret)).status).toBe(200);
  });

  it('keeps the local sealing key under the state dir, mode 600, stable across starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dvc-key-'));
    try {
      const first = localAgencySecretKey(dir);
      expect(Buffer.from(first, 'base64')).toHaveLength(32);
      expect(localAgencySecretKey(dir)).toBe(first);
      expect(readFileSync(join(dir, 'agency-secret.key'), 'utf8').trim()).toBe(first);
      expect(statSync(join(dir, 'agency-secret.key')).mode & 0o777).toBe(0o600);
      expect(localAgencySecretKey()).not.toBe(first);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
