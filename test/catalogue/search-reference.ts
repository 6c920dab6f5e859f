// The reference for procedure search: a plain filter-and-sort over every procedure, written for
// obviousness, not speed. The index (functions/catalogue/domain/search-index.ts) must return
// exactly what this returns, page by page (search-index.test.ts, bench/catalogue-search.ts).
// Test-only: nothing under functions/ may import it (test/architecture.test.ts).
import { tokenize } from '../../shared/text/normalize';
import { decodeSearchCursor, encodeSearchCursor, searchHash } from '../../functions/catalogue/domain/search-cursor';
import {
  compareCodeUnits, resolveAgency, summaryOf,
  type AgencyFilter, type AgencyRef, type SearchDoc, type SearchPage, type SearchParams,
} from '../../functions/catalogue/domain/search-model';

const matchesAgency = (doc: SearchDoc, agency: AgencyFilter): boolean =>
  doc.agencyKinds.includes(agency.level) &&
  (agency.codes === undefined || (doc.ministryCodes ?? []).some((code) => agency.codes!.has(code)));

export const bruteForceSearch = (docs: Iterable<SearchDoc>, agencies: Iterable<AgencyRef>, params: SearchParams): SearchPage =>
  prepareBruteForce(docs, agencies)(params);

/** The reference with each procedure tokenised once, for checking many queries over one catalogue. */
export const prepareBruteForce = (
  docs: Iterable<SearchDoc>, agencies: Iterable<AgencyRef>,
): ((params: SearchParams) => SearchPage) => {
  const latestByCode = new Map<string, SearchDoc>();
  for (const doc of docs) latestByCode.set(doc.code, doc);
  const prepared = [...latestByCode.values()].map((doc) => {
    const nameTokens = tokenize(doc.name);
    return { doc, nameTokens, allTokens: [...nameTokens, ...tokenize(doc.code)], name: nameTokens.join(' ') };
  });
  const agencyByCode = new Map<string, AgencyRef>();
  for (const agency of agencies) agencyByCode.set(agency.code, agency);

  return (params) => {
    const tokens = tokenize(params.q ?? '');
    const hash = searchHash(tokens, params);
    const offset = decodeSearchCursor(params.cursor, hash);
    const agency = params.agency === undefined ? undefined : resolveAgency(params.agency, (code) => agencyByCode.get(code));
    const phrase = tokens.join(' ');
    const hasToken = (have: string[], want: string, isLast: boolean) =>
      isLast ? have.some((token) => token.startsWith(want)) : have.includes(want);
    const matchesAll = (have: string[]) => tokens.every((token, i) => hasToken(have, token, i === tokens.length - 1));

    const hits: { doc: SearchDoc; tier: number }[] = [];
    for (const { doc, nameTokens, allTokens, name } of prepared) {
      if (params.sector !== undefined && doc.sectorCode !== params.sector) continue;
      if (params.level !== undefined && doc.level !== params.level) continue;
      if (params.online !== undefined && doc.onlineService !== params.online) continue;
      if (agency === null) continue;
      if (agency !== undefined && !matchesAgency(doc, agency)) continue;
      if (tokens.length === 0) { hits.push({ doc, tier: 0 }); continue; }
      if (!matchesAll(allTokens)) continue;
      let tier = 4;
      if (matchesAll(nameTokens)) {
        if (name === phrase) tier = 0;
        else if (name.startsWith(phrase)) tier = 1;
        else if (` ${name}`.includes(` ${phrase}`)) tier = 2;
        else tier = 3;
      }
      hits.push({ doc, tier });
    }
    hits.sort((a, b) =>
      tokens.length === 0
        ? compareCodeUnits(a.doc.code, b.doc.code)
        : a.tier - b.tier || a.doc.name.length - b.doc.name.length || compareCodeUnits(a.doc.code, b.doc.code),
    );
    const end = offset + params.limit;
    return {
      items: hits.slice(offset, end).map((hit) => summaryOf(hit.doc)),
      nextCursor: hits.length > end ? encodeSearchCursor(end, hash) : null,
    };
  };
};
