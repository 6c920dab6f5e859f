// From counters to indicator measures (numerator, denominator, value) for one agency and period
// (docs/requirements.md R-INDEX-INDICATORS; docs/index.md says what each indicator counts here).
// Pure: the job gathers the inputs — the agency's dossier counters summed over its scope and the
// period's months, the procedures in its competence, the ratings and feedback aggregates — and the
// engine scores the measures.
import type { Counters } from './dossier-facts';
import { C, RUNNING_DUE_PREFIX } from './dossier-facts';
import type { Measure } from './engine';

export type AgencyLevel = 'central' | 'province' | 'commune';

/** What the transparency and online-service indicators need of one procedure in the agency's competence. */
export interface ProcedureFacts {
  code: string;
  /** YYYY-MM of the announcement decision. */
  announcedMonth: string;
  /** 1.1: announced at least 20 (ministries) / 5 (provinces) working days before its basis takes effect; null without a dated basis. */
  announcedOnTime: boolean | null;
  /** 1.2: published at most 10 (ministries) / 5 (provinces) working days after the announcement. */
  publishedOnTime: boolean;
  /** 1.3: every element Decree 63/2010 art. 8(2) requires (name, steps, channels, components, time, applicants, agencies). */
  complete: boolean;
  online: boolean;
  hasFee: boolean;
  forCitizens: boolean;
}

export interface MeasureInputs {
  months: readonly string[];
  /** Open dossiers due before this local day count as late. */
  evaluationDay: string;
  counters: Counters;
  procedures: readonly ProcedureFacts[];
  ratings: { total: number; dissatisfied: number };
  feedback: { answered: number; answeredOnTime: number; answeredLate: number; answeredRepeated: number; disliked: number };
}

const ratio = (numerator: number, denominator: number): Measure =>
  denominator > 0 ? { numerator, denominator, value: Math.min(1, numerator / denominator) } : { numerator, denominator, value: null };

/** Running dossiers, split by whether they fell due before the evaluation day. */
const running = (counters: Counters, evaluationDay: string) => {
  let overdue = 0;
  let inTime = 0;
  for (const [k, v] of Object.entries(counters)) {
    if (!k.startsWith(RUNNING_DUE_PREFIX)) continue;
    if (k.slice(RUNNING_DUE_PREFIX.length) < evaluationDay) overdue += v;
    else inTime += v;
  }
  return { overdue, inTime };
};

/** Procedures with at least one dossier in a per-procedure counter family (`op:`, `fp:`...), among `codes`. */
const proceduresWith = (counters: Counters, prefix: string, codes: ReadonlySet<string>): number => {
  let n = 0;
  for (const code of codes) if ((counters[`${prefix}${code}`] ?? 0) > 0) n++;
  return n;
};

/** The dossiers judged for timeliness (2.1, 5.4) at the evaluation day. */
export const timeliness = (counters: Counters, evaluationDay: string) => {
  const r = running(counters, evaluationDay);
  const n = (k: string) => counters[k] ?? 0;
  const late = n(C.late) + r.overdue;
  const onTime = n(C.onTime) + r.inTime;
  return { onTime, late, judged: onTime + late };
};

export const measuresOf = (inputs: MeasureInputs): Record<string, Measure> => {
  const c = inputs.counters;
  const n = (k: string) => c[k] ?? 0;
  const months = new Set(inputs.months);
  const procs = inputs.procedures;
  const announced = procs.filter((p) => months.has(p.announcedMonth));
  const codes = (pred: (p: ProcedureFacts) => boolean) => new Set(procs.filter(pred).map((p) => p.code));
  const withFee = codes((p) => p.hasFee);
  const forCitizens = codes((p) => p.forCitizens);
  const t = timeliness(c, inputs.evaluationDay);

  const sync = ratio(n(C.agencyActed), n(C.dossiers));
  const onlineShare = n(C.received) > 0 ? n(C.onlineReceived) / n(C.received) : null;
  const late = t.judged > 0 ? t.late / t.judged : null;
  const dissatisfied = inputs.ratings.total > 0 ? inputs.ratings.dissatisfied / inputs.ratings.total : null;
  const fb = inputs.feedback;
  // 5.3: every answered item, less those disliked, late or repeated — an item is counted once however many apply
  // (bounded by the sum, and never below 0).
  const unsatisfied = Math.min(fb.answered, fb.disliked + fb.answeredLate + fb.answeredRepeated);

  const measures: Record<string, Measure> = {
    '1.1': ratio(announced.filter((p) => p.announcedOnTime !== false).length, announced.length),
    '1.2': ratio(announced.filter((p) => p.publishedOnTime).length, announced.length),
    '1.3': ratio(procs.filter((p) => p.complete).length, procs.length),
    '1.4': sync,
    '2.1': ratio(t.onTime, t.judged),
    // Display only: the average handling time in days (value is not a ratio; the engine gives it no points).
    '2.2': n(C.finished) > 0
      ? { numerator: Math.round(n(C.handlingHours) * 100) / 100, denominator: n(C.finished), value: null }
      : { numerator: 0, denominator: 0, value: null },
    '3.1': ratio(procs.filter((p) => p.online).length, procs.length),
    '3.2': ratio(proceduresWith(c, 'op:', codes((p) => p.online)), codes((p) => p.online).size),
    '3.3': onlineShare !== null && sync.value !== null
      ? { numerator: n(C.onlineReceived), denominator: n(C.received), value: onlineShare * sync.value,
          parts: [{ name: 'online', numerator: n(C.onlineReceived), denominator: n(C.received) }, { name: 'synced', numerator: sync.numerator!, denominator: sync.denominator! }] }
      : { numerator: n(C.onlineReceived), denominator: n(C.received), value: null },
    '3.5': ratio(proceduresWith(c, 'fp:', withFee), withFee.size),
    '3.5b': ratio(proceduresWith(c, 'pp:', withFee), withFee.size),
    '3.6': ratio(n(C.paidOnline), n(C.feeBearing)),
    '4.1': ratio(n(C.electronicResult), n(C.resulted)),
    '4.2': ratio(n(C.digitised), n(C.received)),
    '4.5a': ratio(proceduresWith(c, 'vp:', forCitizens), forCitizens.size),
    '4.5b': ratio(n(C.populationData), n(C.received)),
    '5.1': { numerator: fb.answered, denominator: fb.answered, value: null },
    '5.2': ratio(fb.answeredOnTime, fb.answered),
    '5.3': ratio(fb.answered - unsatisfied, fb.answered),
    '5.4': late === null && dissatisfied === null
      ? { numerator: null, denominator: null, value: null }
      : {
          numerator: null,
          denominator: null,
          // A period nobody rated rests on the late rate alone (docs/index.md).
          value: Math.max(0, 1 - ((late ?? 0) + (dissatisfied ?? 0))),
          parts: [
            { name: 'late', numerator: t.late, denominator: t.judged },
            { name: 'dissatisfied', numerator: inputs.ratings.dissatisfied, denominator: inputs.ratings.total },
          ],
        },
  };
  return measures;
};
