// The public statistics of an agency (with its communes) or of the whole country
// (GET /v1/statistics; docs/requirements.md R-CAP-STATISTICS): summed from the counters when read.
import { notFound } from '../../shared/errors/domain-error';
import type { AgencyInfo } from '../catalogue/public';
import type { IndexContext } from './deps';
import { C, sumCounters, type Counters } from './domain/dossier-facts';
import { timeliness } from './domain/measures';
import { evaluationDay, isOver } from './domain/period';
import { agencyScopes } from './domain/scopes';
import { begunPeriod } from './period-checks';

/** `stored`: the period is over, its figures will not change (cacheable as stored results are). */
export const readStatistics = async (ctx: IndexContext, periodId: string, agencyCode: string | undefined) => {
  const now = ctx.now();
  // A period yet to come has no figures, not zero ones (the ranking answers the same).
  const period = begunPeriod(periodId, now);
  const { agencies, procedures } = await ctx.reference();
  let scope: string[];
  let agency: AgencyInfo | undefined;
  if (agencyCode) {
    agency = agencies.find((a) => a.code === agencyCode);
    if (!agency) throw notFound(`The agency ${agencyCode}`);
    scope = agencyScopes(agencies).get(agencyCode) ?? [agencyCode];
  } else scope = agencies.map((a) => a.code);
  const counterMap = await ctx.deps.store.counters(period.months.flatMap((month) => scope.map((agencyCode) => ({ agencyCode, month }))));
  const c: Counters = sumCounters(counterMap.values());
  const n = (k: string) => c[k] ?? 0;
  const family = (prefix: string) => Object.fromEntries(Object.entries(c).filter(([k, v]) => k.startsWith(prefix) && v > 0).map(([k, v]) => [k.slice(prefix.length), v]));
  const names = new Map(procedures.map((p) => [p.code, p.name]));
  const t = timeliness(c, evaluationDay(period, now));
  const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);
  return {
    stored: isOver(period, now),
    body: {
      period: period.id,
      agencyCode: agency?.code ?? null,
      agencyName: agency?.name ?? null,
      computedAt: now.toISOString(),
      dossiers: n(C.dossiers),
      received: n(C.received),
      byStatus: family('st:'),
      byChannel: family('ch:'),
      byProcedure: Object.entries(family('pr:'))
        .map(([procedureCode, dossiers]) => ({ procedureCode, procedureName: names.get(procedureCode) ?? null, dossiers }))
        .sort((x, y) => y.dossiers - x.dossiers || x.procedureCode.localeCompare(y.procedureCode)),
      onTimeRate: rate(t.onTime, t.judged),
      onTime: t.onTime,
      late: t.late,
      averageHandlingDays: n(C.finished) > 0 ? Math.round((n(C.handlingHours) / n(C.finished) / 24) * 100) / 100 : null,
      onlineRate: rate(n(C.onlineReceived), n(C.received)),
      paidOnlineRate: rate(n(C.paidOnline), n(C.feeBearing)),
    },
  };
};
