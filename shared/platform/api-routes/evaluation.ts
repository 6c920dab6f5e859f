// The routes of the `evaluation` function: the service index and public statistics (SPEC §2, §5;
// docs/index.md); shared/platform/routes.ts merges every group.
import {
  IndexAgencyParams, IndexAgencyQuery, IndexBreakdown, IndexRanking, IndexRankingQuery, IndexRunParams, IndexRunStatus,
  RecomputeAccepted, RecomputeQuery, Statistics, StatisticsQuery,
} from '../../contracts/evaluation';
import { ADMIN, PUBLIC, defineRoute } from './rules';

export const evaluationRoutes = {
  listIndices: defineRoute({
    id: 'listIndices', method: 'GET', path: '/v1/indices', fn: 'evaluation', auth: PUBLIC,
    summary: 'Decision 766 ranking of one level (ministries, provinces, or the communes of a province) for a month, quarter or year; cacheable',
    tags: ['index'],
    request: { query: IndexRankingQuery },
    responses: { 200: { description: 'The ranking, by total descending', schema: IndexRanking } },
  }),
  getAgencyIndex: defineRoute({
    id: 'getAgencyIndex', method: 'GET', path: '/v1/indices/{agencyCode}', fn: 'evaluation', auth: PUBLIC,
    summary: "One agency's index: total, band, groups and every indicator (numerator, denominator, value, score, max); cacheable",
    tags: ['index'],
    request: { params: IndexAgencyParams, query: IndexAgencyQuery },
    responses: { 200: { description: 'The breakdown', schema: IndexBreakdown } },
  }),
  recomputeIndex: defineRoute({
    id: 'recomputeIndex', method: 'POST', path: '/v1/indices/recompute', fn: 'evaluation', auth: ADMIN,
    summary: 'Queues the index job for a period that has begun (the same as `npm run job -- index --period`); poll the run',
    tags: ['index'],
    request: { query: RecomputeQuery },
    responses: { 202: { description: 'The queued run', schema: RecomputeAccepted } },
  }),
  getIndexRun: defineRoute({
    id: 'getIndexRun', method: 'GET', path: '/v1/indices/runs/{runId}', fn: 'evaluation', auth: ADMIN,
    summary: "An admin recompute's status, progress and, once done, what it stored",
    tags: ['index'],
    request: { params: IndexRunParams },
    responses: { 200: { description: 'The run', schema: IndexRunStatus } },
  }),
  getStatistics: defineRoute({
    id: 'getStatistics', method: 'GET', path: '/v1/statistics', fn: 'evaluation', auth: PUBLIC,
    summary: 'Public figures of a period: dossiers by status, channel and procedure, on-time rate, average handling time (an agency with its communes, or the country); cacheable',
    tags: ['statistics'],
    request: { query: StatisticsQuery },
    responses: { 200: { description: 'The statistics', schema: Statistics } },
  }),
} as const;
