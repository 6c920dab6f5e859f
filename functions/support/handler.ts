// The support capability (docs/requirements.md R-CAP-SUPPORT): the FAQ's public search and read,
// and the admins' write. Thin: the stack has parsed and validated; each route calls the service and
// maps to HTTP. Nothing of the AWS SDK is loaded at import time (shared/aws/clients.ts).
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { supportRoutes as routes } from '../../shared/platform/api-routes/support';
import { catalogueReader } from '../catalogue/public';
import { DynamoFaqStore } from './adapters/faq-store';
import { SupportService, type SupportDeps } from './service';

/** Public reads may be cached briefly by browsers and CDNs, like the catalogue's; errors stay `no-store`. */
export const PUBLIC_CACHE = { 'cache-control': 'public, max-age=60' };

export const defaultDeps = (): SupportDeps => ({
  store: new DynamoFaqStore(dynamoClient, () => tableName('support')),
  procedures: catalogueReader(),
});

export const makeHandler = (deps: SupportDeps | SupportService) => {
  const service = deps instanceof SupportService ? deps : new SupportService(deps);
  return createApiHandler([
    implement(routes.searchFaq, async ({ query }) => ok(await service.search(query), PUBLIC_CACHE)),
    implement(routes.getFaq, async ({ params }) => ok(await service.get(params.id), PUBLIC_CACHE)),
    implement(routes.putFaq, async ({ params, body }) => ok(await service.put(params.id, body))),
  ]);
};

export const handler = makeHandler(defaultDeps());
