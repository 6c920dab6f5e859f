// What the index's use cases need (IndexDeps: the evaluation store, the catalogue, ratings and
// feedback aggregates, the index-runs queue, a clock), how the platform provides it, and the
// context the use cases of one warm function share (its catalogue data and its refresh requests).
import { dynamoClient } from '../../shared/aws/clients';
import type { CalendarEntry } from '../../shared/calendar';
import { tableName } from '../../shared/config';
import type { Procedure } from '../../shared/contracts/catalogue';
import { catalogueReader, type AgencyInfo } from '../catalogue/public';
import { feedbackIndicators, type FeedbackIndicatorReader } from '../feedback/public';
import { ratingAggregates, type RatingAggregateReader } from '../ratings/public';
import { DynamoEvaluationStore, type EvaluationStore } from './adapters/evaluation-store';
import type { IndexQueue } from './commands';
import { indexRunsQueue } from './adapters/index-runs-queue';

export interface IndexDeps {
  store: EvaluationStore;
  catalogue: {
    agencies(): Promise<AgencyInfo[]>;
    procedures(): Promise<Procedure[]>;
    holidays(): Promise<{ date: string; kind: CalendarEntry['kind'] }[]>;
  };
  ratings: Pick<RatingAggregateReader, 'aggregates'>;
  feedback: FeedbackIndicatorReader;
  /** Where a read sends the refresh of a stale running period (the API function's; the jobs function has none). */
  queue?: IndexQueue;
  clock?: () => Date;
}

/** The catalogue data the index reads: agencies, procedures and holidays. */
export interface ReferenceData {
  agencies: AgencyInfo[];
  procedures: Procedure[];
  holidays: CalendarEntry[];
}

/** What the use cases of one warm function share. */
export interface IndexContext {
  deps: IndexDeps;
  now(): Date;
  /** The catalogue data, kept a few minutes by a warm function. */
  reference(): Promise<ReferenceData>;
  /** When this warm function last asked for each running period's refresh (refresh-requests.ts). */
  readonly refreshAskedAt: Map<string, number>;
}

const REFERENCE_CACHE_MS = 5 * 60_000;

export const indexContext = (deps: IndexDeps): IndexContext => {
  let cached: { at: number; data: ReferenceData } | undefined;
  return {
    deps,
    now: deps.clock ?? (() => new Date()),
    async reference() {
      const now = Date.now();
      if (cached && now - cached.at < REFERENCE_CACHE_MS) return cached.data;
      const [agencies, procedures, holidays] = await Promise.all([deps.catalogue.agencies(), deps.catalogue.procedures(), deps.catalogue.holidays()]);
      cached = { at: now, data: { agencies, procedures, holidays } };
      return cached.data;
    },
    refreshAskedAt: new Map(),
  };
};

/** The evaluation capability's adapters over the platform's tables (shared by the API and the job). */
export const platformDeps = (): IndexDeps => ({
  store: new DynamoEvaluationStore(dynamoClient, () => tableName('evaluation')),
  catalogue: catalogueReader(),
  ratings: ratingAggregates(),
  feedback: feedbackIndicators(),
});

/** The API's deps: the platform's, and the queue an admin's recompute request goes to. */
export const apiDeps = (): IndexDeps => ({ ...platformDeps(), queue: indexRunsQueue() });
