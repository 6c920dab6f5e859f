// Reading dossiers: one dossier for whoever may read it, the applicant's own list, and an
// agency's work queue (due-date order; filters by status, overdue, procedure) for its officials,
// paged by the last sort key returned (every list shard resumes after it: shared/pagination/k-way-merge.ts).
import type * as z from 'zod';
import type { Principal } from '../../../shared/auth/principal';
import { agencyInScope } from '../../../shared/auth/scope';
import type { DossierView, MyDossiersQuery, WorkQueueQuery } from '../../../shared/contracts/dossiers';
import { forbidden, notFound } from '../../../shared/errors/domain-error';
import { decodeCursor, encodeCursor, isStoreKey } from '../../../shared/http/pagination';
import { decodeKeyCursor, encodeKeyCursor, fingerprint } from '../../../shared/http/query-cursors';
import { QUEUE_SORT_KEY, type DossierEvent, type DossierRecord } from '../domain/dossier';
import { asApplicant, readable, type DossierContext } from './context';
import { currentView, summaries } from './views';

export const getDossier = async (ctx: DossierContext, principal: Principal, id: string): Promise<DossierView> =>
  currentView(ctx, await readable(ctx, principal, id), principal);

/** The record and its history for whoever may read the dossier (its slips are derived from both). */
export const readWithHistory = async (ctx: DossierContext, principal: Principal, id: string): Promise<{ record: DossierRecord; history: DossierEvent[] }> => {
  const record = await readable(ctx, principal, id);
  return { record, history: await ctx.store.history(id) };
};

export const listMine = async (ctx: DossierContext, principal: Principal, query: z.output<typeof MyDossiersQuery>) => {
  const user = asApplicant(principal);
  const page = await ctx.store.listByApplicant(user.sub, { status: query.status, limit: query.limit, after: decodeCursor(query.cursor, isStoreKey) });
  return summaries(ctx, page.items, page.last ? encodeCursor(page.last) : null);
};

export const workQueue = async (ctx: DossierContext, principal: Principal, query: z.output<typeof WorkQueueQuery>) => {
  if (principal.kind !== 'user') throw forbidden();
  const code = query.agency ?? principal.agencyScope[0];
  if (!code) throw forbidden('Your account serves no agency');
  const agency = await ctx.catalogue.getAgency(code);
  if (!agency) throw notFound('Agency');
  if (!agencyInScope(principal, { code: agency.code, parentCode: agency.parentCode })) throw forbidden('This agency is not in your scope');
  // A keyset cursor: the last sort key returned, bound to this query (a cursor of another query is a 400).
  const queryHash = fingerprint(JSON.stringify([agency.code, query.status ?? null, query.overdue, query.procedure ?? null]));
  const page = await ctx.store.listQueue({
    agencyCode: agency.code,
    status: query.status,
    overdueAt: query.overdue ? ctx.now() : undefined,
    procedureCode: query.procedure,
    limit: query.limit,
    after: decodeKeyCursor(query.cursor, queryHash, '', QUEUE_SORT_KEY),
  });
  return summaries(ctx, page.items, page.next ? encodeKeyCursor(page.next, queryHash) : null);
};
