// Agency-system status events through the running portal: the signed batch route validates item by
// item and queues FIFO per dossier; the consumer applies them through the dossier transition
// function — coarse statuses as several steps, duplicates once, stale ones recorded but not
// applied, impossible ones in the system's error report. Plus the consumer's message handling
// with stand-ins (poison, duplicate, version conflicts).
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoSyncStore } from '../../functions/sync/adapters/sync-store';
import { fakeSyncStore } from '../support/sync';
import { applyMessage, PoisonMessageError, type InboundDeps, type StepTime } from '../../functions/sync/use-cases/apply-inbound';
import { inboundConsumer } from '../../functions/sync/use-cases/inbound-batch';
import { Dossier } from '../../shared/contracts/dossiers';
import { SyncAccepted } from '../../shared/contracts/sync';
import { api, signIn, signedApi } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { submitted } from '../support/dossiers';
import type { DossierRecord } from '../../functions/dossiers/public';

const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };
const store = new DynamoSyncStore(dynamoClient, () => tableName('sync'));
let citizen: string;

beforeAll(async () => {
  citizen = await signIn('citizen.demo');
});

const post = (items: unknown[]) => signedApi('POST', '/v1/sync/statuses', { ...HANOI, json: { items } });
const settle = async () => {
  const res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=30000`, { method: 'POST' });
  expect(res.status).toBe(200);
};
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 2, minutes)).toISOString();
/** An event `ms` after the dossier's submission (events before it, or ahead of the clock, are refused: status-times.test.ts). */
const event = (d: { code: string; submittedAt: string }, status: number, ms: number, over: Record<string, unknown> = {}) =>
  ({ eventId: `evt-${randomUUID()}`, code: d.code, status, at: new Date(Date.parse(d.submittedAt) + ms).toISOString(), ...over });

describe('POST /v1/sync/statuses → the FIFO queue → the dossier', () => {
  it('validates each item, applies coarse statuses as transitions, once, in order; stale and impossible events are recorded only', async () => {
    const d = await submitted(citizen);
    const received = event(d, 2, 1, { note: 'Tiếp nhận tại hệ thống một cửa' });
    const done = event(d, 9, 30);
    const res = expectBody(await post([
      received,
      done,
      { ...event(d, 11, 2) },
      { ...event({ ...d, code: '000.00.00.H57-261201-0001' }, 4, 3) },
      { code: d.code },
    ]), 202, SyncAccepted);
    expect(res).toMatchObject({ accepted: 2, rejected: 3 });
    expect(res.results.map((r) => r.status)).toEqual(['queued', 'queued', 'rejected', 'rejected', 'rejected']);
    expect(res.results[2]?.errors?.[0]?.path).toBe('items.2.status');
    expect(res.results[3]?.errors?.[0]?.message).toMatch(/not of an agency this system speaks for/);
    await settle();

    const read = async () => expectBody(await api('GET', `/v1/dossiers/${d.id}`, { token: citizen }), 200, Dossier, 'dossier');
    let after = await read();
    expect(after).toMatchObject({ status: 'done', statusCode: 9 });
    expect(after.history.slice(-3).map((h) => [h.action, h.actor.kind]))
      .toEqual([['receive', 'agency_system'], ['start', 'agency_system'], ['finish', 'agency_system']]);
    expect(await store.outcome(HANOI.keyId, received.eventId)).toBe('applied');

    // The same batch again (a retry), an older event, and an impossible one.
    const stale = event(d, 4, 10);
    const impossible = event(d, 2, 40);
    expectBody(await post([received, done, stale, impossible]), 202, SyncAccepted);
    await settle();
    after = await read();
    expect(after.status).toBe('done');
    expect(after.history.filter((h) => h.action === 'finish')).toHaveLength(1);
    expect(await store.outcome(HANOI.keyId, stale.eventId)).toBe('stale');
    expect(await store.outcome(HANOI.keyId, impossible.eventId)).toBe('impossible');
    expect((await store.errors(HANOI.keyId, 50)).map((e) => e.eventId)).toContain(impossible.eventId);
  });

  it('refuses an unsigned request and more than 100 items', async () => {
    expect((await api('POST', '/v1/sync/statuses', { json: { items: [] } })).status).toBe(401);
    expectError(await post(Array.from({ length: 101 }, () => ({}))), 400, 'VALIDATION_FAILED');
  });
});

const fakeStore = fakeSyncStore;

describe('applyMessage (the consumer, with stand-ins)', () => {
  const dossier = (status: DossierRecord['status']) => ({ id: 'd-1', code: 'C-261201-0001', status, version: 3, submittedAt: at(0), createdAt: at(0) }) as DossierRecord;
  const deps = (d: DossierRecord | undefined, seen?: string, lastStepAt: string | null = at(0)) => {
    const steps: string[] = [];
    const times: StepTime[] = [];
    const recorded: string[] = [];
    const reports: (string | null)[] = [];
    const fake: InboundDeps = {
      store: fakeStore({
        outcome: async (_k, id) => (id === seen ? 'applied' : undefined),
        record: async (_k, _e, outcome, why) => { recorded.push(outcome); reports.push(why); },
      }),
      findDossier: async () => d,
      lastStepAt: async () => lastStepAt,
      transition: async (x, _k, action, _input, time) => { steps.push(action); times.push(time); return { ...x, version: x.version + 1 }; },
      createOfRecord: async () => { throw new Error('no upserts here'); },
      now: () => new Date(Date.UTC(2026, 11, 2)),
    };
    return { fake, steps, times, recorded, reports };
  };
  const body = (status: number, eventId = 'evt-00000001', when = at(5)) => JSON.stringify({ kind: 'status', keyId: 'k', event: { eventId, code: 'C-261201-0001', status, at: when } });

  it('applies the plan step by step, each at the event\'s time, and records it', async () => {
    const { fake, steps, times, recorded } = deps(dossier('submitted'));
    expect(await applyMessage(fake, body(10))).toBe('applied');
    expect(steps).toEqual(['receive', 'start', 'finish', 'return_result']);
    expect(times).toEqual(steps.map(() => ({ at: at(5) })));
    expect(recorded).toEqual(['applied']);
  });

  it('a time clamped to the last step is passed with the time the system reported', async () => {
    const { fake, times } = deps(dossier('submitted'), undefined, at(7));
    expect(await applyMessage(fake, body(2))).toBe('applied');
    expect(times).toEqual([{ at: at(7), reportedAt: at(5) }]);
  });

  it('a time that cannot be right is refused — recorded for the error report, not thrown (no retry can fix it), nothing applied', async () => {
    const future = deps(dossier('submitted'));
    expect(await applyMessage(future.fake, body(2, 'evt-00000002', '2026-12-02T00:10:00.000Z'))).toBe('refused');
    expect([future.steps, future.recorded]).toEqual([[], ['refused']]);
    expect(future.reports[0]).toMatch(/^AT_IN_FUTURE: /);
    const outOfOrder = deps(dossier('submitted'), undefined, at(30));
    expect(await applyMessage(outOfOrder.fake, body(2))).toBe('refused');
    expect([outOfOrder.steps, outOfOrder.reports]).toEqual([[], [expect.stringMatching(/^AT_OUT_OF_ORDER: /)]]);
    const beforeSubmission = deps(dossier('submitted'));
    expect(await applyMessage(beforeSubmission.fake, body(2, 'evt-00000003', '2026-11-30T00:00:00.000Z'))).toBe('refused');
    expect(beforeSubmission.reports).toEqual([expect.stringMatching(/^AT_BEFORE_DOSSIER: /)]);
  });

  it('a processed event id is a duplicate: nothing is done', async () => {
    const { fake, steps, recorded } = deps(dossier('submitted'), 'evt-00000001');
    expect(await applyMessage(fake, body(2))).toBe('duplicate');
    expect([steps, recorded]).toEqual([[], []]);
  });

  it('poison: not JSON, not a status event, or a dossier that does not exist (yet) — thrown, so SQS retries and then dead-letters it', async () => {
    await expect(applyMessage(deps(dossier('submitted')).fake, '{not json')).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(applyMessage(deps(dossier('submitted')).fake, JSON.stringify({ kind: 'status', keyId: 'k', event: { code: 'x' } }))).rejects.toBeInstanceOf(PoisonMessageError);
    await expect(applyMessage(deps(undefined).fake, body(2))).rejects.toThrow(/no dossier/);
  });

  it('an impossible status is recorded as such (for the error report), never applied', async () => {
    const { fake, steps, recorded } = deps(dossier('returned'));
    expect(await applyMessage(fake, body(4))).toBe('impossible');
    expect([steps, recorded]).toEqual([[], ['impossible']]);
  });
});

describe('the FIFO batch handler', () => {
  it('a failing record fails the rest of its dossier in the batch, not the other dossiers\' records', async () => {
    const applied: string[] = [];
    const d = (code: string) => ({ id: code, code, status: 'submitted', version: 1, submittedAt: at(0), createdAt: at(0) }) as DossierRecord;
    const handler = inboundConsumer({
      store: fakeStore({ record: async (_k, e) => { applied.push(e.eventId); } }),
      findDossier: async (code) => (code.startsWith('BAD') ? undefined : d(code)),
      lastStepAt: async () => null,
      transition: async (x) => x,
      createOfRecord: async () => { throw new Error('no upserts here'); },
    });
    const rec = (id: string, code: string, i: number) => ({
      messageId: id, receiptHandle: id, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'ap-southeast-1',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: code },
      messageAttributes: {},
      body: JSON.stringify({ kind: 'status', keyId: 'k', event: { eventId: `evt-${id}-0000`, code, status: 2, at: at(i) } }),
    });
    const out = await handler({ Records: [rec('a1', 'A-261201-0001', 1), rec('b1', 'BAD-261201-0001', 2), rec('a2', 'A-261201-0001', 3), rec('b2', 'BAD-261201-0001', 4), rec('c1', 'C-261201-0001', 5)] } as never);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['b1', 'b2']);
    expect(applied.sort()).toEqual(['evt-a1-0000', 'evt-a2-0000', 'evt-c1-0000']);
  });
});

describe('a message that fails', () => {
  it('records why, comes back after a jittered backoff by its attempt, and still fails for SQS', async () => {
    const failures: { messageId: string; why: string; attempts: number }[] = [];
    const delays: [string, number][] = [];
    const handler = inboundConsumer({
      store: fakeStore({ recordFailure: async (f) => { failures.push(f); } }),
      findDossier: async (code) => (code.startsWith('OK') ? ({ id: 'd', code, status: 'submitted', version: 1, submittedAt: at(0), createdAt: at(0) }) as DossierRecord : undefined),
      lastStepAt: async () => null,
      transition: async (x) => x,
      createOfRecord: async () => { throw new Error('no upserts here'); },
      retryLater: async (handle, seconds) => { delays.push([handle, seconds]); },
      retryPolicy: { baseSeconds: 2, capSeconds: 60 },
      random: () => 0.999,
      now: () => new Date('2026-12-01T03:00:00Z'),
    });
    const rec = (id: string, code: string, receives: string) => ({
      messageId: id, receiptHandle: `rh-${id}`, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'ap-southeast-1',
      attributes: { ApproximateReceiveCount: receives, SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: code },
      messageAttributes: {},
      body: JSON.stringify({ kind: 'status', keyId: 'k', event: { eventId: `evt-${id}-0000`, code, status: 2, at: at(1) } }),
    });
    const out = await handler({ Records: [rec('m-1', 'C-261201-0009', '3'), rec('m-2', 'OK-261201-0001', '1'), rec('m-3', 'C-261201-0009', '1')] } as never);
    // m-3 is skipped behind m-1 (same dossier): it fails too, and comes back with it.
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-3' }]);
    expect(failures).toEqual([{ messageId: 'm-1', why: 'no dossier C-261201-0009 (yet)', attempts: 3, at: '2026-12-01T03:00:00.000Z' }]);
    expect(delays).toEqual([['rh-m-1', 8], ['rh-m-3', 8]]); // third attempt: up to 2·2² s, here the top of the range
  });

  it('two invocations at once (the local runtime\'s concurrent pollers) each report their own failures', async () => {
    const handler = inboundConsumer({
      store: fakeStore(),
      findDossier: async (code) => {
        await new Promise((r) => setTimeout(r, code.endsWith('1') ? 30 : 5));
        return code.startsWith('OK') ? ({ id: code, code, status: 'submitted', version: 1, submittedAt: at(0), createdAt: at(0) }) as DossierRecord : undefined;
      },
      lastStepAt: async () => null,
      transition: async (x) => x,
      createOfRecord: async () => { throw new Error('no upserts here'); },
    });
    const rec = (id: string, code: string) => ({
      messageId: id, receiptHandle: `rh-${id}`, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'ap-southeast-1',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: code },
      messageAttributes: {}, body: JSON.stringify({ kind: 'status', keyId: 'k', event: { eventId: `evt-${id}-0000`, code, status: 2, at: at(1) } }),
    });
    const [a, b] = await Promise.all([
      handler({ Records: [rec('a1', 'BAD-261201-0001'), rec('a2', 'OK-261201-0002')] } as never),
      handler({ Records: [rec('b1', 'OK-261201-0001'), rec('b2', 'BAD-261201-0002')] } as never),
    ]);
    expect(a.batchItemFailures).toEqual([{ itemIdentifier: 'a1' }]);
    expect(b.batchItemFailures).toEqual([{ itemIdentifier: 'b2' }]);
  });

  it('when every record fails, all of them come back after the backoff and the batch still fails', async () => {
    const delays: string[] = [];
    const handler = inboundConsumer({
      store: fakeStore(), findDossier: async () => undefined, lastStepAt: async () => null, transition: async (x) => x,
      createOfRecord: async () => { throw new Error('no upserts here'); },
      retryLater: async (handle) => { delays.push(handle); },
    });
    const rec = (id: string) => ({
      messageId: id, receiptHandle: `rh-${id}`, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'ap-southeast-1',
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 's', ApproximateFirstReceiveTimestamp: '0', MessageGroupId: `G-${id}` },
      messageAttributes: {}, body: '{not json',
    });
    await expect(handler({ Records: [rec('a'), rec('b')] } as never)).rejects.toThrow();
    expect(delays.sort()).toEqual(['rh-a', 'rh-b']);
  });

  it('an event about a dossier the portal holds counts it as reported, in the month its code carries', async () => {
    const counted: string[] = [];
    const fake: InboundDeps = {
      store: fakeStore({ countReported: async (agency, code, month) => { counted.push(`${agency} ${code} ${month}`); return true; } }),
      findDossier: async () => ({ id: 'd', code: '000.00.00.H26-261130-0004', status: 'received', version: 2, submittedAt: at(0), createdAt: at(0) }) as DossierRecord,
      lastStepAt: async () => null,
      transition: async (x) => x,
      createOfRecord: async () => { throw new Error('no upserts here'); },
    };
    await applyMessage(fake, JSON.stringify({ kind: 'status', keyId: 'k', event: { eventId: 'evt-00000010', code: '000.00.00.H26-261130-0004', status: 4, at: at(2) } }));
    expect(counted).toEqual(['000.00.00.H26 000.00.00.H26-261130-0004 2026-11']);
  });
});
