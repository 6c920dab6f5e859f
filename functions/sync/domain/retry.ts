// When a message that failed is tried again: exponential backoff with full jitter (the delay is
// drawn uniformly between 0 and min(cap, base · 2^(attempt − 1))), so a burst of failures — an
// agency system down, a dossier not synced yet — does not come back as one burst. Pure: the
// caller passes the attempt (SQS ApproximateReceiveCount) and a random number in [0, 1).

export interface RetryPolicy {
  baseSeconds: number;
  capSeconds: number;
}

/** The ceiling of the delay before attempt `attempt + 1`, in whole seconds. */
export const backoffCeilingSeconds = (policy: RetryPolicy, attempt: number): number => {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n−1) overflows nothing that matters: the cap applies long before.
  return Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.min(n - 1, 30));
};

/** The delay before the next attempt, in whole seconds (SQS visibility is set in seconds). */
export const retryDelaySeconds = (policy: RetryPolicy, attempt: number, random: number): number => {
  const r = Math.min(Math.max(random, 0), 1 - Number.EPSILON);
  return Math.floor(r * (backoffCeilingSeconds(policy, attempt) + 1));
};

/** A policy from configured values (seconds, as text: environment variables), else the defaults. */
export const retryPolicyFrom = (configured: { baseSeconds?: string; capSeconds?: string }, defaults: RetryPolicy): RetryPolicy => {
  const read = (raw: string | undefined, fallback: number) => {
    const v = raw === undefined || raw === '' ? NaN : Number(raw);
    // SQS takes a visibility of at most 12 hours.
    return Number.isFinite(v) && v >= 0 ? Math.min(v, 43_200) : fallback;
  };
  return { baseSeconds: read(configured.baseSeconds, defaults.baseSeconds), capSeconds: read(configured.capSeconds, defaults.capSeconds) };
};
