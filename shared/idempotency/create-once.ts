// Creating with an Idempotency-Key (docs/requirements.md R-API-IDEMPOTENCY), one way for every
// capability. The key's record is written in the SAME transaction as the item it made
// (dynamo-key-record.ts), so a crash can never leave one without the other, and there is no
// "in progress" record to complete or to expire. A replay of the same request gets the first
// result; the key with another request is refused (422); a twin that lost the write waits for the
// winner's record and, when none appears, is told to retry (409). The reads and the write are the
// caller's (steps); this module decides. Pure.
import { createHash } from 'node:crypto';
import { conflict, unprocessable } from '../errors/domain-error';
import { done, lostRace, retryOnConflict, type RetryPolicy } from '../retry/retry-on-conflict';

/** What a key remembers of the request that first used it. */
export interface KeyRecord {
  /** The id of what that request created. */
  resultId: string;
  /** `fingerprintOf` that request. */
  fingerprint: string;
}

/** How long a key is remembered (the header's contract: docs/api.md). */
export const KEY_TTL_SECONDS = 24 * 3600;

/** Waiting for a twin's transaction: about 0.25 s expected in all, under 1 s at worst. */
export const WAIT_FOR_WINNER: RetryPolicy = { attempts: 6, baseMs: 15 };

const sortedKeys = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    : value;

/** A digest of a request: equal JSON values give equal fingerprints, whatever the order of their keys. */
export const fingerprintOf = (request: unknown): string =>
  createHash('sha256').update(JSON.stringify(request, sortedKeys) ?? 'undefined').digest('hex');

export const keyReused = () => unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request');
export const keyInProgress = () =>
  conflict('IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry shortly');

/** The result id a request replays: none when the key is new; throws when the key served another request. */
export const replayTarget = (seen: KeyRecord | undefined, fingerprint: string): string | undefined => {
  if (!seen) return undefined;
  if (seen.fingerprint !== fingerprint) throw keyReused();
  return seen.resultId;
};

/** What a capability supplies for one request with a key. */
export interface CreateOnceSteps<T> {
  fingerprint: string;
  /** The key's record, read consistently (undefined while the key is new). */
  readKey(): Promise<KeyRecord | undefined>;
  /** The first result as the caller answers it (undefined when it is gone). */
  replay(resultId: string): Promise<T | undefined>;
  /**
   * Checks the request, builds the item and writes it with the key's record in one transaction.
   * `keyTaken` when the key's write lost (the key has a record, or a twin's transaction holds it).
   */
  create(): Promise<{ created: T } | { keyTaken: true }>;
}

export interface CreateOnceOptions {
  wait?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}

const replayOf = async <T>(steps: CreateOnceSteps<T>): Promise<T | undefined> => {
  const resultId = replayTarget(await steps.readKey(), steps.fingerprint);
  return resultId === undefined ? undefined : steps.replay(resultId);
};

/** The first result for a replay; else creates; a twin that lost waits for the winner's result. */
export const createOnce = async <T>(steps: CreateOnceSteps<T>, options: CreateOnceOptions = {}): Promise<T> => {
  const replayed = await replayOf(steps);
  if (replayed !== undefined) return replayed;
  const outcome = await steps.create();
  if ('created' in outcome) return outcome.created;
  return retryOnConflict(
    async () => {
      const winner = await replayOf(steps);
      return winner === undefined ? lostRace : done(winner);
    },
    keyInProgress,
    options.wait ?? WAIT_FOR_WINNER,
    options.sleep,
  );
};
