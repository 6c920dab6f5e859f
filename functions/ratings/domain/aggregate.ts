// Rating aggregates per agency and month (docs/ratings.md), the counters index indicator 5.4 reads
// (docs/requirements.md R-INDEX-INDICATORS: satisfaction with dossier handling = 100% − (late rate
// + dissatisfied rate)). Pure.
//
// A rating counts in the month of its FIRST rating (Asia/Ho_Chi_Minh) at the agency of the
// dossier. The counters are changed by the delta of each write, applied with DynamoDB `ADD` in
// the same transaction as the rating itself: a first rating adds itself, a replacement subtracts
// the old rating and adds the new one (so it moves one count from the old overall to the new).
import type { RatingCriteria } from '../../../shared/contracts/ratings';
import type { RatingContent } from './rating';

/** Criteria scored 1–5, and `visits` (a count): each keeps a sum and how many ratings gave it. */
export const SUMMED_CRITERIA = ['convenience', 'timeliness', 'staffAttitude', 'onlineServiceQuality', 'visits'] as const;
export type SummedCriterion = (typeof SUMMED_CRITERIA)[number];

const HANDLING_TIME_COUNTER = { faster: 'handlingTimeFaster', on_time: 'handlingTimeOnTime', slower: 'handlingTimeSlower' } as const;

export type CounterDelta = Record<string, number>;

export interface RatingAggregate {
  agencyCode: string;
  /** YYYY-MM (Asia/Ho_Chi_Minh) of the ratings' first rating. */
  month: string;
  total: number;
  satisfied: number;
  neutral: number;
  dissatisfied: number;
  /** Per criterion: the sum of the values given and how many ratings gave one (average = sum ÷ count). */
  criteria: Record<SummedCriterion, { sum: number; count: number }>;
  /** How many ratings said the dossier was handled faster than, on, or slower than the regulated time. */
  handlingTime: Record<keyof typeof HANDLING_TIME_COUNTER, number>;
}

/** The counters one rating contributes. */
const contribution = (r: Pick<RatingContent, 'overall' | 'criteria'>): CounterDelta => {
  const out: CounterDelta = { total: 1, [r.overall]: 1 };
  for (const c of SUMMED_CRITERIA) {
    const value = (r.criteria as RatingCriteria)[c];
    if (value !== undefined) {
      out[`${c}Sum`] = value;
      out[`${c}Count`] = 1;
    }
  }
  if (r.criteria.handlingTime) out[HANDLING_TIME_COUNTER[r.criteria.handlingTime]] = 1;
  return out;
};

/**
 * What a write does to its aggregate: the new rating's contribution minus the previous one's
 * (none for a first rating). Only non-zero entries; a replacement never changes `total`.
 */
export const aggregateDelta = (previous: Pick<RatingContent, 'overall' | 'criteria'> | null, next: Pick<RatingContent, 'overall' | 'criteria'>): CounterDelta => {
  const delta: CounterDelta = { ...contribution(next) };
  if (previous) for (const [k, v] of Object.entries(contribution(previous))) delta[k] = (delta[k] ?? 0) - v;
  return Object.fromEntries(Object.entries(delta).filter(([, v]) => v !== 0));
};

/** An aggregate from its stored counters (absent counters are 0). */
export const aggregateOf = (agencyCode: string, month: string, counters: Record<string, unknown>): RatingAggregate => {
  const n = (k: string) => Number(counters[k] ?? 0);
  return {
    agencyCode, month,
    total: n('total'), satisfied: n('satisfied'), neutral: n('neutral'), dissatisfied: n('dissatisfied'),
    criteria: Object.fromEntries(SUMMED_CRITERIA.map((c) => [c, { sum: n(`${c}Sum`), count: n(`${c}Count`) }])) as RatingAggregate['criteria'],
    handlingTime: Object.fromEntries(Object.entries(HANDLING_TIME_COUNTER).map(([k, attr]) => [k, n(attr)])) as RatingAggregate['handlingTime'],
  };
};

/** An agency-month with no rating. */
export const emptyAggregate = (agencyCode: string, month: string): RatingAggregate => aggregateOf(agencyCode, month, {});

/** Several months (a quarter, a year) of one agency as one aggregate; `period` names it. */
export const sumAggregates = (agencyCode: string, period: string, parts: readonly RatingAggregate[]): RatingAggregate => {
  const sum = emptyAggregate(agencyCode, period);
  for (const p of parts) {
    sum.total += p.total;
    sum.satisfied += p.satisfied;
    sum.neutral += p.neutral;
    sum.dissatisfied += p.dissatisfied;
    for (const c of SUMMED_CRITERIA) {
      sum.criteria[c].sum += p.criteria[c].sum;
      sum.criteria[c].count += p.criteria[c].count;
    }
    for (const k of Object.keys(sum.handlingTime) as (keyof RatingAggregate['handlingTime'])[]) sum.handlingTime[k] += p.handlingTime[k];
  }
  return sum;
};

/**
 * The dissatisfied rate of indicator 5.4: dissatisfied ÷ total ratings of the period, or null when
 * nobody rated (the indicator then rests on the late rate alone, or is not applicable: the index
 * definition decides).
 */
export const dissatisfiedRate = (a: Pick<RatingAggregate, 'total' | 'dissatisfied'>): number | null =>
  a.total > 0 ? a.dissatisfied / a.total : null;
