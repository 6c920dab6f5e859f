// The catalogue capability (docs/requirements.md R-CAP-CATALOGUE): procedure search and read,
// shared catalogues, admin writes. Thin: the stack has parsed and validated; each route calls the
// service and maps to HTTP. Nothing of the AWS SDK is loaded at import time: the adapters load it
// on first use (adapters/sdk.ts).
import { bucketName, tableName } from '../../shared/config';
import { createApiHandler, implement, ok } from '../../shared/http/api';
import { catalogueRoutes as routes } from '../../shared/platform/api-routes/catalogue';
import { DynamoCatalogueStore } from './adapters/catalogue-store';
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { S3SnapshotStore } from './adapters/search-snapshot';
import { CatalogueService, type CatalogueDeps } from './service';

/** Public reads may be cached briefly by browsers and CDNs; errors stay `no-store`. */
export const PUBLIC_CACHE = { 'cache-control': 'public, max-age=60' };

/** The table and bucket of the platform declaration; names are read (and clients made) on first use. */
export const defaultDeps = (): CatalogueDeps => ({
  store: new DynamoCatalogueStore(dynamoClient, () => tableName('catalogue')),
  snapshots: new S3SnapshotStore(s3Client, () => bucketName('catalogue-index')),
});

export const makeService = (deps: CatalogueDeps) => new CatalogueService(deps);

export const makeHandler = (deps: CatalogueDeps | CatalogueService) => {
  const service = deps instanceof CatalogueService ? deps : makeService(deps);
  return createApiHandler([
    implement(routes.searchProcedures, async ({ query }) => ok(await service.search(query), PUBLIC_CACHE)),
    implement(routes.getProcedure, async ({ params }) => ok(await service.getProcedure(params.code), PUBLIC_CACHE)),
    implement(routes.putProcedure, async ({ params, body }) => ok(await service.putProcedure(params.code, body))),
    implement(routes.listCatalogue, async ({ params, query }) => ok(await service.listEntries(params.name, query), PUBLIC_CACHE)),
    implement(routes.getCatalogueEntry, async ({ params }) => ok(await service.getEntry(params.name, params.id), PUBLIC_CACHE)),
    implement(routes.putCatalogueEntry, async ({ params, body }) => ok(await service.putEntry(params.name, params.id, body))),
  ]);
};

export const handler = makeHandler(defaultDeps());
