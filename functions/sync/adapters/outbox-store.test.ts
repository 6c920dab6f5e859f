// The outbox's error paths (aws-sdk-client-mock over a small in-memory table): the outbox item is
// written on its own and the system's statistics after it, outside any transaction, so contention or
// a failure on the statistics can never leave an event pushed without its outbox item
// (docs/sync.md "Outbound", "Health").
import { ConditionalCheckFailedException, DynamoDBClient, ProvisionedThroughputExceededException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboundEvent } from '../../../shared/contracts/sync';
import { outboxPk, outboxSk } from '../domain/outbound';
import { DynamoOutboxStore } from './outbox-store';
import { STATS_SHARDS } from './system-stats';

const TABLE = 'sync';
const KEY_ID = 'hcm-system';
const NOW = '2026-03-02T02:00:00.000Z';
const event = {
  schemaVersion: 1, eventId: 'd-1:2', type: 'dossier.submitted', action: 'submit', code: '000.00.00.H29-260302-0001',
  dossierId: 'd-1', version: 2, agencyCode: '000.00.00.H29', procedureCode: '1.001193', channel: 'online',
  from: 'draft', status: 'submitted', statusCode: 1, at: NOW, actor: 'applicant', note: null,
} as unknown as OutboundEvent;
const outboxKey = `${outboxPk(KEY_ID)}|${outboxSk(event)}`;

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
const db = mockClient(client);
afterEach(() => db.reset());

/**
 * The outbox items written so far, in a table whose first `busy` statistics updates fail as
 * DynamoDB fails a write it throttles (the statistics are written after the outbox put).
 */
const fakeTable = (busy: number) => {
  const items = new Map<string, Record<string, unknown>>();
  let left = busy;
  const keyOf = (k: Record<string, unknown>) => `${String(k.pk)}|${String(k.sk)}`;
  db.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Record<string, unknown>[] }> }) => ({
    Responses: { [TABLE]: input.RequestItems[TABLE]!.Keys.map((k) => items.get(keyOf(k))).filter(Boolean) },
  }));
  db.on(GetCommand).callsFake((input: { Key: Record<string, unknown> }) => ({ Item: items.get(keyOf(input.Key)) }));
  db.on(PutCommand).callsFake((input: { Item: Record<string, unknown> }) => {
    if (items.has(keyOf(input.Item))) throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
    items.set(keyOf(input.Item), input.Item);
    return {};
  });
  db.on(UpdateCommand).callsFake(() => {
    if (left > 0) {
      left--;
      throw new ProvisionedThroughputExceededException({ message: 'Throughput exceeds the current capacity', $metadata: {} });
    }
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

const statsUpdates = () => db.commandCalls(UpdateCommand).map((c) => c.args[0].input).filter((u) => String(u.Key?.pk).startsWith('SYS#'));

describe('DynamoOutboxStore and the system statistics', () => {
  it('puts the outbox item outside any transaction, then counts it on one statistics shard', async () => {
    const items = fakeTable(0);
    const states = await new DynamoOutboxStore(client, TABLE).prepare([KEY_ID], event, NOW);
    expect(states.get(KEY_ID)).toBe('pending');
    expect(items.get(outboxKey)).toMatchObject({ keyId: KEY_ID, state: 'pending', event });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(statsUpdates()).toHaveLength(1);
    expect(statsUpdates()[0]).toMatchObject({ Key: { pk: expect.stringMatching(new RegExp(`^SYS#${KEY_ID}#s[0-${STATS_SHARDS - 1}]$`)), sk: 'STATS' } });
    expect(statsUpdates()[0]!.UpdateExpression).toBe('ADD outboundPending :outboundPending');
  });

  it('keeps the outbox item when the statistics write fails, and does not count it twice on the retry', async () => {
    const items = fakeTable(1);
    const states = await prepareAsSqsRetries(new DynamoOutboxStore(client, TABLE));
    expect(states.get(KEY_ID)).toBe('pending');
    expect(items.get(outboxKey)).toMatchObject({ keyId: KEY_ID, state: 'pending', event });
    // The failed statistics write is the undercount docs/sync.md accepts: the retry finds the item.
    expect(statsUpdates()).toHaveLength(1);
  });

  it('reads back the state of an item prepared before (its condition failed) and counts nothing', async () => {
    db.on(BatchGetCommand).resolves({ Responses: { [TABLE]: [] } });
    db.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} }));
    db.on(GetCommand).resolves({ Item: { pk: outboxPk(KEY_ID), sk: outboxSk(event), keyId: KEY_ID, state: 'delivered' } });
    const states = await new DynamoOutboxStore(client, TABLE).prepare([KEY_ID], event, NOW);
    expect(states.get(KEY_ID)).toBe('delivered');
    expect(statsUpdates()).toHaveLength(0);
  });

  it('counts a delivery once, after the conditional update, and not for an item delivered before', async () => {
    db.on(UpdateCommand).callsFake((input: { Key: Record<string, unknown> }) => {
      if (String(input.Key.pk).startsWith('OUT#') && db.commandCalls(UpdateCommand).length > 2) {
        throw new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
      }
      return {};
    });
    const store = new DynamoOutboxStore(client, TABLE);
    await store.delivered(KEY_ID, event, 1, NOW);
    await store.delivered(KEY_ID, event, 2, NOW);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
    expect(statsUpdates().map((u) => u.ExpressionAttributeValues)).toEqual([{ ':outboundPending': -1, ':outboundDelivered': 1, ':lastDeliveredAt': NOW }]);
  });
});
