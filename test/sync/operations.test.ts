// Operating sync through the running portal: a status event whose dossier does not exist fails,
// comes back after its backoff, and after maxReceiveCount sits in the DLQ; admins see it (with why)
// in the dead-letter list and the system's health, and a replay sends it back to be tried again.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DeadLetterList, ReplayResult, SyncAccepted, SyncHealth } from '../../shared/contracts/sync';
import { api, signIn, signedApi } from '../support/auth';
import { expectBody } from '../support/body';
import { fileNamespace } from '../support/namespace';
import { uniqueDossierCode } from '../support/dossier-codes';

const ns = fileNamespace(import.meta.url);
const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
let admin: string;

beforeAll(async () => {
  admin = await signIn('admin.demo');
});

const deadLetters = async () => expectBody(await api('GET', '/v1/sync/dead-letters?limit=100', { token: admin }), 200, DeadLetterList, 'dead letters');
const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 120_000) => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('sync dead letters and health (admins)', () => {
  it('a message that keeps failing is dead-lettered with its reason, listed without being taken, and replayable', async () => {
    // A dossier code of a Hà Nội commune of this file's own, where nobody files dossiers: the portal does not hold it.
    const code = uniqueDossierCode(ns.agency(), '261201');
    const eventId = `evt-ops-${randomUUID()}`;
    const sent = await signedApi('POST', '/v1/sync/statuses', { ...HANOI, json: { items: [{ eventId, code, status: 2, at: new Date().toISOString() }] } });
    expect(expectBody(sent, 202, SyncAccepted)).toMatchObject({ accepted: 1 });
    // No settle(): it waits for the whole runtime (other files' floods too); the list is polled instead.

    const listed = await eventually(deadLetters, (l) => l.items.some((i) => i.eventId === eventId));
    const letter = listed.items.find((i) => i.eventId === eventId)!;
    expect(letter).toMatchObject({ code, lastFailure: { why: `no dossier ${code} (yet)`, attempts: 5 } });
    expect(letter.receiveCount).toBeGreaterThanOrEqual(5);
    // Listing took nothing: the same message is there on a second look.
    expect((await deadLetters()).items.map((i) => i.messageId)).toContain(letter.messageId);

    const health = expectBody(await api('GET', '/v1/sync/health', { token: admin }), 200, SyncHealth, 'health');
    expect(health.queues['sync-inbound']?.deadLetters).toBeGreaterThanOrEqual(1);
    expect(health.systems.map((s) => s.keyId)).toContain(HANOI.keyId);

    // Replayed while the cause remains: tried again, and back in the DLQ after its retries.
    const replay = expectBody(await api('POST', '/v1/sync/dead-letters/replay', { token: admin, json: { messageIds: [letter.messageId] } }), 200, ReplayResult, 'replay');
    expect(replay).toEqual({ queue: 'sync-inbound', replayed: 1, messageIds: [letter.messageId] });
    const again = await eventually(deadLetters, (l) => l.items.some((i) => i.eventId === eventId && (i.lastFailure?.attempts ?? 0) >= 5 && i.messageId !== letter.messageId));
    expect(again.items.filter((i) => i.eventId === eventId)).toHaveLength(1);
  }, 150_000);

  it('refuses an unknown queue and a bad replay body with 400, never a 500', async () => {
    expect((await api('GET', '/v1/sync/dead-letters?queue=payments', { token: admin })).status).toBe(400);
    expect((await api('POST', '/v1/sync/dead-letters/replay', { token: admin, json: { messageIds: [] } })).status).toBe(400);
  });
});
