// The dossiers table's index queries (key design in shared/platform/tables.ts and
// domain/dossier.ts): "my dossiers", an agency's work queue (open, or one status; overdue by key
// range), and the deadline job's due dossiers. Only Query, never Scan; one page at a time.
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DynamoTable } from '../../../shared/aws/clients';
import type { DossierStatus } from '../../../shared/contracts/dossier-status';
import { applicantIndexPk, OVERDUE_FROM, overdueUntil, queueIndexPk, statusIndexPk, type DossierRecord } from '../domain/dossier';

export const BY_APPLICANT = 'byApplicant';
export const BY_AGENCY_QUEUE = 'byAgencyQueue';
export const BY_AGENCY_STATUS = 'byAgencyStatus';
export const BY_CODE = 'byCode';

/** One page of dossiers from an index, and where the next one starts (null: the last page). */
export interface DossierPage { items: DossierRecord[]; last: Record<string, unknown> | null }

export interface QueueQuery {
  agencyCode: string;
  status?: DossierStatus;
  /** Only dossiers due before this instant. */
  overdueAt?: Date;
  procedureCode?: string;
  limit: number;
  after?: Record<string, unknown>;
}

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

export const listQueue = async (ready: Ready, q: QueueQuery): Promise<DossierPage> => {
  const byStatus = q.status !== undefined;
  const values: Record<string, unknown> = { ':pk': byStatus ? statusIndexPk(q.agencyCode, q.status!) : queueIndexPk(q.agencyCode, true) };
  let range = '';
  if (q.overdueAt) {
    range = ' AND gsi2sk BETWEEN :from AND :until';
    values[':from'] = OVERDUE_FROM;
    values[':until'] = overdueUntil(q.overdueAt);
  }
  if (q.procedureCode) values[':proc'] = q.procedureCode;
  return page(ready, {
    IndexName: byStatus ? BY_AGENCY_STATUS : BY_AGENCY_QUEUE,
    KeyConditionExpression: `${byStatus ? 'gsi3pk' : 'gsi2pk'} = :pk${range}`,
    ExpressionAttributeValues: values,
    ...(q.procedureCode ? { FilterExpression: 'procedureCode = :proc' } : {}),
  }, q.limit, q.after);
};

/** Open dossiers of an agency due at or before `until`, all pages. */
/** One page (at most `limit`) of an agency's open dossiers due at or before `until`, earliest first. */
export const pageDueBy = (ready: Ready, agencyCode: string, until: Date, options: { limit: number; after?: Record<string, unknown> }): Promise<DossierPage> =>
  page(ready, {
    IndexName: BY_AGENCY_QUEUE,
    KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk BETWEEN :from AND :until',
    ExpressionAttributeValues: { ':pk': queueIndexPk(agencyCode, true), ':from': OVERDUE_FROM, ':until': overdueUntil(until) },
  }, options.limit, options.after);
