// The outbox fan-out: stream records of history items become queue messages, batched per queue and
// round; anything else is ignored; a record that cannot be forwarded is reported for retry with its
// dossier's later records, the other dossiers' are not.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { BatchMessage } from '../../shared/aws/sqs-batch';
import { eventOfRecord, makeHandler, messagesOf, notifies, type FanOutDeps, type FanOutQueue } from './events';
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

/** A fake of the queues and the registry view: what each call carried, and entries made to fail. */
const fakeDeps = (options: { failBody?: (queue: FanOutQueue, body: string) => boolean; subscribed?: (agency: string) => boolean } = {}) => {
  const calls: { queue: FanOutQueue; messages: BatchMessage[] }[] = [];
  const deps: FanOutDeps = {
    async send(queue, messages) {
      calls.push({ queue, messages: [...messages] });
      return messages.filter((m) => options.failBody?.(queue, m.body)).map((m) => ({ id: m.id, code: 'InternalError' }));
    },
    async hasSubscribedSystem(agency) {
      if (agency === 'UNKNOWN') throw Object.assign(new Error('registry down'), { name: 'ProvisionedThroughputExceededException' });
      return options.subscribed?.(agency) ?? true;
    },
  };
  const sent = (queue: FanOutQueue) => calls.filter((c) => c.queue === queue && c.messages.length)
    .flatMap((c) => c.messages.map((m) => JSON.parse(m.body) as DossierEvent)).map((e) => `${e.dossierId}@${e.version}`);
  return { deps, calls, sent };
};

describe('handler', () => {
  const submitted = (dossierId: string, version: number, agencyCode = 'A') =>
    event('submit', version, { dossierId, agencyCode, actor: { kind: 'applicant', id: 'u-1' } });

  it('forwards notifying events, skips the rest, and sends each queue one batch a round', async () => {
    const { deps, calls, sent } = fakeDeps();
    const stream: DynamoDBStreamEvent = {
      Records: [
        historyRecord(submitted('d-1', 2), '100'),
        historyRecord(event('receive', 3), '101'),
        historyRecord(event('receive', 3, { dossierId: 'd-2' }), '102'),
        record({ pk: 'D#d-1', sk: 'META' }, '103'),
        historyRecord(event('finish', 5, { dossierId: 'd-3' }), '104'),
      ],
    };
    expect(await makeHandler(deps)(stream)).toEqual({ batchItemFailures: [] });
    expect(sent('notifications')).toEqual(['d-2@3', 'd-3@5', 'd-1@3']);
    // Agency systems hear of the applicant's submission only (officials' actions are theirs).
    expect(sent('sync-outbound')).toEqual(['d-1@2']);
    // The index counters hear of every event (not the META write).
    expect(sent('index-counters')).toEqual(['d-1@2', 'd-2@3', 'd-3@5', 'd-1@3']);
    // Two rounds (d-1 has two events): one call per queue with messages in each.
    expect(calls.map((c) => `${c.queue}:${c.messages.length}`)).toEqual([
      'notifications:2', 'sync-outbound:1', 'index-counters:3', 'notifications:1', 'index-counters:1',
    ]);
  });

  it('keeps sync-outbound\'s message group and deduplication id (FIFO per dossier, once per version)', async () => {
    const { deps, calls } = fakeDeps();
    await makeHandler(deps)({ Records: [historyRecord(submitted('d-7', 2), '1')] });
    const outbound = calls.find((c) => c.queue === 'sync-outbound')!.messages;
    expect(outbound).toEqual([expect.objectContaining({ groupId: 'd-7', dedupId: 'd-7#2' })]);
    expect(calls.find((c) => c.queue === 'index-counters')!.messages[0]).not.toHaveProperty('groupId');
  });

  it('reports a record not wholly sent with its dossier\'s later records; other dossiers go on', async () => {
    const { deps, sent } = fakeDeps({ failBody: (queue, body) => queue === 'notifications' && (JSON.parse(body) as DossierEvent).version === 4 });
    const stream: DynamoDBStreamEvent = {
      Records: [
        historyRecord(event('receive', 3), '100'),
        historyRecord(event('request_supplement', 4), '101'),
        historyRecord(event('receive', 3, { dossierId: 'd-2' }), '102'),
        historyRecord(event('finish', 5), '103'),
        historyRecord(event('finish', 5, { dossierId: 'd-2' }), '104'),
      ],
    };
    const result = await makeHandler(deps)(stream);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '101' }, { itemIdentifier: '103' }]);
    // d-1's finish is held back (never sent before its request_supplement); d-2 is whole.
    expect(sent('index-counters')).toEqual(['d-1@3', 'd-2@3', 'd-1@4', 'd-2@5']);
    // (attempted: d-1@4's notification is the one refused)
    expect(sent('notifications').filter((x) => x.startsWith('d-1'))).toEqual(['d-1@3', 'd-1@4']);
  });

  it('sends no sync-outbound message for an agency no system covers, and retries when that is unknown', async () => {
    const { deps, sent } = fakeDeps({ subscribed: (agency) => agency === 'A' });
    const result = await makeHandler(deps)({
      Records: [
        historyRecord(submitted('d-1', 2, 'A'), '1'),
        historyRecord(submitted('d-2', 2, 'B'), '2'),
        historyRecord(submitted('d-3', 2, 'UNKNOWN'), '3'),
      ],
    });
    expect(sent('sync-outbound')).toEqual(['d-1@2']);
    expect(sent('index-counters')).toEqual(['d-1@2', 'd-2@2']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '3' }]);
  });

  it('asks the registry only for events agency systems subscribe to', async () => {
    const asked: string[] = [];
    const { deps } = fakeDeps({ subscribed: (agency) => { asked.push(agency); return true; } });
    await makeHandler(deps)({ Records: [historyRecord(event('receive', 3, { agencyCode: 'X' }), '1'), historyRecord(submitted('d-2', 2, 'Y'), '2')] });
    expect(asked).toEqual(['Y']);
  });
});

describe('messagesOf', () => {
  it('owes an unsubscribed agency\'s submission to the counters only', () => {
    expect(messagesOf(event('submit', 2, { actor: { kind: 'applicant', id: 'u' } }), false).map((m) => m.queue)).toEqual(['index-counters']);
    expect(messagesOf(event('submit', 2, { actor: { kind: 'applicant', id: 'u' } }), true).map((m) => m.queue)).toEqual(['sync-outbound', 'index-counters']);
  });
});
