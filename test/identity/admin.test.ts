// Admin routes of the agency-system registry, through the identity function's handler, and the
// signed whoami route.
import { afterAll, describe, expect, it } from 'vitest';
import { handler } from '../../functions/identity/handler';
import { invoke } from '../support/invoke';
import { switchOffTestSystems, uniqueKeyId, useTestSealingKey } from './support';

// The systems registered here have endpoints that do not exist: switched off at the end.
afterAll(switchOffTestSystems);

useTestSealingKey();

const ADMIN = { sub: 'admin-sub', 'cognito:username': 'admin.demo', 'cognito:groups': '[admin]' };
const CITIZEN = { sub: 'citizen-sub', 'cognito:username': 'citizen.demo', 'cognito:groups': '[citizen]', 'custom:id_number': '001099012345' };
const OFFICIAL = { sub: 'official-sub', 'cognito:groups': '[official]', 'custom:agency_scope': '000.00.00.H26' };
const BASE = '/v1/admin/agency-systems';
const body = (keyId: string) => ({ keyId, name: 'Hệ thống một cửa điện tử tỉnh thử nghiệm', agencyCodes: ['000.00.00.H26'], endpointUrl: 'https://motcua.example.vn/dvc/events' });

describe('agency-system registry (admin)', () => {
  it('registers, rotates, revokes and lists, showing each secret once and never again', async () => {
    const keyId = uniqueKeyId('admin');
    const reg = await invoke(handler, { method: 'POST', path: BASE, json: body(keyId), claims: ADMIN });
    expect(reg.status).toBe(201);
    expect(reg.headers.location).toBe(`${BASE}/${keyId}`);
    expect(reg.headers['cache-control']).toBe('no-store');
    expect(reg.body.system).toMatchObject({ keyId, agencyCodes: ['000.00.00.H26'], protocol: 'json', secrets: [{ status: 'active' }] });
    expect(reg.body.secret.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const firstId = reg.body.secret.id;

    const dup = await invoke(handler, { method: 'POST', path: BASE, json: body(keyId), claims: ADMIN });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('AGENCY_SYSTEM_EXISTS');

    const rot = await invoke(handler, { method: 'POST', path: `${BASE}/${keyId}/secrets`, claims: ADMIN });
    expect(rot.status).toBe(201);
    expect(rot.body.secret.secret).not.toBe(reg.body.secret.secret);
    expect(rot.body.revokedSecretIds).toEqual([]);
    expect(rot.body.system.secrets.map((s: { status: string }) => s.status)).toEqual(['active', 'active']);

    // A third secret: the oldest active one is revoked, two stay active.
    const rot2 = await invoke(handler, { method: 'POST', path: `${BASE}/${keyId}/secrets`, claims: ADMIN });
    expect(rot2.body.revokedSecretIds).toEqual([firstId]);
    expect(rot2.body.system.secrets.filter((s: { status: string }) => s.status === 'active')).toHaveLength(2);

    const rev = await invoke(handler, { method: 'DELETE', path: `${BASE}/${keyId}/secrets/${rot.body.secret.id}`, claims: ADMIN });
    expect(rev.status).toBe(200);
    expect(rev.body.secrets.find((s: { id: string }) => s.id === rot.body.secret.id)).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    const again = await invoke(handler, { method: 'DELETE', path: `${BASE}/${keyId}/secrets/${rot.body.secret.id}`, claims: ADMIN });
    expect(again.status).toBe(200);

    const found = await listAll();
    const listed = found.find((s) => s.keyId === keyId);
    expect(listed).toBeDefined();
    const text = JSON.stringify(found);
    for (const secret of [reg.body.secret.secret, rot.body.secret.secret, rot2.body.secret.secret]) expect(text).not.toContain(secret);
    expect(text).not.toContain('sealed');
    expect(text).not.toContain('aes256gcm1');
  });

  it('pages the list with an opaque cursor and refuses a forged one', async () => {
    for (let i = 0; i < 3; i++) {
      await invoke(handler, { method: 'POST', path: BASE, json: body(uniqueKeyId('page')), claims: ADMIN });
    }
    const first = await invoke(handler, { method: 'GET', path: `${BASE}?limit=2`, claims: ADMIN });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(typeof first.body.nextCursor).toBe('string');
    const second = await invoke(handler, { method: 'GET', path: `${BASE}?limit=2&cursor=${first.body.nextCursor}`, claims: ADMIN });
    expect(second.body.items[0].keyId > first.body.items[1].keyId).toBe(true);
    const forged = await invoke(handler, { method: 'GET', path: `${BASE}?cursor=not-a-cursor`, claims: ADMIN });
    expect(forged.status).toBe(400);
    expect(forged.body.error.code).toBe('INVALID_CURSOR');
  });

  it('registers a system speaking QCVN 120, and lists it with its protocol', async () => {
    const keyId = uniqueKeyId('qcvn120');
    const reg = await invoke(handler, { method: 'POST', path: BASE, json: { ...body(keyId), protocol: 'qcvn120' }, claims: ADMIN });
    expect([reg.status, reg.body.system.protocol]).toEqual([201, 'qcvn120']);
    let cursor: string | null = null;
    let listed: { keyId: string; protocol: string } | undefined;
    do {
      const page = await invoke(handler, { method: 'GET', path: `${BASE}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, claims: ADMIN });
      listed ??= page.body.items.find((s: { keyId: string }) => s.keyId === keyId);
      cursor = page.body.nextCursor;
    } while (cursor && !listed);
    expect(listed?.protocol).toBe('qcvn120');
  });

  it.each([
    ['an unknown protocol', { protocol: 'soap' }, 'body.protocol'],
    ['a key id with spaces', { keyId: 'bad key' }, 'body.keyId'],
    ['no agency codes', { agencyCodes: [] }, 'body.agencyCodes'],
    ['repeated agency codes', { agencyCodes: ['000.00.00.H26', '000.00.00.H26'] }, 'body.agencyCodes'],
    ['a plain-http endpoint', { endpointUrl: 'http://motcua.example.vn/in' }, 'body.endpointUrl'],
    ['an unknown field', { secret: 'chosen-by-client' }, 'body'],
  ])('refuses %s with 400 and the field path', async (_label, change, path) => {
    const res = await invoke(handler, { method: 'POST', path: BASE, json: { ...body(uniqueKeyId('bad')), ...change }, claims: ADMIN });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses agency codes that are not agencies of the catalogue (a procedure code, a made-up code) with 422 naming them', async () => {
    const keyId = uniqueKeyId('unknown-agency');
    const res = await invoke(handler, {
      method: 'POST', path: BASE, claims: ADMIN,
      json: { ...body(keyId), agencyCodes: ['000.00.00.H26', '1.001456', 'NO.SUCH.AGENCY'] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('UNKNOWN_AGENCY');
    expect(res.body.error.message).toMatch(/1\.001456, NO\.SUCH\.AGENCY/);
    expect(res.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.agencyCodes.1', 'body.agencyCodes.2']);
    // Nothing was registered.
    expect((await invoke(handler, { method: 'POST', path: `${BASE}/${keyId}/secrets`, claims: ADMIN })).status).toBe(404);
  });

  it('answers 404 for an unknown system or secret', async () => {
    const ghost = await invoke(handler, { method: 'POST', path: `${BASE}/${uniqueKeyId('ghost')}/secrets`, claims: ADMIN });
    expect(ghost.status).toBe(404);
    const keyId = uniqueKeyId('nosecret');
    await invoke(handler, { method: 'POST', path: BASE, json: body(keyId), claims: ADMIN });
    const res = await invoke(handler, { method: 'DELETE', path: `${BASE}/${keyId}/secrets/sec-000000000000`, claims: ADMIN });
    expect(res.status).toBe(404);
    const badId = await invoke(handler, { method: 'DELETE', path: `${BASE}/${keyId}/secrets/nope`, claims: ADMIN });
    expect(badId.status).toBe(400);
  });

  it.each([
    ['citizen', CITIZEN, 403],
    ['official', OFFICIAL, 403],
    ['anonymous', undefined, 401],
  ])('refuses a %s on every admin route (%i)', async (_label, claims, status) => {
    const keyId = uniqueKeyId('deny');
    const calls = [
      { method: 'GET', path: BASE },
      { method: 'POST', path: BASE, json: body(keyId) },
      { method: 'POST', path: `${BASE}/${keyId}/secrets` },
      { method: 'DELETE', path: `${BASE}/${keyId}/secrets/sec-000000000000` },
    ];
    for (const call of calls) expect((await invoke(handler, { ...call, claims })).status).toBe(status);
    // An agency system is not an admin either.
    const asSystem = await invoke(handler, { method: 'GET', path: BASE, lambdaAuthorizer: { keyId: 'demo-hanoi-system', agencyCodes: '000.00.00.H26', signature: 'verified' } });
    expect(asSystem.status).toBe(401);
  });
});

describe('GET /v1/sync/whoami', () => {
  it('answers the authenticated key id and agency codes', async () => {
    const res = await invoke(handler, { method: 'GET', path: '/v1/sync/whoami', lambdaAuthorizer: { keyId: 'demo-hanoi-system', agencyCodes: '000.00.00.H26,000.00.00.H01', signature: 'verified' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ keyId: 'demo-hanoi-system', agencyCodes: ['000.00.00.H26', '000.00.00.H01'] });
  });

  it.each([
    ['no authorizer context', undefined, undefined],
    ['a user token', undefined, ADMIN],
    ['a body-pending context never completed', { pendingKeyId: 'demo-hanoi-system', signature: 'body-pending' }, undefined],
  ])('answers 401 to %s', async (_label, lambdaAuthorizer, claims) => {
    const res = await invoke(handler, { method: 'GET', path: '/v1/sync/whoami', lambdaAuthorizer, claims });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

const listAll = async () => {
  const all: { keyId: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await invoke(handler, { method: 'GET', path: `${BASE}?limit=100${cursor ? `&cursor=${cursor}` : ''}`, claims: ADMIN });
    expect(res.status).toBe(200);
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
};
