// Procedure search (GET /v1/procedures; docs/requirements.md R-CAP-CATALOGUE), served from the
// warm function's index (index-cache.ts).
import { tokenize } from '../../shared/text/normalize';
import type { CatalogueContext } from './deps';
import { decodeSearchCursor, searchHash } from './domain/search-cursor';
import type { SearchPage, SearchParams } from './domain/search-model';

export const searchProcedures = async (ctx: CatalogueContext, query: SearchParams): Promise<SearchPage> => {
  // A bad cursor is refused before any I/O.
  decodeSearchCursor(query.cursor, searchHash(tokenize(query.q ?? ''), query));
  const index = await ctx.index.get();
  return index.search(query);
};
