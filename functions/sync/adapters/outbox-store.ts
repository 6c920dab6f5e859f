// Each agency system's outbox in the `sync` table (docs/sync.md "Outbound"):
//
//   pk OUT#<keyId>   sk <at>#<dossierId>#<version>   the event as delivered, and its delivery state
//
// One item per (system, event), written once (conditional put): a redelivered message finds it and
// sends again only what is not yet delivered. A delivered item is never set back to pending.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';
import type { OutboundEvent, OutboxItem } from '../../../shared/contracts/sync';
import { outboxPk, outboxSk } from '../domain/outbound';

export type DeliveryState = OutboxItem['delivery']['state'];

export interface OutboxCursor { pk: string; sk: string }

export interface OutboxStore {
  /** Makes sure each system has the event in its outbox; returns each one's delivery state. */
  prepare(keyIds: readonly string[], event: OutboundEvent, now: string): Promise<Map<string, DeliveryState>>;
  delivered(keyId: string, event: OutboundEvent, attempts: number, now: string): Promise<void>;
  failed(keyId: string, event: OutboundEvent, attempts: number, error: string, now: string): Promise<void>;
  /** A system's outbox, oldest first. */
  list(keyId: string, opts: { limit: number; cursor?: OutboxCursor }): Promise<{ items: OutboxItem[]; next?: OutboxCursor }>;
}

const itemOf = (i: Record<string, unknown>): OutboxItem => ({
  event: i.event as OutboundEvent,
  delivery: {
    state: i.state as DeliveryState,
    attempts: Number(i.attempts ?? 0),
    lastAttemptAt: (i.lastAttemptAt as string | null | undefined) ?? null,
    lastError: (i.lastError as string | null | undefined) ?? null,
    deliveredAt: (i.deliveredAt as string | null | undefined) ?? null,
  },
});

export class DynamoOutboxStore implements OutboxStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  async prepare(keyIds: readonly string[], event: OutboundEvent, now: string) {
    const { db, table, lib } = await this.ready();
    const sk = outboxSk(event);
    const states = await Promise.all(keyIds.map(async (keyId): Promise<[string, DeliveryState]> => {
      try {
        await db.send(new lib.PutCommand({
          TableName: table,
          Item: { pk: outboxPk(keyId), sk, keyId, event, state: 'pending', attempts: 0, lastAttemptAt: null, lastError: null, deliveredAt: null, createdAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
        return [keyId, 'pending'];
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: outboxPk(keyId), sk }, ConsistentRead: true }));
        return [keyId, (out.Item?.state as DeliveryState | undefined) ?? 'pending'];
      }
    }));
    return new Map(states);
  }

  async delivered(keyId: string, event: OutboundEvent, attempts: number, now: string) {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.UpdateCommand({
      TableName: table, Key: { pk: outboxPk(keyId), sk: outboxSk(event) },
      UpdateExpression: 'SET #state = :delivered, deliveredAt = :now, lastAttemptAt = :now, attempts = :attempts, lastError = :null',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':delivered': 'delivered', ':now': now, ':attempts': attempts, ':null': null },
    }));
  }

  async failed(keyId: string, event: OutboundEvent, attempts: number, error: string, now: string) {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.UpdateCommand({
        TableName: table, Key: { pk: outboxPk(keyId), sk: outboxSk(event) },
        UpdateExpression: 'SET lastAttemptAt = :now, attempts = :attempts, lastError = :error',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':pending': 'pending', ':now': now, ':attempts': attempts, ':error': error.slice(0, 300) },
      }));
    } catch (e) {
      // Delivered meanwhile (a concurrent copy of the message): nothing to record.
      if (!isConditionFailure(e)) throw e;
    }
  }

  async list(keyId: string, opts: { limit: number; cursor?: OutboxCursor }) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': outboxPk(keyId) },
      Limit: opts.limit,
      ...(opts.cursor ? { ExclusiveStartKey: opts.cursor } : {}),
    }));
    const last = out.LastEvaluatedKey;
    return {
      items: (out.Items ?? []).map(itemOf),
      next: last && typeof last.pk === 'string' && typeof last.sk === 'string' ? { pk: last.pk, sk: last.sk } : undefined,
    };
  }
}
