// Public configuration and the OpenAPI document; also answers unknown routes with the envelope.
import { portalBaseUrl, readEnv } from '../../shared/config';
import { API_VERSION } from '../../shared/contracts/meta';
import { DomainError } from '../../shared/errors/domain-error';
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { metaRoutes as routes } from '../../shared/platform/api-routes/meta';
import { matchRoute } from '../../shared/platform/match';

// The whole declaration (every capability's schemas) is needed only for the OpenAPI document and
// for telling 404 from 405: loaded on the first such request, not at cold start.
const platformDecl = async () => (await import('../../shared/platform')).platform;

const requiredEnv = (name: 'AWS_REGION' | 'USER_POOL_ID' | 'USER_POOL_CLIENT_ID') => {
  const value = readEnv(name);
  if (!value) throw new DomainError('internal', 'NOT_CONFIGURED', `${name} is not configured`);
  return value;
};

let openApi: unknown;

export const handler = createApiHandler(
  [
    implement(routes.getConfig, async () => {
      const cognitoEndpoint = readEnv('PUBLIC_COGNITO_ENDPOINT');
      return ok(
        {
          region: requiredEnv('AWS_REGION'),
          userPoolId: requiredEnv('USER_POOL_ID'),
          userPoolClientId: requiredEnv('USER_POOL_CLIENT_ID'),
          ...(cognitoEndpoint ? { cognitoEndpoint } : {}),
          apiVersion: API_VERSION,
        },
        { 'cache-control': 'public, max-age=300' },
      );
    }),
    implement(routes.getOpenApi, async () => {
      if (!openApi) {
        const [platform, { buildOpenApi }] = await Promise.all([platformDecl(), import('../../shared/platform/openapi')]);
        openApi = await buildOpenApi(platform, { version: API_VERSION, contactUrl: portalBaseUrl() });
      }
      return ok(openApi, { 'cache-control': 'public, max-age=300' });
    }),
  ],
  {
    // `$default`: any path no route declares. A known path with another method is a 405.
    fallback: async ({ event }) => {
      const match = matchRoute((await platformDecl()).routes, event.requestContext.http.method, event.rawPath);
      throw match.kind === 'method-not-allowed'
        ? new DomainError('method_not_allowed', 'METHOD_NOT_ALLOWED', `${event.requestContext.http.method} is not allowed on this path`)
        : new DomainError('not_found', 'ROUTE_NOT_FOUND', 'No such route');
    },
  },
);
