// The catalogue's use cases over in-memory adapters, loaded with the fixture (fixtures.ts): for the
// unit tests beside functions/catalogue/. No emulator, no SDK.
import { expect } from 'vitest';
import { InMemoryCatalogueStore } from '../../functions/catalogue/adapters/memory-store';
import { InMemorySnapshotStore } from '../../functions/catalogue/adapters/search-snapshot';
import { catalogueContext } from '../../functions/catalogue/deps';
import { loadCatalogue } from '../../functions/catalogue/load';
import { DomainError, type ErrorKind } from '../../shared/errors/domain-error';
import { FIXTURE } from './fixtures';

/** The fixture loaded into a fresh store and snapshot bucket; `instance()` is a warm function over them. */
export const memoryCatalogue = async () => {
  const store = new InMemoryCatalogueStore();
  const snapshots = new InMemorySnapshotStore();
  let clock = 1_000_000;
  await loadCatalogue(store, FIXTURE, { snapshots });
  return {
    store,
    snapshots,
    /** Moves the clock the warm index is rechecked by. */
    advance: (ms: number) => { clock += ms; },
    /** A new warm function (a cold instance) over the same store and bucket; procedures kept `procedureTtlMs` (default: the environment's). */
    instance: (opts: { procedureTtlMs?: number } = {}) => catalogueContext({ store, snapshots, now: () => clock, ...opts }),
  };
};

/** Awaits a rejection with a domain error of this kind and code, and returns it. */
export const rejectsWith = async (promise: Promise<unknown>, kind: ErrorKind, code: string): Promise<DomainError> => {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  expect({ kind: (error as DomainError).kind, code: (error as DomainError).code }).toEqual({ kind, code });
  return error as DomainError;
};
