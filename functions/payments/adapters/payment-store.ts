// Payment orders in DynamoDB (the `payments` table, docs/data-model.md). Every write that a race
// could spoil is conditional or transactional: one order per dossier payment round (a round lock
// item), one order per Idempotency-Key (its record written in the order's transaction,
// shared/idempotency), a callback applied once (its event id is written in the same transaction as
// the state change it causes), receipt numbers from an atomic counter.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import type { PaymentStatus } from '../../../shared/contracts/payments';
import type { KeyRecord } from '../../../shared/idempotency/create-once';
import { readKeyRecord, transactWithKey, type StoredKeyItem } from '../../../shared/idempotency/dynamo-key-record';
import type { Mismatch } from '../domain/reconcile';
import { orderRequestFingerprint, type OrderRecord } from '../domain/order';
import { isConditionFailure, failedConditions } from '../../../shared/aws/dynamo-errors';
import { paidDayShardKey, readPaidDay, type PaidOrder } from './paid-day';

export const BY_DOSSIER = 'byDossier';
export const BY_PAID_DAY = 'byPaidDay';
const CALLBACK_TTL_SECONDS = 90 * 24 * 3600;

export const orderPk = (id: string) => `O#${id}`;
export const ORDER_SK = 'ORDER';
export const roundKey = (dossierId: string, round: number) => ({ pk: `D#${dossierId}`, sk: `ROUND#${String(round).padStart(6, '0')}` });
export const callbackKey = (provider: string, eventId: string) => ({ pk: `CB#${provider}#${eventId}`, sk: 'CB' });

export { PAID_DAY_SHARDS, paidDayKey, paidDayShardKey, type PaidOrder } from './paid-day';

/** The order holding a dossier's payment round, its status and expiry. */
export interface RoundLock { orderId: string; status: PaymentStatus; expiresAt: string }

/** An order's Idempotency-Key: whose, which, the request's fingerprint, how long kept. */
export interface OrderKey { sub: string; key: string; fingerprint: string; ttlSeconds: number }

/**
 * How writing a new order ended: written; its key taken (a record, or a twin's transaction holds
 * it); the round held by another live or paid order; or caught in a concurrent transaction on the
 * round lock with nothing decided (`conflict`: write again).
 */
export type CreateResult = 'created' | 'key_taken' | 'round_taken' | 'conflict';

/**
 * An order key's record as payments wrote it before adopting shared/idempotency: `orderId` where
 * the record now has `resultId`, and the dossier in clear where it has the request's fingerprint.
 * Such records live 24 h after that deploy; this mapping can go after.
 */
export const earlierOrderKey = (item: StoredKeyItem): KeyRecord | undefined =>
  typeof item.orderId === 'string' && typeof item.dossierId === 'string'
    ? { resultId: item.orderId, fingerprint: orderRequestFingerprint(item.dossierId) }
    : undefined;

export type ApplyResult = 'applied' | 'duplicate' | 'stale';

export interface ReconciliationReport { provider: string; date: string; ranAt: string; lines: number; mismatches: Mismatch[] }

export interface PaymentStore {
  get(id: string): Promise<OrderRecord | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, OrderRecord | undefined>>;
  /** The record of an applicant's Idempotency-Key (read consistently). */
  orderKey(sub: string, key: string): Promise<KeyRecord | undefined>;
  roundLock(dossierId: string, round: number): Promise<RoundLock | undefined>;
  /** Writes a new order, its key's record and its round's lock in one transaction. */
  create(order: OrderRecord, key: OrderKey): Promise<CreateResult>;
  /** Moves the order from `from` to `to` and records the callback's event id, in one transaction. */
  applyCallback(order: OrderRecord, change: { from: PaymentStatus; to: PaymentStatus; paidAt: string | null; providerRef: string; eventId: string }): Promise<ApplyResult>;
  /** Records a callback that changed nothing; false when this event id was seen before. */
  recordCallback(provider: string, eventId: string, orderId: string, at: string): Promise<boolean>;
  addAnomaly(orderId: string, anomaly: { at: string; kind: string; detail: string }): Promise<void>;
  nextReceiptSequence(counterKey: string): Promise<number>;
  /** Sets the receipt number once; false when the order already has one. */
  setReceiptNumber(orderId: string, receiptNumber: string): Promise<boolean>;
  markDossierConfirmed(orderId: string, at: string): Promise<void>;
  listForDossier(dossierId: string): Promise<OrderRecord[]>;
  /** The orders paid on a local date with a provider, by paid time: their summaries, every shard read. */
  paidOn(provider: string, date: string): Promise<PaidOrder[]>;
  saveReconciliation(report: ReconciliationReport): Promise<void>;
}

const recordOf = (item: Record<string, unknown>): OrderRecord => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, gsi2pk: _g2, gsi2sk: _g2s, ...order } = item;
  return order as unknown as OrderRecord;
};

export class DynamoPaymentStore implements PaymentStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  async get(id: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: orderPk(id), sk: ORDER_SK }, ConsistentRead: true }));
    return out.Item ? recordOf(out.Item) : undefined;
  }

  async getMany(ids: readonly string[]) {
    const result = new Map<string, OrderRecord | undefined>();
    const unique = [...new Set(ids)];
    // Reconciliation reads a day's report; GetItem per order keeps it simple and consistent.
    await Promise.all(unique.map(async (id) => result.set(id, /^[0-9a-f-]{36}$/.test(id) ? await this.get(id) : undefined)));
    return result;
  }

  async orderKey(sub: string, key: string) {
    return readKeyRecord(await this.ready(), sub, key, earlierOrderKey);
  }

  async roundLock(dossierId: string, round: number) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: roundKey(dossierId, round), ConsistentRead: true }));
    return out.Item ? { orderId: String(out.Item.orderId), status: out.Item.status as PaymentStatus, expiresAt: String(out.Item.expiresAt) } : undefined;
  }

  async create(order: OrderRecord, key: OrderKey): Promise<CreateResult> {
    const ready = await this.ready();
    const write = await transactWithKey(ready, {
      scope: key.sub, key: key.key,
      record: { resultId: order.id, fingerprint: key.fingerprint },
      ttl: { attribute: 'purgeAt', at: Math.floor(Date.parse(order.createdAt) / 1000) + key.ttlSeconds },
    }, [
      {
        Put: {
          TableName: ready.table,
          Item: { ...order, pk: orderPk(order.id), sk: ORDER_SK, gsi1pk: `D#${order.dossierId}`, gsi1sk: `${order.createdAt}#${order.id}` },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        // One live order per round: the lock is free when absent, failed, expired, or pending past its expiry.
        Put: {
          TableName: ready.table,
          Item: { ...roundKey(order.dossierId, order.round), orderId: order.id, status: 'pending', expiresAt: order.expiresAt, expiresAtMs: Date.parse(order.expiresAt) },
          ConditionExpression: 'attribute_not_exists(pk) OR #st IN (:failed, :expired) OR (#st = :pending AND expiresAtMs <= :now)',
          ExpressionAttributeNames: { '#st': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':expired': 'expired', ':pending': 'pending', ':now': Date.parse(order.createdAt) },
        },
      },
    ]);
    if (write.written) return 'created';
    if (write.keyTaken) return 'key_taken';
    if (write.failed[1]) return 'round_taken';
    if (write.conflict) return 'conflict';
    // Only the order's own condition failed: a fresh random id that exists already.
    throw new Error(`payment order ${order.id} exists already`);
  }

  async applyCallback(order: OrderRecord, change: { from: PaymentStatus; to: PaymentStatus; paidAt: string | null; providerRef: string; eventId: string }): Promise<ApplyResult> {
    const { db, table, lib } = await this.ready();
    const at = new Date().toISOString();
    const paid = change.to === 'paid';
    const lock = await this.roundLock(order.dossierId, order.round);
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: { ...callbackKey(order.provider, change.eventId), orderId: order.id, at, applied: change.to, purgeAt: Math.floor(Date.now() / 1000) + CALLBACK_TTL_SECONDS },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: table,
              Key: { pk: orderPk(order.id), sk: ORDER_SK },
              UpdateExpression: paid
                ? 'SET #st = :to, paidAt = :paidAt, providerRef = :ref, version = version + :one, gsi2pk = :g2, gsi2sk = :g2s'
                : 'SET #st = :to, providerRef = :ref, version = version + :one',
              ConditionExpression: '#st = :from AND version = :version',
              ExpressionAttributeNames: { '#st': 'status' },
              ExpressionAttributeValues: {
                ':to': change.to, ':from': change.from, ':version': order.version, ':one': 1, ':ref': change.providerRef,
                ...(paid ? { ':paidAt': change.paidAt, ':g2': paidDayShardKey(order.provider, change.paidAt!, order.id), ':g2s': `${change.paidAt}#${order.id}` } : {}),
              },
            },
          },
          // The round lock follows the order that holds it (a newer order may hold it already).
          ...(lock?.orderId === order.id
            ? [{
                Update: {
                  TableName: table,
                  Key: roundKey(order.dossierId, order.round),
                  UpdateExpression: 'SET #st = :to',
                  ConditionExpression: 'orderId = :id',
                  ExpressionAttributeNames: { '#st': 'status' },
                  ExpressionAttributeValues: { ':to': change.to, ':id': order.id },
                },
              }]
            : []),
        ],
      }));
      return 'applied';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const failed = failedConditions(error);
      return failed[0] ? 'duplicate' : 'stale';
    }
  }

  async recordCallback(provider: string, eventId: string, orderId: string, at: string) {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.PutCommand({
        TableName: table,
        Item: { ...callbackKey(provider, eventId), orderId, at, applied: null, purgeAt: Math.floor(Date.parse(at) / 1000) + CALLBACK_TTL_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async addAnomaly(orderId: string, anomaly: { at: string; kind: string; detail: string }) {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.UpdateCommand({
      TableName: table,
      Key: { pk: orderPk(orderId), sk: ORDER_SK },
      UpdateExpression: 'SET anomalies = list_append(if_not_exists(anomalies, :empty), :one)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':empty': [], ':one': [anomaly] },
    }));
  }

  async nextReceiptSequence(counterKey: string) {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.UpdateCommand({
      TableName: table,
      Key: { pk: `RSEQ#${counterKey}`, sk: 'SEQ' },
      UpdateExpression: 'ADD n :one',
      ExpressionAttributeValues: { ':one': 1 },
      ReturnValues: 'UPDATED_NEW',
    }));
    return Number(out.Attributes!.n);
  }

  async setReceiptNumber(orderId: string, receiptNumber: string) {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.UpdateCommand({
        TableName: table,
        Key: { pk: orderPk(orderId), sk: ORDER_SK },
        UpdateExpression: 'SET receiptNumber = :n',
        ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(receiptNumber) OR receiptNumber = :null)',
        ExpressionAttributeValues: { ':n': receiptNumber, ':null': null },
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async markDossierConfirmed(orderId: string, at: string) {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.UpdateCommand({
      TableName: table,
      Key: { pk: orderPk(orderId), sk: ORDER_SK },
      UpdateExpression: 'SET dossierConfirmedAt = if_not_exists(dossierConfirmedAt, :at)',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':at': at },
    }));
  }

  private async queryAll(index: string, key: string, value: string, forward: boolean): Promise<OrderRecord[]> {
    const { db, table, lib } = await this.ready();
    const out: OrderRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new lib.QueryCommand({
        TableName: table, IndexName: index,
        KeyConditionExpression: '#k = :v',
        ExpressionAttributeNames: { '#k': key },
        ExpressionAttributeValues: { ':v': value },
        ScanIndexForward: forward,
        ExclusiveStartKey: start,
      }));
      out.push(...(page.Items ?? []).map(recordOf));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** A dossier's orders, newest first (a dossier has a handful at most). */
  listForDossier(dossierId: string) {
    return this.queryAll(BY_DOSSIER, 'gsi1pk', `D#${dossierId}`, false);
  }

  paidOn(provider: string, date: string): Promise<PaidOrder[]> {
    return readPaidDay((key) => this.queryAll(BY_PAID_DAY, 'gsi2pk', key, true), provider, date);
  }

  async saveReconciliation(report: ReconciliationReport) {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.PutCommand({
      TableName: table,
      Item: { pk: `RECON#${report.provider}`, sk: report.date, ...report },
    }));
  }
}
