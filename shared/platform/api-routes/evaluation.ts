// The routes of the `evaluation` function: the service index and public statistics
// (docs/requirements.md R-INDEX-API; docs/index.md); shared/platform/routes.ts merges every group.
import {
  IndexAgencyParams, IndexAgencyQuery, IndexBreakdown, IndexRanking, IndexRankingQuery, IndexRunParams, IndexRunStatus,
  RecomputeAccepted, RecomputeQuery, Statistics, StatisticsQuery,
} from '../../contracts/evaluation';
import { ADMIN, PUBLIC, defineRoute } from './rules';

export const evaluationRoutes = {
  listIndices: defineRoute({
    id: 'listIndices', method: 'GET', path: '/v1/indices', fn: 'evaluation', auth: PUBLIC,
    summary: 'Service index ranking',
    description: 'The Decision 766 ranking of one level (ministries, provinces, or the communes of `province`) for a month, quarter or year, by total descending (`rank` null for an agency with nothing to score, listed last). Served from stored results only: an ended period\'s are final and cacheable for an hour; the running month, quarter and year are provisional (`final: false`), refreshed every 10 minutes and cacheable for a minute. 404 `PERIOD_NOT_COMPUTED` when nothing is stored for the period; 422 `PERIOD_NOT_STARTED` or `PERIOD_BEFORE_INDEX` (docs/index.md).',
    tags: ['index'],
    request: { query: IndexRankingQuery },
    responses: { 200: { description: 'The ranking, by total descending', schema: IndexRanking } },
  }),
  getAgencyIndex: defineRoute({
    id: 'getAgencyIndex', method: 'GET', path: '/v1/indices/{agencyCode}', fn: 'evaluation', auth: PUBLIC,
    summary: 'One agency\'s service index',
    description: 'One agency\'s total, band, groups and every indicator (numerator, denominator, value, score, max) for a period, from stored results only; cacheable like the ranking. 404 for an unknown agency or `PERIOD_NOT_COMPUTED`; 422 `PERIOD_NOT_STARTED` or `PERIOD_BEFORE_INDEX`.',
    tags: ['index'],
    request: { params: IndexAgencyParams, query: IndexAgencyQuery },
    responses: { 200: { description: 'The breakdown', schema: IndexBreakdown } },
  }),
  recomputeIndex: defineRoute({
    id: 'recomputeIndex', method: 'POST', path: '/v1/indices/recompute', fn: 'evaluation', auth: ADMIN,
    summary: 'Recompute the service index',
    description:
      'Queues the index job for a period that has begun (the same as `npm run job -- index --period`) and answers 202 ' +
      'with a run to poll at GET /v1/indices/runs/{runId}; 422 `PERIOD_NOT_STARTED` or `PERIOD_BEFORE_INDEX`.',
    tags: ['index'],
    request: { query: RecomputeQuery },
    responses: { 202: { description: 'The queued run', schema: RecomputeAccepted } },
  }),
  getIndexRun: defineRoute({
    id: 'getIndexRun', method: 'GET', path: '/v1/indices/runs/{runId}', fn: 'evaluation', auth: ADMIN,
    summary: "An admin recompute's status",
    description: "A queued recompute's status (queued, running, done, failed), its progress and, once done, what it stored; 404 for an unknown run id.",
    tags: ['index'],
    request: { params: IndexRunParams },
    responses: { 200: { description: 'The run', schema: IndexRunStatus } },
  }),
  getStatistics: defineRoute({
    id: 'getStatistics', method: 'GET', path: '/v1/statistics', fn: 'evaluation', auth: PUBLIC,
    summary: 'Public statistics',
    description: 'The figures of a period for an agency (a province includes its communes) or the whole country: dossiers, received, by status, channel and procedure, on-time rate, average handling days, online and paid-online rates. Computed with the index by its jobs and served from what they stored, never summed on request: final, or provisional (`final: false`) for the running month, quarter and year, refreshed every 10 minutes; cacheable like the index. 404 `PERIOD_NOT_COMPUTED` when nothing is stored for the period (a running one is queued for a refresh); 404 for an unknown agency; 422 `PERIOD_NOT_STARTED` (docs/index.md).',
    tags: ['statistics'],
    request: { query: StatisticsQuery },
    responses: { 200: { description: 'The statistics', schema: Statistics } },
  }),
} as const;
