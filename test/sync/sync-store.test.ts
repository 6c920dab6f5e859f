// The sync table adapter on DynamoDB Local: an event's outcome is recorded once with the system's
// statistics (a redelivered record changes nothing), a later event's time is never moved back, and a
// dossier counts as reported once, in its month.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DynamoSyncStore } from '../../functions/sync/adapters/sync-store';
import { uniqueDossierCode } from '../support/dossier-codes';

const store = new DynamoSyncStore(dynamoClient, () => tableName('sync'));

describe('DynamoSyncStore', () => {
  it('records an event once: statistics and error report count it once however often it is recorded', async () => {
    const keyId = `store-${randomUUID().slice(0, 8)}`;
    const code = uniqueDossierCode('000.00.00.H26', '261201');
    const applied = { eventId: 'evt-a-0001', code, at: '2026-12-01T02:00:00.000Z', status: 'received' };
    await store.record(keyId, applied, 'applied', null, '2026-12-01T02:00:01.000Z');
    await store.record(keyId, applied, 'applied', null, '2026-12-01T02:00:02.000Z'); // redelivered
    const impossible = { eventId: 'evt-b-0001', code, at: '2026-12-01T03:00:00.000Z', status: 'received' };
    await store.record(keyId, impossible, 'impossible', 'no path from returned to received', '2026-12-01T03:00:01.000Z');
    await store.record(keyId, impossible, 'impossible', 'no path from returned to received', '2026-12-01T03:00:02.000Z');
    // An older event applied after a newer one: recorded, the dossier's time stays.
    await store.record(keyId, { ...applied, eventId: 'evt-c-0001', at: '2026-12-01T01:00:00.000Z' }, 'applied', null, '2026-12-01T03:30:00.000Z');

    expect(await store.stats(keyId)).toEqual({
      events: 3, applied: 2, errors: 1,
      lastEventAt: '2026-12-01T03:30:00.000Z', lastAppliedAt: '2026-12-01T03:30:00.000Z', lastErrorAt: '2026-12-01T03:00:01.000Z',
      outboundPending: 0, outboundDelivered: 0, lastDeliveredAt: null,
    });
    expect(await store.errors(keyId, 10)).toHaveLength(1);
    expect(await store.lastAppliedAt(code)).toBe('2026-12-01T02:00:00.000Z');
    expect(await store.outcome(keyId, 'evt-c-0001')).toBe('applied');
  });

  it('counts a reported dossier once per code, in the month given', async () => {
    const agency = `AG${randomUUID().slice(0, 6)}`;
    const codes = [`${agency}-261130-0001`, `${agency}-261130-0002`];
    // One after another, as the FIFO consumer reports a dossier's events (one group = one code).
    const results: boolean[] = [];
    for (const c of [...codes, ...codes, codes[0]!]) results.push(await store.countReported(agency, c, '2026-11'));
    expect(results.filter(Boolean)).toHaveLength(2);
    expect(await store.reportedCount(agency, '2026-11')).toBe(2);
    expect(await store.reportedCount(agency, '2026-12')).toBe(0);
  });

  it('counts 200 concurrent events of one system and 200 concurrent reports into one agency-month exactly', async () => {
    // The statistics are write-sharded outside the transactions, the sync-ratio counter sharded
    // inside its own: concurrent writers neither fail on each other nor lose a count.
    const keyId = `store-${randomUUID().slice(0, 8)}`;
    const agency = `AG${randomUUID().slice(0, 6)}`;
    const n = 200;
    await Promise.all(Array.from({ length: n }, (_, i) => {
      const code = `${agency}-261201-${String(i).padStart(4, '0')}`;
      return Promise.all([
        store.record(keyId, { eventId: `evt-${i}`, code, at: '2026-12-01T02:00:00.000Z', status: 'received' }, i % 10 ? 'applied' : 'refused', null, '2026-12-01T02:00:01.000Z'),
        store.countReported(agency, code, '2026-12'),
      ]);
    }));
    expect(await store.stats(keyId)).toMatchObject({ events: n, applied: n - n / 10, errors: n / 10, lastEventAt: '2026-12-01T02:00:01.000Z' });
    expect(await store.reportedCount(agency, '2026-12')).toBe(n);
  });

  it('keeps the last failure of a message for the dead-letter list', async () => {
    const id = randomUUID();
    await store.recordFailure({ messageId: id, why: 'no dossier X (yet)', attempts: 2, at: '2026-12-01T00:00:00.000Z' });
    await store.recordFailure({ messageId: id, why: 'no dossier X (yet)', attempts: 3, at: '2026-12-01T00:00:05.000Z' });
    const found = await store.failures([id, 'unknown-id']);
    expect([...found.keys()]).toEqual([id]);
    expect(found.get(id)).toMatchObject({ attempts: 3 });
  });
});
