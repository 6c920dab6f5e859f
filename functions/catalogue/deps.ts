// What the catalogue's use cases need (CatalogueDeps: the catalogue store and the search snapshot
// store, made lazily by whoever wires them), how the platform provides it, and the context the
// use cases of one warm function share: the store and the warm search index (index-cache.ts).
import { WarmCache, warmCacheTtlMs } from '../../shared/cache/warm-cache';
import { bucketName, tableName } from '../../shared/config';
import type { Procedure } from '../../shared/contracts/catalogue';
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { DynamoCatalogueStore, type CatalogueStore } from './adapters/catalogue-store';
import { S3SnapshotStore, type SnapshotStore } from './adapters/search-snapshot';
import { WARM_PROCEDURES } from './adapters/catalogue-reader';
import { IndexCache } from './index-cache';

type Lazy<T> = T | (() => T);
const lazy = <T extends object>(value: Lazy<T>): (() => T) => (typeof value === 'function' ? (value as () => T) : () => value);

export interface CatalogueDeps {
  store: Lazy<CatalogueStore>;
  snapshots: Lazy<SnapshotStore>;
  /** How long a warm index is served before the version record is read again (default 30 s). */
  recheckMs?: number;
  /** How long a procedure read is served (default WARM_CACHE_SECONDS). */
  procedureTtlMs?: number;
  now?: () => number;
}

/** What the use cases of one warm function share. */
export interface CatalogueContext {
  store(): CatalogueStore;
  readonly index: IndexCache;
  /** Procedures read by GET /v1/procedures/{code}; PUT clears its procedure at once (docs/operations.md "Warm caches"). */
  readonly procedures: WarmCache<Procedure | undefined>;
}

export const catalogueContext = (deps: CatalogueDeps): CatalogueContext => {
  const store = lazy(deps.store);
  return {
    store,
    index: new IndexCache({ store, snapshots: lazy(deps.snapshots), recheckMs: deps.recheckMs, now: deps.now }),
    procedures: new WarmCache({ ttlMs: deps.procedureTtlMs ?? warmCacheTtlMs, maxEntries: WARM_PROCEDURES, now: deps.now }),
  };
};

/** The table and bucket of the platform declaration; names are read (and clients made) on first use. */
export const platformDeps = (): CatalogueDeps => ({
  store: new DynamoCatalogueStore(dynamoClient, () => tableName('catalogue')),
  snapshots: new S3SnapshotStore(s3Client, () => bucketName('catalogue-index')),
});
