// Optimistic concurrency, one way everywhere: read, decide, write conditionally; when the write
// lost a race, wait a short jittered while and try again from a fresh read. The loop, its count
// and its backoff live here; each caller says only what one attempt is and what giving up means.

/** What one attempt reports: done with a value, or lost a race (`retry`) and should start over. */
export type Attempt<T> = { done: true; value: T } | { done: false };

export const done = <T>(value: T): Attempt<T> => ({ done: true, value });
export const lostRace: Attempt<never> = { done: false };

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  /** The pause before attempt n+1 is random in [0, baseMs · 2^min(n, 6)) (full jitter). */
  baseMs: number;
}

/** Enough for a handful of writers on one item; each pause stays under ~1.3 s. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 8, baseMs: 10 };

export const backoffMs = (policy: RetryPolicy, attempt: number, random: () => number = Math.random): number =>
  random() * policy.baseMs * 2 ** Math.min(attempt, 6);

/**
 * Runs `attempt` until it is done, at most `policy.attempts` times, pausing between tries.
 * When every try lost its race, throws what `exhausted` returns (a domain `conflict`, or a plain
 * Error where a queue should retry the message).
 */
export const retryOnConflict = async <T>(
  attempt: (n: number) => Promise<Attempt<T>>,
  exhausted: () => Error,
  policy: RetryPolicy = DEFAULT_RETRY,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<T> => {
  for (let n = 1; n <= policy.attempts; n++) {
    const outcome = await attempt(n);
    if (outcome.done) return outcome.value;
    if (n < policy.attempts) await sleep(backoffMs(policy, n));
  }
  throw exhausted();
};
