// The catalogue use cases, between the thin HTTP handler and the adapters. No HTTP and no SDK here:
// it takes a CatalogueStore and a SnapshotStore (created lazily by whoever wires it).
import type { CatalogueName, Procedure } from '../../shared/contracts/catalogue';
import { badRequest, notFound, unprocessable } from '../../shared/errors/domain-error';
import type { CatalogueEntry, CatalogueStore } from './adapters/catalogue-store';
import type { SnapshotStore } from './adapters/search-snapshot';
import { decodeKeyCursor, encodeKeyCursor, fingerprint } from './domain/cursors';
import { tokenize } from '../../shared/text/normalize';
import { PARENTED, procedureReferences, REFERENCED_CATALOGUES, referenceProblems, toAgencyRef, validateEntry } from './domain/rules';
import { decodeSearchCursor, searchHash } from './domain/search-cursor';
import type { SearchPage, SearchParams } from './domain/search-model';
import { IndexCache } from './index-cache';

type Lazy<T> = T | (() => T);
const lazy = <T extends object>(value: Lazy<T>): (() => T) => (typeof value === 'function' ? (value as () => T) : () => value);

export interface CatalogueDeps {
  store: Lazy<CatalogueStore>;
  snapshots: Lazy<SnapshotStore>;
  /** How long a warm index is served before the version record is read again (default 30 s). */
  recheckMs?: number;
  now?: () => number;
}

export interface ListQuery {
  limit: number;
  cursor?: string;
  parent?: string;
  year?: number;
}

export interface EntryPage {
  items: CatalogueEntry[];
  nextCursor: string | null;
}

export class CatalogueService {
  readonly index: IndexCache;
  private readonly store: () => CatalogueStore;

  constructor(deps: CatalogueDeps) {
    this.store = lazy(deps.store);
    this.index = new IndexCache({ store: this.store, snapshots: lazy(deps.snapshots), recheckMs: deps.recheckMs, now: deps.now });
  }

  async search(query: SearchParams): Promise<SearchPage> {
    // A bad cursor is refused before any I/O.
    decodeSearchCursor(query.cursor, searchHash(tokenize(query.q ?? ''), query));
    const index = await this.index.get();
    return index.search(query);
  }

  async getProcedure(code: string): Promise<Procedure> {
    const procedure = await this.store().getProcedure(code);
    if (!procedure) throw notFound(`Procedure ${code}`);
    return procedure;
  }

  async putProcedure(code: string, procedure: Procedure): Promise<Procedure> {
    if (procedure.code !== code) {
      throw badRequest('CODE_MISMATCH', 'The code in the body must equal the code in the path', [
        { path: 'body.code', message: `expected ${code}` },
      ]);
    }
    const refs = procedureReferences(procedure);
    const store = this.store();
    const found = new Map<string, CatalogueEntry>();
    await Promise.all(REFERENCED_CATALOGUES.flatMap((name) => refs[name].map(async (c) => {
      const entry = await store.getEntry(name, c);
      if (entry) found.set(`${name}:${c}`, entry);
    })));
    const problems = referenceProblems(procedure, (name, c) => found.get(`${name}:${c}`));
    if (problems.length) {
      const fields = [...new Set(problems.map((p) => p.path.replace(/^body\./, '').replace(/\.\d+(\.|$)/g, '$1')))];
      throw unprocessable('UNKNOWN_REFERENCE', `The procedure refers to catalogue entries that do not exist (${fields.join(', ')})`, problems);
    }
    await store.putProcedure(procedure);
    await this.index.afterWrite({ procedure });
    return procedure;
  }

  async listEntries(name: CatalogueName, query: ListQuery): Promise<EntryPage> {
    if (query.parent !== undefined && !PARENTED.has(name)) {
      throw badRequest('VALIDATION_FAILED', 'The request is not valid', [
        { path: 'query.parent', message: `parent applies to ${[...PARENTED].join(' and ')} only` },
      ]);
    }
    if (query.year !== undefined && name !== 'holidays') {
      throw badRequest('VALIDATION_FAILED', 'The request is not valid', [{ path: 'query.year', message: 'year applies to holidays only' }]);
    }
    const prefix = query.year === undefined ? undefined : String(query.year);
    const hash = fingerprint([name, query.parent ?? '', prefix ?? ''].join('\u0000'));
    const after = decodeKeyCursor(query.cursor, hash, prefix);
    const page = await this.store().listEntries(name, { limit: query.limit, after, parent: query.parent, prefix });
    return { items: page.items, nextCursor: page.last ? encodeKeyCursor(page.last, hash) : null };
  }

  async getEntry(name: CatalogueName, id: string): Promise<CatalogueEntry> {
    const entry = await this.store().getEntry(name, id);
    if (!entry) throw notFound(`Entry ${id} of ${name}`);
    return entry;
  }

  async putEntry(name: CatalogueName, id: string, body: unknown): Promise<CatalogueEntry> {
    const entry = validateEntry(name, id, body);
    await this.store().putEntry(name, entry);
    await this.index.afterWrite(name === 'agencies' ? { agency: toAgencyRef(entry) } : {});
    return entry;
  }
}
