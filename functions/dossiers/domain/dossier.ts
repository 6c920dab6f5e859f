// The dossier record and what a decided transition does to it (docs/requirements.md
// R-DOSSIER-TRANSITIONS). Pure: the calendar, the clock and the dossier code are parameters; the
// service writes the result atomically with the history entry. Index keys (work queue, "my
// dossiers", code) are derived here so that every write keeps them in step with the state.
import type { ApologyRecord } from './late';
import type { PrefilledFieldRecord } from './prefill';
import { listShardOf, listShardPk } from './list-shards';
import type { Decision, DossierState, HistoryEntry } from './transitions';
import { isClosed, statusCode, type DossierStatus } from '../../../shared/contracts/dossier-status';
import { DOSSIER_LIST_ATTRIBUTES } from '../../../shared/platform/dossier-lists';

export type Delivery = 'online' | 'desk' | 'post';
export type Channel = 'online' | 'desk' | 'post';

export interface ComponentSnapshot {
  code: string;
  name: string;
  required: boolean;
  accept: string[];
  maxFiles: number;
}

export interface AttachmentRecord {
  id: string;
  kind: 'application' | 'result';
  /** null for a result file. */
  componentCode: string | null;
  fileName: string;
  contentType: string;
  size: number;
  status: 'pending' | 'verified' | 'rejected';
  rejectedReason: string | null;
  createdAt: string;
  verifiedAt: string | null;
  /** Which round it belongs to: 0 before submission, n for the n-th supplement request. */
  round: number;
}

export interface ApplicantRecord {
  /** The account (`sub`): ownership. '' for a dossier of record from an agency system: no portal account owns it. */
  sub: string;
  type: 'citizen' | 'business';
  idNumber: string | null;
  enterpriseCode: string | null;
  vneidVerified: boolean;
  /** The name an agency system gave for a dossier received at its desk (online dossiers: from the account). */
  name?: string;
}

export interface DossierRecord {
  id: string;
  code: string | null;
  procedureCode: string;
  procedureName: string;
  /** The procedure as it was when the draft was made: what the dossier is judged by. */
  processingTime: { value: number; unit: 'working_day' | 'working_hour' | 'day' };
  components: ComponentSnapshot[];
  agencyCode: string;
  agencyName: string;
  agencyParentCode: string | null;
  status: DossierStatus;
  version: number;
  channel: Channel;
  delivery: Delivery;
  postalAddress: Record<string, string> | null;
  contact: { phone?: string; email?: string } | null;
  applicant: ApplicantRecord;
  form: Record<string, string | number>;
  /** The form's fields filled from the State's data and locked (domain/prefill.ts); absent on older records and dossiers of record. */
  prefilled?: PrefilledFieldRecord[];
  attachments: AttachmentRecord[];
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  pausedAt: string | null;
  finishedAt: string | null;
  returnedAt: string | null;
  supplementRequest: { missingComponents: string[]; note: string; requestedAt: string } | null;
  /** Supplement requests so far (attachment rounds). */
  supplementRounds: number;
  apologies: (ApologyRecord & { reason: string })[];
  /** When the daily deadline job first found the dossier late (absent until then). */
  lateFlaggedAt?: string;
}

/** The lifecycle fields of a dossier not received yet: no clock, no supplement rounds, no slips. */
export const notYetReceived = () => ({
  receivedAt: null, dueAt: null, pausedAt: null, finishedAt: null, returnedAt: null,
  supplementRequest: null, supplementRounds: 0, apologies: [],
} satisfies Partial<DossierRecord>);

/** The state the transition table decides on. */
export const stateOf = (d: DossierRecord): DossierState => ({
  status: d.status,
  delivery: d.delivery,
  resultAttached: d.attachments.some((a) => a.kind === 'result' && a.status === 'verified'),
  dueAt: d.dueAt,
  apologies: d.apologies,
});

/** What the calendar must answer for a transition. */
export interface TransitionCalendar {
  dueDate(receivedAt: Date, processingTime: DossierRecord['processingTime']): Date;
  extendByPause(dueAt: string, pausedFrom: string, pausedTo: string): Date;
}

export interface TransitionContext {
  calendar: TransitionCalendar;
  /** The dossier code, when the decision assigns one. */
  code?: string;
}

/**
 * The record after a successful decision: status, version, timestamps, due date, pauses,
 * supplement request, apologies. Throws when a decision needs a code and none was given.
 */
export const applyDecision = (
  d: DossierRecord,
  decision: Extract<Decision, { ok: true }>,
  context: TransitionContext,
): DossierRecord => {
  const at = decision.historyEntry.at;
  const e = decision.effects;
  const next: DossierRecord = { ...d, status: decision.to, version: d.version + 1, updatedAt: at };
  if (e.assignsCode) {
    if (!context.code) throw new Error('applyDecision: the decision assigns a dossier code but none was given');
    next.code = context.code;
    next.submittedAt = at;
  }
  if (e.fixesDueDate) {
    next.receivedAt = at;
    next.dueAt = context.calendar.dueDate(new Date(at), d.processingTime).toISOString();
  }
  if (e.pausesClock) {
    const input = decision.input as { missingComponents: string[]; note: string };
    next.pausedAt = at;
    next.supplementRequest = { missingComponents: input.missingComponents, note: input.note, requestedAt: at };
    next.supplementRounds = d.supplementRounds + 1;
  }
  if (e.resumesClock) {
    if (d.dueAt && d.pausedAt) next.dueAt = context.calendar.extendByPause(d.dueAt, d.pausedAt, at).toISOString();
    next.pausedAt = null;
    next.supplementRequest = null;
  }
  if (e.finishes) next.finishedAt = at;
  if (e.returnsResult) next.returnedAt = at;
  if (e.recordsApology) {
    const input = decision.input as { newDueDate: string; reason: string };
    next.apologies = [...d.apologies, { issuedAt: at, newDueDate: input.newDueDate, reason: input.reason }];
  }
  return next;
};

// ---------------------------------------------------------------------------------------------
// Index keys (shared/platform/tables.ts, table `dossiers`)

export const dossierPk = (id: string) => `D#${id}`;
export const META_SK = 'META';
export const historySk = (version: number) => `H#${String(version).padStart(6, '0')}`;

/**
 * Work-queue order: dossiers with a due date first, earliest due first (`D#<dueAt>`), then those
 * awaiting receipt in submission order (`S#<submittedAt>`). ISO instants in UTC sort as strings,
 * so "overdue" is the key range `D#` … `D#<now>`.
 */
export const queueSortKey = (d: Pick<DossierRecord, 'id' | 'dueAt' | 'submittedAt' | 'createdAt'>): string =>
  d.dueAt ? `D#${new Date(d.dueAt).toISOString()}#${d.id}` : `S#${d.submittedAt ?? d.createdAt}#${d.id}`;

/** A queue sort key as `queueSortKey` builds it (what a work-queue cursor may carry). */
export const QUEUE_SORT_KEY = /^[DS]#\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z#[0-9A-Za-z-]{1,64}$/;
/** The dossier id a queue sort key ends with. */
export const idOfQueueSortKey = (sortKey: string): string => sortKey.slice(sortKey.lastIndexOf('#') + 1);

export const OVERDUE_FROM = 'D#';
export const overdueUntil = (now: Date) => `D#${now.toISOString()}`;

export const applicantIndexPk = (sub: string) => `APPLICANT#${sub}`;
export const queueIndexPk = (agencyCode: string, open: boolean) => `QUEUE#${agencyCode}#${open ? 'open' : 'closed'}`;
export const statusIndexPk = (agencyCode: string, status: DossierStatus) => `STATUS#${agencyCode}#${status}`;

/**
 * A dossier as the work-queue lists hold it (shared/platform/dossier-lists.ts DOSSIER_LIST_ATTRIBUTES, the
 * projection of byAgencyQueueList and byAgencyStatusList): what a list shows and judges "late" by.
 */
export type ListEntry = Pick<DossierRecord, (typeof DOSSIER_LIST_ATTRIBUTES)[number]>;

/** The list entry of a stored item or record: the projected attributes only, whatever else it holds. */
export const listEntryOf = (item: Record<string, unknown>): ListEntry =>
  Object.fromEntries(DOSSIER_LIST_ATTRIBUTES.filter((k) => k in item).map((k) => [k, item[k]])) as unknown as ListEntry;

/** The index attributes of a record (drafts are in no agency queue and have no code). */
export const indexKeys = (d: DossierRecord): Record<string, string> => {
  // A dossier of record from an agency system has no owning account: in nobody's "my dossiers".
  const keys: Record<string, string> = d.applicant.sub ? {
    gsi1pk: applicantIndexPk(d.applicant.sub),
    gsi1sk: `${d.createdAt}#${d.id}`,
  } : {};
  if (d.status !== 'draft') {
    // On the dossier's list shard of its agency (domain/list-shards.ts): shard 0 for most agencies.
    const shard = listShardOf(d.id, d.agencyCode);
    keys.gsi2pk = listShardPk(queueIndexPk(d.agencyCode, !isClosed(d.status)), shard);
    keys.gsi2sk = queueSortKey(d);
    keys.gsi3pk = listShardPk(statusIndexPk(d.agencyCode, d.status), shard);
  }
  if (d.code) keys.gsi4pk = d.code;
  return keys;
};

/** The event a transition emits (stored as the history item: one write, so never lost or doubled). */
export interface DossierEvent extends HistoryEntry {
  type: 'dossier.transitioned';
  dossierId: string;
  version: number;
  code: string | null;
  agencyCode: string;
  procedureCode: string;
  channel: Channel;
  statusCode: number | null;
  /** Part of the history an agency system brought with a dossier of record: it already happened there (no notification owed). */
  imported?: true;
  /** A step that happened before the portal heard of it (an agency system's report, at its time): when the portal wrote it. */
  recordedAt?: string;
  /** The time an agency system reported for this step when `at` had to differ from it (clamped into the history's order). */
  reportedAt?: string;
}

export const eventOf = (after: DossierRecord, entry: HistoryEntry): DossierEvent => ({
  type: 'dossier.transitioned',
  ...entry,
  dossierId: after.id,
  version: after.version,
  code: after.code,
  agencyCode: after.agencyCode,
  procedureCode: after.procedureCode,
  channel: after.channel,
  statusCode: statusCode(after.status),
});
