// Posting lists of the search index (pure): for each token id, the ordinals of the procedures that
// contain the token, ascending. All lists live in one typed array (CSR layout) and the token
// dictionary is sorted, so the postings of every token with a given prefix are one contiguous slice.
// Lists are intersected by stamping ordinals (StampArray): no allocation per query.

/** Token id `t` owns `ordinals[offsets[t] .. offsets[t + 1])`. */
export interface Postings {
  offsets: Uint32Array;
  ordinals: Uint32Array;
}

/** A half-open range of token ids: one token, or every token that starts with a prefix. */
export type TokenRange = readonly [first: number, end: number];

export interface TokenisedProcedure {
  nameTokenIds: readonly number[];
  codeTokenIds: readonly number[];
}

/** Postings over names, or over names and codes; the procedure at index `i` has ordinal `i`. */
export const buildPostings = (
  dictionarySize: number, procedures: readonly TokenisedProcedure[], includeCodes: boolean,
): Postings => {
  // The last ordinal listed under each token: a token repeated in one procedure is listed once.
  const lastListed = new Int32Array(dictionarySize);
  const forEachPosting = (visit: (tokenId: number, ordinal: number) => void) => {
    lastListed.fill(-1);
    procedures.forEach((procedure, ordinal) => {
      for (const tokenId of procedure.nameTokenIds) {
        if (lastListed[tokenId] !== ordinal) { lastListed[tokenId] = ordinal; visit(tokenId, ordinal); }
      }
      if (!includeCodes) return;
      for (const tokenId of procedure.codeTokenIds) {
        if (lastListed[tokenId] !== ordinal) { lastListed[tokenId] = ordinal; visit(tokenId, ordinal); }
      }
    });
  };
  // Two passes: count each token's postings (shifted by one), sum the counts into offsets, then fill.
  const offsets = new Uint32Array(dictionarySize + 1);
  forEachPosting((tokenId) => { offsets[tokenId + 1]!++; });
  for (let tokenId = 0; tokenId < dictionarySize; tokenId++) offsets[tokenId + 1]! += offsets[tokenId]!;
  const ordinals = new Uint32Array(offsets[dictionarySize]!);
  const nextSlot = offsets.slice(0, dictionarySize);
  forEachPosting((tokenId, ordinal) => { ordinals[nextSlot[tokenId]!++] = ordinal; });
  return { offsets, ordinals };
};

/** How many postings a token range has (a procedure may count once per matching token). */
export const postingCount = ({ offsets }: Postings, [first, end]: TokenRange): number => offsets[end]! - offsets[first]!;

/** The ids of the tokens that start with `prefix` (empty when none does), by binary search. */
export const prefixRange = (dictionary: readonly string[], prefix: string): TokenRange => {
  let low = 0;
  let high = dictionary.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (dictionary[middle]! < prefix) low = middle + 1; else high = middle;
  }
  const first = low;
  high = dictionary.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (dictionary[middle]!.startsWith(prefix)) low = middle + 1; else high = middle;
  }
  return [first, low];
};

/**
 * Per-ordinal marks, reused across queries. Each use reserves fresh mark values from a counter that
 * only grows, so marks left by earlier queries never match and the array needs no clearing.
 */
export class StampArray {
  readonly marks: Int32Array;
  private generation = 1;

  constructor(size: number) {
    this.marks = new Int32Array(size);
  }

  /** Reserves `width + 2` fresh mark values and returns the first; starts over before the counter could overflow. */
  reserve(width: number): number {
    if (this.generation + width > 0x3fff_0000) {
      this.marks.fill(0);
      this.generation = 1;
    }
    const base = this.generation;
    this.generation += width + 2;
    return base;
  }
}

/**
 * Stamps every ordinal that has a token in each range with the returned mark (-1 when a range has
 * no postings). Ranges are visited rarest first and each pass only promotes the ordinals that
 * survived the one before (mark base + j becomes base + j + 1), so the last mark means "in all".
 */
export const stampMatches = (ranges: readonly TokenRange[], postings: Postings, stamps: StampArray): number => {
  const { offsets, ordinals } = postings;
  const { marks } = stamps;
  const rarestFirst = ranges.slice().sort((a, b) => postingCount(postings, a) - postingCount(postings, b));
  if (postingCount(postings, rarestFirst[0]!) === 0) return -1;
  const rangeCount = rarestFirst.length;
  const base = stamps.reserve(rangeCount);
  const [first, end] = rarestFirst[0]!;
  for (let i = offsets[first]!, stop = offsets[end]!; i < stop; i++) marks[ordinals[i]!] = base + 1;
  for (let j = 1; j < rangeCount; j++) {
    const survivor = base + j;
    const [rangeFirst, rangeEnd] = rarestFirst[j]!;
    for (let i = offsets[rangeFirst]!, stop = offsets[rangeEnd]!; i < stop; i++) {
      if (marks[ordinals[i]!] === survivor) marks[ordinals[i]!] = survivor + 1;
    }
  }
  return base + rangeCount;
};
