// Outbound sync through the running portal: a citizen's submission at a Hà Nội commune (of this
// file's own, test/support/namespace.ts: other files' dossiers never reach these systems) goes from
// the dossier stream through the fan-out and the FIFO queue `sync-outbound` to the consumer, which
// pushes it, signed, to every agency system covering the commune. Receivers here are tiny HTTP
// servers in this test: one fails the first attempts and then recovers (delivered once, signature
// valid), one never recovers (8 attempts, then the DLQ; the outbox keeps it for pull). Plus
// GET /v1/sync/outbox: pages, order, and a system's own outbox only.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { switchOffAgencySystems } from '../support/sync';
import { verifySignedRequest } from '../../shared/auth/agency-signature';
import { Dossier } from '../../shared/contracts/dossiers';
import { OutboundEvent, SyncAccepted, SyncHealth, SyncOutboxPage } from '../../shared/contracts/sync';
import { ensureAgencySystem } from '../../local/seed/agency-systems';
import { api, signedApi, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';

const ns = fileNamespace(import.meta.url);
const AGENCY = ns.agency();

interface Received { eventId: string; path: string; headers: IncomingMessage['headers']; body: string; answered: number | 'dropped' }

/** A receiver that fails the first `failures` requests of each event (500s, then a dropped connection). */
const receiver = async (failures: number) => {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const eventId = String(req.headers['x-dvc-event-id'] ?? '');
      const before = received.filter((r) => r.eventId === eventId).length;
      const r: Received = { eventId, path: req.url ?? '', headers: req.headers, body, answered: 200 };
      received.push(r);
      if (before < failures) {
        // The last failure is a connection dropped without an answer; the others are 500s.
        if (before === failures - 1 && failures > 1) {
          r.answered = 'dropped';
          req.socket.destroy();
          return;
        }
        r.answered = 500;
      }
      res.writeHead(r.answered as number, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { received, server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const registered: string[] = [];
const register = async (label: string, endpointUrl: string, agencyCodes = [AGENCY]) => {
  const system = { keyId: ns.key(`out-${label}`), name: `Outbound test ${label}`, agencyCodes, secret: randomBytes(24).toString('base64url') };
  await ensureAgencySystem(system, { endpointUrl });
  registered.push(system.keyId);
  return system;
};

const settle = async () => {
  let res: Response | undefined;
  for (let i = 0; i < 2 && res?.status !== 200; i++) res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=60000`, { method: 'POST' });
  expect(res!.status).toBe(200);
};

const outboundHealthOf = async (keyId: string) => {
  const health = expectBody(await api('GET', '/v1/sync/health', { token: await signIn('admin.demo') }), 200, SyncHealth, 'sync health');
  return health.systems.find((s) => s.keyId === keyId)?.outbound;
};
const outboxOf = async (system: { keyId: string; secret: string }, limit = 100) => {
  const items: OutboxItem[] = [];
  const cursors: string[] = [];
  let cursor: string | null = null;
  do {
    const path: string = `/v1/sync/outbox?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page: OutboxPage = expectBody(await signedApi('GET', path, system), 200, SyncOutboxPage, 'outbox');
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return { items, cursors };
};

type OutboxPage = z.output<typeof SyncOutboxPage>;
type OutboxItem = OutboxPage['items'][number];

let citizen: string;
const servers: Server[] = [];
beforeAll(async () => {
  citizen = await signIn('citizen.demo');
});
afterAll(async () => {
  // Switch the test systems off (a system with no active secret is sent nothing).
  await switchOffAgencySystems((keyId) => registered.includes(keyId));
  for (const s of servers) s.close();
});

// Settling waits for every pending retry of the whole run (other files' systems have dead endpoints).
describe('outbound delivery to agency systems', { timeout: 150_000 }, () => {
  it('a receiver failing the first 3 attempts gets the new dossier once it recovers: once, signed, marked delivered', async () => {
    const flaky = await receiver(3);
    servers.push(flaky.server);
    const system = await register('flaky', `${flaky.url}/dvc/events?tenant=hn`);
    const d = await submitted(citizen, { agencyCode: AGENCY });
    await settle();

    const eventId = `${d.id}:${d.version}`;
    const mine = flaky.received.filter((r) => r.eventId === eventId);
    expect(mine.map((r) => r.answered)).toEqual([500, 500, 'dropped', 200]);
    const accepted = mine[3]!;
    expect(accepted.path).toBe('/dvc/events?tenant=hn');
    expect(accepted.headers['x-dvc-key-id']).toBe(system.keyId);
    const verdict = verifySignedRequest({
      method: 'POST', pathWithQuery: accepted.path, body: accepted.body,
      timestamp: accepted.headers['x-dvc-timestamp'] as string, signature: accepted.headers['x-dvc-signature'] as string,
      now: Date.now() / 1000, secrets: [system.secret],
    });
    expect(verdict).toEqual({ ok: true, matched: 0 });
    // Every attempt carries the same event; each is signed afresh.
    expect(new Set(mine.map((r) => r.body)).size).toBe(1);
    const event = OutboundEvent.parse(JSON.parse(accepted.body));
    expect(event).toMatchObject({
      eventId, type: 'dossier.submitted', action: 'submit', code: d.code, dossierId: d.id, status: 'submitted', statusCode: 1,
      agencyCode: AGENCY, actor: 'applicant', dossier: { applicant: { type: 'citizen', idNumber: '001099012345' } },
    });
    expect(event.dossier!.attachments).toHaveLength(d.attachments.length);

    const { items } = await outboxOf(system);
    const item = items.find((i) => i.event.eventId === eventId)!;
    expect(item.delivery).toMatchObject({ state: 'delivered', attempts: 4, lastError: null });
    expect(item.delivery.deliveredAt).not.toBeNull();
    // Sync health (admins): this system has had this one delivery (its commune is this file's own),
    // the latest no earlier than this one.
    const health = await outboundHealthOf(system.keyId);
    expect(health?.delivered).toBe(1);
    expect(health!.lastDeliveredAt! >= item.delivery.deliveredAt!).toBe(true);
  });

  it('a receiver that never recovers: 8 attempts, then the message is in the DLQ and the outbox keeps it pending', async () => {
    const dead = await receiver(Number.POSITIVE_INFINITY);
    servers.push(dead.server);
    const system = await register('dead', `${dead.url}/in`);
    const d = await submitted(citizen, { agencyCode: AGENCY });
    await settle();

    const eventId = `${d.id}:${d.version}`;
    expect(dead.received.filter((r) => r.eventId === eventId).map((r) => r.answered)).toEqual(Array(8).fill(500));
    const item = (await outboxOf(system)).items.find((i) => i.event.eventId === eventId)!;
    expect(item.delivery).toMatchObject({ state: 'pending', attempts: 8, lastError: 'HTTP 500', deliveredAt: null });
    // Nothing ever delivered to it; this event (at least) waits in its backlog.
    const health = await outboundHealthOf(system.keyId);
    expect(health).toMatchObject({ delivered: 0, lastDeliveredAt: null });
    expect(health?.backlog).toBeGreaterThanOrEqual(1);

    // The message itself is in the DLQ (a FIFO queue: each receive returns one message per group).
    const sqs = new SQSClient({});
    const dlqBodies: string[] = [];
    for (let i = 0; i < 50; i++) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: process.env.QUEUE_URL_SYNC_OUTBOUND_DLQ!, MaxNumberOfMessages: 10, VisibilityTimeout: 20 }));
      if (!out.Messages?.length) break;
      dlqBodies.push(...out.Messages.map((m) => m.Body ?? ''));
      if (dlqBodies.some((b) => b.includes(d.id))) break;
    }
    sqs.destroy();
    const dead8 = dlqBodies.map((b) => JSON.parse(b) as { dossierId: string; version: number; action: string }).find((b) => b.dossierId === d.id);
    expect(dead8).toMatchObject({ dossierId: d.id, version: d.version, action: 'submit' });

    // The demo system (every agency of Hà Nội) had it at the first attempt: one system's outage
    // does not hold the others'.
    const demo = (await outboxOf({ keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' })).items.find((i) => i.event.eventId === eventId)!;
    expect(demo.delivery).toMatchObject({ state: 'delivered', attempts: 1 });
    const local = (await (await fetch(`${process.env.DVC_BASE_URL}/local/agency-receiver`)).json()) as { items: { eventId: string; signatureValid: boolean; keyId: string }[] };
    expect(local.items.filter((r) => r.eventId === eventId)).toEqual([expect.objectContaining({ keyId: 'demo-hanoi-system', signatureValid: true })]);
  });

  it('a withdrawal follows the submission in order; the agency system\'s own actions are not echoed', async () => {
    const ok = await receiver(0);
    servers.push(ok.server);
    const system = await register('order', `${ok.url}/events`);
    const hanoi = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
    const d = await submitted(citizen, { agencyCode: AGENCY });
    const withdrawn = expectBody(await api('POST', `/v1/dossiers/${d.id}/withdraw`, { token: citizen, json: { reason: 'Nộp nhầm thủ tục' } }), 200, Dossier, 'withdraw');
    // A second dossier withdrawn by the agency system itself (status 7 over sync): not sent back.
    const e = await submitted(citizen, { agencyCode: AGENCY });
    const res = await signedApi('POST', '/v1/sync/statuses', { ...hanoi, json: { items: [{ eventId: `evt-${randomBytes(6).toString('hex')}`, code: e.code, status: 7, at: new Date().toISOString(), reason: 'Rút tại quầy' }] } });
    expectBody(res, 202, SyncAccepted, 'statuses');
    await settle();

    const ofD = ok.received.filter((r) => r.eventId.startsWith(`${d.id}:`)).map((r) => JSON.parse(r.body) as OutboundEvent);
    expect(ofD.map((x) => [x.type, x.version])).toEqual([['dossier.submitted', d.version], ['dossier.withdrawn', withdrawn.version]]);
    expect(ofD[1]).toMatchObject({ status: 'withdrawn', statusCode: 7, note: 'Nộp nhầm thủ tục' });
    expect(ofD[1]!.dossier).toBeUndefined();
    const afterSync = expectBody(await api('GET', `/v1/dossiers/${e.id}`, { token: citizen }), 200, Dossier, 'dossier');
    expect(afterSync.status).toBe('withdrawn');
    expect(ok.received.filter((r) => r.eventId.startsWith(`${e.id}:`)).map((r) => (JSON.parse(r.body) as OutboundEvent).type)).toEqual(['dossier.submitted']);

    // Pull: pages of 1 hold the same items, oldest first, as one page of 100.
    const whole = await outboxOf(system, 100);
    const paged = await outboxOf(system, 1);
    expect(paged.items.map((i) => i.event.eventId)).toEqual(whole.items.map((i) => i.event.eventId));
    expect(paged.cursors.length).toBeGreaterThanOrEqual(2);
    const mine = whole.items.filter((i) => i.event.dossierId === d.id);
    expect(mine.map((i) => i.event.type)).toEqual(['dossier.submitted', 'dossier.withdrawn']);
    const keys = whole.items.map((i) => `${i.event.at}#${i.event.dossierId}#${String(i.event.version).padStart(6, '0')}`);
    expect(keys).toEqual([...keys].sort());

    // Scope: a system of another province sees none of it, and cannot read with this system's cursor.
    const hue = await register('hue', `${ok.url}/hue`, ['000.00.00.H57']);
    const hueItems = (await outboxOf(hue)).items;
    expect(hueItems.filter((i) => i.event.dossierId === d.id)).toEqual([]);
    expectError(await signedApi('GET', `/v1/sync/outbox?cursor=${encodeURIComponent(paged.cursors[0]!)}`, hue), 400, 'INVALID_CURSOR');
    expectError(await signedApi('GET', '/v1/sync/outbox?cursor=not-a-cursor', system), 400, 'INVALID_CURSOR');
    expect((await api('GET', '/v1/sync/outbox')).status).toBe(401);
  });
});
