// The feedback capability (docs/requirements.md R-CAP-FEEDBACK, docs/feedback.md): people send
// feedback, officials of the agency it is with (or the portal's administrators) move it through the
// workflow on the working-day calendar, answers are published without the sender's personal data,
// and signed-in people like or dislike published answers. Rules are in domain/; this orders the
// steps and decides who is acting.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../shared/auth/principal';
import { agencyInScope } from '../../shared/auth/scope';
import { createWorkingCalendar, localDate, type WorkingCalendar } from '../../shared/calendar';
import type * as z from 'zod';
import type {
  AgencyFeedbackQuery, FeedbackActionBody, FeedbackView, MyFeedbackQuery, PublicFeedbackView, PublishedQuery, SubmitFeedback,
} from '../../shared/contracts/feedback';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../shared/errors/domain-error';
import { decodeCursor, encodeCursor, isStoreKey as isKey } from '../../shared/http/pagination';
import type { CatalogueReader } from '../catalogue/public';
import type { AttachmentStore as UploadStore } from '../../shared/uploads/upload-store';
import { PORTAL_QUEUE, type FeedbackStore } from './adapters/feedback-store';
import {
  acceptsAttachments, applyFeedbackTransition, ATTACHMENT_MAX_BYTES, attachmentKey, formatFeedbackCode, MAX_ATTACHMENTS, type FeedbackRecord,
} from './domain/feedback';
import { scrubPersonalData } from './domain/privacy';
import {
  allowedFeedbackActions, answeredOnTime, decideFeedback, deadlinesOf, overdueSteps, type FeedbackActor,
} from './domain/workflow';

export interface FeedbackDeps {
  store: FeedbackStore;
  /** The attachments bucket, shared with dossiers (keys under feedback/). */
  files: UploadStore;
  catalogue: CatalogueReader;
  now?: () => Date;
  newId?: () => string;
}

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

const monthOf = (iso: string) => localDate(iso).slice(0, 7);


export class FeedbackService {
  private readonly now: () => Date;
  private readonly newId: () => string;
  private calendarCache?: { holidays: unknown; calendar: WorkingCalendar };

  constructor(private readonly deps: FeedbackDeps) {
    this.now = deps.now ?? (() => new Date());
    this.newId = deps.newId ?? randomUUID;
  }

  private async calendar(): Promise<WorkingCalendar> {
    const holidays = await this.deps.catalogue.holidays();
    if (this.calendarCache?.holidays !== holidays) this.calendarCache = { holidays, calendar: createWorkingCalendar(holidays) };
    return this.calendarCache.calendar;
  }

  // ---------------------------------------------------------------------------------------------
  // Sending

  async submit(principal: Principal, body: z.infer<typeof SubmitFeedback>): Promise<FeedbackView> {
    const user = principal as UserPrincipal;
    let agency: { code: string; name: string; parentCode: string | null } | undefined;
    if (body.agencyCode) {
      agency = await this.deps.catalogue.getAgency(body.agencyCode);
      if (!agency) throw unprocessable('UNKNOWN_AGENCY', 'No such agency in the catalogue', [{ path: 'body.agencyCode', message: 'unknown agency' }]);
    }
    if (body.procedureCode && !(await this.deps.catalogue.getProcedure(body.procedureCode))) {
      throw unprocessable('UNKNOWN_PROCEDURE', 'No such procedure in the catalogue', [{ path: 'body.procedureCode', message: 'unknown procedure' }]);
    }
    const now = this.now();
    const at = now.toISOString();
    const id = this.newId();
    const [sequence, firstOfSubject] = await Promise.all([
      this.deps.store.nextCode(localDate(now)),
      this.deps.store.claimSubject(user.sub, agency?.code ?? null, body.subject, id),
    ]);
    const f: FeedbackRecord = {
      id, code: formatFeedbackCode(localDate(now), sequence), category: body.category, subject: body.subject, content: body.content,
      procedureCode: body.procedureCode ?? null, agencyCode: agency?.code ?? null, agencyName: agency?.name ?? null,
      agencyParentCode: agency?.parentCode ?? null, status: 'submitted', version: 1,
      sender: { sub: user.sub, name: user.name ?? null, idNumber: user.idNumber ?? user.enterpriseCode ?? null, email: user.email ?? null, phone: user.phone ?? null },
      submittedAt: at, receivedAt: at, decidedAt: null, firstInfoRequestAt: null, infoRequest: null, rejection: null,
      answer: null, answeredAt: null, publishedAt: null, likes: 0, dislikes: 0, repeated: !firstOfSubject, attachments: [], history: [],
    };
    await this.deps.store.create(f);
    return this.fullView(f, 'sender', await this.calendar());
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Public: a published item without the sender's data; anything else does not exist. */
  async getPublic(id: string): Promise<PublicFeedbackView> {
    const f = await this.deps.store.get(id);
    if (!f || f.status !== 'published') throw notFound('Feedback');
    return this.publicView(f);
  }

  async listPublished(query: z.infer<typeof PublishedQuery>) {
    const page = await this.deps.store.published({ q: query.q, agency: query.agency }, query.limit, decodeCursor(query.cursor, isKey));
    return { items: page.items.map((f) => this.publicView(f)), nextCursor: page.last ? encodeCursor(page.last) : null };
  }

  async listMine(principal: Principal, query: z.infer<typeof MyFeedbackQuery>) {
    const user = principal as UserPrincipal;
    const page = await this.deps.store.bySender(user.sub, query.limit, decodeCursor(query.cursor, isKey));
    const calendar = await this.calendar();
    return { items: page.items.map((f) => this.fullView(f, 'sender', calendar)), nextCursor: page.last ? encodeCursor(page.last) : null };
  }

  /** An official's (or an administrator's) queue: one agency, oldest first, optionally one status. */
  async queue(principal: Principal, query: z.infer<typeof AgencyFeedbackQuery>) {
    const user = principal as UserPrincipal;
    const isAdmin = user.groups.includes('admin');
    const agency = query.agency ?? (isAdmin ? PORTAL_QUEUE : user.agencyScope[0]);
    if (!agency) throw forbidden('You serve no agency');
    if (agency === PORTAL_QUEUE) {
      if (!isAdmin) throw forbidden('Only the portal administrators route unaddressed feedback');
    } else {
      const info = await this.deps.catalogue.getAgency(agency);
      if (!info || !agencyInScope(principal, info)) throw forbidden('That agency is not in your scope');
    }
    const page = await this.deps.store.queue(agency, query.status, query.limit, decodeCursor(query.cursor, isKey));
    const calendar = await this.calendar();
    const actor: FeedbackActor = isAdmin ? 'admin' : 'official';
    return { items: page.items.map((f) => this.fullView(f, actor, calendar)), nextCursor: page.last ? encodeCursor(page.last) : null };
  }

  /**
   * One item for an official of the agency it is with, or an administrator: the full view the queue
   * shows. Anyone else (an official of another agency, the sender through this route) gets 404,
   * as for an item that does not exist.
   */
  async getForOffice(principal: Principal, id: string): Promise<FeedbackView> {
    const f = await this.deps.store.get(id);
    const actor = f && this.actorFor(principal, f);
    if (!f || (actor !== 'official' && actor !== 'admin')) throw notFound('Feedback');
    return this.fullView(f, actor, await this.calendar());
  }

  // ---------------------------------------------------------------------------------------------
  // The workflow

  /** Who the caller is for this item: its sender, an official of the agency it is with, an administrator. */
  private actorFor(principal: Principal, f: FeedbackRecord): FeedbackActor | null {
    if (principal.kind !== 'user') return null;
    if (principal.groups.includes('admin')) return 'admin';
    if (principal.groups.includes('official') && f.agencyCode && agencyInScope(principal, { code: f.agencyCode, parentCode: f.agencyParentCode })) return 'official';
    if (principal.sub === f.sender.sub) return 'sender';
    return null;
  }

  async act(principal: Principal, id: string, body: z.infer<typeof FeedbackActionBody>): Promise<FeedbackView> {
    const f = await this.deps.store.get(id);
    const actor = f && this.actorFor(principal, f);
    if (!f || !actor) throw notFound('Feedback');
    if (body.version !== f.version) throw conflict('VERSION_CONFLICT', `The feedback is at version ${f.version}; read it again`);
    const decision = decideFeedback(f.status, body.action, actor, body);
    if (!decision.ok) {
      if (decision.error === 'MISSING_FIELD') throw badRequest('VALIDATION_FAILED', decision.message, [{ path: `body.${decision.field}`, message: 'is required' }]);
      if (decision.error === 'NOT_ALLOWED') throw forbidden(decision.message);
      throw conflict('INVALID_TRANSITION', decision.message);
    }
    let agency: { code: string; name: string; parentCode: string | null } | undefined;
    if (body.action === 'assign' || body.action === 'transfer') {
      agency = await this.deps.catalogue.getAgency(body.agencyCode!);
      if (!agency) throw unprocessable('UNKNOWN_AGENCY', 'No such agency in the catalogue', [{ path: 'body.agencyCode', message: 'unknown agency' }]);
      if (agency.code === f.agencyCode) throw unprocessable('SAME_AGENCY', 'The feedback is already with that agency');
    }
    const at = this.now().toISOString();
    const next = applyFeedbackTransition(f, decision.transition, { actor, at, input: body, agency });
    const calendar = await this.calendar();
    let counters: Parameters<FeedbackStore['save']>[2];
    if (body.action === 'answer') {
      // Indicators 5.2 (answered on time) and 5.3 (late or repeated answers), per agency and month.
      const onTime = answeredOnTime(at, deadlinesOf(f, calendar).answerBy);
      counters = {
        agencyCode: next.answer!.agencyCode, month: monthOf(at),
        add: { answered: 1, answeredOnTime: onTime ? 1 : 0, answeredLate: onTime ? 0 : 1, answeredRepeated: f.repeated ? 1 : 0 },
      };
    }
    if (!(await this.deps.store.save(next, f.version, counters))) {
      throw conflict('VERSION_CONFLICT', 'The feedback was changed by someone else; read it again');
    }
    return this.fullView(next, actor, calendar);
  }

  // ---------------------------------------------------------------------------------------------
  // Attachments (the sender's evidence): presigned POST, verified after upload, never public

  private async ownItem(principal: Principal, id: string): Promise<FeedbackRecord> {
    const f = await this.deps.store.get(id);
    if (!f || principal.kind !== 'user' || principal.sub !== f.sender.sub) throw notFound('Feedback');
    return f;
  }

  /**
   * Attachment changes touch only their own entry of the list, so a save that lost a race (the
   * sender adding several files at once, an official's step meanwhile) is re-applied to the fresh
   * record instead of failing the sender's upload. `change` sees the current record and may throw
   * (the feedback no longer takes files, the entry is gone).
   */
  private async changeAttachments(principal: Principal, id: string, change: (f: FeedbackRecord) => FeedbackRecord['attachments']): Promise<FeedbackRecord> {
    for (let attempt = 0; attempt < 8; attempt++) {
      const f = await this.ownItem(principal, id);
      const next: FeedbackRecord = { ...f, version: f.version + 1, attachments: change(f) };
      if (await this.deps.store.save(next, f.version)) return next;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
    throw conflict('VERSION_CONFLICT', 'The feedback keeps changing; try again');
  }

  async requestUpload(principal: Principal, id: string, body: { fileName: string; contentType: string; size: number }) {
    const f = await this.ownItem(principal, id);
    const attachmentId = this.newId();
    const entry = { id: attachmentId, fileName: body.fileName, contentType: body.contentType, size: body.size, status: 'pending' as const, uploadedAt: this.now().toISOString() };
    const admit = (current: FeedbackRecord) => {
      if (!acceptsAttachments(current)) throw conflict('NOT_ACCEPTING_FILES', `Files can be added while the feedback is submitted or information is requested, not ${current.status}`);
      if ((current.attachments ?? []).filter((a) => a.status === 'verified').length >= MAX_ATTACHMENTS) {
        throw unprocessable('TOO_MANY_FILES', `At most ${MAX_ATTACHMENTS} files per feedback`);
      }
      return [...(current.attachments ?? []), entry];
    };
    admit(f); // refuse before signing anything
    const ticket = await this.deps.files.presignUpload({ key: attachmentKey(f.id, attachmentId), contentType: body.contentType, maxBytes: ATTACHMENT_MAX_BYTES });
    await this.changeAttachments(principal, id, admit);
    return { attachmentId, url: ticket.url, fields: ticket.fields, expiresAt: ticket.expiresAt };
  }

  async completeUpload(principal: Principal, id: string, attachmentId: string): Promise<FeedbackView> {
    const f = await this.ownItem(principal, id);
    const a = (f.attachments ?? []).find((x) => x.id === attachmentId);
    if (!a) throw notFound('Attachment');
    if (a.status === 'verified') return this.fullView(f, 'sender', await this.calendar());
    const verdict = await this.deps.files.verify({ key: attachmentKey(f.id, a.id), contentType: a.contentType, size: a.size, maxBytes: ATTACHMENT_MAX_BYTES });
    if (!verdict.ok) {
      // A file that is not what it claims is forgotten, so it is neither counted nor offered.
      await this.changeAttachments(principal, id, (current) => (current.attachments ?? []).filter((x) => x.id !== a.id));
      throw unprocessable(`UPLOAD_${verdict.reason}`, verdict.message);
    }
    const next = await this.changeAttachments(principal, id, (current) => {
      if (!(current.attachments ?? []).some((x) => x.id === a.id)) throw notFound('Attachment');
      return current.attachments.map((x) => (x.id === a.id ? { ...x, status: 'verified' as const } : x));
    });
    return this.fullView(next, 'sender', await this.calendar());
  }

  /** The sender, and officials of the agency it is with (or admins), download evidence; nobody else. */
  async download(principal: Principal, id: string, attachmentId: string) {
    const f = await this.deps.store.get(id);
    const actor = f && this.actorFor(principal, f);
    const a = f?.attachments?.find((x) => x.id === attachmentId && x.status === 'verified');
    if (!f || !actor || !a) throw notFound('Attachment');
    return this.deps.files.presignDownload({ key: attachmentKey(f.id, a.id), fileName: a.fileName, now: this.now() });
  }

  // ---------------------------------------------------------------------------------------------
  // Reactions

  async react(principal: Principal, id: string, like: boolean) {
    const user = principal as UserPrincipal;
    for (let attempt = 0; attempt < 20; attempt++) {
      const f = await this.deps.store.get(id);
      if (!f || f.status !== 'published') throw notFound('Feedback');
      const previous = await this.deps.store.reaction(id, user.sub);
      const outcome = await this.deps.store.react(id, user.sub, like, previous);
      if (outcome !== 'stale') {
        const after = outcome === 'same' ? f : (await this.deps.store.get(id))!;
        return { like, likes: after.likes, dislikes: after.dislikes };
      }
      // The same person reacting twice at once, or a transaction conflict: read again and retry.
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20 * (attempt + 1)));
    }
    throw conflict('REACTION_BUSY', 'Too many simultaneous changes; try again');
  }

  // ---------------------------------------------------------------------------------------------
  // Views

  private fullView(f: FeedbackRecord, actor: FeedbackActor, calendar: WorkingCalendar): FeedbackView {
    const deadlines = deadlinesOf(f, calendar);
    return {
      ...this.baseView(f),
      version: f.version,
      sender: { name: f.sender.name, idNumber: f.sender.idNumber, email: f.sender.email, phone: f.sender.phone },
      deadlines,
      overdue: overdueSteps({ ...f, deadlines }, this.now()),
      repeated: f.repeated,
      rejection: f.rejection,
      infoRequest: f.infoRequest,
      attachments: (f.attachments ?? []).map(({ id, fileName, contentType, size, status, uploadedAt }) => ({ id, fileName, contentType, size, status, uploadedAt })),
      allowedActions: allowedFeedbackActions(f.status, actor),
      history: f.history,
    };
  }

  private baseView(f: FeedbackRecord) {
    return {
      id: f.id, code: f.code, category: f.category, subject: f.subject, content: f.content, status: f.status,
      procedureCode: f.procedureCode, agencyCode: f.agencyCode, agencyName: f.agencyName, answer: f.answer,
      createdAt: f.submittedAt, publishedAt: f.publishedAt, likes: f.likes, dislikes: f.dislikes,
    };
  }

  /** The public view: the sender's identifiers, and anything shaped like them, masked everywhere. */
  publicView(f: FeedbackRecord): PublicFeedbackView {
    const scrub = (text: string) => scrubPersonalData(text, f.sender);
    const base = this.baseView(f);
    return { ...base, subject: scrub(base.subject), content: scrub(base.content), answer: base.answer && { ...base.answer, text: scrub(base.answer.text) } };
  }

  // ---------------------------------------------------------------------------------------------
  // The daily job

  /** Every open item with a step past its deadline (or due within a working day), per agency. */
  async deadlineReport(now: Date) {
    const calendar = await this.calendar();
    const overdue: { id: string; code: string; agencyCode: string | null; status: string; steps: string[] }[] = [];
    let open = 0;
    for (let shard = 0; shard < this.deps.store.openShards; shard++) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await this.deps.store.open(shard, start);
        for (const f of page.items) {
          open++;
          const steps = overdueSteps({ ...f, deadlines: deadlinesOf(f, calendar) }, now);
          if (steps.length) overdue.push({ id: f.id, code: f.code, agencyCode: f.agencyCode, status: f.status, steps });
        }
        start = page.last ?? undefined;
      } while (start);
    }
    return { at: now.toISOString(), open, overdue };
  }
}
