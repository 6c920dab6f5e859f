// The warm function's search index: held in module scope, re-checked against the catalogue
// version record at most every `recheckMs` (one GetItem). When the version moved it loads the
// snapshot from S3 if that snapshot carries the current version, else rebuilds from DynamoDB
// (Query, never Scan), serves, and writes a fresh snapshot for the other instances.
import { logger } from '../../shared/http/logger';
import { Agency, Procedure } from '../../shared/contracts/catalogue';
import { validRecords } from '../../shared/aws/stored-records';
import { SEARCH_FIELDS, type CatalogueStore } from './adapters/catalogue-store';
import type { SnapshotStore } from './adapters/search-snapshot';
import { SearchIndex } from './domain/search-index';
import type { AgencyRef, SearchDoc } from './domain/search-model';

export const RECHECK_MS = 30_000;
const PAGE = 1000;

/** The fields the index reads, as the contract says they were written: a corrupt record is skipped, not served. */
const IndexedProcedure = Procedure.pick(Object.fromEntries(SEARCH_FIELDS.map((f) => [f, true])) as { [K in (typeof SEARCH_FIELDS)[number]]: true });

/** Reads every procedure and agency (paged Query) and builds an index labelled `version`. */
export const buildIndexFromStore = async (store: CatalogueStore, version: number): Promise<SearchIndex> => {
  const readProcedures = async () => {
    const docs: SearchDoc[] = [];
    let after: string | undefined;
    do {
      const page = await store.listProcedures({ after, limit: PAGE });
      docs.push(...validRecords(page.items, IndexedProcedure, { reader: 'catalogue.search', kind: 'procedure', keyField: 'code' }));
      after = page.last ?? undefined;
    } while (after);
    return docs;
  };
  const readAgencies = async () => {
    const agencies: AgencyRef[] = [];
    let after: string | undefined;
    do {
      const page = await store.listEntries('agencies', { after, limit: PAGE });
      for (const a of validRecords(page.items, Agency, { reader: 'catalogue.search', kind: 'agency', keyField: 'id' })) {
        agencies.push({ code: a.code, level: a.level, parentCode: a.parentCode });
      }
      after = page.last ?? undefined;
    } while (after);
    return agencies;
  };
  const [docs, agencies] = await Promise.all([readProcedures(), readAgencies()]);
  return SearchIndex.build(docs, agencies, version);
};

export interface IndexCacheOptions {
  store: () => CatalogueStore;
  snapshots: () => SnapshotStore;
  recheckMs?: number;
  now?: () => number;
}

export class IndexCache {
  private current?: { index: SearchIndex; checkedAt: number };
  private pending?: Promise<SearchIndex>;
  private readonly recheckMs: number;
  private readonly now: () => number;
  readonly stats = { checks: 0, snapshotLoads: 0, rebuilds: 0, snapshotSaves: 0, incremental: 0 };

  constructor(private readonly options: IndexCacheOptions) {
    this.recheckMs = options.recheckMs ?? RECHECK_MS;
    this.now = options.now ?? Date.now;
  }

  /** The index to serve: the cached one while it was checked within `recheckMs`. */
  get(): Promise<SearchIndex> | SearchIndex {
    const c = this.current;
    if (c && this.now() - c.checkedAt < this.recheckMs) return c.index;
    this.pending ??= this.refresh().finally(() => { this.pending = undefined; });
    return this.pending;
  }

  /**
   * After this instance wrote to the catalogue: when the version moved by exactly our write, the
   * change is applied to the cached index in memory; otherwise the index is rebuilt. Either way the
   * new snapshot is written, so the change is searchable here at once and elsewhere within recheckMs.
   */
  async afterWrite(change: { procedure?: SearchDoc; agency?: AgencyRef }): Promise<void> {
    if (this.pending) await this.pending.catch(() => undefined);
    const version = await this.options.store().getCatalogueVersion();
    const base = this.current?.index;
    let index: SearchIndex;
    if (base && version === base.version + 1) {
      this.stats.incremental++;
      index = base.withChange(change, version);
    } else {
      this.stats.rebuilds++;
      index = await buildIndexFromStore(this.options.store(), version);
    }
    this.install(index, this.now());
    await this.save(index);
  }

  private async refresh(): Promise<SearchIndex> {
    const checkedAt = this.now();
    this.stats.checks++;
    const version = await this.options.store().getCatalogueVersion();
    const c = this.current;
    if (c && c.index.version === version) {
      c.checkedAt = checkedAt;
      return c.index;
    }
    let index = await this.loadSnapshot(version);
    if (!index) {
      this.stats.rebuilds++;
      index = await buildIndexFromStore(this.options.store(), version);
      await this.save(index);
    }
    return this.install(index, checkedAt);
  }

  /** Never goes back to an older version (a slow refresh must not undo a newer write). */
  private install(index: SearchIndex, checkedAt: number): SearchIndex {
    const c = this.current;
    if (c && c.index.version > index.version) return c.index;
    this.current = { index, checkedAt };
    return index;
  }

  private async loadSnapshot(version: number): Promise<SearchIndex | undefined> {
    try {
      const stored = await this.options.snapshots().load();
      if (!stored || stored.version !== version) return undefined;
      const index = SearchIndex.fromSnapshot(stored.snapshot);
      this.stats.snapshotLoads++;
      return index;
    } catch (error) {
      // A missing bucket or a corrupt snapshot costs a rebuild, not the request.
      logger.warn('Search snapshot unusable; rebuilding from the table', { error: error as Error });
      return undefined;
    }
  }

  private async save(index: SearchIndex): Promise<void> {
    try {
      await this.options.snapshots().save(index.toSnapshot());
      this.stats.snapshotSaves++;
    } catch (error) {
      // The table stays the source of truth: other instances rebuild when the snapshot is behind.
      logger.warn('Search snapshot not written', { error: error as Error });
    }
  }
}
