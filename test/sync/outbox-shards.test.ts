// A busy agency system's outbox, write-sharded (functions/sync/domain/outbound.ts OUTBOX_SHARDS,
// docs/capacity.md "Design: warm caches and sharded keys"), pulled through the running portal with cursors: every
// item once, in order, across the shards, also for items written between pulls. The system is
// registered under a key id the declaration shards (a province's system as the capacity model names
// it), covering only this file's own commune.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { outboxPk, outboxShardPk, outboxShardsOf, outboxSk } from '../../functions/sync/domain/outbound';
import { ensureAgencySystem } from '../../local/seed/agency-systems';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { SyncOutboxPage } from '../../shared/contracts/sync';
import { signedApi, signIn } from '../support/auth';
import { expectBody } from '../support/body';
import { submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';
import { switchOffAgencySystems } from '../support/sync';

const ns = fileNamespace(import.meta.url);
const AGENCY = ns.agency();
const KEY_ID = 'sync-000.00.00.H17';
type OutboxPage = z.output<typeof SyncOutboxPage>;

const system = { keyId: KEY_ID, name: 'Hệ thống một cửa (outbox shards test)', agencyCodes: [AGENCY], secret: randomBytes(24).toString('base64url') };
let citizen: string;
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => { req.resume(); req.on('end', () => res.writeHead(200).end('{}')); });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  await ensureAgencySystem(system, { endpointUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/events` });
  citizen = await signIn('citizen.demo');
});
afterAll(async () => {
  await switchOffAgencySystems((keyId) => keyId === KEY_ID);
  server?.close();
});

const settle = async () => {
  let res: Response | undefined;
  for (let i = 0; i < 2 && res?.status !== 200; i++) res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=60000`, { method: 'POST' });
  expect(res!.status).toBe(200);
};

/** Pages of `limit` from `cursor` until the outbox says there is no more. */
const pullFrom = async (cursor: string | null, limit: number) => {
  const items: OutboxPage['items'] = [];
  let next = cursor;
  do {
    const page: OutboxPage = expectBody(await signedApi('GET', `/v1/sync/outbox?limit=${limit}${next ? `&cursor=${encodeURIComponent(next)}` : ''}`, system), 200, SyncOutboxPage, 'outbox');
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    next = page.nextCursor;
  } while (next);
  return { items };
};
const skOf = (i: OutboxPage['items'][number]) => outboxSk(i.event);

describe('a sharded outbox pulled with cursors', () => {
  it('gives every item once, in order, across the shards, and the items written since on the next pulls', async () => {
    expect(outboxShardsOf(KEY_ID)).toBeGreaterThan(1);
    for (let i = 0; i < 4; i++) await submitted(citizen, { agencyCode: AGENCY });
    await settle();

    const whole = await pullFrom(null, 100);
    expect(whole.items.length).toBeGreaterThanOrEqual(4);
    // Stored under its dossier's shard (shard 0 is the system's own key), read back from all of them.
    const db = await dynamoClient();
    const stored = await Promise.all([...new Set(whole.items.map((i) => outboxShardPk(KEY_ID, i.event.dossierId)))].map(async (pk) =>
      (await db.send(new QueryCommand({ TableName: tableName('sync'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }))).Items!.length));
    expect(stored.reduce((a, b) => a + b, 0)).toBe(whole.items.length);
    expect(outboxShardPk(KEY_ID, 'x', 1)).toBe(outboxPk(KEY_ID));

    for (const limit of [1, 2, 3]) {
      const paged = await pullFrom(null, limit);
      expect(paged.items.map(skOf), `limit ${limit}`).toEqual(whole.items.map(skOf));
    }
    expect(whole.items.map(skOf)).toEqual(whole.items.map(skOf).sort());

    // Written between pulls: a pull resumed from the first page's cursor gives the rest and the new
    // items, each once, in order.
    const first: OutboxPage = expectBody(await signedApi('GET', '/v1/sync/outbox?limit=2', system), 200, SyncOutboxPage, 'outbox');
    expect(first.nextCursor).not.toBeNull();
    for (let i = 0; i < 3; i++) await submitted(citizen, { agencyCode: AGENCY });
    await settle();
    const rest = await pullFrom(first.nextCursor, 2);
    const all = await pullFrom(null, 100);
    expect([...first.items, ...rest.items].map(skOf)).toEqual(all.items.map(skOf));
    expect(all.items.length).toBeGreaterThanOrEqual(whole.items.length + 3);
  });
});
