// The outbox's error paths (aws-sdk-client-mock over a small in-memory table): a transaction that
// DynamoDB cancels because another transaction held the system's statistics item at the same time
// wrote nothing, so `prepare` must not report the event as prepared (docs/sync.md "Outbound").
import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundEvent } from '../../../shared/contracts/sync';
import { outboxPk, outboxSk } from '../domain/outbound';
import { DynamoOutboxStore } from './outbox-store';

const TABLE = 'sync';
const KEY_ID = 'hcm-system';
const NOW = '2026-03-02T02:00:00.000Z';
const event = {
  schemaVersion: 1, eventId: 'd-1:2', type: 'dossier.submitted', action: 'submit', code: '000.00.00.H29-260302-0001',
  dossierId: 'd-1', version: 2, agencyCode: '000.00.00.H29', procedureCode: '1.001193', channel: 'online',
  from: 'draft', status: 'submitted', statusCode: 1, at: NOW, actor: 'applicant', note: null,
} as unknown as OutboundEvent;
const outboxKey = `${outboxPk(KEY_ID)}|${outboxSk(event)}`;

/** What DynamoDB answers when a transaction meets another one on one of its items (here the second: the statistics). */
const cancelled = (codes: string[]) => new TransactionCanceledException({
  message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${codes.join(', ')}]`,
  $metadata: {},
  CancellationReasons: codes.map((Code) => ({ Code })),
});

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
const db = mockClient(client);
afterEach(() => db.reset());

/**
 * The outbox items written so far, and a table that cancels the first `conflicts` transactions
 * as DynamoDB does when the statistics item is busy, then applies the puts of the others.
 */
const fakeTable = (conflicts: number) => {
  const items = new Map<string, Record<string, unknown>>();
  let left = conflicts;
  const keyOf = (k: Record<string, unknown>) => `${String(k.pk)}|${String(k.sk)}`;
  db.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> }) => ({
    Responses: { [TABLE]: input.RequestItems[TABLE]!.Keys.map((k) => items.get(keyOf(k))).filter(Boolean) },
  }));
  db.on(GetCommand).callsFake((input: { Key: Record<string, unknown> }) => ({ Item: items.get(keyOf(input.Key)) }));
  db.on(TransactWriteCommand).callsFake((input: { TransactItems: { Put?: { Item: Record<string, unknown> } }[] }) => {
    if (left > 0) {
      left--;
      throw cancelled(['None', 'TransactionConflict']);
    }
    for (const t of input.TransactItems) if (t.Put) items.set(keyOf(t.Put.Item), t.Put.Item);
    return {};
  });
  return items;
};

/** The consumer's contract with SQS: a thrown message comes back and is prepared again. */
const prepareAsSqsRetries = async (store: DynamoOutboxStore, attempts = 3) => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.prepare([KEY_ID], event, NOW);
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
};

describe('DynamoOutboxStore.prepare under contention on the statistics item', () => {
  it('throws when the transaction was cancelled by a conflict, instead of reporting the event prepared', async () => {
    const items = fakeTable(1);
    const store = new DynamoOutboxStore(client, TABLE);
    await expect(store.prepare([KEY_ID], event, NOW)).rejects.toMatchObject({ name: 'TransactionCanceledException' });
    expect(items.has(outboxKey)).toBe(false);
  });

  it('leaves the outbox item written once the message is retried', async () => {
    const items = fakeTable(1);
    const states = await prepareAsSqsRetries(new DynamoOutboxStore(client, TABLE));
    expect(states.get(KEY_ID)).toBe('pending');
    expect(items.get(outboxKey)).toMatchObject({ keyId: KEY_ID, state: 'pending', event });
  });

  it('still reads back the state of an item prepared before (its own condition failed)', async () => {
    db.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    db.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));
    db.on(GetCommand).resolves({ Item: { pk: outboxPk(KEY_ID), sk: outboxSk(event), keyId: KEY_ID, state: 'delivered' } });
    const states = await new DynamoOutboxStore(client, TABLE).prepare([KEY_ID], event, NOW);
    expect(states.get(KEY_ID)).toBe('delivered');
  });
});
