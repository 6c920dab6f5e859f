// The routes of the `evaluation` function: the service index and public statistics
// (docs/requirements.md R-INDEX-API; docs/index.md); shared/platform/routes.ts merges every group.
import {
  IndexAgencyParams, IndexAgencyQuery, IndexBreakdown, IndexRanking, IndexRankingQuery, RecomputeQuery, RecomputeResult,
  Statistics, StatisticsQuery,
} from '../../contracts/evaluation';
import { ADMIN, PUBLIC, defineRoute } from './rules';

export const evaluationRoutes = {
  listIndices: defineRoute({
    id: 'listIndices', method: 'GET', path: '/v1/indices', fn: 'evaluation', auth: PUBLIC,
    summary: 'Service index ranking',
    description: 'The Decision 766 ranking of one level (ministries, provinces, or the communes of `province`) for a month, quarter or year, by total descending (`rank` null for an agency with nothing to score, listed last). An ended period\'s stored results are cacheable for an hour; the running period is computed on demand. 404 when there is no ranking; 422 `PERIOD_NOT_STARTED` (docs/index.md).',
    tags: ['index'],
    request: { query: IndexRankingQuery },
    responses: { 200: { description: 'The ranking, by total descending', schema: IndexRanking } },
  }),
  getAgencyIndex: defineRoute({
    id: 'getAgencyIndex', method: 'GET', path: '/v1/indices/{agencyCode}', fn: 'evaluation', auth: PUBLIC,
    summary: 'One agency\'s service index',
    description: 'One agency\'s total, band, groups and every indicator (numerator, denominator, value, score, max) for a period; cacheable like the ranking. 404 for an unknown agency; 422 `PERIOD_NOT_STARTED`.',
    tags: ['index'],
    request: { params: IndexAgencyParams, query: IndexAgencyQuery },
    responses: { 200: { description: 'The breakdown', schema: IndexBreakdown } },
  }),
  recomputeIndex: defineRoute({
    id: 'recomputeIndex', method: 'POST', path: '/v1/indices/recompute', fn: 'evaluation', auth: ADMIN,
    summary: 'Recompute the service index',
    description: 'Re-runs the index job for a period that has begun and stores its results (the same as `npm run job -- index --period`); 422 `PERIOD_NOT_STARTED`.',
    tags: ['index'],
    request: { query: RecomputeQuery },
    responses: { 200: { description: 'The run', schema: RecomputeResult } },
  }),
  getStatistics: defineRoute({
    id: 'getStatistics', method: 'GET', path: '/v1/statistics', fn: 'evaluation', auth: PUBLIC,
    summary: 'Public statistics',
    description: 'The figures of a period for an agency (a province includes its communes) or the whole country: dossiers, received, by status, channel and procedure, on-time rate, average handling days, online and paid-online rates. Cacheable like the index; 404 for an unknown agency; 422 `PERIOD_NOT_STARTED`.',
    tags: ['statistics'],
    request: { query: StatisticsQuery },
    responses: { 200: { description: 'The statistics', schema: Statistics } },
  }),
} as const;
