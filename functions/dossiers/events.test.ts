// The outbox fan-out: stream records of history items become notification messages; anything else
// is ignored; a record that cannot be forwarded is reported for retry, the others are not.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { eventOfRecord, makeHandler, notifies, type EventSink } from './events';
import type { DossierEvent } from './domain/dossier';

const event = (action: string, version: number, over: Partial<DossierEvent> = {}): DossierEvent => ({
  type: 'dossier.transitioned', at: '2026-11-20T03:00:00.000Z', actor: { kind: 'official', id: 'o-1' }, action: action as DossierEvent['action'],
  from: 'submitted', to: 'received', note: null, dossierId: 'd-1', version, code: 'A-261120-0001', agencyCode: 'A',
  procedureCode: '1.001266', channel: 'online', statusCode: 2, ...over,
});

const record = (item: Record<string, unknown>, seq: string, eventName: 'INSERT' | 'MODIFY' = 'INSERT'): DynamoDBRecord => ({
  eventID: seq, eventName, eventSource: 'aws:dynamodb',
  dynamodb: { Keys: marshall({ pk: item.pk, sk: item.sk }) as never, NewImage: marshall(item, { removeUndefinedValues: true }) as never, SequenceNumber: seq },
});
const historyRecord = (e: DossierEvent, seq: string) => record({ ...e, pk: `D#${e.dossierId}`, sk: `H#${String(e.version).padStart(6, '0')}` }, seq);

describe('eventOfRecord', () => {
  it('reads a newly written history item back as the event', async () => {
    expect(await eventOfRecord(historyRecord(event('receive', 3), '1'))).toEqual(event('receive', 3));
  });
  it('ignores dossier state items, counters, modifications and removals', async () => {
    expect(await eventOfRecord(record({ pk: 'D#d-1', sk: 'META', status: 'received' }, '1'))).toBeNull();
    expect(await eventOfRecord(record({ pk: 'SEQ#A#2026-11-20', sk: 'SEQ', seq: 4 }, '2'))).toBeNull();
    expect(await eventOfRecord({ ...historyRecord(event('receive', 3), '3'), eventName: 'MODIFY' })).toBeNull();
    expect(await eventOfRecord({ eventID: '4', eventName: 'REMOVE', dynamodb: { Keys: marshall({ pk: 'x', sk: 'y' }) as never } })).toBeNull();
  });
});

describe('notifies (from the transition table)', () => {
  it.each([
    ['receive', true], ['refuse', true], ['request_supplement', true], ['issue_apology', true], ['finish', true],
    ['return_result', true], ['withdraw', true], ['request_payment', true], ['stop', true],
    ['submit', false], ['start', false], ['resume', false], ['supplement', false], ['confirm_payment', false],
  ])('%s → %s', (action, expected) => {
    expect(notifies(event(action, 2))).toBe(expected);
  });
});

describe('handler', () => {
  it('forwards notifying events, skips the rest, and reports only the record that failed', async () => {
    const sent: string[] = [];
    const outbound: string[] = [];
    const counted: string[] = [];
    const sink: EventSink = {
      async notify(e) {
        if (e.version === 4) throw new Error('queue unavailable');
        sent.push(`${e.action}@${e.version}`);
      },
      async outbound(e) {
        outbound.push(`${e.action}@${e.version}`);
      },
      async counters(e) {
        counted.push(`${e.dossierId}@${e.version}`);
      },
    };
    const handler = makeHandler(sink);
    const stream: DynamoDBStreamEvent = {
      Records: [
        historyRecord(event('submit', 2, { actor: { kind: 'applicant', id: 'u-1' } }), '100'),
        historyRecord(event('receive', 3), '101'),
        historyRecord(event('request_supplement', 4), '102'),
        record({ pk: 'D#d-1', sk: 'META' }, '103'),
        historyRecord(event('finish', 5), '104'),
      ],
    };
    const result = await handler(stream);
    expect(sent).toEqual(['receive@3', 'finish@5']);
    // Agency systems hear of the applicant's submission only (officials' actions are theirs).
    expect(outbound).toEqual(['submit@2']);
    // The index counters hear of every event (not the META write); the failed record stops before them.
    expect(counted).toEqual(['d-1@2', 'd-1@3', 'd-1@5']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '102' }]);
  });
});
