// The evaluation capability's routes (docs/requirements.md R-INDEX-API): route → use case → HTTP.
// Reads are public, cacheable (cache-policy.ts) and served from the stored results only. The
// admin's recompute is queued (202) and polled.
import { userOf } from '../../shared/auth/principal';
import { accepted, createApiHandler, implement, ok } from '../../shared/http/api';
import { evaluationRoutes as routes } from '../../shared/platform/api-routes/evaluation';
import { cacheHeaders } from './cache-policy';
import { apiDeps, indexContext, type IndexDeps } from './deps';
import { recomputeRunStatus, requestRecompute } from './runs';
import { readStatistics } from './statistics';
import { readBreakdown, readRanking } from './stored-reads';

export const makeHandler = (deps: IndexDeps) => {
  const index = indexContext(deps);
  return createApiHandler([
    implement(routes.listIndices, async ({ query }) => {
      const { final, body } = await readRanking(index, query.period, query.level, query.province ?? null);
      return ok(body, cacheHeaders(final));
    }),
    implement(routes.getAgencyIndex, async ({ params, query }) => {
      const { final, body } = await readBreakdown(index, query.period, params.agencyCode);
      return ok(body, cacheHeaders(final));
    }),
    implement(routes.recomputeIndex, async ({ query, principal }) =>
      accepted(await requestRecompute(index, query.period, userOf(principal).username))),
    implement(routes.getIndexRun, async ({ params }) => ok(await recomputeRunStatus(index, params.runId))),
    implement(routes.getStatistics, async ({ query }) => {
      const { final, body } = await readStatistics(index, query.period, query.agency);
      return ok(body, cacheHeaders(final));
    }),
  ]);
};

export const handler = makeHandler(apiDeps());
