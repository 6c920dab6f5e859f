// Backoff with full jitter for messages that failed (functions/sync/domain/retry.ts), table-driven.
import { describe, expect, it } from 'vitest';
import { backoffCeilingSeconds, retryDelaySeconds, retryPolicyFrom } from './retry';

const policy = { baseSeconds: 2, capSeconds: 60 };

describe('backoffCeilingSeconds', () => {
  it.each([
    [1, 2], [2, 4], [3, 8], [4, 16], [5, 32], [6, 60], [8, 60], [1_000, 60], [0, 2], [-3, 2],
  ])('attempt %i → at most %i s', (attempt, ceiling) => {
    expect(backoffCeilingSeconds(policy, attempt)).toBe(ceiling);
  });
});

describe('retryDelaySeconds', () => {
  it.each([
    // attempt, random, delay
    [1, 0, 0], [1, 0.5, 1], [1, 0.999, 2], [3, 0.5, 4], [3, 0.999, 8], [7, 0.999, 60], [7, 1, 60], [7, -1, 0],
  ])('attempt %i with random %f → %i s', (attempt, random, delay) => {
    expect(retryDelaySeconds(policy, attempt, random)).toBe(delay);
  });

  it('spreads a burst: 1,000 failures at the fourth attempt land all over [0, 16] s, none beyond', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const delays = Array.from({ length: 1000 }, () => retryDelaySeconds(policy, 4, random()));
    expect(Math.max(...delays)).toBeLessThanOrEqual(16);
    expect(new Set(delays).size).toBeGreaterThan(14);
  });
});

describe('retryPolicyFrom', () => {
  it('reads the environment and falls back on missing or nonsense values', () => {
    expect(retryPolicyFrom({ baseSeconds: '1', capSeconds: '5' }, policy)).toEqual({ baseSeconds: 1, capSeconds: 5 });
    expect(retryPolicyFrom({ baseSeconds: 'soon', capSeconds: '-1' }, policy)).toEqual(policy);
    expect(retryPolicyFrom({}, policy)).toEqual(policy);
  });
});
