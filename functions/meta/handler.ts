// Public configuration and the OpenAPI document; also answers unknown routes with the envelope
// (use-cases/public-config.ts, use-cases/declaration.ts).
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { metaRoutes as routes } from '../../shared/platform/api-routes/meta';
import { openApiDocument, refuseUnmatched } from './use-cases/declaration';
import { publicConfig } from './use-cases/public-config';

const PUBLIC_FOR_5_MINUTES = { 'cache-control': 'public, max-age=300' };

export const handler = createApiHandler(
  [
    implement(routes.getConfig, async () => ok(publicConfig(), PUBLIC_FOR_5_MINUTES)),
    implement(routes.getOpenApi, async () => ok(await openApiDocument(), PUBLIC_FOR_5_MINUTES)),
  ],
  // `$default`: any path no route declares.
  { fallback: async ({ event }) => refuseUnmatched(event.requestContext.http.method, event.rawPath) },
);
