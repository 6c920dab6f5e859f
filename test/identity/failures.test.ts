// Error paths: a DynamoDB failure or a missing sealing key is a denial, never an unhandled error.
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../shared/http/logger';
import { lambdaContext, invoke } from '../support/invoke';
import { authorizerEvent, integrationEvent, signedCall, switchOffTestSystems, uniqueKeyId, useTestSealingKey } from './support';

useTestSealingKey();
// The systems registered here (Hà Nội, endpoints that do not exist) are switched off at the end.
afterAll(switchOffTestSystems);
// The failures are logged (and asserted below), not printed.
const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
afterAll(() => vi.restoreAllMocks());

const unavailable = Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });

describe('when DynamoDB fails', () => {
  // Class-level mock: covers the client the adapters create lazily.
  const db = mockClient(DynamoDBDocumentClient);
  afterAll(() => db.restore());
  afterEach(() => db.reset());

  it('the authorizer denies and does not throw', async () => {
    db.on(GetCommand).rejects(unavailable);
    const { handler } = await import('../../functions/identity/authorizer');
    const event = authorizerEvent(signedCall({ keyId: uniqueKeyId('down'), secret: 's', method: 'GET', path: '/v1/sync/whoami' }), 'GET /v1/sync/whoami');
    await expect(handler(event)).resolves.toEqual({ isAuthorized: false });
  });

  it('the authorizer denies when the nonce cannot be written', async () => {
    const { AesGcmSecretSealer } = await import('../../functions/identity/adapters/secret-sealer');
    const sealer = AesGcmSecretSealer.fromEnv();
    const keyId = uniqueKeyId('nonce-down');
    db.on(GetCommand).resolves({ Item: {
      pk: `SYSTEM#${keyId}`, sk: 'META', keyId, agencyCodes: ['000.00.00.H26'], version: 1,
      secrets: [{ id: 'sec-000000000001', sealed: await sealer.seal('s'), status: 'active', createdAt: new Date().toISOString() }],
    } });
    db.on(PutCommand).rejects(unavailable);
    const { handler } = await import('../../functions/identity/authorizer');
    const event = authorizerEvent(signedCall({ keyId, secret: 's', method: 'GET', path: '/v1/sync/whoami' }), 'GET /v1/sync/whoami');
    await expect(handler(event)).resolves.toEqual({ isAuthorized: false });
  });

  it('the signed-body middleware refuses with 401, and the admin list answers the generic 500 envelope', async () => {
    db.on(GetCommand).rejects(unavailable);
    db.on(QueryCommand).rejects(unavailable);
    const { handler } = await import('../../functions/identity/handler');
    const call = signedCall({ keyId: 'demo-hanoi-system', secret: 's', method: 'GET', path: '/v1/sync/whoami' });
    const pending = await handler(integrationEvent(call, 'GET /v1/sync/whoami', { pendingKeyId: 'demo-hanoi-system', signature: 'body-pending' }), lambdaContext());
    expect(pending.statusCode).toBe(401);
    const list = await invoke(handler, { method: 'GET', path: '/v1/admin/agency-systems', claims: { sub: 'a', 'cognito:groups': '[admin]' } });
    expect(list.status).toBe(500);
    expect(list.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(list.body)).not.toContain('Service unavailable');
    expect(logged.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['agency authorizer failed', 'signed body check failed']));
  });
});

describe('when the sealing key is not configured', () => {
  it('the authorizer denies and does not throw', async () => {
    vi.resetModules();
    const saved = process.env.AGENCY_SECRET_KEY;
    delete process.env.AGENCY_SECRET_KEY;
    try {
      const fresh = await import('../../shared/http/logger');
      const configError = vi.spyOn(fresh.logger, 'error').mockImplementation(() => undefined);
      const { handler } = await import('../../functions/identity/authorizer');
      const { AgencySystemRegistry } = await import('../../functions/identity/adapters/registry');
      const { AesGcmSecretSealer } = await import('../../functions/identity/adapters/secret-sealer');
      const { randomBytes } = await import('node:crypto');
      const keyId = uniqueKeyId('nokey');
      const registry = new AgencySystemRegistry(undefined, undefined, new AesGcmSecretSealer(randomBytes(32)));
      await registry.register({ keyId, name: 'x', agencyCodes: ['000.00.00.H26'], endpointUrl: 'https://a.example/' }, { now: new Date(), secret: 's' });
      const event = authorizerEvent(signedCall({ keyId, secret: 's', method: 'GET', path: '/v1/sync/whoami' }), 'GET /v1/sync/whoami');
      await expect(handler(event)).resolves.toEqual({ isAuthorized: false });
      expect(configError).toHaveBeenCalledWith('agency authorizer failed', expect.anything());
    } finally {
      process.env.AGENCY_SECRET_KEY = saved;
    }
  });
});
