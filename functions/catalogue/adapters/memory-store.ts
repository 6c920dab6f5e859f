// An in-memory CatalogueStore with the same paging semantics as the DynamoDB one (sort-key order,
// `after` = last sort key, prefix and parent filters). Used by the benchmark and by service tests,
// where no emulator is wanted.
import type { CatalogueName, Procedure } from '../../../shared/contracts/catalogue';
import { toSearchDoc, type SearchDoc } from '../domain/search-model';
import type { CatalogueEntry, CatalogueStore, EntryListOptions, ListResult } from './catalogue-store';

const clone = <T>(v: T): T => structuredClone(v);

const page = <T>(sorted: [string, T][], limit: number, after?: string): ListResult<T> => {
  let start = 0;
  if (after !== undefined) {
    while (start < sorted.length && sorted[start]![0] <= after) start++;
  }
  const slice = sorted.slice(start, start + limit);
  const more = start + limit < sorted.length;
  return { items: slice.map(([, v]) => v), last: more && slice.length ? slice[slice.length - 1]![0] : null };
};

const byKey = <T>(map: Map<string, T>): [string, T][] =>
  [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

export class InMemoryCatalogueStore implements CatalogueStore {
  readonly procedures = new Map<string, Procedure>();
  readonly entries = new Map<CatalogueName, Map<string, CatalogueEntry>>();
  version = 0;
  /** Counts calls per method, so tests can assert what a request cost. */
  readonly calls: Record<string, number> = {};

  private count(method: string) {
    this.calls[method] = (this.calls[method] ?? 0) + 1;
  }

  private catalogue(name: CatalogueName) {
    let map = this.entries.get(name);
    if (!map) {
      map = new Map();
      this.entries.set(name, map);
    }
    return map;
  }

  async getProcedure(code: string) {
    this.count('getProcedure');
    const p = this.procedures.get(code);
    return p ? clone(p) : undefined;
  }

  async putProcedure(procedure: Procedure) {
    this.count('putProcedure');
    this.procedures.set(procedure.code, clone(procedure));
    this.version++;
  }

  async listProcedures(options: { after?: string; limit?: number }): Promise<ListResult<SearchDoc>> {
    this.count('listProcedures');
    const sorted = byKey(this.procedures).map(([k, p]): [string, SearchDoc] => [k, toSearchDoc(p)]);
    return page(sorted, options.limit ?? 1000, options.after);
  }

  async listProcedureRecords(options: { after?: string; limit?: number }): Promise<ListResult<Procedure>> {
    this.count('listProcedureRecords');
    return page(byKey(this.procedures).map(([k, p]): [string, Procedure] => [k, clone(p)]), options.limit ?? 1000, options.after);
  }

  async getEntry(name: CatalogueName, id: string) {
    this.count('getEntry');
    const e = this.catalogue(name).get(id);
    return e ? clone(e) : undefined;
  }

  async putEntry(name: CatalogueName, entry: CatalogueEntry) {
    this.count('putEntry');
    this.catalogue(name).set(entry.id, clone(entry));
    this.version++;
  }

  async listEntries(name: CatalogueName, options: EntryListOptions) {
    this.count('listEntries');
    const sorted = byKey(this.catalogue(name)).filter(
      ([k, e]) =>
        (options.parent === undefined || e.parentCode === options.parent) &&
        (options.prefix === undefined || k.startsWith(options.prefix)),
    );
    return page(sorted, options.limit, options.after);
  }

  async getCatalogueVersion() {
    this.count('getCatalogueVersion');
    return this.version;
  }

  async batchPutProcedures(procedures: readonly Procedure[]) {
    for (const p of procedures) this.procedures.set(p.code, clone(p));
  }

  async batchPutEntries(name: CatalogueName, entries: readonly CatalogueEntry[]) {
    for (const e of entries) this.catalogue(name).set(e.id, clone(e));
  }

  async bumpCatalogueVersion() {
    this.version++;
  }
}
