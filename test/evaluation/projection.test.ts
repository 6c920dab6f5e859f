// The counters' idempotency on the real store (DynamoDB Local of the test runtime): a dossier counts
// once however many times, in whatever order, and however concurrently its events arrive. The
// dossiers are in-memory records (the projection reads them through its small reader port); the
// counters are written to the `evaluation` table under agency codes no seeded agency uses.
import { describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import type { DossierEvent, DossierRecord } from '../../functions/dossiers/public';
import { DynamoEvaluationStore } from '../../functions/evaluation/adapters/evaluation-store';
import { projectDossier, type ProjectionDeps } from '../../functions/evaluation/projection';
import { makeHandler } from '../../functions/evaluation/counters';

const store = new DynamoEvaluationStore(dynamoClient, () => tableName('evaluation'));
const run = Math.random().toString(36).slice(2, 8);
const MONTH = '2031-05';

const record = (id: string, agencyCode: string, over: Partial<DossierRecord> = {}): DossierRecord => ({
  id, code: `${agencyCode}-310512-0001`, procedureCode: '1.001193', procedureName: 'Đăng ký khai sinh',
  processingTime: { value: 3, unit: 'working_day' }, components: [], agencyCode, agencyName: 'Test agency', agencyParentCode: null,
  status: 'submitted', version: 2, channel: 'online', delivery: 'online', postalAddress: null, contact: null,
  applicant: { sub: 's', type: 'citizen', idNumber: '001099012345', enterpriseCode: null, vneidVerified: true },
  form: {}, attachments: [], createdAt: '2031-05-12T02:00:00.000Z', updatedAt: '2031-05-12T02:00:00.000Z',
  submittedAt: '2031-05-12T02:00:00.000Z', receivedAt: null, dueAt: null, pausedAt: null, finishedAt: null, returnedAt: null,
  supplementRequest: null, supplementRounds: 0, apologies: [], ...over,
});

const received = (r: DossierRecord): DossierRecord => ({
  ...r, status: 'received', version: r.version + 1, receivedAt: '2031-05-13T02:00:00.000Z', dueAt: '2031-05-16T10:00:00.000Z',
});

const entry = (action: DossierEvent['action'], kind: DossierEvent['actor']['kind']) => ({ action, actor: { kind }, at: '2031-05-13T02:00:00.000Z' }) as DossierEvent;

/** A dossier reader over a mutable map: the test moves dossiers on between projections. */
const reader = (counterStore: DynamoEvaluationStore = store) => {
  const dossiers = new Map<string, { record: DossierRecord; history: DossierEvent[] }>();
  const deps: ProjectionDeps = {
    dossiers: {
      get: async (id) => dossiers.get(id)?.record,
      history: async (id) => dossiers.get(id)?.history ?? [],
    },
    procedureHasFee: async () => false,
    store: counterStore,
  };
  return { dossiers, deps };
};

/**
 * `count` dossiers of one agency-month: every third received at the desk, every second received
 * (by `receiver`), the others still submitted.
 */
const mixedDossiers = (dossiers: Map<string, { record: DossierRecord; history: DossierEvent[] }>, agency: string, prefix: string, count: number, receiver: DossierEvent['actor']['kind']) => {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${run}-${i}`);
  for (const [i, id] of ids.entries()) {
    const base = record(id, agency, { channel: i % 3 === 0 ? 'desk' : 'online' });
    dossiers.set(id, i % 2 === 0
      ? { record: received(base), history: [entry('submit', 'applicant'), entry('receive', receiver)] }
      : { record: base, history: [entry('submit', 'applicant')] });
  }
  return ids;
};

const countersOf = async (agencyCode: string, month = MONTH) => (await store.counters([{ agencyCode, month }])).get(`${agencyCode}|${month}`) ?? {};

describe('index counters projection (DynamoDB Local)', () => {
  it('counts a dossier once however often its event is delivered, and moves it when it changes', async () => {
    const agency = `T1-${run}`;
    const { dossiers, deps } = reader();
    const id = `p1-${run}`;
    dossiers.set(id, { record: record(id, agency), history: [entry('submit', 'applicant')] });

    expect(await projectDossier(deps, id)).toBe('applied');
    expect(await projectDossier(deps, id)).toBe('unchanged');
    expect(await projectDossier(deps, id)).toBe('unchanged');
    expect(await countersOf(agency)).toEqual({ dossiers: 1, 'st:submitted': 1, 'ch:online': 1, 'pr:1.001193': 1 });

    // Received by an official: the status moves, the agency acted, and the dossier is judged while running.
    const next = received(dossiers.get(id)!.record);
    dossiers.set(id, { record: next, history: [entry('submit', 'applicant'), entry('receive', 'official')] });
    expect(await projectDossier(deps, id)).toBe('applied');
    expect(await projectDossier(deps, id)).toBe('unchanged');
    const c = await countersOf(agency);
    expect(c['st:submitted']).toBe(0);
    expect(c).toMatchObject({ dossiers: 1, 'st:received': 1, received: 1, agencyActed: 1, onlineReceived: 1, 'due:2031-05-16': 1, vneid: 1 });
  });

  it('an older event after a newer one changes nothing (the state is read, not carried by the event)', async () => {
    const agency = `T2-${run}`;
    const { dossiers, deps } = reader();
    const id = `p2-${run}`;
    dossiers.set(id, { record: received(record(id, agency)), history: [entry('submit', 'applicant'), entry('receive', 'official')] });
    // The "submit" and the "receive" events both arrive after the dossier reached version 3.
    expect(await projectDossier(deps, id)).toBe('applied');
    expect(await projectDossier(deps, id)).toBe('unchanged');
    expect(await countersOf(agency)).toMatchObject({ dossiers: 1, 'st:received': 1 });
    expect((await countersOf(agency))['st:submitted']).toBeUndefined();
  });

  it('30 dossiers of one agency-month, each delivered three times concurrently: exact counts', async () => {
    const agency = `T3-${run}`;
    const { dossiers, deps } = reader();
    const ids = mixedDossiers(dossiers, agency, 'p3', 30, 'agency_system');
    const outcomes = await Promise.all([...ids, ...ids, ...ids].map((id) => projectDossier(deps, id)));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(30);
    const c = await countersOf(agency);
    expect(c).toMatchObject({
      dossiers: 30, received: 15, agencyActed: 15, 'st:received': 15, 'st:submitted': 15,
      'ch:desk': 10, 'ch:online': 20, 'pr:1.001193': 30, 'due:2031-05-16': 15,
    });
    // Desk dossiers are every third (i % 3 === 0), received ones every second: 5 are both (0, 6, …, 24).
    expect(c.onlineReceived).toBe(10);
  });

  it('contention (issue 20): 200 concurrent dossier events into one agency-month through the consumer, counters exact and no message failed', async () => {
    const agency = `T5-${run}`;
    const { dossiers, deps } = reader();
    // 150 dossiers; 50 of them delivered twice (a redelivery or a second event of the dossier): 200 events.
    const ids = mixedDossiers(dossiers, agency, 'p5', 150, 'official');
    const events = [...ids, ...ids.slice(0, 50)];
    expect(events).toHaveLength(200);
    // One event per SQS batch, all 200 batches at once: the most concurrent transactions the
    // consumer can put on the agency-month (batches of 10 would project up to 10 dossiers in turn).
    const handler = makeHandler(deps);
    const responses = await Promise.all(events.map((id, i) => handler({
      Records: [{
        messageId: `m${i}`, receiptHandle: `rh${i}`, body: JSON.stringify({ dossierId: id }), attributes: {} as never, messageAttributes: {},
        md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:ap-southeast-1:1:index-counters', awsRegion: 'ap-southeast-1',
      }],
    })));
    // A failed item is what SQS would redeliver and, after maxReceiveCount, dead-letter: none.
    expect(responses.flatMap((r) => r.batchItemFailures)).toEqual([]);
    const c = await countersOf(agency);
    expect(c).toMatchObject({
      dossiers: 150, received: 75, agencyActed: 75, 'st:received': 75, 'st:submitted': 75,
      'ch:desk': 50, 'ch:online': 100, 'pr:1.001193': 150, 'due:2031-05-16': 75,
    });
    // Desk dossiers are every third, received ones every second: 25 are both (i % 6 === 0).
    expect(c.onlineReceived).toBe(50);
  }, 60_000);

  it('write shards (issue 20): a sharded agency-month sums exactly, also after its shard count is raised mid-run', async () => {
    const agency = `T6-${run}`;
    const counts = new Map([[agency, 2]]);
    const sharded = new DynamoEvaluationStore(dynamoClient, () => tableName('evaluation'), (a) => counts.get(a) ?? 1);
    const { dossiers, deps } = reader(sharded);
    const ids = mixedDossiers(dossiers, agency, 'p6', 40, 'official');
    await Promise.all(ids.map((id) => projectDossier(deps, id)));
    const summed = async () => (await sharded.counters([{ agencyCode: agency, month: MONTH }])).get(`${agency}|${MONTH}`) ?? {};
    expect(await summed()).toMatchObject({ dossiers: 40, 'st:received': 20, 'st:submitted': 20, 'ch:desk': 14, 'ch:online': 26 });
    // The deltas were spread: shard 0 (the unsharded key, what an unsharded reader finds) holds only part.
    const shard0 = (await countersOf(agency)).dossiers ?? 0;
    expect(shard0).toBeGreaterThan(0);
    expect(shard0).toBeLessThan(40);

    // Raised to 8: the submitted dossiers are received, their deltas now land on their new shards.
    counts.set(agency, 8);
    for (const id of ids) {
      const d = dossiers.get(id)!;
      if (d.record.status === 'submitted') dossiers.set(id, { record: received(d.record), history: [...d.history, entry('receive', 'official')] });
    }
    await Promise.all(ids.map((id) => projectDossier(deps, id)));
    const c = await summed();
    expect(c).toMatchObject({ dossiers: 40, received: 40, 'st:received': 40, 'st:submitted': 0, 'ch:desk': 14, 'ch:online': 26, 'pr:1.001193': 40 });
  }, 60_000);

  it('a dossier that changed agency-month moves its whole contribution', async () => {
    const agency = `T4-${run}`;
    const { dossiers, deps } = reader();
    const id = `p4-${run}`;
    dossiers.set(id, { record: record(id, agency), history: [] });
    await projectDossier(deps, id);
    // The same dossier re-recorded with another submission date (an agency system's correction).
    dossiers.set(id, { record: record(id, agency, { version: 3, submittedAt: '2031-06-01T01:00:00.000Z' }), history: [] });
    await projectDossier(deps, id);
    expect((await countersOf(agency, MONTH)).dossiers).toBe(0);
    expect((await countersOf(agency, '2031-06')).dossiers).toBe(1);
  });

  it('a dossier no longer found changes nothing', async () => {
    const { deps } = reader();
    expect(await projectDossier(deps, `missing-${run}`)).toBe('missing');
  });
});
