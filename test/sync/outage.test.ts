// docs/requirements.md R-REL-SYNC: "nothing acknowledged is lost when an emulator is killed and
// restarted mid-run". A portal of its own (persistent DynamoDB Local under a temp dir, so a restart
// keeps the data, as DynamoDB keeps it in AWS): an agency system posts status events for 24
// dossiers while DynamoDB Local is killed with SIGKILL and started again on the same port. The
// sender retries whatever was not acknowledged (as a real system does on a 5xx or a dropped
// connection); every event the portal acknowledged with 202 is then applied — by the consumer's
// retries, or, for a message that spent its retries during the outage, by replaying the DLQ (the
// documented procedure). fauxqs keeps messages in memory only, so the queue is not the emulator
// killed here: in AWS, SQS is the durable part, and what this shows is that the consumer and the
// store survive an outage. DynamoDB Local may lose a write it acknowledged just before the SIGKILL
// (AWS does not): an event applied before the kill whose outcome record is missing is told apart
// and allowed once.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../local/emulators';
import { startDynamoDb } from '../../local/emulators/dynamodb';
import { startRuntime, type Runtime } from '../../local/runtime';
import { scratchStateDir } from '../support/state-dir';

const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const DOSSIERS = 16;
const STATUSES = [2, 4, 9, 10]; // received, processing, done, returned

let runtime: Runtime;
let restarted: RunningEmulator | undefined;
let stateDir: string;

beforeAll(async () => {
  stateDir = scratchStateDir('dvc-outage-');
  // Retries that ride out a few seconds of outage: 2, 4, 8, 8 s ceilings (jittered).
  process.env.SYNC_INBOUND_RETRY_BASE_SECONDS = '2';
  process.env.SYNC_INBOUND_RETRY_CAP_SECONDS = '8';
  runtime = await startRuntime({ stateDir, port: 0, seedActivity: false });
}, 120_000);

afterAll(async () => {
  await runtime?.stop();
  await restarted?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('killing DynamoDB Local mid-run', () => {
  it('loses no acknowledged event', async () => {
    const { signIn, signedApi, api } = await import('../support/auth');
    const { submitted } = await import('../support/dossiers');
    const citizen = await signIn('citizen.demo');
    const dossiers: { id: string; code: string }[] = [];
    for (let i = 0; i < DOSSIERS; i += 8) dossiers.push(...(await Promise.all(Array.from({ length: 8 }, () => submitted(citizen)))));

    // After every submission, in order, and not ahead of the portal's clock (later times are refused).
    const reportedFrom = Date.now();
    const events = dossiers.flatMap((d, n) => STATUSES.map((status, i) => ({
      eventId: `outage-${n}-${i}-${d.id.slice(0, 8)}`, code: d.code, status, at: new Date(reportedFrom + i).toISOString(),
    })));
    // Batches of 8, one dossier's events spread over several batches: the outage falls between a
    // dossier's events as well as within them.
    const batches: (typeof events)[] = [];
    for (let i = 0; i < events.length; i += 8) batches.push(events.slice(i, i + 8));
    const acknowledged = new Set<string>();
    let refusedOrDropped = 0;

    const sendAll = async () => {
      for (const batch of batches) {
        for (;;) {
          const res = await signedApi('POST', '/v1/sync/statuses', { ...HANOI, json: { items: batch } }).catch(() => undefined);
          if (res?.status === 202) {
            for (const r of res.body.results as { eventId: string; status: string }[]) if (r.status === 'queued') acknowledged.add(r.eventId);
            break;
          }
          refusedOrDropped++;
          await sleep(300);
        }
        await sleep(150);
      }
    };
    const sending = sendAll();

    // Kill DynamoDB Local (its whole process group: the JVM too) once a third is acknowledged.
    while (acknowledged.size < events.length / 3) await sleep(50);
    const { dynamodb: pid } = runtime.emulators.pids;
    process.kill(-pid, 'SIGKILL');
    const killedAt = new Date().toISOString();
    await sleep(1_500);
    restarted = await startDynamoDb({ port: runtime.emulators.ports.dynamodb, dbPath: join(stateDir, 'dynamodb') });
    const restartedAt = new Date().toISOString();
    await sending;
    expect(acknowledged.size).toBe(events.length);
    expect(refusedOrDropped).toBeGreaterThan(0); // the outage was felt by the sender

    // Wait for the consumer; then replay what spent its retries during the outage.
    const admin = await signIn('admin.demo');
    const finalStates = async () => Promise.all(dossiers.map(async (d) => (await api('GET', `/v1/dossiers/${d.id}`, { token: citizen })).body?.status));
    const depthNow = async () => (await api('GET', '/v1/sync/health', { token: admin })).body?.queues?.['sync-inbound'];
    /** The queue empty and nothing in flight, twice a second apart. */
    const settled = async () => {
      const deadline = Date.now() + 120_000;
      while (Date.now() < deadline) {
        const depth = await depthNow();
        if (depth?.waiting === 0 && depth.inFlight === 0) {
          await sleep(1_000);
          const again = await depthNow();
          if (again?.waiting === 0 && again.inFlight === 0) return again;
        }
        await sleep(500);
      }
      throw new Error('the inbound queue did not drain in 120 s');
    };
    // The operator's procedure after an outage: replay the DLQ until it stays empty.
    let replayed = 0;
    for (let round = 0; round < 3; round++) {
      const depth = await settled();
      if (depth.deadLetters === 0) break;
      const replay = await api('POST', '/v1/sync/dead-letters/replay', { token: admin, json: {} });
      expect(replay.status).toBe(200);
      replayed += replay.body.replayed;
    }
    const depth = { deadLetters: replayed };
    expect(await finalStates()).toEqual(dossiers.map(() => 'returned'));
    // Every acknowledged event has its recorded outcome (applied, or stale/already when a later one overtook it).
    const { DynamoSyncStore } = await import('../../functions/sync/adapters/sync-store');
    const { dynamoClient } = await import('../../shared/aws/clients');
    const { tableName } = await import('../../shared/config');
    const store = new DynamoSyncStore(dynamoClient, () => tableName('sync'));
    const outcomes = await Promise.all([...acknowledged].map(async (id) => [id, await store.outcome(HANOI.keyId, id)] as const));
    const missing = outcomes.filter(([, o]) => o === undefined).map(([id]) => id);
    // DynamoDB Local itself can lose a write it acknowledged in its last moment before a SIGKILL
    // (measured: 1 of 497 concurrent acknowledged writes, .bench probe of 2026-12-02). The consumer
    // writes an event's outcome right after applying its transition and only then lets the message
    // go; so an event whose transition is in the dossier's history from before the kill, but whose
    // outcome is missing, was processed by the portal and lost by the emulator. Anything else
    // missing — never applied — is the portal losing an acknowledged event.
    const actionOf: Record<number, string> = { 2: 'receive', 4: 'start', 9: 'finish', 10: 'return_result' };
    const { dossierStore } = await import('../../functions/dossiers/public');
    const lostByEmulator: string[] = [];
    const unexplained: string[] = [];
    for (const id of missing) {
      const e = events.find((x) => x.eventId === id)!;
      const d = dossiers.find((x) => x.code === e.code)!;
      // A step takes the event's time; `recordedAt` is when the portal wrote it.
      const history = await dossierStore().history(d.id);
      console.log('[outage] missing outcome', id, JSON.stringify(history.map((h) => [h.action, h.actor.kind, h.at, h.recordedAt])));
      const appliedBeforeKill = history.some((h) => h.action === actionOf[e.status] && h.actor.kind === 'agency_system' && (h.recordedAt ?? h.at) <= killedAt);
      (appliedBeforeKill ? lostByEmulator : unexplained).push(id);
    }
    console.log('[outage] kill at', killedAt, 'restarted at', restartedAt);
    if (missing.length) {
      console.log('[outage] dead letters', JSON.stringify((await api('GET', '/v1/sync/dead-letters', { token: admin })).body));
      console.log('[outage] health', JSON.stringify((await api('GET', '/v1/sync/health', { token: admin })).body));
    }
    expect(unexplained).toEqual([]);
    expect(lostByEmulator.length).toBeLessThanOrEqual(1);
    console.log(`[outage] ${events.length} events acknowledged (${refusedOrDropped} sends refused or dropped during the outage); dead-lettered and replayed: ${depth.deadLetters}`);
  }, 240_000);
});
