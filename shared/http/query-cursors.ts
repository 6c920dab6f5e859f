// Opaque cursors bound to the query they page (pure; the catalogue's and the FAQ's lists). Each carries a short hash of the query it
// belongs to, so a cursor replayed against another query, or altered, is a 400 INVALID_CURSOR.
import { decodeCursor, encodeCursor } from './pagination';

/** FNV-1a 32-bit, base 36: a cheap, stable fingerprint of a query. */
export const fingerprint = (text: string): string => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
};

/** Offsets beyond this are not a page anyone reaches by following cursors. */
const MAX_OFFSET = 10_000_000;

interface OffsetCursor { o: number; h: string }
const isOffsetCursor = (v: unknown): v is OffsetCursor =>
  typeof v === 'object' && v !== null && !Array.isArray(v) &&
  Number.isSafeInteger((v as OffsetCursor).o) && (v as OffsetCursor).o > 0 && (v as OffsetCursor).o <= MAX_OFFSET &&
  typeof (v as OffsetCursor).h === 'string';

/** The offset a search cursor points at (0 without a cursor). */
export const decodeOffsetCursor = (cursor: string | undefined, hash: string): number =>
  decodeCursor(cursor, (v): v is OffsetCursor => isOffsetCursor(v) && v.h === hash)?.o ?? 0;
export const encodeOffsetCursor = (offset: number, hash: string): string => encodeCursor({ o: offset, h: hash });

/** Keyset cursor for lists (the catalogue's, an agency's work queue): the last sort key returned, of the shape `pattern` allows. */
interface KeyCursor { s: string; h: string }
const SORT_KEY = /^[A-Za-z0-9._-]{1,60}$/;
export const decodeKeyCursor = (cursor: string | undefined, hash: string, prefix = '', pattern: RegExp = SORT_KEY): string | undefined =>
  decodeCursor(cursor, (v): v is KeyCursor =>
    typeof v === 'object' && v !== null && !Array.isArray(v) &&
    (v as KeyCursor).h === hash && typeof (v as KeyCursor).s === 'string' &&
    pattern.test((v as KeyCursor).s) && (v as KeyCursor).s.startsWith(prefix),
  )?.s;
export const encodeKeyCursor = (sortKey: string, hash: string): string => encodeCursor({ s: sortKey, h: hash });
