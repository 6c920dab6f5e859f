// Search cursors (pure): an offset into the ranked result plus a fingerprint of the normalised query
// and its filters, so a cursor only continues the search it came from.
import { decodeOffsetCursor, encodeOffsetCursor, fingerprint } from '../../../shared/http/query-cursors';
import type { SearchParams } from './search-model';

/** Fingerprints the query as tokenised, so "Đăng ký" and "DANG KY" share cursors. */
export const searchHash = (queryTokens: readonly string[], params: SearchParams): string =>
  fingerprint([
    queryTokens.join(' '), params.sector ?? '', params.agency ?? '', params.level ?? '', params.online ?? '',
  ].join('\u0000'));

/** The offset a cursor points at (0 without one); 400 INVALID_CURSOR when it is malformed or from another search. */
export const decodeSearchCursor = (cursor: string | undefined, hash: string): number => decodeOffsetCursor(cursor, hash);
export const encodeSearchCursor = (offset: number, hash: string): string => encodeOffsetCursor(offset, hash);
