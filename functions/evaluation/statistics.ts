// The public statistics of an agency (with its communes) or of the whole country
// (GET /v1/statistics; docs/requirements.md R-CAP-STATISTICS; docs/index.md "Statistics"): served
// from what the index jobs stored with the period's index (compute.ts), never summed on request,
// fresh or stale exactly as the index reads are (stored-reads.ts).
import { notFound } from '../../shared/errors/domain-error';
import type { Statistics } from '../../shared/contracts/evaluation';
import type { IndexContext } from './deps';
import { begunPeriod } from './period-checks';
import { finalOf, notStored, type StoredRead } from './stored-reads';
import { keepFresh } from './refresh-requests';

/** 404 NOT_FOUND for an agency not in the catalogue, 404 PERIOD_NOT_COMPUTED for a period with nothing stored. */
export const readStatistics = async (ctx: IndexContext, periodId: string, agencyCode: string | undefined): Promise<StoredRead<Statistics>> => {
  // A period yet to come has no figures, not zero ones (the ranking answers the same).
  const period = begunPeriod(periodId, ctx.now());
  const { agencies, procedures } = await ctx.reference();
  const agency = agencyCode === undefined ? undefined : agencies.find((a) => a.code === agencyCode);
  if (agencyCode !== undefined && !agency) throw notFound(`The agency ${agencyCode}`);
  const stored = await ctx.deps.store.statistics(period.id, agency?.code ?? null);
  if (!stored) return notStored(ctx, period, 'statistics');
  const final = finalOf(period, stored);
  await keepFresh(ctx, period, final, stored.computedAt);
  // Procedure names are joined here, from the catalogue, rather than stored with every period.
  const names = new Map(procedures.map((p) => [p.code, p.name]));
  const byProcedure = stored.byProcedure.map((p) => ({ ...p, procedureName: names.get(p.procedureCode) ?? null }));
  return { final, body: { ...stored, agencyName: agency?.name ?? null, byProcedure, final } };
};
