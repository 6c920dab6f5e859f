// What the dossiers capability's use cases share: the adapters, the clock and ids, the working
// calendar, and who may read, own or act on a dossier (the owner; officials of an agency in scope;
// admins read; anyone else is told the dossier does not exist).
import { randomUUID } from 'node:crypto';
import type { Principal } from '../../../shared/auth/principal';
import { agencyInScope, ownsResource } from '../../../shared/auth/scope';
import { latestCalendar, type WorkingCalendar } from '../../../shared/calendar';
import { conflict, forbidden, notFound } from '../../../shared/errors/domain-error';
import { DEFAULT_RETRY, done, lostRace, retryOnConflict } from '../../../shared/retry/retry-on-conflict';
import { UploadFlow } from '../../../shared/uploads/upload-flow';
import type { AttachmentStore } from '../../../shared/uploads/upload-store';
import type { CatalogueReader } from '../../catalogue/public';
import type { DossierStore } from '../adapters/dossier-store';
import type { PopulationData } from '../adapters/population-data';
import type { RegisterReadLog } from '../adapters/register-reads';
import { DEFAULT_MAX_FILE_BYTES } from '../domain/components';
import type { DossierRecord } from '../domain/dossier';

export interface DossierDeps {
  store: DossierStore;
  files: AttachmentStore;
  catalogue: CatalogueReader;
  /** The State's registers (population, businesses) sourced form fields are filled from; absent: none is filled. */
  population?: PopulationData;
  /** The audit trail of those reads; required with `population`. */
  registerReads?: RegisterReadLog;
  now?: () => Date;
  newId?: () => string;
}

export interface DossierContext {
  store: DossierStore;
  /** The applicant's files and the officials' results: the shared upload flow over the attachments bucket. */
  uploads: UploadFlow;
  catalogue: CatalogueReader;
  /** The registers and the audit trail of their reads, when the deployment is connected to them. */
  registers: { data: PopulationData; reads: RegisterReadLog } | null;
  /** The audit trail alone (an administrator reads it even when no register is connected now). */
  registerReads: RegisterReadLog | null;
  now: () => Date;
  newId: () => string;
  /** The working calendar of the catalogue's holidays (built again only when they change). */
  calendar: () => Promise<WorkingCalendar>;
}

/** Where a dossier's file lives in the attachments bucket (under incoming/ until verified, then files/). */
export const fileKey = (dossierId: string, attachmentId: string) => `${dossierId}/${attachmentId}`;

export const dossierContext = (deps: DossierDeps): DossierContext => {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  // Every read of a register is audited: a register without its audit trail is a wiring mistake.
  if (deps.population && !deps.registerReads) throw new Error('dossierContext: population data needs the register-read log');
  return {
    store: deps.store,
    // Download links are signed at `now`: the real clock outside unit tests, as S3 checks them against it.
    uploads: new UploadFlow({ files: deps.files, keyOf: fileKey, maxBytes: DEFAULT_MAX_FILE_BYTES, now, newId }),
    catalogue: deps.catalogue,
    registers: deps.population && deps.registerReads ? { data: deps.population, reads: deps.registerReads } : null,
    registerReads: deps.registerReads ?? null,
    now,
    newId,
    calendar: latestCalendar(() => deps.catalogue.holidays()),
  };
};

/** A use case without its first parameter, the context. */
export type Bound<F> = F extends (ctx: never, ...args: infer A) => infer R ? (...args: A) => R : never;

/** Binds a use case to the context. */
export const bind = <F extends (ctx: never, ...args: never[]) => unknown>(ctx: DossierContext, useCase: F): Bound<F> =>
  ((...args: never[]) => useCase(ctx as never, ...args)) as Bound<F>;

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** A signed-in citizen or business account: who may apply. */
export const asApplicant = (principal: Principal): UserPrincipal => {
  if (principal.kind !== 'user' || !(principal.groups.includes('citizen') || principal.groups.includes('business'))) throw forbidden();
  return principal;
};

/** Who the history names as the actor: the account, or the agency system's key. */
export const principalId = (p: Principal): string | undefined => (p.kind === 'user' ? p.sub : p.kind === 'agency-system' ? p.keyId : undefined);

export const agencyRef = (d: DossierRecord) => ({ code: d.agencyCode, parentCode: d.agencyParentCode });

export const officialInScope = (principal: Principal, d: DossierRecord): boolean =>
  principal.kind === 'user' && principal.groups.includes('official') && agencyInScope(principal, agencyRef(d));

export const load = async (ctx: DossierContext, id: string): Promise<DossierRecord> => {
  const d = await ctx.store.get(id);
  if (!d) throw notFound('Dossier');
  return d;
};

/** The owner, an official in scope, or an admin. */
export const readable = async (ctx: DossierContext, principal: Principal, id: string): Promise<DossierRecord> => {
  const d = await load(ctx, id);
  if (ownsResource(principal, d.applicant) || agencyInScope(principal, agencyRef(d))) return d;
  throw notFound('Dossier');
};

export const owned = async (ctx: DossierContext, principal: Principal, id: string): Promise<DossierRecord> => {
  const d = await load(ctx, id);
  if (!ownsResource(principal, d.applicant)) throw notFound('Dossier');
  return d;
};

export const inScope = async (ctx: DossierContext, principal: Principal, id: string): Promise<DossierRecord> => {
  const d = await load(ctx, id);
  if (!officialInScope(principal, d)) throw notFound('Dossier');
  return d;
};

/** A change that is not the caller's own action (files) retries a few times on a concurrent write. */
const UPDATE_RETRY = { attempts: 4, baseMs: DEFAULT_RETRY.baseMs };

/** Read-modify-write of the record (no status change), from a fresh read after each lost race. */
export const update = async (ctx: DossierContext, first: DossierRecord, change: (d: DossierRecord) => DossierRecord): Promise<DossierRecord> => {
  let current = first;
  return retryOnConflict(async (attempt) => {
    if (attempt > 1) current = await load(ctx, first.id);
    const next = { ...change(current), version: current.version + 1, updatedAt: ctx.now().toISOString() };
    return (await ctx.store.save(next, current.version)) ? done(next) : lostRace;
  }, () => conflict('VERSION_CONFLICT', 'The dossier is being changed by someone else; try again'), UPDATE_RETRY);
};
