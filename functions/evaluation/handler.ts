// The evaluation capability's routes (SPEC §2, §5): thin over IndexService. Reads are public and
// cacheable: an ended period's stored results change only when an admin recomputes it, so the
// gateway or a CDN may keep them an hour (a day at the edge); the running period is computed on
// demand and kept a minute.
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { evaluationRoutes as routes } from '../../shared/platform/api-routes/evaluation';
import { platformDeps } from './deps';
import { IndexService, type IndexDeps } from './service';

export const CACHE_STORED = 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=600';
export const CACHE_RUNNING = 'public, max-age=60, s-maxage=300';
const cached = (stored: boolean) => ({ 'cache-control': stored ? CACHE_STORED : CACHE_RUNNING });

export const makeHandler = (deps: IndexDeps | IndexService) => {
  const service = deps instanceof IndexService ? deps : new IndexService(deps);
  return createApiHandler([
    implement(routes.listIndices, async ({ query }) => {
      const { stored, body } = await service.ranking(query.period, query.level, query.province ?? null);
      return ok(body, cached(stored));
    }),
    implement(routes.getAgencyIndex, async ({ params, query }) => {
      const { stored, body } = await service.breakdown(query.period, params.agencyCode);
      return ok(body, cached(stored));
    }),
    implement(routes.recomputeIndex, async ({ query }) => {
      // The stored run also records its trigger (always `admin` here), which the answer does not carry.
      const { trigger: _trigger, ...run } = await service.recompute(query.period, 'admin');
      return ok(run);
    }),
    implement(routes.getStatistics, async ({ query }) => {
      const { stored, body } = await service.statistics(query.period, query.agency);
      return ok(body, cached(stored));
    }),
  ]);
};

export const handler = makeHandler(platformDeps());
