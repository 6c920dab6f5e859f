import { describe, expect, it } from 'vitest';
import { backoffMs, done, lostRace, retryOnConflict, type RetryPolicy } from './retry-on-conflict';

const policy: RetryPolicy = { attempts: 4, baseMs: 10 };
const noSleep = async () => {};

describe('retryOnConflict', () => {
  it('returns the first attempt that is done, without pausing before it', async () => {
    const pauses: number[] = [];
    const value = await retryOnConflict(async () => done('saved'), () => new Error('exhausted'), policy, async (ms) => { pauses.push(ms); });
    expect(value).toBe('saved');
    expect(pauses).toEqual([]);
  });

  it('starts over after each lost race and pauses between attempts', async () => {
    const seen: number[] = [];
    const pauses: number[] = [];
    const value = await retryOnConflict(async (n) => { seen.push(n); return n < 3 ? lostRace : done(n); },
      () => new Error('exhausted'), policy, async (ms) => { pauses.push(ms); });
    expect(value).toBe(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(pauses).toHaveLength(2);
  });

  it('throws what the caller chose after the last attempt lost, with no pause after it', async () => {
    let attempts = 0;
    let pauses = 0;
    const failure = retryOnConflict(async () => { attempts++; return lostRace; }, () => new Error('still busy'), policy, async () => { pauses++; });
    await expect(failure).rejects.toThrow('still busy');
    expect(attempts).toBe(4);
    expect(pauses).toBe(3);
  });

  it('passes an attempt\'s own error through at once (only lost races are retried)', async () => {
    let attempts = 0;
    const failure = retryOnConflict(async () => { attempts++; throw new Error('not found'); }, () => new Error('exhausted'), policy, noSleep);
    await expect(failure).rejects.toThrow('not found');
    expect(attempts).toBe(1);
  });
});

describe('backoffMs', () => {
  it('is full jitter under an exponential ceiling that stops growing after the sixth attempt', () => {
    expect(backoffMs(policy, 1, () => 0)).toBe(0);
    expect(backoffMs(policy, 1, () => 0.999)).toBeLessThan(20);
    expect(backoffMs(policy, 3, () => 0.5)).toBe(40);
    expect(backoffMs(policy, 6, () => 0.5)).toBe(backoffMs(policy, 12, () => 0.5));
  });
});
