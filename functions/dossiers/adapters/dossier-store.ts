// The `dossiers` table behind a small interface (key design in shared/platform/tables.ts and
// domain/dossier.ts). Every write of a dossier is conditional on the version read, and a
// transition writes the new state and its history entry in one transaction, so a race loses
// nothing and an event is never recorded without its state (or the reverse). Only GetItem and
// Query read; never Scan.
import type { DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { dynamoTable, type Deferred } from '../../../shared/aws/clients';
import { assertItemFits } from '../../../shared/aws/item-size';
import type { DossierStatus } from '../../../shared/contracts/dossier-status';
import {
  dossierPk, historySk, indexKeys, META_SK, OVERDUE_FROM, overdueUntil, queueIndexPk, statusIndexPk,
  applicantIndexPk, type DossierEvent, type DossierRecord,
} from '../domain/dossier';
import { failedConditions, isConditionFailure } from '../../../shared/aws/dynamo-errors';

/** The code a transition drew is held by a dossier of record an agency system created (sync). */
export class CodeTakenError extends Error {
  constructor(readonly code: string) {
    super(`the dossier code ${code} is taken`);
  }
}

export interface IdempotencyRecord {
  dossierId: string;
  /** A digest of the request: a key reused for another request is refused. */
  fingerprint: string;
}

export interface Page<T> { items: T[]; last: Record<string, unknown> | null }

export interface QueueQuery {
  agencyCode: string;
  status?: DossierStatus;
  /** Only dossiers due before this instant. */
  overdueAt?: Date;
  procedureCode?: string;
  limit: number;
  after?: Record<string, unknown>;
}

export interface DossierStore {
  /** Writes a new draft and its idempotency record together; false when the key was used already. */
  createDraft(d: DossierRecord, idempotency: { sub: string; key: string; fingerprint: string; ttlSeconds: number }): Promise<boolean>;
  getIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined>;
  get(id: string): Promise<DossierRecord | undefined>;
  /** The history (events) of a dossier, oldest first. */
  history(id: string): Promise<DossierEvent[]>;
  /** `at` of the dossier's latest history entry (null when it has none): one item read. */
  lastStepAt(id: string): Promise<string | null>;
  findByCode(code: string): Promise<DossierRecord | undefined>;
  /** Replaces the record if its stored version is still `expectedVersion`; false on a conflict. */
  save(d: DossierRecord, expectedVersion: number): Promise<boolean>;
  /**
   * `save` plus the history entry of the transition, in one transaction; false on a conflict.
   * With `claimCode` (the transition assigned the code) the code is claimed in the same transaction;
   * throws CodeTakenError when a dossier of record holds it already.
   */
  saveTransition(d: DossierRecord, expectedVersion: number, event: DossierEvent, options?: { claimCode?: boolean }): Promise<boolean>;
  /**
   * A dossier of record from an agency system with its whole history, in one transaction that
   * claims the code (`CODE#<code>`); false when the code is claimed already.
   */
  createOfRecord(d: DossierRecord, history: readonly DossierEvent[]): Promise<boolean>;
  /** The next number of an agency's daily code sequence (atomic). */
  nextSequence(counter: string): Promise<number>;
  /** Gives a number back when it is still the last one drawn; otherwise records it as void. */
  releaseSequence(counter: string, n: number): Promise<'released' | 'voided'>;
  listByApplicant(sub: string, options: { status?: DossierStatus; limit: number; after?: Record<string, unknown> }): Promise<Page<DossierRecord>>;
  listQueue(query: QueueQuery): Promise<Page<DossierRecord>>;
  /** Open dossiers of an agency due at or before `until` (jobs). */
  listDueBy(agencyCode: string, until: Date): Promise<DossierRecord[]>;
  /** Marks a dossier found late by the daily job (first time only; not a state change: no version bump). */
  flagLate(id: string, at: Date): Promise<void>;
  /** Keeps a job's report (pk JOB#<name>, sk <date>). */
  putJobReport(name: string, date: string, report: Record<string, unknown>): Promise<void>;
}

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi4pk']);
const recordOf = (item: Record<string, unknown>): DossierRecord =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k))) as unknown as DossierRecord;


export const BY_APPLICANT = 'byApplicant';
export const BY_AGENCY_QUEUE = 'byAgencyQueue';
export const BY_AGENCY_STATUS = 'byAgencyStatus';
export const BY_CODE = 'byCode';

export class DynamoDossierStore implements DossierStore {
  private readonly ready: ReturnType<typeof dynamoTable>;

  constructor(client: Deferred<DynamoDBDocumentClient>, tableName: Deferred<string>) {
    this.ready = dynamoTable(client, tableName);
  }

  /** The dossier as stored; a record DynamoDB would refuse (over 400 KB) is a 413 before the write. */
  private item(d: DossierRecord) {
    return assertItemFits({ ...d, ...indexKeys(d), pk: dossierPk(d.id), sk: META_SK }, `the dossier ${d.id}`);
  }

  async createDraft(d: DossierRecord, idem: { sub: string; key: string; fingerprint: string; ttlSeconds: number }): Promise<boolean> {
    const { db, table, lib } = await this.ready();
    try {
      await db.send(new lib.TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: table,
              Item: {
                pk: idemPk(idem.sub, idem.key), sk: 'IDEM', dossierId: d.id, fingerprint: idem.fingerprint,
                expiresAt: Math.floor(Date.parse(d.createdAt) / 1000) + idem.ttlSeconds,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: table, Item: this.item(d), ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async getIdempotency(sub: string, key: string): Promise<IdempotencyRecord | undefined> {
    const { db, table, lib } = await this.ready();
    const out = await db.send(new lib.GetCommand({ TableName: table, Key: { pk: idemPk(sub, key), sk: 'IDEM' }, ConsistentRead: true }));
    return out.Item ? { dossierId: String(out.Item.dossierId), fingerprint: String(out.Item.fingerprint) } : undefined;
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

  async saveTransition(d: DossierRecord, expectedVersion: number, event: DossierEvent, options: { claimCode?: boolean } = {}): Promise<boolean> {
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
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const failed = failedConditions(error);
      if (claim && failed[2] && !failed[0]) throw new CodeTakenError(d.code!);
      return false;
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

  async listByApplicant(sub: string, options: { status?: DossierStatus; limit: number; after?: Record<string, unknown> }): Promise<Page<DossierRecord>> {
    return this.page({
      IndexName: BY_APPLICANT,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': applicantIndexPk(sub), ...(options.status ? { ':s': options.status } : {}) },
      ...(options.status ? { FilterExpression: '#status = :s', ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ScanIndexForward: false,
    }, options.limit, options.after);
  }

  async listQueue(q: QueueQuery): Promise<Page<DossierRecord>> {
    const byStatus = q.status !== undefined;
    const values: Record<string, unknown> = { ':pk': byStatus ? statusIndexPk(q.agencyCode, q.status!) : queueIndexPk(q.agencyCode, true) };
    let range = '';
    if (q.overdueAt) {
      range = ' AND gsi2sk BETWEEN :from AND :until';
      values[':from'] = OVERDUE_FROM;
      values[':until'] = overdueUntil(q.overdueAt);
    }
    if (q.procedureCode) values[':proc'] = q.procedureCode;
    return this.page({
      IndexName: byStatus ? BY_AGENCY_STATUS : BY_AGENCY_QUEUE,
      KeyConditionExpression: `${byStatus ? 'gsi3pk' : 'gsi2pk'} = :pk${range}`,
      ExpressionAttributeValues: values,
      ...(q.procedureCode ? { FilterExpression: 'procedureCode = :proc' } : {}),
    }, q.limit, q.after);
  }

  async listDueBy(agencyCode: string, until: Date): Promise<DossierRecord[]> {
    const out: DossierRecord[] = [];
    let after: Record<string, unknown> | undefined;
    do {
      const page = await this.page({
        IndexName: BY_AGENCY_QUEUE,
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :until',
        ExpressionAttributeValues: { ':pk': queueIndexPk(agencyCode, true), ':from': OVERDUE_FROM, ':until': overdueUntil(until) },
      }, 100, after);
      out.push(...page.items);
      after = page.last ?? undefined;
    } while (after);
    return out;
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

  /**
   * One page of an index query. With a filter, DynamoDB may return fewer items than asked per
   * call, so it reads on (bounded) until the page is full or the index is exhausted.
   */
  private async page(input: Omit<QueryCommandInput, 'TableName'>, limit: number, after?: Record<string, unknown>): Promise<Page<DossierRecord>> {
    const { db, table, lib } = await this.ready();
    const items: DossierRecord[] = [];
    let start = after;
    let last: Record<string, unknown> | null = null;
    for (let calls = 0; calls < 10; calls++) {
      const out = await db.send(new lib.QueryCommand({ ...input, TableName: table, Limit: limit - items.length, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []).map(recordOf));
      last = out.LastEvaluatedKey ?? null;
      if (!last || items.length >= limit) break;
      start = last;
    }
    return { items, last };
  }
}

const idemPk = (sub: string, key: string) => `IDEM#${sub}#${key}`;
/** One item per code taken by a dossier of record: what makes the code unique under concurrency (the code GSI cannot). */
export const codeClaimPk = (code: string) => `CODE#${code}`;
const CODE_CLAIM_SK = 'CODE';
