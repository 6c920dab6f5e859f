// The public statistics of a scope (an agency with its communes, or the whole country) from its
// summed counters (docs/index.md "Statistics"). Computed with the index (compute.ts) and stored
// with it; procedures are kept by code only, their names joined when read, so a stored item grows
// with the procedures that had dossiers, not with their names.
import type { ProcedureDossiers, StatisticsFigures } from '../../../shared/contracts/evaluation';
import { C, type Counters } from './dossier-facts';
import { timeliness } from './measures';

/** The contract's figures (shared/contracts/evaluation.ts), procedures by code only. */
export type ScopeStatistics = StatisticsFigures & {
  /** Most dossiers first, then by code. */
  byProcedure: Omit<ProcedureDossiers, 'procedureName'>[];
};

const rate = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

/** The statistics of summed counters, running dossiers judged as of `evaluationDay`. */
export const statisticsOf = (c: Counters, evaluationDay: string): ScopeStatistics => {
  const n = (k: string) => c[k] ?? 0;
  const family = (prefix: string) => Object.fromEntries(Object.entries(c).filter(([k, v]) => k.startsWith(prefix) && v > 0).map(([k, v]) => [k.slice(prefix.length), v]));
  const t = timeliness(c, evaluationDay);
  return {
    dossiers: n(C.dossiers),
    received: n(C.received),
    byStatus: family('st:'),
    byChannel: family('ch:'),
    byProcedure: Object.entries(family('pr:'))
      .map(([procedureCode, dossiers]) => ({ procedureCode, dossiers }))
      .sort((x, y) => y.dossiers - x.dossiers || x.procedureCode.localeCompare(y.procedureCode)),
    onTimeRate: rate(t.onTime, t.judged),
    onTime: t.onTime,
    late: t.late,
    averageHandlingDays: n(C.finished) > 0 ? Math.round((n(C.handlingHours) / n(C.finished) / 24) * 100) / 100 : null,
    onlineRate: rate(n(C.onlineReceived), n(C.received)),
    paidOnlineRate: rate(n(C.paidOnline), n(C.feeBearing)),
  };
};
