// The dossiers capability's use cases (docs/requirements.md R-CAP-DOSSIERS): drafts, attachments,
// submission, officials' actions, supplements, withdrawal, lists, tracking. It authorizes against
// the dossier (owner or agency scope), asks the domain (transition table, form, components,
// calendar) and writes through the store. Every state change goes through `transition`, the one
// path payments and sync use too.
import { createHash, randomUUID } from 'node:crypto';
import type * as z from 'zod';
import { agencyInScope, ownsResource } from '../../shared/auth/scope';
import type { Principal } from '../../shared/auth/principal';
import { createWorkingCalendar, type WorkingCalendar } from '../../shared/calendar';
import type {
  CreateDossier, DossierView, MyDossiersQuery, RequestResultUpload, RequestUpload, TrackQuery, WorkQueueQuery,
} from '../../shared/contracts/dossiers';
import { statusCode } from '../../shared/contracts/dossier-status';
import { badRequest, conflict, forbidden, isErrorKind, notFound, tooLarge, unprocessable, unsupportedType, type ErrorDetail } from '../../shared/errors/domain-error';
import { decodeCursor, encodeCursor, isStoreKey as isKey } from '../../shared/http/pagination';
import type { CatalogueReader } from '../catalogue/public';
import type { Agency, Procedure } from '../../shared/contracts/catalogue';
import type { AttachmentStore } from '../../shared/uploads/upload-store';
import { CodeTakenError, type DossierStore } from './adapters/dossier-store';
import { acceptsFile, attachmentProblems, DEFAULT_MAX_FILE_BYTES, hasRoomFor } from './domain/components';
import { counterKey, formatDossierCode } from './domain/dossier-code';
import {
  applyDecision, eventOf, notYetReceived, stateOf, type AttachmentRecord, type DossierEvent, type DossierRecord,
} from './domain/dossier';
import { validateForm } from './domain/form';
import { lateState } from './domain/late';
import { replayOfRecord, type ReplayStep } from './domain/of-record';
import { allowedActions, decide, type Actor, type ActorKind } from './domain/transitions';

export interface DossierDeps {
  store: DossierStore;
  files: AttachmentStore;
  catalogue: CatalogueReader;
  now?: () => Date;
  newId?: () => string;
}

/** How long an Idempotency-Key of draft creation is remembered. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;
/** Result files: what officials may upload when no component says otherwise. */
export const RESULT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
/** Files per dossier, all rounds and kinds together (keeps the record far below 400 KB). */
export const MAX_ATTACHMENTS = 200;
/** Optimistic writes that are not the caller's own action (attachments) retry this many times. */
const SAVE_ATTEMPTS = 4;
/** Codes drawn at submission before giving up when agency systems' dossiers of record hold them. */
const CODE_ATTEMPTS = 20;

type Body<T extends z.ZodType> = z.output<T>;
type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** The account's verified e-mail and phone as the dossier's contact; null when it has neither. */
export const accountContact = (user: UserPrincipal): DossierRecord['contact'] =>
  user.email || user.phone ? { ...(user.email ? { email: user.email } : {}), ...(user.phone ? { phone: user.phone } : {}) } : null;

const TO_HTTP = { INVALID_TRANSITION: 409, FORBIDDEN_ACTOR: 403, MISSING_FIELDS: 400 } as const;

/** A dossier received at an agency's desk or by post, as its agency system reports it (sync). */
export interface OfRecordInput {
  /** The agency system's key id: the actor of every imported step. */
  keyId: string;
  code: string;
  agencyCode: string;
  procedureCode: string;
  channel: 'desk' | 'post';
  delivery: 'online' | 'desk' | 'post';
  postalAddress: Record<string, string> | null;
  applicant: { type: 'citizen' | 'business'; name: string; idNumber: string | null; enterpriseCode: string | null };
  contact: { phone?: string; email?: string } | null;
  form: Record<string, string | number>;
  /** The appointed date the agency gave; else computed at `receive` on the working calendar. */
  dueDate?: string;
  /** From the desk registration: `receive` first, then the agency's steps (sync's `importSteps`). */
  steps: readonly ReplayStep[];
}

export type OfRecordOutcome =
  | { outcome: 'created'; record: DossierRecord }
  /** The code is taken (by an online dossier or a concurrent import): nothing written. */
  | { outcome: 'exists' }
  /** The catalogue or the transition table refuses it: nothing written. */
  | { outcome: 'rejected'; why: string };

/** What a dossier keeps of its procedure and agency as they were when it was created. */
const snapshotOf = (
  procedure: Pick<Procedure, 'code' | 'name' | 'processingTime' | 'components'>,
  agency: Pick<z.infer<typeof Agency>, 'code' | 'name' | 'parentCode'>,
) => ({
  procedureCode: procedure.code,
  procedureName: procedure.name,
  processingTime: procedure.processingTime,
  components: procedure.components.map((c) => ({ code: c.code, name: c.name, required: c.required, accept: c.accept, maxFiles: c.maxFiles })),
  agencyCode: agency.code,
  agencyName: agency.name,
  agencyParentCode: agency.parentCode,
});

export class DossierService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private calendarCache?: { holidays: unknown; calendar: WorkingCalendar };

  constructor(private readonly deps: DossierDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  // -------------------------------------------------------------------------------------------
  // Drafts

  /** A new draft, or — for a replayed Idempotency-Key with the same request — the draft it made. */
  async create(principal: Principal, body: Body<typeof CreateDossier>, idempotencyKey: string): Promise<DossierView> {
    const user = asApplicant(principal);
    const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('hex');
    const replay = await this.replayed(user, idempotencyKey, fingerprint);
    if (replay) return replay;

    const [procedure, agency] = await Promise.all([
      this.deps.catalogue.getProcedure(body.procedureCode),
      this.deps.catalogue.getAgency(body.agencyCode),
    ]);
    if (!procedure) throw unprocessable('UNKNOWN_PROCEDURE', 'No such procedure', [{ path: 'body.procedureCode', message: 'not in the catalogue' }]);
    if (procedure.status === 'repealed') throw unprocessable('PROCEDURE_REPEALED', 'This procedure has been repealed');
    if (procedure.onlineService === 'none' || !procedure.channels.includes('online')) {
      throw unprocessable('NOT_OFFERED_ONLINE', 'This procedure cannot be submitted online; apply at the one-stop desk');
    }
    const type = applicantTypeOf(user);
    if (!procedure.applicantTypes.includes(type)) {
      throw unprocessable('APPLICANT_TYPE_NOT_ALLOWED', `This procedure is not for ${type === 'citizen' ? 'citizens' : 'businesses'}`);
    }
    if (!agency) throw unprocessable('UNKNOWN_AGENCY', 'No such agency', [{ path: 'body.agencyCode', message: 'not in the catalogue' }]);
    if (!procedure.agencyKinds.includes(agency.level)) {
      throw unprocessable('AGENCY_NOT_COMPETENT', `A ${agency.level}-level agency does not handle this procedure`, [
        { path: 'body.agencyCode', message: `expected an agency of level ${procedure.agencyKinds.join(' or ')}` },
      ]);
    }
    const form = validateForm(procedure.form, body.form);
    if (!form.ok) throw badRequest('VALIDATION_FAILED', 'The form is not valid', form.errors.map((e) => ({ path: `body.${e.path}`, message: e.message })));

    const at = this.now().toISOString();
    const draft: DossierRecord = {
      id: this.newId(),
      code: null,
      ...snapshotOf(procedure, agency),
      status: 'draft',
      version: 1,
      channel: 'online',
      delivery: body.delivery,
      postalAddress: body.delivery === 'post' ? (body.postalAddress as Record<string, string>) : null,
      // Notifications go where the applicant asks, else to the account's verified e-mail/phone.
      contact: body.contact ?? accountContact(user),
      applicant: {
        sub: user.sub,
        type,
        idNumber: type === 'citizen' ? user.idNumber ?? null : null,
        enterpriseCode: type === 'business' ? user.enterpriseCode ?? null : null,
        vneidVerified: user.vneidVerified,
      },
      form: form.values,
      attachments: [],
      createdAt: at,
      updatedAt: at,
      submittedAt: null,
      ...notYetReceived(),
    };
    const created = await this.deps.store.createDraft(draft, { sub: user.sub, key: idempotencyKey, fingerprint, ttlSeconds: IDEMPOTENCY_TTL_SECONDS });
    if (created) return this.view(draft, [], principal);
    // A concurrent request with the same key won the write: answer with its draft.
    for (let attempt = 0; attempt < 5; attempt++) {
      const again = await this.replayed(user, idempotencyKey, fingerprint);
      if (again) return again;
      await sleep(20 * (attempt + 1));
    }
    throw conflict('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly');
  }

  private async replayed(user: UserPrincipal, key: string, fingerprint: string): Promise<DossierView | undefined> {
    const seen = await this.deps.store.getIdempotency(user.sub, key);
    if (!seen) return undefined;
    if (seen.fingerprint !== fingerprint) {
      throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
    }
    const d = await this.deps.store.get(seen.dossierId);
    if (!d) return undefined;
    return this.view(d, await this.deps.store.history(d.id), user);
  }

  async get(principal: Principal, id: string): Promise<DossierView> {
    const d = await this.readable(principal, id);
    return this.view(d, await this.deps.store.history(id), principal);
  }

  /** The record and its history for whoever may read the dossier (the slips are derived from both). */
  async readWithHistory(principal: Principal, id: string): Promise<{ record: DossierRecord; history: DossierEvent[] }> {
    const record = await this.readable(principal, id);
    return { record, history: await this.deps.store.history(id) };
  }

  // -------------------------------------------------------------------------------------------
  // Attachments

  async requestUpload(principal: Principal, id: string, body: Body<typeof RequestUpload>) {
    const d = await this.owned(principal, id);
    if (d.status !== 'draft' && d.status !== 'supplement_requested') {
      throw conflict('INVALID_STATE', 'Files can be added to a draft, or when a supplement is requested');
    }
    const component = d.components.find((c) => c.code === body.componentCode);
    if (!component) {
      throw unprocessable('UNKNOWN_COMPONENT', 'This procedure has no such document', [{ path: 'body.componentCode', message: `one of ${d.components.map((c) => c.code).join(', ')}` }]);
    }
    const verdict = acceptsFile(component, body);
    if (!verdict.ok) throw fileError(verdict.reason, verdict.message);
    const current = applicationFiles(d).filter((a) => a.round === d.supplementRounds);
    if (!hasRoomFor(component, current)) {
      throw conflict('TOO_MANY_FILES', `At most ${component.maxFiles} file(s) for this document`);
    }
    return this.addAttachment(d, {
      kind: 'application', componentCode: component.code, fileName: body.fileName, contentType: verdict.contentType, size: body.size,
    });
  }

  async requestResultUpload(principal: Principal, id: string, body: Body<typeof RequestResultUpload>) {
    const d = await this.inScope(principal, id);
    if (d.status !== 'processing' && d.status !== 'done') {
      throw conflict('INVALID_STATE', 'A result can be attached while the dossier is processing or done');
    }
    const verdict = acceptsFile({ accept: RESULT_TYPES }, body);
    if (!verdict.ok) throw fileError(verdict.reason, verdict.message);
    return this.addAttachment(d, { kind: 'result', componentCode: null, fileName: body.fileName, contentType: verdict.contentType, size: body.size });
  }

  private async addAttachment(
    d: DossierRecord,
    file: Pick<AttachmentRecord, 'kind' | 'componentCode' | 'fileName' | 'contentType' | 'size'>,
  ) {
    if (d.attachments.length >= MAX_ATTACHMENTS) throw conflict('TOO_MANY_FILES', `At most ${MAX_ATTACHMENTS} files per dossier`);
    const attachment: AttachmentRecord = {
      ...file, id: this.newId(), status: 'pending', rejectedReason: null, createdAt: this.now().toISOString(), verifiedAt: null,
      round: d.supplementRounds,
    };
    const ticket = await this.deps.files.presignUpload({ key: fileKey(d.id, attachment.id), contentType: attachment.contentType, maxBytes: DEFAULT_MAX_FILE_BYTES });
    await this.update(d.id, d, (current) => {
      if (current.status !== d.status) throw conflict('INVALID_STATE', 'The dossier changed; read it again');
      return { ...current, attachments: [...current.attachments, attachment] };
    });
    return { attachmentId: attachment.id, url: ticket.url, fields: ticket.fields, expiresAt: ticket.expiresAt };
  }

  /** Checks an uploaded file; it counts for submission or as the result only once verified. */
  async completeUpload(principal: Principal, id: string, attachmentId: string): Promise<DossierView> {
    const d = await this.readable(principal, id);
    const attachment = d.attachments.find((a) => a.id === attachmentId);
    const mayComplete = attachment && (attachment.kind === 'application' ? ownsResource(principal, d.applicant) : this.officialInScope(principal, d));
    if (!attachment || !mayComplete) throw notFound('Attachment');
    let after = d;
    if (attachment.status === 'pending') {
      const [checked] = await this.verifyAll([attachment], d.id);
      after = await this.update(d.id, d, (current) => withAttachment(current, checked!));
      if (checked!.kind === 'result' && checked!.status === 'verified') after = await this.autoReturn(after);
    }
    return this.view(after, await this.deps.store.history(id), principal);
  }

  async download(principal: Principal, id: string, attachmentId: string) {
    const d = await this.readable(principal, id);
    const attachment = d.attachments.find((a) => a.id === attachmentId && a.status === 'verified');
    if (!attachment) throw notFound('Attachment');
    return this.deps.files.presignDownload({ key: fileKey(d.id, attachment.id), fileName: attachment.fileName });
  }

  private async verifyAll(pending: readonly AttachmentRecord[], dossierId: string): Promise<AttachmentRecord[]> {
    return Promise.all(pending.map(async (a) => {
      const verdict = await this.deps.files.verify({ key: fileKey(dossierId, a.id), contentType: a.contentType, size: a.size, maxBytes: DEFAULT_MAX_FILE_BYTES });
      const at = this.now().toISOString();
      return verdict.ok
        ? { ...a, status: 'verified' as const, verifiedAt: at }
        : { ...a, status: 'rejected' as const, rejectedReason: verdict.message };
    }));
  }

  // -------------------------------------------------------------------------------------------
  // Transitions

  /** Submission: pending files are verified, required components checked, the code assigned. */
  async submit(principal: Principal, id: string): Promise<DossierView> {
    let d = await this.owned(principal, id);
    if (d.status !== 'draft') throw conflict('INVALID_TRANSITION', `cannot submit a dossier in status ${d.status}`);
    const pending = d.attachments.filter((a) => a.status === 'pending');
    if (pending.length) {
      const checked = await this.verifyAll(pending, d.id);
      d = checked.reduce(withAttachment, d);
    }
    const problems = attachmentProblems(d.components, applicationFiles(d));
    if (problems.length) {
      if (pending.length) await this.deps.store.save({ ...d, version: d.version + 1 }, d.version);
      throw unprocessable('MISSING_COMPONENTS', 'Some required documents are missing or not valid', problems.map((p) => ({ path: p.path, message: p.message })));
    }
    const after = await this.transition(d, { kind: 'applicant', id: principalId(principal) }, 'submit', {});
    // A draft has no history: the submission is its first entry (no read-back: R-PERF-SUBMIT, ≤ 3 round trips).
    return this.view(after.record, [after.event], principal);
  }

  /** An official's action (R-DOSSIER-ACTIONS) at the version the official read. */
  async act(principal: Principal, id: string, body: { action: string; version: number } & Record<string, unknown>): Promise<DossierView> {
    const d = await this.inScope(principal, id);
    const { action, version, ...input } = body;
    if (action === 'request_supplement') {
      const known = new Set(d.components.map((c) => c.code));
      const missing = Array.isArray(input.missingComponents) ? input.missingComponents : [];
      const unknown = missing.filter((c) => typeof c === 'string' && !known.has(c.trim()));
      if (unknown.length) throw badRequest('VALIDATION_FAILED', 'Unknown components', [{ path: 'body.missingComponents', message: `not components of this procedure: ${unknown.join(', ')}` }]);
    }
    const after = await this.transition(d, { kind: 'official', id: principalId(principal) }, action, input, version);
    const final = action === 'finish' ? await this.autoReturn(after.record) : after.record;
    return this.view(final, await this.deps.store.history(id), principal);
  }

  async supplement(principal: Principal, id: string, body: { note?: string; attachmentIds?: string[] }): Promise<DossierView> {
    const d = await this.owned(principal, id);
    if (d.status === 'supplement_requested') {
      const round = applicationFiles(d).filter((a) => a.round === d.supplementRounds);
      const unknown = (body.attachmentIds ?? []).filter((aid) => !round.some((a) => a.id === aid));
      if (unknown.length) throw badRequest('VALIDATION_FAILED', 'Unknown attachments', [{ path: 'body.attachmentIds', message: `not files of this supplement round: ${unknown.join(', ')}` }]);
      const pending = round.filter((a) => a.status === 'pending');
      let current = d;
      if (pending.length) current = (await this.verifyAll(pending, d.id)).reduce(withAttachment, d);
      const verified = new Set(current.attachments.filter((a) => a.round === d.supplementRounds && a.status === 'verified').map((a) => a.componentCode));
      const missing = (d.supplementRequest?.missingComponents ?? []).filter((c) => !verified.has(c));
      if (missing.length) {
        throw unprocessable('MISSING_COMPONENTS', 'Upload the requested documents first', missing.map((c) => ({ path: `components.${c}`, message: 'requested, no verified file in this round' })));
      }
      const after = await this.transition(current, { kind: 'applicant', id: principalId(principal) }, 'supplement', body);
      return this.view(after.record, await this.deps.store.history(id), principal);
    }
    const after = await this.transition(d, { kind: 'applicant', id: principalId(principal) }, 'supplement', body);
    return this.view(after.record, await this.deps.store.history(id), principal);
  }

  async withdraw(principal: Principal, id: string, body: { reason: string }): Promise<DossierView> {
    const d = await this.owned(principal, id);
    const after = await this.transition(d, { kind: 'applicant', id: principalId(principal) }, 'withdraw', body);
    return this.view(after.record, await this.deps.store.history(id), principal);
  }

  /**
   * THE way a dossier changes status (officials, applicants, payments, sync): the transition table
   * decides, the record is updated, and state and history entry are written in one transaction
   * conditional on the version. `expectedVersion` is the version the caller says it read (409 when
   * it is not current). `d` may carry unsaved changes (verified files): they are written with it.
   *
   * `time.at`: when the step happened, if not now — an agency system's report (sync). The history
   * entry, receipt and due date, pause and resume, finish and return all take it. The caller keeps
   * it within [the dossier's last history step, now] (sync's event-time rule, docs/sync.md) from a
   * read at `d.version`: the version condition makes that read and this write one step.
   * `time.reportedAt`: the time the system reported when `at` had to differ from it. Both are kept
   * on the history entry, with `recordedAt`, when the portal wrote it.
   */
  async transition(
    d: DossierRecord,
    actor: Actor,
    action: string,
    input: unknown,
    expectedVersion?: number,
    time: { at?: string; reportedAt?: string } = {},
  ): Promise<{ record: DossierRecord; event: DossierEvent }> {
    if (expectedVersion !== undefined && expectedVersion !== d.version) {
      throw conflict('VERSION_CONFLICT', `The dossier is at version ${d.version}; read it again`);
    }
    const now = time.at ? new Date(time.at) : this.now();
    const decision = decide(stateOf(d), { action, actor, input, now });
    if (!decision.ok) {
      const status = TO_HTTP[decision.error];
      const details: ErrorDetail[] = decision.details.map((x) => ({ path: decision.error === 'MISSING_FIELDS' ? `body.${x.path}` : x.path, message: x.message }));
      if (status === 400) throw badRequest('VALIDATION_FAILED', 'The action is missing fields', details);
      if (status === 403) throw forbidden(details[0]?.message);
      throw conflict('INVALID_TRANSITION', details[0]?.message ?? 'Not allowed in this status', details);
    }
    const e = decision.effects;
    const calendar = e.fixesDueDate || e.resumesClock ? await this.calendar() : NO_CALENDAR;
    let code: string | undefined;
    let counter: string | undefined;
    if (e.assignsCode) {
      counter = counterKey(d.agencyCode, now);
      code = formatDossierCode(d.agencyCode, now, await this.deps.store.nextSequence(counter));
    }
    // A step that happened earlier also says when the portal learnt of it.
    const reported = time.at ? { recordedAt: this.now().toISOString(), ...(time.reportedAt ? { reportedAt: time.reportedAt } : {}) } : {};
    const eventAt = (record: DossierRecord): DossierEvent => ({ ...eventOf(record, decision.historyEntry), ...reported });
    let next = applyDecision(d, decision, { calendar, code });
    let event = eventAt(next);
    let saved: boolean;
    for (let attempt = 1; ; attempt++) {
      try {
        saved = await this.deps.store.saveTransition(next, d.version, event, { claimCode: e.assignsCode });
        break;
      } catch (error) {
        // An agency system's dossier of record holds this number: it is used, so draw the next one.
        if (!(error instanceof CodeTakenError) || !counter) throw error;
        if (attempt >= CODE_ATTEMPTS) throw conflict('CODE_UNAVAILABLE', 'No free dossier code could be drawn; submit again');
        code = formatDossierCode(d.agencyCode, now, await this.deps.store.nextSequence(counter));
        next = applyDecision(d, decision, { calendar, code });
        event = eventAt(next);
      }
    }
    if (!saved) {
      if (counter && code) await this.deps.store.releaseSequence(counter, Number(code.slice(code.lastIndexOf('-') + 1)));
      throw conflict('VERSION_CONFLICT', 'The dossier was changed by someone else; read it again');
    }
    return { record: next, event };
  }

  /**
   * A dossier of record from an agency system: built from the desk registration by replaying its
   * steps through the transition table (history, version, due date as for officials' actions),
   * written with its history in one transaction that claims the code. No portal account owns it;
   * the applicant tracks it publicly by code and ID number, officials find it in the work queue.
   */
  async createOfRecord(input: OfRecordInput): Promise<OfRecordOutcome> {
    const [procedure, agency] = await Promise.all([this.deps.catalogue.getProcedure(input.procedureCode), this.deps.catalogue.getAgency(input.agencyCode)]);
    if (!procedure) return { outcome: 'rejected', why: `no procedure ${input.procedureCode} in the catalogue` };
    if (!agency) return { outcome: 'rejected', why: `no agency ${input.agencyCode} in the catalogue` };
    if (!procedure.agencyKinds.includes(agency.level)) return { outcome: 'rejected', why: `a ${agency.level}-level agency does not handle procedure ${procedure.code}` };
    const receivedAt = input.steps[0]?.at;
    if (input.steps[0]?.action !== 'receive' || !receivedAt) return { outcome: 'rejected', why: 'a dossier of record starts with its receipt' };
    const registered: DossierRecord = {
      id: this.newId(),
      code: input.code,
      ...snapshotOf(procedure, agency),
      status: 'submitted',
      version: 0,
      channel: input.channel,
      delivery: input.delivery,
      postalAddress: input.postalAddress,
      contact: input.contact,
      applicant: {
        sub: '', type: input.applicant.type, name: input.applicant.name,
        idNumber: input.applicant.type === 'citizen' ? input.applicant.idNumber : null,
        enterpriseCode: input.applicant.type === 'business' ? input.applicant.enterpriseCode : null,
        vneidVerified: false,
      },
      form: input.form,
      attachments: [],
      // Registered at the desk when received: it existed from then on.
      createdAt: receivedAt,
      updatedAt: receivedAt,
      submittedAt: receivedAt,
      ...notYetReceived(),
    };
    const replay = replayOfRecord(registered, input.steps, { kind: 'agency_system', id: input.keyId }, await this.calendar(), input.dueDate);
    if (!replay.ok) return { outcome: 'rejected', why: `step ${replay.step} (${input.steps[replay.step]!.action}): ${replay.details.map((x) => x.message).join('; ')}` };
    const record = { ...replay.record, updatedAt: this.now().toISOString() };
    return (await this.deps.store.createOfRecord(record, replay.events)) ? { outcome: 'created', record } : { outcome: 'exists' };
  }

  /** done → returned by the portal itself when delivery is online and the result file is attached. */
  private async autoReturn(d: DossierRecord): Promise<DossierRecord> {
    const state = stateOf(d);
    if (d.status !== 'done' || d.delivery !== 'online' || !state.resultAttached) return d;
    try {
      return (await this.transition(d, { kind: 'system', id: 'auto-return' }, 'return_result', { note: 'Result returned online' })).record;
    } catch (error) {
      // Someone else returned it first: that is the outcome wanted.
      if (isErrorKind(error, 'conflict')) return (await this.deps.store.get(d.id)) ?? d;
      throw error;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Lists and tracking

  async listMine(principal: Principal, query: Body<typeof MyDossiersQuery>) {
    const user = asApplicant(principal);
    const page = await this.deps.store.listByApplicant(user.sub, { status: query.status, limit: query.limit, after: decodeCursor(query.cursor, isKey) });
    return this.summaries(page);
  }

  async workQueue(principal: Principal, query: Body<typeof WorkQueueQuery>) {
    if (principal.kind !== 'user') throw forbidden();
    const code = query.agency ?? principal.agencyScope[0];
    if (!code) throw forbidden('Your account serves no agency');
    const agency = await this.deps.catalogue.getAgency(code);
    if (!agency) throw notFound('Agency');
    if (!agencyInScope(principal, { code: agency.code, parentCode: agency.parentCode })) throw forbidden('This agency is not in your scope');
    const page = await this.deps.store.listQueue({
      agencyCode: agency.code,
      status: query.status,
      overdueAt: query.overdue ? this.now() : undefined,
      procedureCode: query.procedure,
      limit: query.limit,
      after: decodeCursor(query.cursor, isKey),
    });
    return this.summaries(page);
  }

  async track(query: Body<typeof TrackQuery>) {
    const d = await this.deps.store.findByCode(query.code);
    // The same answer for "no such code" and "wrong ID": the code alone reveals nothing.
    if (!d || (d.applicant.idNumber !== query.applicantId && d.applicant.enterpriseCode !== query.applicantId)) throw notFound('Dossier');
    const [history, calendar] = await Promise.all([this.deps.store.history(d.id), d.dueAt ? this.calendar() : null]);
    // The same judgement as the dossier's own read (`late`), so the public page never re-derives it.
    const { late, appointmentAt } = this.lateOf(d, calendar);
    return {
      code: d.code!,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      agencyName: d.agencyName,
      status: d.status,
      statusCode: statusCode(d.status),
      submittedAt: d.submittedAt,
      receivedAt: d.receivedAt,
      dueDate: d.dueAt,
      late,
      appointmentAt,
      history: history.filter((h) => h.from !== h.to).map((h) => ({ at: h.at, status: h.to, statusCode: statusCode(h.to) })),
    };
  }

  private async summaries(page: { items: DossierRecord[]; last: Record<string, unknown> | null }) {
    const calendar = page.items.some((d) => d.dueAt) ? await this.calendar() : null;
    return {
      items: page.items.map((d) => ({
        id: d.id, code: d.code, procedureCode: d.procedureCode, procedureName: d.procedureName, agencyCode: d.agencyCode,
        status: d.status, statusCode: statusCode(d.status), version: d.version, createdAt: d.createdAt,
        submittedAt: d.submittedAt, dueDate: d.dueAt, late: this.lateOf(d, calendar),
      })),
      nextCursor: page.last ? encodeCursor(page.last) : null,
    };
  }

  // -------------------------------------------------------------------------------------------
  // Reading, access and views

  private async load(id: string): Promise<DossierRecord> {
    const d = await this.deps.store.get(id);
    if (!d) throw notFound('Dossier');
    return d;
  }

  private officialInScope(principal: Principal, d: DossierRecord): boolean {
    return principal.kind === 'user' && principal.groups.includes('official') && agencyInScope(principal, agencyRef(d));
  }

  /** The owner, an official in scope, or an admin; anyone else is told it does not exist. */
  private async readable(principal: Principal, id: string): Promise<DossierRecord> {
    const d = await this.load(id);
    if (ownsResource(principal, d.applicant) || agencyInScope(principal, agencyRef(d))) return d;
    throw notFound('Dossier');
  }

  private async owned(principal: Principal, id: string): Promise<DossierRecord> {
    const d = await this.load(id);
    if (!ownsResource(principal, d.applicant)) throw notFound('Dossier');
    return d;
  }

  private async inScope(principal: Principal, id: string): Promise<DossierRecord> {
    const d = await this.load(id);
    if (!this.officialInScope(principal, d)) throw notFound('Dossier');
    return d;
  }

  /** Read-modify-write of the record (no status change), retried on a concurrent write. */
  private async update(id: string, first: DossierRecord, change: (d: DossierRecord) => DossierRecord): Promise<DossierRecord> {
    let current = first;
    for (let attempt = 1; ; attempt++) {
      const next = { ...change(current), version: current.version + 1, updatedAt: this.now().toISOString() };
      if (await this.deps.store.save(next, current.version)) return next;
      if (attempt >= SAVE_ATTEMPTS) throw conflict('VERSION_CONFLICT', 'The dossier is being changed by someone else; try again');
      current = await this.load(id);
    }
  }

  private async calendar(): Promise<WorkingCalendar> {
    const holidays = await this.deps.catalogue.holidays();
    if (this.calendarCache?.holidays !== holidays) this.calendarCache = { holidays, calendar: createWorkingCalendar(holidays) };
    return this.calendarCache.calendar;
  }

  private lateOf(d: DossierRecord, calendar: WorkingCalendar | null) {
    if (!d.dueAt || !calendar) return { late: false, apologyRequired: false, appointmentAt: null };
    const state = lateState({ dueAt: d.dueAt, status: d.status, finishedAt: d.finishedAt, pausedAt: d.pausedAt, apologies: d.apologies, now: this.now() }, calendar);
    return { late: state.late, apologyRequired: state.apologyRequired, appointmentAt: state.appointmentAt?.toISOString() ?? null };
  }

  private async view(d: DossierRecord, history: readonly DossierEvent[], principal: Principal): Promise<DossierView> {
    const calendar = d.dueAt ? await this.calendar() : null;
    const viewer: ActorKind | null = ownsResource(principal, d.applicant) ? 'applicant' : this.officialInScope(principal, d) ? 'official' : null;
    return {
      id: d.id,
      code: d.code,
      procedureCode: d.procedureCode,
      procedureName: d.procedureName,
      agencyCode: d.agencyCode,
      agencyName: d.agencyName,
      status: d.status,
      statusCode: statusCode(d.status),
      version: d.version,
      channel: d.channel,
      createdAt: d.createdAt,
      submittedAt: d.submittedAt,
      receivedAt: d.receivedAt,
      dueDate: d.dueAt,
      finishedAt: d.finishedAt,
      returnedAt: d.returnedAt,
      delivery: d.delivery,
      postalAddress: (d.postalAddress as DossierView['postalAddress']) ?? null,
      contact: d.contact,
      applicant: { type: d.applicant.type, idNumber: d.applicant.idNumber, enterpriseCode: d.applicant.enterpriseCode, vneidVerified: d.applicant.vneidVerified },
      form: d.form,
      components: d.components,
      attachments: d.attachments.map(({ round: _round, ...a }) => a),
      supplementRequest: d.supplementRequest,
      history: history.map((h) => ({ at: h.at, actor: { kind: h.actor.kind }, action: h.action, from: h.from, to: h.to, note: h.note })),
      apologies: d.apologies.map((a) => ({ issuedAt: new Date(a.issuedAt).toISOString(), newDueDate: a.newDueDate, reason: a.reason })),
      late: this.lateOf(d, calendar),
      allowedActions: viewer ? allowedActions(d.status, viewer) : [],
    };
  }
}

// ---------------------------------------------------------------------------------------------

/** Never consulted: transitions that need no calendar get this instead of a catalogue read. */
const NO_CALENDAR = {
  dueDate(): Date { throw new Error('calendar not loaded'); },
  extendByPause(): Date { throw new Error('calendar not loaded'); },
} as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const fileKey = (dossierId: string, attachmentId: string) => `${dossierId}/${attachmentId}`;

const applicationFiles = (d: DossierRecord) =>
  d.attachments.filter((a): a is AttachmentRecord & { componentCode: string } => a.kind === 'application' && a.componentCode !== null);

const agencyRef = (d: DossierRecord) => ({ code: d.agencyCode, parentCode: d.agencyParentCode });

const withAttachment = (d: DossierRecord, a: AttachmentRecord): DossierRecord => ({
  ...d,
  attachments: d.attachments.map((x) => (x.id === a.id ? a : x)),
});

const principalId = (p: Principal): string | undefined => (p.kind === 'user' ? p.sub : p.kind === 'agency-system' ? p.keyId : undefined);

const asApplicant = (principal: Principal): UserPrincipal => {
  if (principal.kind !== 'user' || !(principal.groups.includes('citizen') || principal.groups.includes('business'))) throw forbidden();
  return principal;
};

/** A business account applies as a business; anyone else in `citizen` as a citizen. Its identifier must be on the account. */
const applicantTypeOf = (user: UserPrincipal): 'citizen' | 'business' => {
  const type = user.groups.includes('business') ? 'business' : 'citizen';
  if (type === 'citizen' && !user.idNumber) throw unprocessable('PROFILE_INCOMPLETE', 'Your account has no personal ID number; verify it with VNeID first');
  if (type === 'business' && !user.enterpriseCode) throw unprocessable('PROFILE_INCOMPLETE', 'Your account has no enterprise code');
  return type;
};

const fileError = (reason: 'UNSUPPORTED_TYPE' | 'TOO_LARGE' | 'INVALID_SIZE', message: string) =>
  reason === 'UNSUPPORTED_TYPE' ? unsupportedType('UNSUPPORTED_FILE_TYPE', message)
    : reason === 'TOO_LARGE' ? tooLarge('FILE_TOO_LARGE', message)
      : badRequest('VALIDATION_FAILED', message, [{ path: 'body.size', message }]);


