// Opaque cursors: base64url JSON. A cursor a client altered is a 400, never a 500.
import { badRequest } from '../errors/domain-error';

export const encodeCursor = (value: unknown): string =>
  Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** A DynamoDB key this API handed out as a cursor: string attributes only. */
export const isStoreKey = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string' && x.length <= 400);

export const decodeCursor = <T>(cursor: string | undefined, isValid: (v: unknown) => v is T): T | undefined => {
  if (cursor === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('INVALID_CURSOR', 'The cursor is not one this API returned');
  }
  if (!isValid(value)) throw badRequest('INVALID_CURSOR', 'The cursor is not one this API returned');
  return value;
};
