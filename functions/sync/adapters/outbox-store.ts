// Each agency system's outbox in the `sync` table (docs/sync.md "Outbound"):
//
//   pk OUT#<keyId>[#s<shard>]   sk <at>#<dossierId>#<version>   the event as delivered, and its delivery state
//
// The busiest systems' outboxes are write-sharded by dossier (domain/outbound.ts OUTBOX_SHARDS;
// shard 0 is OUT#<keyId>); a pull reads every shard after the cursor and merges them by sort key
// (shared/pagination/k-way-merge.ts), so the cursor stays the last sort key returned, as before.
//
// One item per (system, event), written once (conditional put): a redelivered message finds it and
// sends again only what is not yet delivered. A delivered item is never set back to pending.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { isConditionFailure } from '../../../shared/aws/dynamo-errors';
import type { OutboundEvent, OutboxItem } from '../../../shared/contracts/sync';
import { shardKey } from '../../../shared/shards/key-shards';
import { mergeShards } from '../../../shared/pagination/k-way-merge';
import { outboxPk, outboxShardPk, outboxShardsOf, outboxSk } from '../domain/outbound';
import { addSystemStats } from './system-stats';

export type DeliveryState = OutboxItem['delivery']['state'];

/** The system's outbox key (shard 0) and the last sort key returned. */
export interface OutboxCursor { pk: string; sk: string }

export interface OutboxStore {
  /** Makes sure each system has the event in its outbox; returns each one's delivery state. */
  prepare(keyIds: readonly string[], event: OutboundEvent, now: string): Promise<Map<string, DeliveryState>>;
  delivered(keyId: string, event: OutboundEvent, attempts: number, now: string): Promise<void>;
  /** Records a failed attempt for each system (pending ones only), in one write where it can. */
  failed(failures: readonly { keyId: string; error: string }[], event: OutboundEvent, attempts: number, now: string): Promise<void>;
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
    // One read for the retries' common case (every item already there), then a conditional put
    // of each missing one (a concurrent put loses to the first: its state is read back).
    const states = new Map<string, DeliveryState>();
    for (let i = 0; i < keyIds.length; i += 100) {
      let keys: Record<string, unknown>[] = keyIds.slice(i, i + 100).map((k) => ({ pk: outboxShardPk(k, event.dossierId), sk }));
      for (let round = 0; keys.length && round < 5; round++) {
        const out = await db.send(new lib.BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'keyId, #state', ExpressionAttributeNames: { '#state': 'state' } } } }));
        for (const item of out.Responses?.[table] ?? []) states.set(String(item.keyId), item.state as DeliveryState);
        keys = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
      }
      if (keys.length) throw new Error('outbox read left keys unprocessed');
    }
    const ready = { db, table, lib };
    await Promise.all(keyIds.filter((k) => !states.has(k)).map(async (keyId) => {
      try {
        await db.send(new lib.PutCommand({
          TableName: table,
          Item: { pk: outboxShardPk(keyId, event.dossierId), sk, keyId, event, state: 'pending', attempts: 0, lastAttemptAt: null, lastError: null, deliveredAt: null, createdAt: now },
          ConditionExpression: 'attribute_not_exists(pk)',
        }));
      } catch (error) {
        // Prepared before (a concurrent or earlier copy of the message): its state is read back.
        if (!isConditionFailure(error)) throw error;
        const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: outboxShardPk(keyId, event.dossierId), sk }, ConsistentRead: true }));
        states.set(keyId, (out.Item?.state as DeliveryState | undefined) ?? 'pending');
        return;
      }
      states.set(keyId, 'pending');
      // The system's backlog counter (sync health), once per item put, after the put: outside any
      // transaction (system-stats.ts; a crash between is an undercount of the statistic).
      await addSystemStats(ready, keyId, { outboundPending: 1 });
    }));
    return states;
  }

  async delivered(keyId: string, event: OutboundEvent, attempts: number, now: string) {
    const { db, table, lib } = await this.ready();
    try {
      // Delivered once (conditional on pending).
      await db.send(new lib.UpdateCommand({
        TableName: table, Key: { pk: outboxShardPk(keyId, event.dossierId), sk: outboxSk(event) },
        UpdateExpression: 'SET #state = :delivered, deliveredAt = :now, lastAttemptAt = :now, attempts = :attempts, lastError = :null',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':delivered': 'delivered', ':pending': 'pending', ':now': now, ':attempts': attempts, ':null': null },
      }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return; // delivered before: nothing to count again
    }
    // Counted by the call that delivered it, after (system-stats.ts).
    await addSystemStats({ db, table, lib }, keyId, { outboundPending: -1, outboundDelivered: 1 }, { lastDeliveredAt: now });
  }

  async failed(failures: readonly { keyId: string; error: string }[], event: OutboundEvent, attempts: number, now: string) {
    const { db, table, lib } = await this.ready();
    const update = (f: { keyId: string; error: string }) => ({
      TableName: table, Key: { pk: outboxShardPk(f.keyId, event.dossierId), sk: outboxSk(event) },
      UpdateExpression: 'SET lastAttemptAt = :now, attempts = :attempts, lastError = :error',
      // Never over a delivered item (a concurrent copy of the message delivered it).
      ConditionExpression: '#state = :pending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pending': 'pending', ':now': now, ':attempts': attempts, ':error': f.error.slice(0, 300) },
    });
    const one = async (f: { keyId: string; error: string }) => {
      try {
        await db.send(new lib.UpdateCommand(update(f)));
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
      }
    };
    if (failures.length === 1) return one(failures[0]!);
    for (let i = 0; i < failures.length; i += 100) {
      const chunk = failures.slice(i, i + 100);
      try {
        await db.send(new lib.TransactWriteCommand({ TransactItems: chunk.map((f) => ({ Update: update(f) })) }));
      } catch (e) {
        // One was delivered meanwhile: record the others one by one.
        if (!isConditionFailure(e)) throw e;
        await Promise.all(chunk.map(one));
      }
    }
  }

  async list(keyId: string, opts: { limit: number; cursor?: OutboxCursor }) {
    const { db, table, lib } = await this.ready();
    const page = await mergeShards<Record<string, unknown>>({
      shards: outboxShardsOf(keyId), limit: opts.limit, after: opts.cursor?.sk, sortKey: (i) => String(i.sk),
      read: async (shard, after, limit) => {
        const out = await db.send(new lib.QueryCommand({
          TableName: table,
          KeyConditionExpression: after === undefined ? 'pk = :pk' : 'pk = :pk AND sk > :after',
          ExpressionAttributeValues: { ':pk': shardKey(outboxPk(keyId), shard), ...(after === undefined ? {} : { ':after': after }) },
          Limit: limit,
        }));
        const items = out.Items ?? [];
        return { items, next: out.LastEvaluatedKey ? String(out.LastEvaluatedKey.sk) : null };
      },
    });
    return {
      items: page.items.map(itemOf),
      next: page.next === null ? undefined : { pk: outboxPk(keyId), sk: page.next },
    };
  }
}
