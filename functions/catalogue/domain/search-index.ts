// The procedure search index (pure: no I/O, no AWS SDK). Answers
// `GET /v1/procedures?q=&sector=&agency=&level=&online=&limit=&cursor=` from memory.
//
// Matching: the query is tokenised like the data (normalize.ts); every query token must equal a
// token of the procedure's name or code, the last one may be a prefix ("dang ky khai s").
// Ranking (tiers, best first): 0 normalised name equals the query phrase; 1 name starts with the
// phrase; 2 name contains the phrase at a word boundary; 3 every token is in the name; 4 the match
// needs the code. Ties: shorter name first, then code (UTF-16 order). Without a query: code order.
//
// Layout: procedures get ordinals in (name length, code) order, so ordinal order is the tie-break
// order and a tier's members come out sorted by walking candidates in ascending ordinal order.
// A sorted token dictionary gives each token an id; posting lists over name+code and over name
// only (search-postings.ts) find every token of a prefix in one slice and are intersected by
// stamping reused arrays: no allocation per query beyond the results.
// Filters: search-filters.ts; snapshots: search-snapshot.ts; cursors: search-cursor.ts.
import type { ProcedureSummary } from '../../../shared/contracts/catalogue';
import { tokenize } from '../../../shared/text/normalize';
import { decodeSearchCursor, encodeSearchCursor, searchHash } from './search-cursor';
import { FilterColumns } from './search-filters';
import {
  compareCodeUnits, summaryOf, toSearchDoc, type AgencyRef, type SearchDoc, type SearchPage, type SearchParams,
} from './search-model';
import {
  StampArray, buildPostings, postingCount, prefixRange, stampMatches, type Postings, type TokenRange,
} from './search-postings';
import { readSnapshot, searchDocOf, writeSnapshot, type IndexSnapshot, type IndexedProcedure } from './search-snapshot';

const TIERS = 5;
const CODE_ONLY_TIER = 4;

/** A procedure with its name and code split into tokens, before the dictionary gives them ids. */
interface TokenisedDoc {
  doc: SearchDoc;
  nameTokens: string[];
  codeTokens: string[];
}

const tokenised = (doc: SearchDoc): TokenisedDoc => ({ doc, nameTokens: tokenize(doc.name), codeTokens: tokenize(doc.code) });

const agencyMap = (agencies: Iterable<AgencyRef>): Map<string, AgencyRef> => {
  const byCode = new Map<string, AgencyRef>();
  for (const agency of agencies) {
    byCode.set(agency.code, { code: agency.code, level: agency.level, parentCode: agency.parentCode ?? null });
  }
  return byCode;
};

export class SearchIndex {
  /** How many procedures the index holds. */
  readonly size: number;
  private readonly summaries: (ProcedureSummary | undefined)[];
  /** Each procedure's name as normalised tokens joined by spaces, for the phrase tiers. */
  private readonly normalizedNames: string[];
  private readonly tokenIds = new Map<string, number>();
  private readonly nameOrCodePostings: Postings;
  private readonly namePostings: Postings;
  private readonly ordinalsInCodeOrder: Uint32Array;
  private readonly filters: FilterColumns;
  // Per-query scratch space, reused (search is synchronous).
  private readonly nameOrCodeStamps: StampArray;
  private readonly nameStamps: StampArray;
  private readonly candidates: Uint32Array;
  private readonly candidateTiers: Uint8Array;

  /** `dictionary` is sorted and unique; the procedures' token ids point into it. */
  private constructor(
    readonly version: number,
    private readonly dictionary: readonly string[],
    private readonly procedures: IndexedProcedure[],
    private readonly agencies: Map<string, AgencyRef>,
  ) {
    procedures.sort((a, b) => a.name.length - b.name.length || compareCodeUnits(a.code, b.code));
    const count = procedures.length;
    this.size = count;
    for (const [id, token] of dictionary.entries()) this.tokenIds.set(token, id);
    this.summaries = new Array(count);
    this.normalizedNames = procedures.map((procedure) => procedure.nameTokenIds.map((id) => dictionary[id]).join(' '));
    this.nameOrCodePostings = buildPostings(dictionary.length, procedures, true);
    this.namePostings = buildPostings(dictionary.length, procedures, false);
    this.filters = new FilterColumns(procedures);
    this.ordinalsInCodeOrder = Uint32Array.from(procedures.keys())
      .sort((a, b) => compareCodeUnits(procedures[a]!.code, procedures[b]!.code));
    this.nameOrCodeStamps = new StampArray(count);
    this.nameStamps = new StampArray(count);
    this.candidates = new Uint32Array(count);
    this.candidateTiers = new Uint8Array(count);
  }

  /** Builds an index from procedures (a later duplicate code replaces an earlier one) and agencies. */
  static build(docs: Iterable<SearchDoc>, agencies: Iterable<AgencyRef>, version: number): SearchIndex {
    const latestByCode = new Map<string, TokenisedDoc>();
    for (const doc of docs) {
      const indexed = toSearchDoc(doc);
      latestByCode.set(indexed.code, tokenised(indexed));
    }
    return SearchIndex.fromTokenised([...latestByCode.values()], agencyMap(agencies), version);
  }

  private static fromTokenised(docs: TokenisedDoc[], agencies: Map<string, AgencyRef>, version: number): SearchIndex {
    const vocabulary = new Set<string>();
    for (const { nameTokens, codeTokens } of docs) {
      for (const token of nameTokens) vocabulary.add(token);
      for (const token of codeTokens) vocabulary.add(token);
    }
    const dictionary = [...vocabulary].sort(compareCodeUnits);
    const idOf = new Map(dictionary.map((token, id) => [token, id]));
    const procedures = docs.map(({ doc, nameTokens, codeTokens }): IndexedProcedure => ({
      code: doc.code, name: doc.name, level: doc.level, sectorCode: doc.sectorCode, onlineService: doc.onlineService,
      agencyKinds: doc.agencyKinds, ministryCodes: doc.ministryCodes ?? null,
      nameTokenIds: nameTokens.map((token) => idOf.get(token)!), codeTokenIds: codeTokens.map((token) => idOf.get(token)!),
      doc,
    }));
    return new SearchIndex(version, dictionary, procedures, agencies);
  }

  /** Loads a snapshot written by `toSnapshot` (no re-tokenising). Throws on a malformed snapshot. */
  static fromSnapshot(snapshot: unknown): SearchIndex {
    const { version, dictionary, procedures, agencies } = readSnapshot(snapshot);
    return new SearchIndex(version, dictionary, procedures, agencyMap(agencies));
  }

  toSnapshot(builtAt = new Date().toISOString()): IndexSnapshot {
    const { version, dictionary, procedures } = this;
    return writeSnapshot({ version, dictionary, procedures, agencies: this.agencyList() }, builtAt);
  }

  /** A new index with one procedure or agency added or replaced (other procedures keep their tokens). */
  withChange(change: { procedure?: SearchDoc; agency?: AgencyRef }, version: number): SearchIndex {
    const tokenOf = (id: number) => this.dictionary[id]!;
    const docs = this.procedures
      .filter((procedure) => procedure.code !== change.procedure?.code)
      .map((procedure): TokenisedDoc => ({
        doc: searchDocOf(procedure),
        nameTokens: procedure.nameTokenIds.map(tokenOf),
        codeTokens: procedure.codeTokenIds.map(tokenOf),
      }));
    if (change.procedure) docs.push(tokenised(toSearchDoc(change.procedure)));
    const agencies = new Map(this.agencies);
    if (change.agency) agencies.set(change.agency.code, change.agency);
    return SearchIndex.fromTokenised(docs, agencies, version);
  }

  docs(): SearchDoc[] {
    return this.procedures.map(searchDocOf);
  }

  agencyList(): AgencyRef[] {
    return [...this.agencies.values()];
  }

  private summary(ordinal: number): ProcedureSummary {
    let summary = this.summaries[ordinal];
    if (summary === undefined) {
      summary = summaryOf(searchDocOf(this.procedures[ordinal]!));
      this.summaries[ordinal] = summary;
    }
    return summary;
  }

  search(params: SearchParams): SearchPage {
    const tokens = tokenize(params.q ?? '');
    const hash = searchHash(tokens, params);
    const offset = decodeSearchCursor(params.cursor, hash);
    const end = offset + params.limit;
    const emptyPage: SearchPage = { items: [], nextCursor: null };

    // An unknown sector or agency matches nothing.
    const passesFilters = this.filters.compile(params, (code) => this.agencies.get(code));
    if (passesFilters === null) return emptyPage;

    const items: ProcedureSummary[] = [];
    if (tokens.length === 0) {
      let passed = 0;
      for (const ordinal of this.ordinalsInCodeOrder) {
        if (!passesFilters(ordinal)) continue;
        if (passed >= end) return { items, nextCursor: encodeSearchCursor(end, hash) };
        if (passed >= offset) items.push(this.summary(ordinal));
        passed++;
      }
      return { items, nextCursor: null };
    }

    // Token id ranges: the exact id for every token but the last, the prefix range for the last.
    const ranges: TokenRange[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (i < tokens.length - 1) {
        const id = this.tokenIds.get(token);
        if (id === undefined) return emptyPage;
        ranges.push([id, id + 1]);
      } else {
        const range = prefixRange(this.dictionary, token);
        if (range[0] === range[1]) return emptyPage;
        ranges.push(range);
      }
    }
    const nameOrCodeMark = stampMatches(ranges, this.nameOrCodePostings, this.nameOrCodeStamps);
    if (nameOrCodeMark < 0) return emptyPage;
    const nameMark = stampMatches(ranges, this.namePostings, this.nameStamps);

    // Candidates in ascending ordinal order: from the rarest range's postings, or by a scan of every
    // ordinal when those postings are over an eighth of the index (cheaper than sorting them).
    const postings = this.nameOrCodePostings;
    const { offsets, ordinals } = postings;
    const rarest = ranges.reduce((a, b) => (postingCount(postings, b) < postingCount(postings, a) ? b : a));
    const { candidates } = this;
    const stamps = this.nameOrCodeStamps.marks;
    let candidateCount = 0;
    if (rarest[1] - rarest[0] === 1) {
      // One token lists each ordinal once, already ascending.
      for (let i = offsets[rarest[0]]!, stop = offsets[rarest[1]]!; i < stop; i++) {
        if (stamps[ordinals[i]!] === nameOrCodeMark) candidates[candidateCount++] = ordinals[i]!;
      }
    } else if (postingCount(postings, rarest) * 8 > this.size) {
      for (let ordinal = 0; ordinal < this.size; ordinal++) if (stamps[ordinal] === nameOrCodeMark) candidates[candidateCount++] = ordinal;
    } else {
      // Several tokens of a prefix may list one ordinal: restamp it on first sight, then sort.
      for (let i = offsets[rarest[0]]!, stop = offsets[rarest[1]]!; i < stop; i++) {
        const ordinal = ordinals[i]!;
        if (stamps[ordinal] === nameOrCodeMark) { stamps[ordinal] = nameOrCodeMark + 1; candidates[candidateCount++] = ordinal; }
      }
      candidates.subarray(0, candidateCount).sort();
    }

    // Tiers of the candidates that pass the filters (compacted in place).
    const phrase = tokens.join(' ');
    const spacedPhrase = ` ${phrase}`;
    const tierSizes = new Array<number>(TIERS).fill(0);
    let kept = 0;
    for (let i = 0; i < candidateCount; i++) {
      const ordinal = candidates[i]!;
      if (!passesFilters(ordinal)) continue;
      let tier = CODE_ONLY_TIER;
      if (nameMark >= 0 && this.nameStamps.marks[ordinal] === nameMark) {
        const name = this.normalizedNames[ordinal]!;
        tier = name === phrase ? 0 : name.startsWith(phrase) ? 1 : ` ${name}`.includes(spacedPhrase) ? 2 : 3;
      }
      candidates[kept] = ordinal;
      this.candidateTiers[kept] = tier;
      tierSizes[tier]!++;
      kept++;
    }
    let position = 0;
    for (let tier = 0; tier < TIERS; tier++) {
      const tierSize = tierSizes[tier]!;
      if (position + tierSize <= offset) { position += tierSize; continue; }
      for (let i = 0; i < kept; i++) {
        if (this.candidateTiers[i] !== tier) continue;
        if (position >= end) return { items, nextCursor: encodeSearchCursor(end, hash) };
        if (position >= offset) items.push(this.summary(candidates[i]!));
        position++;
      }
    }
    return { items, nextCursor: null };
  }
}
