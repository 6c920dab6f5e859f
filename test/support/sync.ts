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

/**
 * Switches off the agency systems a test file registered (every secret revoked: outbound leaves a
 * system with no active secret out). Their endpoints do not exist, so left on they would make every
 * later Hà Nội event retry 8 times into the DLQ (an unresolvable host costs a 10 s timeout per
 * attempt), and every other file's settle wait for it. Straight through the registry: some files
 * register that way, and the workers share the runtime's tables.
 */
export const switchOffAgencySystems = async (isMine: (keyId: string) => boolean) => {
  const { AgencySystemRegistry } = await import('../../functions/identity/adapters/registry');
  const registry = new AgencySystemRegistry();
  const mine = (await registry.all()).filter((s) => isMine(s.keyId));
  // Systems in parallel, a system's secrets one at a time: each revocation is a conditional write on
  // the system's version, so two at once would conflict and leave a secret active.
  await Promise.all(mine.map(async (s) => {
    for (const x of s.secrets.filter((secret) => secret.status === 'active')) await registry.revoke(s.keyId, x.id, { now: new Date() });
  }));
  return mine.length;
};
