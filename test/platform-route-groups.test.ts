// The route declaration is one group per function (shared/platform/api-routes/), merged for the
// CDK stacks, the local runtime and the OpenAPI document. A handler imports only its own group, so
// a route in the wrong group would never be served; a duplicated id would silently replace another.
import { describe, expect, it } from 'vitest';
import { routes } from '../shared/platform/routes';
import { metaRoutes } from '../shared/platform/api-routes/meta';
import { catalogueRoutes } from '../shared/platform/api-routes/catalogue';
import { identityRoutes } from '../shared/platform/api-routes/identity';
import { dossierRoutes } from '../shared/platform/api-routes/dossiers';
import { paymentRoutes } from '../shared/platform/api-routes/payments';
import { ratingRoutes } from '../shared/platform/api-routes/ratings';
import { feedbackRoutes } from '../shared/platform/api-routes/feedback';
import { syncRoutes } from '../shared/platform/api-routes/sync';
import { syncAdminRoutes } from '../shared/platform/api-routes/sync-admin';
import { evaluationRoutes } from '../shared/platform/api-routes/evaluation';
import { supportRoutes } from '../shared/platform/api-routes/support';

const groups = { meta: metaRoutes, catalogue: catalogueRoutes, identity: identityRoutes, dossiers: dossierRoutes, payments: paymentRoutes, ratings: ratingRoutes, feedback: feedbackRoutes, sync: syncRoutes, 'sync-admin': syncAdminRoutes, evaluation: evaluationRoutes, support: supportRoutes };

describe('route groups', () => {
  it.each(Object.entries(groups))('%s: every route of the group is served by that function, under its own id', (fn, group) => {
    for (const [id, route] of Object.entries(group)) {
      expect(route.fn, id).toBe(fn);
      expect(route.id).toBe(id);
    }
  });

  it('the merged declaration is exactly the union of the groups (no id declared twice)', () => {
    const all = Object.values(groups).flatMap((g) => Object.keys(g));
    expect(new Set(all).size).toBe(all.length);
    expect(Object.keys(routes).sort()).toEqual([...all].sort());
  });
});
