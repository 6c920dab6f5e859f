// Every public route of the portal, declared once (docs/requirements.md R-API-ROUTES), one group
// per function under api-routes/. This merged object is what the CDK stacks, the local runtime and
// the OpenAPI document read; a handler imports only its own group, so it does not evaluate every
// capability's schemas at cold start.
import { metaRoutes } from './api-routes/meta';
import { catalogueRoutes } from './api-routes/catalogue';
import { identityRoutes } from './api-routes/identity';
import { dossierRoutes } from './api-routes/dossiers';
import { paymentRoutes } from './api-routes/payments';
import { ratingRoutes } from './api-routes/ratings';
import { feedbackRoutes } from './api-routes/feedback';
import { syncRoutes } from './api-routes/sync';
import { syncAdminRoutes } from './api-routes/sync-admin';
import { evaluationRoutes } from './api-routes/evaluation';
import { supportRoutes } from './api-routes/support';

export { defineRoute } from './api-routes/rules';

export const routes = {
  ...metaRoutes,
  ...catalogueRoutes,
  ...identityRoutes,
  ...dossierRoutes,
  ...paymentRoutes,
  ...ratingRoutes,
  ...feedbackRoutes,
  ...syncRoutes,
  ...syncAdminRoutes,
  ...evaluationRoutes,
  ...supportRoutes,
} as const;

export type RouteId = keyof typeof routes;
