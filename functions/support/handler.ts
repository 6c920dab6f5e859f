// The support capability (docs/requirements.md R-CAP-SUPPORT): the FAQ's public search and read,
// and the admins' write. Route → SupportService → HTTP result; the stack has parsed and validated.
// Nothing of the AWS SDK is loaded at import time (shared/aws/clients.ts).
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { supportRoutes as routes } from '../../shared/platform/api-routes/support';
import { platformDeps } from './deps';
import { SupportService, type SupportDeps } from './service';

/** Public reads may be cached briefly by browsers and CDNs, like the catalogue's; errors stay `no-store`. */
export const PUBLIC_CACHE = { 'cache-control': 'public, max-age=60' };

export const makeHandler = (deps: SupportDeps) => {
  const faq = new SupportService(deps);
  return createApiHandler([
    implement(routes.searchFaq, async ({ query }) => ok(await faq.search(query), PUBLIC_CACHE)),
    implement(routes.getFaq, async ({ params }) => ok(await faq.get(params.id), PUBLIC_CACHE)),
    implement(routes.putFaq, async ({ params, body }) => ok(await faq.put(params.id, body))),
  ]);
};

export const handler = makeHandler(platformDeps());
