// Filling a procedure's sourced form fields from the State's registers (docs/dossiers.md
// "Prefilled and locked fields"; the rules in domain/prefill.ts): the wizard's preview, the read
// a new draft locks its fields with, and the administrators' audit of those reads. Every read is
// recorded: who (the account), when, for which procedure and dossier, which fields.
import type * as z from 'zod';
import type { Principal } from '../../../shared/auth/principal';
import type { Procedure } from '../../../shared/contracts/catalogue';
import type { PrefillQuery, RegisterReadsQuery } from '../../../shared/contracts/dossiers';
import { unprocessable } from '../../../shared/errors/domain-error';
import { decodeCursor, encodeCursor, isStoreKey } from '../../../shared/http/pagination';
import { filledFields, registerFor, sourcedFields, type FilledField, type Register, type RegisterRecord } from '../domain/prefill';
import type { RegisterRead } from '../adapters/register-reads';
import { asApplicant, type DossierContext, type UserPrincipal } from './context';

/** A business account applies as a business; anyone else in `citizen` as a citizen. Its identifier must be on the account. */
export const applicantTypeOf = (user: UserPrincipal): 'citizen' | 'business' => {
  const type = user.groups.includes('business') ? 'business' : 'citizen';
  if (type === 'citizen' && !user.idNumber) throw unprocessable('PROFILE_INCOMPLETE', 'Your account has no personal ID number; verify it with VNeID first');
  if (type === 'business' && !user.enterpriseCode) throw unprocessable('PROFILE_INCOMPLETE', 'Your account has no enterprise code');
  return type;
};

export interface RegisterReadResult { register: Register; found: boolean; readAt: string; filled: FilledField[] }

/**
 * Reads the applicant's own record for the form's sourced fields and audits the read; null when
 * the form has no field from the applicant's register or no register is connected (no read).
 */
export const readRegister = async (
  ctx: DossierContext,
  user: UserPrincipal,
  type: 'citizen' | 'business',
  procedure: Pick<Procedure, 'code' | 'form'>,
  audit: Pick<RegisterRead, 'purpose' | 'dossierId'>,
): Promise<RegisterReadResult | null> => {
  const register = registerFor(type);
  const fields = sourcedFields(procedure.form.fields, register);
  if (!ctx.registers || fields.length === 0) return null;
  const { data, reads } = ctx.registers;
  // applicantTypeOf has checked the account carries the identifier of its register.
  const found: RegisterRecord | null = register === 'population'
    ? await data.citizen(user.idNumber!).then((record) => record && { register, record })
    : await data.enterprise(user.enterpriseCode!).then((record) => record && { register, record });
  const readAt = ctx.now().toISOString();
  const filled = found ? filledFields(fields, found) : [];
  await reads.record({
    id: ctx.newId(), at: readAt, sub: user.sub, register, ...audit,
    procedureCode: procedure.code, fields: filled.map((f) => f.name), found: found !== null,
  });
  return { register, found: found !== null, readAt, filled };
};

/** The wizard's preview: the values the State holds for the procedure form's sourced fields. */
export const prefill = async (ctx: DossierContext, principal: Principal, query: z.output<typeof PrefillQuery>) => {
  const user = asApplicant(principal);
  const procedure = await ctx.catalogue.getProcedure(query.procedureCode);
  if (!procedure) throw unprocessable('UNKNOWN_PROCEDURE', 'No such procedure', [{ path: 'query.procedureCode', message: 'not in the catalogue' }]);
  const read = await readRegister(ctx, user, applicantTypeOf(user), procedure, { purpose: 'preview', dossierId: null });
  return read
    ? { register: read.register, found: read.found, readAt: read.readAt, fields: read.filled }
    : { register: null, found: false, readAt: null, fields: [] };
};

/** An administrator's view of one account's register reads, newest first. */
export const listRegisterReads = async (ctx: DossierContext, _principal: Principal, query: z.output<typeof RegisterReadsQuery>) => {
  const after = decodeCursor(query.cursor, isStoreKey);
  if (!ctx.registerReads) return { items: [], nextCursor: null };
  const page = await ctx.registerReads.list(query.account, { limit: query.limit, after });
  return { items: page.items, nextCursor: page.last ? encodeCursor(page.last) : null };
};
