// Stand-ins for the sync consumer's unit tests.
import type { SyncStore } from '../../functions/sync/adapters/sync-store';

/** A sync store whose every method is a no-op unless overridden. */
export const fakeSyncStore = (over: Partial<SyncStore> = {}): SyncStore => ({
  outcome: async () => undefined,
  lastAppliedAt: async () => null,
  record: async () => undefined,
  errors: async () => [],
  stats: async () => ({ events: 0, applied: 0, errors: 0, lastEventAt: null, lastAppliedAt: null, lastErrorAt: null, outboundPending: 0, outboundDelivered: 0, lastDeliveredAt: null }),
  recordFailure: async () => undefined,
  failures: async () => new Map(),
  countReported: async () => true,
  reportedCount: async () => 0,
  ...over,
});
