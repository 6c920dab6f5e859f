// The shared catalogues (GET/PUT /v1/catalogues/{name}[/{id}]): paged lists in id order (children
// of a parent, holidays of a year), an entry read, and an admin's write (an agency's is applied to
// the search index's agency filter at once).
import type { CatalogueName } from '../../shared/contracts/catalogue';
import { badRequest, notFound } from '../../shared/errors/domain-error';
import type { CatalogueEntry } from './adapters/catalogue-store';
import type { CatalogueContext } from './deps';
import { decodeKeyCursor, encodeKeyCursor, fingerprint } from '../../shared/http/query-cursors';
import { PARENTED, toAgencyRef, validateEntry } from './domain/validation';

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

export const listEntries = async (ctx: CatalogueContext, name: CatalogueName, query: ListQuery): Promise<EntryPage> => {
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
  const page = await ctx.store().listEntries(name, { limit: query.limit, after, parent: query.parent, prefix });
  return { items: page.items, nextCursor: page.last ? encodeKeyCursor(page.last, hash) : null };
};

export const getEntry = async (ctx: CatalogueContext, name: CatalogueName, id: string): Promise<CatalogueEntry> => {
  const entry = await ctx.store().getEntry(name, id);
  if (!entry) throw notFound(`Entry ${id} of ${name}`);
  return entry;
};

export const putEntry = async (ctx: CatalogueContext, name: CatalogueName, id: string, body: unknown): Promise<CatalogueEntry> => {
  const entry = validateEntry(name, id, body);
  await ctx.store().putEntry(name, entry);
  await ctx.index.afterWrite(name === 'agencies' ? { agency: toAgencyRef(entry) } : {});
  return entry;
};
