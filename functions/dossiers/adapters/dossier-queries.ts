// The dossiers table's index queries (key design in shared/platform/tables.ts and
// domain/dossier.ts): "my dossiers", an agency's work queue (open, or one status; overdue: the due
// key range, judged by the late rules; on every list shard of the agency, merged by sort key:
// shared/pagination/k-way-merge.ts), and the deadline job's due dossiers. Only Query, never Scan; one page at a time. The lists hold the list
// summary only (ListEntry), which is all their readers show.
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoTable } from '../../../shared/aws/clients';
import type { DossierStatus } from '../../../shared/contracts/dossier-status';
import {
  applicantIndexPk, dossierPk, idOfQueueSortKey, listEntryOf, META_SK, OVERDUE_FROM, overdueUntil, queueIndexPk, queueSortKey, statusIndexPk,
  type DossierRecord, type ListEntry,
} from '../domain/dossier';
import { isLate } from '../domain/late';
import { listShardCount, listShardPk } from '../domain/list-shards';
import { mergeShards, type ShardChunk } from '../../../shared/pagination/k-way-merge';

export const BY_APPLICANT = 'byApplicant';
export const BY_AGENCY_QUEUE = 'byAgencyQueueList';
export const BY_AGENCY_STATUS = 'byAgencyStatusList';
export const BY_CODE = 'byCode';

/** One page of dossiers from an index, and where the next one starts (null: the last page). */
export interface DossierPage { items: DossierRecord[]; last: Record<string, unknown> | null }

export interface QueueQuery {
  agencyCode: string;
  status?: DossierStatus;
  /**
   * Only dossiers late at this instant, as a dossier read judges them (domain/late.ts L1–L2): due
   * before it, and not finished in time or paused before their due instant. The key range gives the
   * due ones; the judgement filters what it reads (a page may then hold fewer than `limit`).
   */
  overdueAt?: Date;
  procedureCode?: string;
  limit: number;
  /** Resume after this queue sort key (a previous page's `next`). */
  after?: string;
}

/** One page of an agency's list, merged from its shards, and the sort key the next page resumes after (null: the last page). */
export interface QueuePage { items: ListEntry[]; next: string | null }

const KEY_ATTRIBUTES = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi4pk']);
/** The record in a stored item (without its table and index keys). */
export const recordOf = (item: Record<string, unknown>): DossierRecord =>
  Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k))) as unknown as DossierRecord;

type Ready = () => Promise<DynamoTable>;

/**
 * One page of an index query. With a filter, DynamoDB may return fewer items than asked per
 * call, so it reads on (bounded) until the page is full or the index is exhausted.
 */
const page = async (ready: Ready, input: Omit<QueryCommandInput, 'TableName'>, limit: number, after?: Record<string, unknown>): Promise<DossierPage> => {
  const { db, table, lib } = await ready();
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
};

export const listByApplicant = async (ready: Ready, sub: string, options: { status?: DossierStatus; limit: number; after?: Record<string, unknown> }): Promise<DossierPage> =>
  page(ready, {
    IndexName: BY_APPLICANT,
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': applicantIndexPk(sub), ...(options.status ? { ':s': options.status } : {}) },
    ...(options.status ? { FilterExpression: '#status = :s', ExpressionAttributeNames: { '#status': 'status' } } : {}),
    ScanIndexForward: false,
  }, options.limit, options.after);

/**
 * Reads an agency's list (the open queue, or one status) on every shard of its key, `limit` entries
 * a read at most, after `after`, within [from, until] (overdue: due before now).
 */
const listShards = async (ready: Ready, q: Omit<QueueQuery, 'limit' | 'after' | 'overdueAt'> & { dueBy?: Date; lateAt?: Date }) => {
  const { db, table, lib } = await ready();
  const byStatus = q.status !== undefined;
  const pkName = byStatus ? 'gsi3pk' : 'gsi2pk';
  const listPk = byStatus ? statusIndexPk(q.agencyCode, q.status!) : queueIndexPk(q.agencyCode, true);
  const dueBy = q.lateAt ?? q.dueBy;
  const range = dueBy ? { from: OVERDUE_FROM, until: overdueUntil(dueBy) } : undefined;
  const lateAt = q.lateAt?.toISOString();
  // What the late rules say of an entry the range holds (a paused clock, a result given in time: not late).
  const keep = lateAt
    ? (e: ListEntry) => isLate({ dueAt: e.dueAt, status: e.status, finishedAt: e.finishedAt, pausedAt: e.pausedAt, apologies: e.apologies, now: lateAt })
    : () => true;
  const read = async (shard: number, after: string | undefined, limit: number): Promise<ShardChunk<ListEntry>> => {
    const pk = listShardPk(listPk, shard);
    // A key outside the range is not a valid start: before it, start at the range; past it, nothing is left.
    if (after !== undefined && range && after > range.until) return { items: [], next: null };
    const start = after !== undefined && (!range || after >= range.from)
      ? { [pkName]: pk, gsi2sk: after, pk: dossierPk(idOfQueueSortKey(after)), sk: META_SK }
      : undefined;
    const out = await db.send(new lib.QueryCommand({
      TableName: table,
      IndexName: byStatus ? BY_AGENCY_STATUS : BY_AGENCY_QUEUE,
      KeyConditionExpression: `${pkName} = :pk${range ? ' AND gsi2sk BETWEEN :from AND :until' : ''}`,
      ExpressionAttributeValues: { ':pk': pk, ...(range ? { ':from': range.from, ':until': range.until } : {}), ...(q.procedureCode ? { ':proc': q.procedureCode } : {}) },
      ...(q.procedureCode ? { FilterExpression: 'procedureCode = :proc' } : {}),
      Limit: limit,
      ExclusiveStartKey: start,
    }));
    return { items: (out.Items ?? []).map(listEntryOf).filter(keep), next: (out.LastEvaluatedKey?.gsi2sk as string | undefined) ?? null };
  };
  return { shards: listShardCount(q.agencyCode), read, sortKey: queueSortKey };
};

/** A page of an agency's work queue (open dossiers, or one status), in due order across its shards. */
export const listQueue = async (ready: Ready, { overdueAt, ...q }: QueueQuery): Promise<QueuePage> =>
  mergeShards({ ...(await listShards(ready, { ...q, ...(overdueAt ? { lateAt: overdueAt } : {}) })), limit: q.limit, after: q.after });

/** One page (at most `limit`) of an agency's open dossiers due at or before `until`, earliest first, every shard merged. */
export const pageDueBy = async (ready: Ready, agencyCode: string, until: Date, options: { limit: number; after?: string }): Promise<QueuePage> =>
  mergeShards({ ...(await listShards(ready, { agencyCode, dueBy: until })), limit: options.limit, after: options.after });
