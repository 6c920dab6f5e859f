// A new draft (R-DOSSIER-DRAFT): the procedure must be offered online to this kind of applicant at
// an agency of a level that handles it, and the form must be valid; the applicant comes from the
// token, never from the body. Created once per Idempotency-Key (shared/idempotency): a replay of
// the same request answers with the draft it made.
import { createHash } from 'node:crypto';
import type * as z from 'zod';
import type { Principal } from '../../../shared/auth/principal';
import type { Agency, Procedure } from '../../../shared/contracts/catalogue';
import type { CreateDossier, DossierView } from '../../../shared/contracts/dossiers';
import { badRequest, unprocessable } from '../../../shared/errors/domain-error';
import { createOnce, fingerprintOf, KEY_TTL_SECONDS } from '../../../shared/idempotency/create-once';
import { notYetReceived, type DossierRecord } from '../domain/dossier';
import { validateForm } from '../domain/form';
import { changedLockedFields, lockedFieldDetails, prefilledRecords, withFilledValues } from '../domain/prefill';
import { asApplicant, type DossierContext, type UserPrincipal } from './context';
import { applicantTypeOf, readRegister } from './prefill';
import { currentView, view } from './views';

/** The account's verified e-mail and phone as the dossier's contact; null when it has neither. */
export const accountContact = (user: UserPrincipal): DossierRecord['contact'] =>
  user.email || user.phone ? { ...(user.email ? { email: user.email } : {}), ...(user.phone ? { phone: user.phone } : {}) } : null;

/** What a dossier keeps of its procedure and agency as they were when it was created. */
export const snapshotOf = (
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

type Body = z.output<typeof CreateDossier>;

/** The draft the request describes, after the catalogue's and the form's checks. */
const draftOf = async (ctx: DossierContext, user: UserPrincipal, body: Body): Promise<DossierRecord> => {
  const [procedure, agency] = await Promise.all([ctx.catalogue.getProcedure(body.procedureCode), ctx.catalogue.getAgency(body.agencyCode)]);
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
  // The fields the State holds are filled from the applicant's record and locked (domain/prefill.ts).
  const id = ctx.newId();
  const read = await readRegister(ctx, user, type, procedure, { purpose: 'draft', dossierId: id });
  const filled = read?.filled ?? [];
  const changed = changedLockedFields(procedure.form.fields, body.form, filled);
  if (changed.length) {
    throw unprocessable('LOCKED_FIELD_CHANGED', "Some fields hold the State's data and cannot be changed", lockedFieldDetails(changed, 'body.form.'));
  }
  const form = validateForm(procedure.form, withFilledValues(body.form, filled));
  if (!form.ok) throw badRequest('VALIDATION_FAILED', 'The form is not valid', form.errors.map((e) => ({ path: `body.${e.path}`, message: e.message })));

  const at = ctx.now().toISOString();
  return {
    id,
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
    prefilled: read ? prefilledRecords(filled, read.readAt) : [],
    attachments: [],
    createdAt: at,
    updatedAt: at,
    submittedAt: null,
    ...notYetReceived(),
  };
};

/**
 * The fingerprint of a draft request before dossiers adopted shared/idempotency: SHA-256 of the
 * parsed body's JSON as it stood (keys in the schema's order, a form's in the order sent, not
 * sorted). A key recorded then lives 24 h (adapters/dossier-store.ts `earlierDraftKey`); a client
 * retrying sends the same body, which digests the same again, so the old record is compared, not
 * taken on trust: a different body under that key is still 422. Can go with `earlierDraftKey`.
 */
const earlierFingerprintOf = (body: Body): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** A new draft, or — for a replayed Idempotency-Key with the same request — the draft it made. */
export const createDraft = async (ctx: DossierContext, principal: Principal, body: Body, idempotencyKey: string): Promise<DossierView> => {
  const user = asApplicant(principal);
  const fingerprint = fingerprintOf(body);
  const earlierFingerprint = earlierFingerprintOf(body);
  return createOnce<DossierView>({
    fingerprint,
    readKey: async () => {
      const seen = await ctx.store.draftKey(user.sub, idempotencyKey);
      return seen?.fingerprint === earlierFingerprint ? { ...seen, fingerprint } : seen;
    },
    replay: async (dossierId) => {
      const d = await ctx.store.get(dossierId);
      return d && currentView(ctx, d, user);
    },
    create: async () => {
      const draft = await draftOf(ctx, user, body);
      const written = await ctx.store.createDraft(draft, { sub: user.sub, key: idempotencyKey, fingerprint, ttlSeconds: KEY_TTL_SECONDS });
      // A new draft has no history yet.
      return written === 'created' ? { created: await view(ctx, draft, [], principal) } : { keyTaken: true };
    },
  });
};
