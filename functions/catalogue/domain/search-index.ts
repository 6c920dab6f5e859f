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
// A sorted token dictionary gives each token an id; posting lists (ordinals, ascending) over
// name+code and over name only live in one typed array each (CSR), so the postings of every token
// with a given prefix (the last query token) are one contiguous slice found by binary search.
// Lists are intersected with generation-stamped arrays: no allocation per query beyond results.
import type { Level, ProcedureSummary } from '../../../shared/contracts/catalogue';
import { decodeOffsetCursor, encodeOffsetCursor, fingerprint } from './cursors';
import { tokenize } from '../../../shared/text/normalize';

export type OnlineLevel = 'full' | 'partial' | 'none';

/** What the index keeps per procedure: the list summary plus what the agency filter needs. */
export interface SearchDoc extends ProcedureSummary {
  agencyKinds: Level[];
  ministryCodes?: string[];
}

/** An agency as the agency filter sees it. */
export interface AgencyRef {
  code: string;
  level: Level;
  parentCode: string | null;
}

export interface SearchParams {
  q?: string;
  sector?: string;
  /** An agency code; resolved against the agencies the index holds. */
  agency?: string;
  level?: Level;
  online?: 'full' | 'partial';
  limit: number;
  cursor?: string;
}

export interface SearchPage {
  items: ProcedureSummary[];
  nextCursor: string | null;
}

const LEVELS: readonly Level[] = ['central', 'province', 'commune'];
const ONLINE: readonly OnlineLevel[] = ['full', 'partial', 'none'];
const TIERS = 5;

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const summaryOf = (d: SearchDoc): ProcedureSummary => ({
  code: d.code, name: d.name, level: d.level, sectorCode: d.sectorCode,
  onlineService: d.onlineService, processingTime: d.processingTime, fees: d.fees,
});

/** Picks the indexed fields from a full procedure record. */
export const toSearchDoc = (p: SearchDoc): SearchDoc => ({
  ...summaryOf(p),
  agencyKinds: p.agencyKinds,
  ...(p.ministryCodes ? { ministryCodes: p.ministryCodes } : {}),
});

// ---------------------------------------------------------------------------------------------
// Cursors: offset + a hash of the normalised query, so a cursor only continues its own query.

export const searchHash = (tokens: readonly string[], p: SearchParams): string =>
  fingerprint([tokens.join(' '), p.sector ?? '', p.agency ?? '', p.level ?? '', p.online ?? ''].join('\u0000'));

/** The offset a cursor points at; 400 INVALID_CURSOR when it is malformed or from another query. */
export const decodeSearchCursor = (cursor: string | undefined, hash: string): number => decodeOffsetCursor(cursor, hash);
export const encodeSearchCursor = (offset: number, hash: string): string => encodeOffsetCursor(offset, hash);

// ---------------------------------------------------------------------------------------------
// Agency filter

export interface AgencyFilter {
  level: Level;
  /** For central agencies: the agency and its central ancestors; a procedure's ministryCodes must hit one. */
  codes?: ReadonlySet<string>;
}

/** `null` when the agency is unknown: the filter then matches nothing. */
export const resolveAgency = (code: string, lookup: (code: string) => AgencyRef | undefined): AgencyFilter | null => {
  const agency = lookup(code);
  if (!agency) return null;
  if (agency.level !== 'central') return { level: agency.level };
  const codes = new Set<string>([agency.code]);
  let parent = agency.parentCode;
  for (let depth = 0; parent && depth < 8 && !codes.has(parent); depth++) {
    const up = lookup(parent);
    if (!up || up.level !== 'central') break;
    codes.add(up.code);
    parent = up.parentCode;
  }
  return { level: 'central', codes };
};

const matchesAgency = (doc: SearchDoc, agency: AgencyFilter): boolean =>
  doc.agencyKinds.includes(agency.level) &&
  (agency.codes === undefined || (doc.ministryCodes ?? []).some((c) => agency.codes!.has(c)));

// ---------------------------------------------------------------------------------------------
// Snapshot format: compact tuples, token ids into one dictionary.

export const SNAPSHOT_FORMAT = 'dvc-procedure-index/1';
type FeeTuple = [code: string, name: string, amount: number, kind: 'fee' | 'charge', revenueItemCode: string];
export type SnapshotDoc = [
  code: string, name: string, level: Level, sectorCode: string, onlineService: OnlineLevel,
  timeValue: number, timeUnit: 'working_day' | 'working_hour' | 'day', fees: FeeTuple[],
  agencyKinds: Level[], ministryCodes: string[] | null, nameTokenIds: number[], codeTokenIds: number[],
];
export interface IndexSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  builtAt: string;
  tokens: string[];
  docs: SnapshotDoc[];
  agencies: [code: string, level: Level, parentCode: string | null][];
}

/** One procedure as the index holds it. Summaries are materialised on first use (lazy after a snapshot load). */
interface Entry {
  code: string;
  name: string;
  level: Level;
  sectorCode: string;
  onlineService: OnlineLevel;
  agencyKinds: Level[];
  ministryCodes: string[] | null;
  /** Token ids into the index dictionary, in order (name) and for the code. */
  nameIds: number[];
  codeIds: number[];
  doc?: SearchDoc;
  tuple?: SnapshotDoc;
}

const docOf = (e: Entry): SearchDoc => {
  if (e.doc) return e.doc;
  const t = e.tuple!;
  return (e.doc = {
    code: t[0], name: t[1], level: t[2], sectorCode: t[3], onlineService: t[4],
    processingTime: { value: t[5], unit: t[6] },
    fees: t[7].map(([code, name, amount, kind, revenueItemCode]) => ({ code, name, amount, kind, revenueItemCode })),
    agencyKinds: t[8],
    ...(t[9] ? { ministryCodes: t[9] } : {}),
  });
};

const invalid = (why: string): never => {
  throw new Error(`Invalid search index snapshot: ${why}`);
};

/** Posting lists in one array (CSR): token id t owns `post[offsets[t] .. offsets[t+1])`, ascending. */
interface Postings { offsets: Uint32Array; post: Uint32Array }

const buildPostings = (vocab: number, entries: readonly Entry[], withCode: boolean): Postings => {
  const counts = new Uint32Array(vocab + 1);
  const seen = new Int32Array(vocab).fill(-1);
  const each = (visit: (id: number, o: number) => void) => {
    seen.fill(-1);
    entries.forEach((e, o) => {
      for (const id of e.nameIds) if (seen[id] !== o) { seen[id] = o; visit(id, o); }
      if (withCode) for (const id of e.codeIds) if (seen[id] !== o) { seen[id] = o; visit(id, o); }
    });
  };
  each((id) => { counts[id + 1]!++; });
  for (let t = 0; t < vocab; t++) counts[t + 1]! += counts[t]!;
  const offsets = counts;
  const post = new Uint32Array(offsets[vocab]!);
  const fill = offsets.slice(0, vocab);
  each((id, o) => { post[fill[id]!++] = o; });
  return { offsets, post };
};

// ---------------------------------------------------------------------------------------------

export class SearchIndex {
  readonly size: number;
  private readonly summaries: (ProcedureSummary | undefined)[];
  private readonly nameNorm: string[];
  private readonly tokenId = new Map<string, number>();
  private readonly all: Postings;
  private readonly names: Postings;
  private readonly byCode: Uint32Array;
  private readonly sectorOf: Int32Array;
  private readonly sectorId = new Map<string, number>();
  private readonly levelOf: Uint8Array;
  private readonly onlineOf: Uint8Array;
  private readonly kindsOf: Uint8Array;
  /** Ministry code → ordinals of central procedures that name it. */
  private readonly byMinistry = new Map<string, number[]>();
  // Per-query scratch space, reused (search is synchronous).
  private readonly stampAll: Int32Array;
  private readonly stampName: Int32Array;
  private readonly stampAgency: Int32Array;
  private readonly candidates: Uint32Array;
  private readonly tierOf: Uint8Array;
  private epoch = 1;

  /** `dict` is sorted and unique; entries' token ids point into it. */
  private constructor(
    readonly version: number,
    private readonly dict: readonly string[],
    private readonly entries: Entry[],
    private readonly agencies: Map<string, AgencyRef>,
  ) {
    entries.sort((a, b) => a.name.length - b.name.length || cmp(a.code, b.code));
    const n = entries.length;
    this.size = n;
    dict.forEach((t, i) => this.tokenId.set(t, i));
    this.summaries = new Array(n);
    this.nameNorm = entries.map((e) => e.nameIds.map((id) => dict[id]).join(' '));
    this.all = buildPostings(dict.length, entries, true);
    this.names = buildPostings(dict.length, entries, false);
    this.sectorOf = new Int32Array(n);
    this.levelOf = new Uint8Array(n);
    this.onlineOf = new Uint8Array(n);
    this.kindsOf = new Uint8Array(n);
    entries.forEach((e, o) => {
      let sector = this.sectorId.get(e.sectorCode);
      if (sector === undefined) this.sectorId.set(e.sectorCode, (sector = this.sectorId.size));
      this.sectorOf[o] = sector;
      this.levelOf[o] = LEVELS.indexOf(e.level);
      this.onlineOf[o] = ONLINE.indexOf(e.onlineService);
      let kinds = 0;
      for (const k of e.agencyKinds) kinds |= 1 << LEVELS.indexOf(k);
      this.kindsOf[o] = kinds;
      for (const m of e.ministryCodes ?? []) {
        let list = this.byMinistry.get(m);
        if (!list) this.byMinistry.set(m, (list = []));
        if (list[list.length - 1] !== o) list.push(o);
      }
    });
    this.byCode = Uint32Array.from(entries.keys()).sort((a, b) => cmp(entries[a]!.code, entries[b]!.code));
    this.stampAll = new Int32Array(n);
    this.stampName = new Int32Array(n);
    this.stampAgency = new Int32Array(n);
    this.candidates = new Uint32Array(n);
    this.tierOf = new Uint8Array(n);
  }

  /** Builds an index from procedures (a later duplicate code replaces an earlier one) and agencies. */
  static build(docs: Iterable<SearchDoc>, agencies: Iterable<AgencyRef>, version: number): SearchIndex {
    const byCode = new Map<string, { doc: SearchDoc; name: string[]; code: string[] }>();
    for (const d of docs) {
      const doc = toSearchDoc(d);
      byCode.set(doc.code, { doc, name: tokenize(doc.name), code: tokenize(doc.code) });
    }
    return SearchIndex.fromTokens([...byCode.values()], agencyMap(agencies), version);
  }

  private static fromTokens(
    list: { doc: SearchDoc; name: string[]; code: string[] }[], agencies: Map<string, AgencyRef>, version: number,
  ): SearchIndex {
    const vocabulary = new Set<string>();
    for (const e of list) {
      for (const t of e.name) vocabulary.add(t);
      for (const t of e.code) vocabulary.add(t);
    }
    const dict = [...vocabulary].sort(cmp);
    const ids = new Map(dict.map((t, i) => [t, i]));
    const entries = list.map(({ doc, name, code }): Entry => ({
      code: doc.code, name: doc.name, level: doc.level, sectorCode: doc.sectorCode, onlineService: doc.onlineService,
      agencyKinds: doc.agencyKinds, ministryCodes: doc.ministryCodes ?? null,
      nameIds: name.map((t) => ids.get(t)!), codeIds: code.map((t) => ids.get(t)!), doc,
    }));
    return new SearchIndex(version, dict, entries, agencies);
  }

  /** Loads a snapshot written by `toSnapshot` (no re-tokenising). Throws on a malformed snapshot. */
  static fromSnapshot(snapshot: unknown): SearchIndex {
    const s = snapshot as IndexSnapshot;
    if (typeof s !== 'object' || s === null || s.format !== SNAPSHOT_FORMAT) invalid('unknown format');
    if (!Number.isSafeInteger(s.version) || !Array.isArray(s.tokens) || !Array.isArray(s.docs) || !Array.isArray(s.agencies)) {
      invalid('missing parts');
    }
    const dict = s.tokens;
    for (let i = 0; i < dict.length; i++) {
      if (typeof dict[i] !== 'string' || (i > 0 && !(dict[i - 1]! < dict[i]!))) invalid('dictionary not sorted');
    }
    const vocab = dict.length;
    const validIds = (ids: unknown): number[] => {
      if (!Array.isArray(ids)) return invalid('bad token ids');
      for (const id of ids) if (!(Number.isInteger(id) && id >= 0 && id < vocab)) invalid('bad token id');
      return ids as number[];
    };
    const seen = new Set<string>();
    const entries = s.docs.map((t): Entry => {
      if (!Array.isArray(t) || t.length !== 12) invalid('bad document');
      const [code, name, level, sectorCode, onlineService, value, unit, fees, agencyKinds, ministryCodes] = t;
      if (typeof code !== 'string' || typeof name !== 'string' || typeof sectorCode !== 'string' || seen.has(code)) {
        invalid('bad code, name or sector');
      }
      if (!LEVELS.includes(level) || !ONLINE.includes(onlineService) || typeof value !== 'number' || typeof unit !== 'string' ||
          !Array.isArray(fees) || !Array.isArray(agencyKinds) || !agencyKinds.every((k) => LEVELS.includes(k)) ||
          !(ministryCodes === null || Array.isArray(ministryCodes))) {
        invalid(`bad fields of ${code}`);
      }
      seen.add(code);
      return {
        code, name, level, sectorCode, onlineService, agencyKinds, ministryCodes,
        nameIds: validIds(t[10]), codeIds: validIds(t[11]), tuple: t,
      };
    });
    const agencies = s.agencies.map(([code, level, parentCode]) => {
      if (typeof code !== 'string' || !LEVELS.includes(level)) invalid('bad agency');
      return { code, level, parentCode };
    });
    return new SearchIndex(s.version, dict, entries, agencyMap(agencies));
  }

  toSnapshot(builtAt = new Date().toISOString()): IndexSnapshot {
    return {
      format: SNAPSHOT_FORMAT,
      version: this.version,
      builtAt,
      tokens: [...this.dict],
      docs: this.entries.map((e): SnapshotDoc => {
        if (e.tuple) return e.tuple;
        const d = docOf(e);
        return [
          d.code, d.name, d.level, d.sectorCode, d.onlineService, d.processingTime.value, d.processingTime.unit,
          d.fees.map((f): FeeTuple => [f.code, f.name, f.amount, f.kind, f.revenueItemCode]),
          d.agencyKinds, d.ministryCodes ?? null, e.nameIds, e.codeIds,
        ];
      }),
      agencies: [...this.agencies.values()].map((a) => [a.code, a.level, a.parentCode]),
    };
  }

  /** A new index with one procedure or agency added or replaced (other entries keep their tokens). */
  withChange(change: { procedure?: SearchDoc; agency?: AgencyRef }, version: number): SearchIndex {
    const word = (id: number) => this.dict[id]!;
    const list = this.entries
      .filter((e) => e.code !== change.procedure?.code)
      .map((e) => ({ doc: docOf(e), name: e.nameIds.map(word), code: e.codeIds.map(word) }));
    if (change.procedure) {
      const doc = toSearchDoc(change.procedure);
      list.push({ doc, name: tokenize(doc.name), code: tokenize(doc.code) });
    }
    const agencies = new Map(this.agencies);
    if (change.agency) agencies.set(change.agency.code, change.agency);
    return SearchIndex.fromTokens(list, agencies, version);
  }

  docs(): SearchDoc[] {
    return this.entries.map(docOf);
  }

  agencyList(): AgencyRef[] {
    return [...this.agencies.values()];
  }

  private summary(o: number): ProcedureSummary {
    return (this.summaries[o] ??= summaryOf(docOf(this.entries[o]!)));
  }

  private nextEpoch(width: number): number {
    if (this.epoch + width > 0x3fff_0000) {
      this.stampAll.fill(0); this.stampName.fill(0); this.stampAgency.fill(0);
      this.epoch = 1;
    }
    const base = this.epoch;
    this.epoch += width + 2;
    return base;
  }

  search(p: SearchParams): SearchPage {
    const tokens = tokenize(p.q ?? '');
    const hash = searchHash(tokens, p);
    const offset = decodeSearchCursor(p.cursor, hash);
    const end = offset + p.limit;
    const none: SearchPage = { items: [], nextCursor: null };

    // Filters as small integers; an unknown sector or agency matches nothing.
    let kindBit = 0;
    let agencyMark = -1;
    if (p.agency !== undefined) {
      const agency = resolveAgency(p.agency, (c) => this.agencies.get(c));
      if (agency === null) return none;
      kindBit = 1 << LEVELS.indexOf(agency.level);
      if (agency.codes) {
        agencyMark = this.nextEpoch(1);
        for (const code of agency.codes) for (const o of this.byMinistry.get(code) ?? []) this.stampAgency[o] = agencyMark;
      }
    }
    const sector = p.sector === undefined ? -1 : this.sectorId.get(p.sector) ?? -2;
    if (sector === -2) return none;
    const level = p.level === undefined ? -1 : LEVELS.indexOf(p.level);
    const online = p.online === undefined ? -1 : ONLINE.indexOf(p.online);
    const { sectorOf, levelOf, onlineOf, kindsOf, stampAgency } = this;
    const pass = (o: number): boolean =>
      (sector < 0 || sectorOf[o] === sector) &&
      (level < 0 || levelOf[o] === level) &&
      (online < 0 || onlineOf[o] === online) &&
      (kindBit === 0 || (kindsOf[o]! & kindBit) !== 0) &&
      (agencyMark < 0 || stampAgency[o] === agencyMark);

    const items: ProcedureSummary[] = [];
    if (tokens.length === 0) {
      let count = 0;
      for (const o of this.byCode) {
        if (!pass(o)) continue;
        if (count >= end) return { items, nextCursor: encodeSearchCursor(end, hash) };
        if (count >= offset) items.push(this.summary(o));
        count++;
      }
      return { items, nextCursor: null };
    }

    // Token id ranges: exact ids for every token but the last, the prefix range for the last.
    const ranges: [number, number][] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (i < tokens.length - 1) {
        const id = this.tokenId.get(t);
        if (id === undefined) return none;
        ranges.push([id, id + 1]);
      } else {
        const range = this.prefixRange(t);
        if (range[0] === range[1]) return none;
        ranges.push(range);
      }
    }
    const allMark = this.mark(ranges, this.all, this.stampAll);
    if (allMark < 0) return none;
    const nameMark = this.mark(ranges, this.names, this.stampName);

    // Candidates in ascending ordinal order: from the smallest group, or a scan when it is large.
    const { offsets, post } = this.all;
    const size = ([lo, hi]: [number, number]) => offsets[hi]! - offsets[lo]!;
    const smallest = ranges.reduce((a, b) => (size(b) < size(a) ? b : a));
    const cand = this.candidates;
    const stampAll = this.stampAll;
    let m = 0;
    if (smallest[1] - smallest[0] === 1) {
      for (let i = offsets[smallest[0]]!, e = offsets[smallest[1]]!; i < e; i++) if (stampAll[post[i]!] === allMark) cand[m++] = post[i]!;
    } else if (size(smallest) * 8 > this.size) {
      for (let o = 0; o < this.size; o++) if (stampAll[o] === allMark) cand[m++] = o;
    } else {
      for (let i = offsets[smallest[0]]!, e = offsets[smallest[1]]!; i < e; i++) {
        const o = post[i]!;
        if (stampAll[o] === allMark) { stampAll[o] = allMark + 1; cand[m++] = o; }
      }
      cand.subarray(0, m).sort();
    }

    // Tiers of the candidates that pass the filters (compacted in place).
    const phrase = tokens.join(' ');
    const spacedPhrase = ` ${phrase}`;
    const counts = [0, 0, 0, 0, 0];
    let kept = 0;
    for (let i = 0; i < m; i++) {
      const o = cand[i]!;
      if (!pass(o)) continue;
      let tier = 4;
      if (nameMark >= 0 && this.stampName[o] === nameMark) {
        const name = this.nameNorm[o]!;
        tier = name === phrase ? 0 : name.startsWith(phrase) ? 1 : ` ${name}`.includes(spacedPhrase) ? 2 : 3;
      }
      cand[kept] = o;
      this.tierOf[kept] = tier;
      counts[tier]!++;
      kept++;
    }
    let seen = 0;
    for (let tier = 0; tier < TIERS; tier++) {
      const count = counts[tier]!;
      if (seen + count <= offset) { seen += count; continue; }
      for (let i = 0; i < kept; i++) {
        if (this.tierOf[i] !== tier) continue;
        if (seen >= end) return { items, nextCursor: encodeSearchCursor(end, hash) };
        if (seen >= offset) items.push(this.summary(cand[i]!));
        seen++;
      }
    }
    return { items, nextCursor: null };
  }

  private prefixRange(prefix: string): [number, number] {
    const d = this.dict;
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[mid]! < prefix) lo = mid + 1; else hi = mid;
    }
    const start = lo;
    hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d[mid]!.startsWith(prefix)) lo = mid + 1; else hi = mid;
    }
    return [start, lo];
  }

  /**
   * Stamps every ordinal that has a token in each range with the returned mark (-1 when a range
   * has no postings). Groups are visited smallest first; a prefix range's postings are contiguous.
   */
  private mark(ranges: readonly [number, number][], postings: Postings, stamp: Int32Array): number {
    const { offsets, post } = postings;
    const size = ([lo, hi]: [number, number]) => offsets[hi]! - offsets[lo]!;
    const ordered = ranges.slice().sort((a, b) => size(a) - size(b));
    if (size(ordered[0]!) === 0) return -1;
    const k = ordered.length;
    const base = this.nextEpoch(k);
    const [lo0, hi0] = ordered[0]!;
    for (let i = offsets[lo0]!, e = offsets[hi0]!; i < e; i++) stamp[post[i]!] = base + 1;
    for (let j = 1; j < k; j++) {
      const expect = base + j;
      const [lo, hi] = ordered[j]!;
      for (let i = offsets[lo]!, e = offsets[hi]!; i < e; i++) if (stamp[post[i]!] === expect) stamp[post[i]!] = expect + 1;
    }
    return base + k;
  }
}

const agencyMap = (agencies: Iterable<AgencyRef>) => {
  const map = new Map<string, AgencyRef>();
  for (const a of agencies) map.set(a.code, { code: a.code, level: a.level, parentCode: a.parentCode ?? null });
  return map;
};

// ---------------------------------------------------------------------------------------------
// The reference: a plain filter-and-sort over every procedure, written for obviousness, not speed.
// The index must return exactly what this returns, page by page.

export const bruteForceSearch = (docs: Iterable<SearchDoc>, agencies: Iterable<AgencyRef>, p: SearchParams): SearchPage =>
  prepareBruteForce(docs, agencies)(p);

/** The reference with each procedure tokenised once, for checking many queries over one catalogue. */
export const prepareBruteForce = (docs: Iterable<SearchDoc>, agencies: Iterable<AgencyRef>): ((p: SearchParams) => SearchPage) => {
  const unique = new Map<string, SearchDoc>();
  for (const d of docs) unique.set(d.code, d);
  const prepared = [...unique.values()].map((doc) => {
    const nameTokens = tokenize(doc.name);
    return { doc, nameTokens, allTokens: [...nameTokens, ...tokenize(doc.code)], name: nameTokens.join(' ') };
  });
  const agencyByCode = new Map<string, AgencyRef>();
  for (const a of agencies) agencyByCode.set(a.code, a);

  return (p) => {
    const tokens = tokenize(p.q ?? '');
    const hash = searchHash(tokens, p);
    const offset = decodeSearchCursor(p.cursor, hash);
    const agency = p.agency === undefined ? undefined : resolveAgency(p.agency, (c) => agencyByCode.get(c));
    const phrase = tokens.join(' ');
    const hasToken = (have: string[], want: string, last: boolean) =>
      last ? have.some((h) => h.startsWith(want)) : have.includes(want);
    const matchesAll = (have: string[]) => tokens.every((t, i) => hasToken(have, t, i === tokens.length - 1));

    const hits: { doc: SearchDoc; tier: number }[] = [];
    for (const { doc, nameTokens, allTokens, name } of prepared) {
      if (p.sector !== undefined && doc.sectorCode !== p.sector) continue;
      if (p.level !== undefined && doc.level !== p.level) continue;
      if (p.online !== undefined && doc.onlineService !== p.online) continue;
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
        ? cmp(a.doc.code, b.doc.code)
        : a.tier - b.tier || a.doc.name.length - b.doc.name.length || cmp(a.doc.code, b.doc.code),
    );
    const end = offset + p.limit;
    return {
      items: hits.slice(offset, end).map((h) => summaryOf(h.doc)),
      nextCursor: hits.length > end ? encodeSearchCursor(end, hash) : null,
    };
  };
};
