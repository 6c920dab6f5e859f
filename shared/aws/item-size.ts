// The size DynamoDB counts for an item, computed on the item as an adapter hands it to the document
// client (plain values, marshalled by lib-dynamodb with removeUndefinedValues), by the documented
// rules ("DynamoDB item sizes and formats"): an attribute is its UTF-8 name plus its value; a
// string its UTF-8 bytes; a number 1 byte per two significant digits plus 1; binary its raw bytes;
// null and booleans 1 byte; a list or map 3 bytes plus, per element, 1 byte and the element (a
// map element: its UTF-8 name and value); a set the sum of its members. No maintained library
// does this on native values, and the rules fit in a pure function.
import { tooLarge } from '../errors/domain-error';

/** DynamoDB refuses an item over 400 KB (keys, names and values included). */
export const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** Significant digits of a number as DynamoDB stores it (leading and trailing zeroes trimmed). */
const significantDigits = (n: number | bigint): number => {
  const digits = (typeof n === 'bigint' ? n.toString() : n.toExponential().split('e')[0]!).replace(/[-.]/g, '');
  const trimmed = digits.replace(/^0+/, '').replace(/0+$/, '');
  return Math.max(trimmed.length, 1);
};

const numberBytes = (n: number | bigint) => Math.ceil(significantDigits(n) / 2) + 1;

/** Bytes of one attribute value (not its name); undefined is dropped by the marshaller and counts nothing. */
export const valueBytes = (value: unknown): number => {
  if (value === undefined) return 0;
  if (value === null || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return utf8(value);
  if (typeof value === 'number' || typeof value === 'bigint') return numberBytes(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) {
    let total = 0;
    for (const member of value) total += valueBytes(member);
    return total;
  }
  if (Array.isArray(value)) {
    let total = 3;
    for (const element of value) if (element !== undefined) total += 1 + valueBytes(element);
    return total;
  }
  if (typeof value === 'object') {
    let total = 3;
    for (const [name, element] of Object.entries(value)) if (element !== undefined) total += 1 + utf8(name) + valueBytes(element);
    return total;
  }
  throw new TypeError(`A ${typeof value} cannot be stored in DynamoDB`);
};

/** Bytes DynamoDB counts for the item: each attribute's UTF-8 name plus its value. */
export const itemBytes = (item: Record<string, unknown>): number => {
  let total = 0;
  for (const [name, value] of Object.entries(item)) if (value !== undefined) total += utf8(name) + valueBytes(value);
  return total;
};

/**
 * Refuses, before the write, an item DynamoDB would refuse (a 500 otherwise): 413 ITEM_TOO_LARGE
 * naming the limit. `what` names the record for the message ("the procedure 1.001193").
 */
export const assertItemFits = <T extends Record<string, unknown>>(item: T, what: string, limit = DYNAMODB_ITEM_LIMIT_BYTES): T => {
  const bytes = itemBytes(item);
  if (bytes > limit) {
    throw tooLarge(
      'ITEM_TOO_LARGE',
      `${what.charAt(0).toUpperCase()}${what.slice(1)} would take ${bytes} bytes stored; one record holds at most ${limit} bytes (${limit / 1024} KB). Shorten or split the content.`,
    );
  }
  return item;
};
