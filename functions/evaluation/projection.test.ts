// The projection's lost races (in memory; test/evaluation/projection.test.ts runs it on DynamoDB
// Local): a write that lost its condition starts over from a fresh read, and one that keeps losing
// gives up with a plain Error so that SQS brings the message back.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isDomainError } from '../../shared/errors/domain-error';
import type { DossierRecord } from '../dossiers/public';
import type { StoredContribution } from './adapters/evaluation-store';
import { PROJECTION_RETRY, projectDossier, type ProjectionDeps } from './projection';

/** A dossier at version 3 and a store whose conditional write loses `losses` races, then wins. */
const racing = (losses: number, afterLoss?: (store: { stored?: StoredContribution }) => void) => {
  const state: { stored?: StoredContribution } = {};
  const calls = { reads: 0, writes: 0 };
  const deps: ProjectionDeps = {
    dossiers: {
      get: async (id) => ({ id, version: 3, status: 'draft', submittedAt: null, procedureCode: '1.000001' }) as unknown as DossierRecord,
      history: async () => [],
    },
    procedureHasFee: async () => false,
    store: {
      contribution: async () => { calls.reads++; return state.stored; },
      applyContribution: async (_id, version, _expected, next) => {
        calls.writes++;
        if (calls.writes <= losses) {
          afterLoss?.(state);
          return false;
        }
        state.stored = { version, contribution: next };
        return true;
      },
      counters: async () => new Map(),
    },
  };
  return { deps, calls, state };
};

/** Runs the projection with the pauses between attempts played out at once. */
const settle = async <T>(run: Promise<T>): Promise<T | Error> => {
  const outcome = run.then((value) => value, (error: Error) => error);
  await vi.runAllTimersAsync();
  return outcome;
};

describe('projectDossier: lost races', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('starts over from a fresh read after each lost race, and applies once it wins', async () => {
    const { deps, calls, state } = racing(2);
    expect(await settle(projectDossier(deps, 'a'))).toBe('applied');
    expect(calls).toEqual({ reads: 3, writes: 3 });
    expect(state.stored?.version).toBe(3);
  });

  it('finds on the fresh read that the winner applied this version already: unchanged, nothing written again', async () => {
    const { deps, calls } = racing(1, (store) => { store.stored = { version: 3, contribution: null }; });
    expect(await settle(projectDossier(deps, 'a'))).toBe('unchanged');
    expect(calls).toEqual({ reads: 2, writes: 1 });
  });

  it('gives up after the policy\'s attempts with a plain Error (the queue retries the message), not a domain conflict', async () => {
    const { deps, calls } = racing(Number.POSITIVE_INFINITY);
    const outcome = await settle(projectDossier(deps, 'a'));
    expect(outcome).toBeInstanceOf(Error);
    expect(isDomainError(outcome)).toBe(false);
    expect((outcome as Error).message).toBe(`counters of dossier a: still conflicting after ${PROJECTION_RETRY.attempts} attempts`);
    expect(calls.writes).toBe(PROJECTION_RETRY.attempts);
  });
});
