// What needs the whole platform declaration (every capability's schemas): the OpenAPI document,
// and telling an unknown path (404) from a known path with another method (405). Loaded on the
// first such request, not at cold start.
import { portalBaseUrl } from '../../../shared/config';
import { API_VERSION } from '../../../shared/contracts/meta';
import { DomainError } from '../../../shared/errors/domain-error';
import { matchRoute } from '../../../shared/platform/match';

const platformDecl = async () => (await import('../../../shared/platform')).platform;

let openApi: unknown;

/** GET /v1/openapi.json: built once per instance. */
export const openApiDocument = async () => {
  if (!openApi) {
    const [platform, { buildOpenApi }] = await Promise.all([platformDecl(), import('../../../shared/platform/openapi')]);
    openApi = await buildOpenApi(platform, { version: API_VERSION, contactUrl: portalBaseUrl() });
  }
  return openApi;
};

/** `$default`: any path no route declares is a 404; a known path with another method a 405. */
export const refuseUnmatched = async (method: string, path: string): Promise<never> => {
  const match = matchRoute((await platformDecl()).routes, method, path);
  throw match.kind === 'method-not-allowed'
    ? new DomainError('method_not_allowed', 'METHOD_NOT_ALLOWED', `${method} is not allowed on this path`)
    : new DomainError('not_found', 'ROUTE_NOT_FOUND', 'No such route');
};
