// FAQ search (pure): the whole set is small (hundreds to a few thousand entries), so a warm function
// holds it as an index built once and answers each query in memory.
//
// Matching mirrors the procedure search: every query token must be a token of the question or the
// answer, diacritics-insensitively, and the last one may be a prefix ("dang ky khai s"). Ranking:
// the question holding the whole phrase, then the number of query tokens in the question, then the
// entry id (stable, so cursors stay valid). Filters: procedure code and sector code, exact.
import type { FaqEntry, FaqPage } from '../../../shared/contracts/support';
import { tokenize } from '../../../shared/text/normalize';
import { decodeOffsetCursor, encodeOffsetCursor, fingerprint } from '../../../shared/http/query-cursors';

export interface FaqSearch {
  q?: string;
  procedure?: string;
  sector?: string;
  limit: number;
  cursor?: string;
}

interface Doc {
  entry: FaqEntry;
  question: string[];
  /** Every token of the question and the answer. */
  words: Set<string>;
  /** The question's tokens joined by spaces, with a space on each side (phrase tests). */
  phrase: string;
}

export interface FaqIndex {
  readonly size: number;
  search(query: FaqSearch): FaqPage;
}

/** A query's fingerprint: a cursor of another query (or an altered one) is a 400 INVALID_CURSOR. */
export const faqSearchHash = (query: Omit<FaqSearch, 'limit' | 'cursor'>) =>
  fingerprint(['faq', tokenize(query.q ?? '').join(' '), query.procedure ?? '', query.sector ?? ''].join('\u0000'));

/** Validates the cursor before any I/O; returns the offset it points at. */
export const faqCursorOffset = (query: FaqSearch) => decodeOffsetCursor(query.cursor, faqSearchHash(query));

const matches = (doc: Doc, tokens: readonly string[]) => {
  const last = tokens.length - 1;
  for (let i = 0; i < last; i++) if (!doc.words.has(tokens[i]!)) return false;
  if (last < 0 || doc.words.has(tokens[last]!)) return true;
  const prefix = tokens[last]!;
  for (const w of doc.words) if (w.startsWith(prefix)) return true;
  return false;
};

const score = (doc: Doc, tokens: readonly string[]) => {
  if (tokens.length === 0) return 0;
  const inQuestion = tokens.filter((t, i) => doc.question.some((w) => w === t || (i === tokens.length - 1 && w.startsWith(t)))).length;
  const phrase = doc.phrase.includes(` ${tokens.join(' ')}`) ? 1 : 0;
  return phrase * 1000 + inQuestion;
};

export const buildFaqIndex = (entries: readonly FaqEntry[]): FaqIndex => {
  const docs: Doc[] = [...entries]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((entry) => {
      const question = tokenize(entry.question);
      return { entry, question, words: new Set([...question, ...tokenize(entry.answer)]), phrase: ` ${question.join(' ')} ` };
    });
  return {
    size: docs.length,
    search(query) {
      const offset = faqCursorOffset(query);
      const tokens = tokenize(query.q ?? '');
      const hits = docs
        .filter((d) => (!query.procedure || d.entry.procedureCode === query.procedure) && (!query.sector || d.entry.sectorCode === query.sector))
        .filter((d) => matches(d, tokens))
        .map((d, order) => ({ d, order, s: score(d, tokens) }))
        // Array.prototype.sort is stable, but the explicit tie-break on id order says what we mean.
        .sort((a, b) => b.s - a.s || a.order - b.order);
      const items = hits.slice(offset, offset + query.limit).map((h) => h.d.entry);
      const next = offset + items.length;
      return { items, nextCursor: next < hits.length ? encodeOffsetCursor(next, faqSearchHash(query)) : null };
    },
  };
};
