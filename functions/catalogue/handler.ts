// The catalogue capability's routes (docs/requirements.md R-CAP-CATALOGUE): route → use case →
// HTTP. Procedure search and read, shared catalogues, admin writes. Nothing of the AWS SDK is
// loaded at import time: the adapters load it on first use (shared/aws/clients.ts).
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { catalogueRoutes as routes } from '../../shared/platform/api-routes/catalogue';
import { catalogueContext, platformDeps, type CatalogueDeps } from './deps';
import { getEntry, listEntries, putEntry } from './entries';
import { getProcedure, putProcedure } from './procedures';
import { searchProcedures } from './search';

/** Public reads may be cached briefly by browsers and CDNs; errors stay `no-store`. */
export const PUBLIC_CACHE = { 'cache-control': 'public, max-age=60' };

export const makeHandler = (deps: CatalogueDeps) => {
  const catalogue = catalogueContext(deps);
  return createApiHandler([
    implement(routes.searchProcedures, async ({ query }) => ok(await searchProcedures(catalogue, query), PUBLIC_CACHE)),
    implement(routes.getProcedure, async ({ params }) => ok(await getProcedure(catalogue, params.code), PUBLIC_CACHE)),
    implement(routes.putProcedure, async ({ params, body }) => ok(await putProcedure(catalogue, params.code, body))),
    implement(routes.listCatalogue, async ({ params, query }) => ok(await listEntries(catalogue, params.name, query), PUBLIC_CACHE)),
    implement(routes.getCatalogueEntry, async ({ params }) => ok(await getEntry(catalogue, params.name, params.id), PUBLIC_CACHE)),
    implement(routes.putCatalogueEntry, async ({ params, body }) => ok(await putEntry(catalogue, params.name, params.id, body))),
  ]);
};

export const handler = makeHandler(platformDeps());
