// Applying one `sync-inbound` message (docs/sync.md): a status event goes through the dossier
// transition function at the time the event gives (domain/event-time.ts; a time in the future,
// before the dossier or out of its history's order is refused for the system's error report, never
// retried); a dossier upsert creates a dossier of record through the dossiers capability, or — the
// same dossier sent again — applies its status like a status event; a code held by another dossier
// is a conflict for the error report. A duplicate event id does nothing; a stale or already-reached
// status is recorded without moving the dossier. A message that cannot be processed (unparseable,
// unknown dossier) throws PoisonMessageError: the consumer (inbound-batch.ts) retries it, then the DLQ.
// Every event about a dossier the portal holds counts that dossier, once, as reported by its
// agency's system (the sync ratio of index indicators 1.4 and 3.3).
import { statusFromCode } from '../../../shared/contracts/dossier-status';
import { agencyOfCode, monthOfCode, StatusEventIn } from '../../../shared/contracts/sync';
import { DossierUpsertIn } from '../../../shared/contracts/sync-dossiers';
import { logger } from '../../../shared/http/logger';
import type { DossierRecord, OfRecordInput, OfRecordOutcome } from '../../dossiers/public';
import type { SyncStore } from '../adapters/sync-store';
import type { RetryPolicy } from '../domain/retry';
import { decideDossierUpsert, type ImportStep } from '../domain/dossier-sync';
import { openedAtOf } from '../domain/event-time';
import { decideStatusEvent, type StatusEvent, type SyncDecision } from '../domain/status-sync';

export interface InboundDeps {
  store: SyncStore;
  findDossier(code: string): Promise<DossierRecord | undefined>;
  /** `at` of the dossier's latest history step (the dossiers capability's read). */
  lastStepAt(d: DossierRecord): Promise<string | null>;
  /** One step through the dossiers capability's transition function, at `time.at` (the event's time). */
  transition(d: DossierRecord, keyId: string, action: string, input: Record<string, unknown>, time: StepTime): Promise<DossierRecord>;
  /** Makes a failed message visible again after `seconds` (instead of the queue's visibility timeout). */
  retryLater?(receiptHandle: string, seconds: number): Promise<void>;
  retryPolicy?: RetryPolicy;
  random?: () => number;
  /** The dossiers capability's creation of a dossier of record (conditional on the code being free). */
  createOfRecord(input: OfRecordInput): Promise<OfRecordOutcome>;
  now?: () => Date;
}

/** Failed messages come back after 2, 4, 8, 16 s (jittered); the fifth failure dead-letters them. */
export const INBOUND_RETRY: RetryPolicy = { baseSeconds: 2, capSeconds: 60 };

export class PoisonMessageError extends Error {}

/** When a step happened, and what the system reported when the two differ (clamped into the history's order). */
export interface StepTime { at: string; reportedAt?: string }

/** The decided steps, each at the decision's time; the reported one kept when it was clamped. */
const applySteps = async (deps: InboundDeps, d: DossierRecord, keyId: string, decision: Extract<SyncDecision, { kind: 'apply' }>, reportedAt: string) => {
  const time: StepTime = Date.parse(decision.at) === Date.parse(reportedAt) ? { at: decision.at } : { at: decision.at, reportedAt };
  for (const step of decision.steps) d = await deps.transition(d, keyId, step.action, step.input, time);
};

/** What the error report says of a decision that is not applied. */
const whyOf = (decision: Exclude<SyncDecision, { kind: 'apply' }> | { kind: 'conflict'; why: string }) =>
  decision.kind === 'refused' ? `${decision.code}: ${decision.why}` : decision.why;

export const applyMessage = async (deps: InboundDeps, body: string) => {
  let message: { kind?: string; keyId?: string; event?: unknown; item?: unknown };
  try {
    message = JSON.parse(body) as typeof message;
  } catch {
    throw new PoisonMessageError('the message is not JSON');
  }
  if (message?.kind === 'dossier') return applyDossier(deps, message);
  const parsed = StatusEventIn.safeParse(message.event);
  if (message.kind !== 'status' || typeof message.keyId !== 'string' || !parsed.success) throw new PoisonMessageError('not a status event');
  const keyId = message.keyId;
  const e: StatusEvent = { ...parsed.data, status: statusFromCode(parsed.data.status)! };
  if (await deps.store.outcome(keyId, e.eventId)) return 'duplicate' as const;
  const d = await deps.findDossier(e.code);
  if (!d) throw new PoisonMessageError(`no dossier ${e.code} (yet)`);
  await countReported(deps, e.code);
  const [lastAppliedAt, lastStepAt] = await Promise.all([deps.store.lastAppliedAt(e.code), deps.lastStepAt(d)]);
  const clock = (deps.now ?? (() => new Date()))();
  const decision = decideStatusEvent({ status: d.status, lastAppliedAt, openedAt: openedAtOf(d), lastStepAt }, e, clock);
  const now = clock.toISOString();
  const record = { eventId: e.eventId, code: e.code, at: e.at, status: e.status };
  if (decision.kind === 'apply') {
    await applySteps(deps, d, keyId, decision, e.at);
    await deps.store.record(keyId, record, 'applied', null, now);
    return 'applied' as const;
  }
  await deps.store.record(keyId, record, decision.kind, whyOf(decision), now);
  if (decision.kind === 'impossible' || decision.kind === 'refused') logger.warn(`sync event ${decision.kind}`, { keyId, eventId: e.eventId, why: whyOf(decision) });
  return decision.kind;
};

/** Input of the dossiers capability's creation from an upsert and its replay steps. */
export const ofRecordInput = (keyId: string, item: DossierUpsertIn, steps: readonly ImportStep[]): OfRecordInput => ({
  keyId,
  code: item.code,
  agencyCode: agencyOfCode(item.code),
  procedureCode: item.procedureCode,
  channel: item.channel,
  delivery: item.delivery ?? item.channel,
  postalAddress: (item.postalAddress as Record<string, string> | undefined) ?? null,
  applicant: { type: item.applicant.type, name: item.applicant.name, idNumber: item.applicant.idNumber ?? null, enterpriseCode: item.applicant.enterpriseCode ?? null },
  contact: item.applicant.contact ?? null,
  form: item.form ?? {},
  dueDate: item.dueDate,
  steps,
});

/** The agency's system has reported this dossier: counted once, in the month of its receipt (sync ratio). */
const countReported = async (deps: InboundDeps, code: string) => {
  const month = monthOfCode(code);
  if (month) await deps.store.countReported(agencyOfCode(code), code, month);
};

/**
 * A dossier upsert: created as a dossier of record when the code is free; the same dossier again
 * is a status event; a code held by another dossier is a conflict for the error report.
 */
const applyDossier = async (deps: InboundDeps, message: { keyId?: string; item?: unknown }) => {
  const parsed = DossierUpsertIn.safeParse(message.item);
  if (typeof message.keyId !== 'string' || !parsed.success) throw new PoisonMessageError('not a dossier upsert');
  const keyId = message.keyId;
  const item = parsed.data;
  if (await deps.store.outcome(keyId, item.eventId)) return 'duplicate' as const;
  const d = await deps.findDossier(item.code);
  const clock = (deps.now ?? (() => new Date()))();
  const held = d ? { dossier: d, lastAppliedAt: await deps.store.lastAppliedAt(item.code), lastStepAt: await deps.lastStepAt(d) } : undefined;
  const decision = decideDossierUpsert(held, item, clock);
  const now = clock.toISOString();
  const record = { eventId: item.eventId, code: item.code, at: item.at, status: String(statusFromCode(item.status)) };
  switch (decision.kind) {
    case 'create': {
      const created = await deps.createOfRecord(ofRecordInput(keyId, item, decision.steps));
      // Taken between the read and the write (its index entry not visible yet): SQS retries, and the retry sees the holder.
      if (created.outcome === 'exists') throw new Error(`the code ${item.code} was taken concurrently`);
      if (created.outcome === 'rejected') {
        await deps.store.record(keyId, record, 'impossible', created.why, now);
        logger.warn('sync dossier refused', { keyId, eventId: item.eventId, why: created.why });
        return 'impossible' as const;
      }
      await countReported(deps, item.code);
      await deps.store.record(keyId, record, 'applied', null, now);
      return 'created' as const;
    }
    case 'apply':
      await countReported(deps, item.code);
      await applySteps(deps, d!, keyId, decision, item.at);
      await deps.store.record(keyId, record, 'applied', null, now);
      return 'applied' as const;
    default:
      // Only a dossier the portal holds counts (a conflict is another dossier; nothing was created for a refused or impossible new one).
      if (d && decision.kind !== 'conflict') await countReported(deps, item.code);
      await deps.store.record(keyId, record, decision.kind, whyOf(decision), now);
      if (decision.kind === 'impossible' || decision.kind === 'conflict' || decision.kind === 'refused') logger.warn(`sync dossier ${decision.kind}`, { keyId, eventId: item.eventId, why: whyOf(decision) });
      return decision.kind;
  }
};
