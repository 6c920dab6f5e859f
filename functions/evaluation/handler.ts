// The evaluation capability's routes (docs/requirements.md R-INDEX-API): route → use case → HTTP.
// Reads are public, cacheable and served from the stored results only: final results change only
// when an admin recomputes the period, so the gateway or a CDN may keep them an hour (a day at the
// edge); provisional ones (the running month, quarter and year, refreshed every few minutes) a
// minute. The admin's recompute is queued (202) and polled.
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { evaluationRoutes as routes } from '../../shared/platform/api-routes/evaluation';
import { indexRunsQueue } from './adapters/index-runs-queue';
import { indexContext, platformDeps, type IndexDeps } from './deps';
import { recomputeRunStatus, requestRecompute } from './runs';
import { readStatistics } from './statistics';
import { readBreakdown, readRanking } from './stored-reads';

export const CACHE_STORED = 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=600';
export const CACHE_RUNNING = 'public, max-age=60, s-maxage=300';
const cached = (final: boolean) => ({ 'cache-control': final ? CACHE_STORED : CACHE_RUNNING });

export const makeHandler = (deps: IndexDeps) => {
  const index = indexContext(deps);
  return createApiHandler([
    implement(routes.listIndices, async ({ query }) => {
      const { final, body } = await readRanking(index, query.period, query.level, query.province ?? null);
      return ok(body, cached(final));
    }),
    implement(routes.getAgencyIndex, async ({ params, query }) => {
      const { final, body } = await readBreakdown(index, query.period, params.agencyCode);
      return ok(body, cached(final));
    }),
    implement(routes.recomputeIndex, async ({ query, principal }) => ({
      status: 202,
      body: await requestRecompute(index, query.period, principal.kind === 'user' ? principal.username : null),
    })),
    implement(routes.getIndexRun, async ({ params }) => ok(await recomputeRunStatus(index, params.runId))),
    implement(routes.getStatistics, async ({ query }) => {
      const { stored, body } = await readStatistics(index, query.period, query.agency);
      return ok(body, cached(stored));
    }),
  ]);
};

export const handler = makeHandler({ ...platformDeps(), queue: indexRunsQueue() });
