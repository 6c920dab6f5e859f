// The `dossiers` table behind a small interface (key design in shared/platform/tables.ts and
// domain/dossier.ts). Every write of a dossier is conditional on the version read, and a
// transition writes the new state and its history entry in one transaction, so a race loses
// nothing and an event is never recorded without its state (or the reverse). Only GetItem and
// Query read (the index queries: dossier-queries.ts); never Scan.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { failedConditions, isConditionFailure } from '../../../shared/aws/dynamo-errors';
import { assertItemFits } from '../../../shared/aws/item-size';
import type { DossierStatus } from '../../../shared/contracts/dossier-status';
import type { KeyRecord } from '../../../shared/idempotency/create-once';
import { readKeyRecord, transactWithKey, type StoredKeyItem } from '../../../shared/idempotency/dynamo-key-record';
import { dossierPk, historySk, indexKeys, META_SK, type DossierEvent, type DossierRecord } from '../domain/dossier';
import { BY_CODE, listByApplicant, listQueue, pageDueBy, recordOf, type DossierPage, type QueuePage, type QueueQuery } from './dossier-queries';

export type { DossierPage, QueuePage, QueueQuery } from './dossier-queries';

/** A draft's Idempotency-Key (shared/idempotency): whose, which, the request's fingerprint, how long kept. */
export interface DraftKey { sub: string; key: string; fingerprint: string; ttlSeconds: number }

/**
 * A draft key's record as dossiers wrote it before adopting shared/idempotency: `dossierId` where
 * the record now has `resultId`, and the fingerprint of that time (use-cases/create-draft.ts
 * compares it). Such records live 24 h after that deploy; this mapping can go after.
 */
export const earlierDraftKey = (item: StoredKeyItem): KeyRecord | undefined =>
  typeof item.dossierId === 'string' ? { resultId: item.dossierId, fingerprint: String(item.fingerprint) } : undefined;

/**
 * How a transition's conditional write ended: written; lost to another write of the dossier (its
 * version moved on); or the code it claims is held by a dossier of record an agency system created.
 */
export type TransitionWrite = 'saved' | 'version_conflict' | 'code_taken';

export interface DossierStore {
  /** Writes a new draft and its key's record in one transaction; `key_taken` when the key has one (or a twin holds it). */
  createDraft(d: DossierRecord, key: DraftKey): Promise<'created' | 'key_taken'>;
  /** The record of an applicant's Idempotency-Key (read consistently). */
  draftKey(sub: string, key: string): Promise<KeyRecord | undefined>;
  get(id: string): Promise<DossierRecord | undefined>;
  /** The history (events) of a dossier, oldest first. */
  history(id: string): Promise<DossierEvent[]>;
  /** `at` of the dossier's latest history entry (null when it has none): one item read. */
  lastStepAt(id: string): Promise<string | null>;
  findByCode(code: string): Promise<DossierRecord | undefined>;
  /** Replaces the record if its stored version is still `expectedVersion`; false on a conflict. */
  save(d: DossierRecord, expectedVersion: number): Promise<boolean>;
  /**
   * `save` plus the history entry of the transition, in one transaction. With `claimCode` (the
   * transition assigned the code) the code is claimed in the same transaction.
   */
  saveTransition(d: DossierRecord, expectedVersion: number, event: DossierEvent, options?: { claimCode?: boolean }): Promise<TransitionWrite>;
  /**
   * A dossier of record from an agency system with its whole history, in one transaction that
   * claims the code (`CODE#<code>`); false when the code is claimed already.
   */
  createOfRecord(d: DossierRecord, history: readonly DossierEvent[]): Promise<boolean>;
  /** The next number of an agency's daily code sequence (atomic). */
  nextSequence(counter: string): Promise<number>;
  /** Gives a number back when it is still the last one drawn; otherwise records it as void. */
  releaseSequence(counter: string, n: number): Promise<'released' | 'voided'>;
  listByApplicant(sub: string, options: { status?: DossierStatus; limit: number; after?: Record<string, unknown> }): Promise<DossierPage>;
  /** A page of an agency's work queue: list entries (the summary its lists hold), every shard merged. */
  listQueue(query: QueueQuery): Promise<QueuePage>;
  /** A page of an agency's open dossiers due at or before `until`, as list entries (jobs: a page at a time; `after`: the previous page's `next`). */
  pageDueBy(agencyCode: string, until: Date, options: { limit: number; after?: string }): Promise<QueuePage>;
  /** Marks a dossier found late by the daily job (first time only; not a state change: no version bump). */
  flagLate(id: string, at: Date): Promise<void>;
  /** Keeps a job's report (pk JOB#<name>, sk <date>). */
  putJobReport(name: string, date: string, report: Record<string, unknown>): Promise<void>;
}

export class DynamoDossierStore implements DossierStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  /** The dossier as stored; a record DynamoDB would refuse (over 400 KB) is refused as too large before the write. */
  private item(d: DossierRecord) {
    return assertItemFits({ ...d, ...indexKeys(d), pk: dossierPk(d.id), sk: META_SK }, `the dossier ${d.id}`);
  }

  async createDraft(d: DossierRecord, key: DraftKey): Promise<'created' | 'key_taken'> {
    const item = this.item(d);
    const ready = await this.ready();
    const write = await transactWithKey(ready, {
      scope: key.sub, key: key.key,
      record: { resultId: d.id, fingerprint: key.fingerprint },
      ttl: { attribute: 'expiresAt', at: Math.floor(Date.parse(d.createdAt) / 1000) + key.ttlSeconds },
    }, [{ Put: { TableName: ready.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } }]);
    return write.written ? 'created' : 'key_taken';
  }

  async draftKey(sub: string, key: string): Promise<KeyRecord | undefined> {
    return readKeyRecord(await this.ready(), sub, key, earlierDraftKey);
  }

  async get(id: string): Promise<DossierRecord | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: dossierPk(id), sk: META_SK }, ConsistentRead: true }));
    return out.Item ? recordOf(out.Item) : undefined;
  }

  async history(id: string): Promise<DossierEvent[]> {
    const { db, table, lib } = await this.ready();
    const events: DossierEvent[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await db.send(new lib.QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
        ExpressionAttributeValues: { ':pk': dossierPk(id), ':h': 'H#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) {
        const { pk: _pk, sk: _sk, ...event } = item;
        events.push(event as DossierEvent);
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return events;
  }

  async lastStepAt(id: string): Promise<string | null> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :h)',
      ExpressionAttributeValues: { ':pk': dossierPk(id), ':h': 'H#' },
      ProjectionExpression: '#at',
      ExpressionAttributeNames: { '#at': 'at' },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }));
    return (out.Items?.[0]?.at as string | undefined) ?? null;
  }

  async findByCode(code: string): Promise<DossierRecord | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.QueryCommand({
      TableName: table, IndexName: BY_CODE, KeyConditionExpression: 'gsi4pk = :c', ExpressionAttributeValues: { ':c': code }, Limit: 1,
    }));
    const item = out.Items?.[0];
    return item ? recordOf(item) : undefined;
  }

  async save(d: DossierRecord, expectedVersion: number): Promise<boolean> {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.PutCommand({
        TableName: table, Item: this.item(d), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion },
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async saveTransition(d: DossierRecord, expectedVersion: number, event: DossierEvent, options: { claimCode?: boolean } = {}): Promise<TransitionWrite> {
    const { db, table, lib } = await this.ready();
    const claim = options.claimCode && d.code;
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: this.item(d), ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': expectedVersion } } },
          { Put: { TableName: table, Item: { ...event, pk: dossierPk(d.id), sk: historySk(event.version) }, ConditionExpression: 'attribute_not_exists(pk)' } },
          ...(claim ? [{ Put: { TableName: table, Item: { pk: codeClaimPk(d.code!), sk: CODE_CLAIM_SK, dossierId: d.id }, ConditionExpression: 'attribute_not_exists(pk)' } }] : []),
        ],
      }));
      return 'saved';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const failed = failedConditions(error);
      return claim && failed[2] && !failed[0] ? 'code_taken' : 'version_conflict';
    }
  }

  async createOfRecord(d: DossierRecord, history: readonly DossierEvent[]): Promise<boolean> {
    if (!d.code) throw new Error('createOfRecord: a dossier of record has a code');
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: table, Item: { pk: codeClaimPk(d.code), sk: CODE_CLAIM_SK, dossierId: d.id }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: table, Item: this.item(d), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...history.map((event) => ({ Put: { TableName: table, Item: { ...event, pk: dossierPk(d.id), sk: historySk(event.version) } } })),
        ],
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async nextSequence(counter: string): Promise<number> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.UpdateCommand({
      TableName: table, Key: { pk: counter, sk: 'SEQ' }, UpdateExpression: 'ADD seq :one',
      ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW',
    }));
    return Number(out.Attributes?.seq);
  }

  async releaseSequence(counter: string, n: number): Promise<'released' | 'voided'> {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.UpdateCommand({
        TableName: table, Key: { pk: counter, sk: 'SEQ' }, UpdateExpression: 'SET seq = :prev',
        ConditionExpression: 'seq = :n', ExpressionAttributeValues: { ':n': n, ':prev': n - 1 },
      }));
      return 'released';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Someone drew a later number: this one stays unused, recorded so an audit can explain the gap.
      await db.send(new lib.UpdateCommand({
        TableName: table, Key: { pk: counter, sk: 'SEQ' }, UpdateExpression: 'ADD voided :n',
        ExpressionAttributeValues: { ':n': new Set([n]) },
      }));
      return 'voided';
    }
  }

  listByApplicant(sub: string, options: { status?: DossierStatus; limit: number; after?: Record<string, unknown> }): Promise<DossierPage> {
    return listByApplicant(this.ready, sub, options);
  }

  listQueue(q: QueueQuery): Promise<QueuePage> {
    return listQueue(this.ready, q);
  }

  pageDueBy(agencyCode: string, until: Date, options: { limit: number; after?: string }): Promise<QueuePage> {
    return pageDueBy(this.ready, agencyCode, until, options);
  }

  async flagLate(id: string, at: Date): Promise<void> {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.UpdateCommand({
        TableName: table, Key: { pk: dossierPk(id), sk: META_SK },
        UpdateExpression: 'SET lateFlaggedAt = if_not_exists(lateFlaggedAt, :at)',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }));
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async putJobReport(name: string, date: string, report: Record<string, unknown>): Promise<void> {
    const { db, table, lib } = await this.ready();
    await db.send(new lib.PutCommand({ TableName: table, Item: { ...report, pk: `JOB#${name}`, sk: date } }));
  }
}

/** One item per code taken by a dossier of record: what makes the code unique under concurrency (the code GSI cannot). */
export const codeClaimPk = (code: string) => `CODE#${code}`;
const CODE_CLAIM_SK = 'CODE';
