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
 * later Hà Nội event retry 8 times into the DLQ, and every other file's settle wait for it.
 */
export const switchOffAgencySystems = async (adminToken: string, isMine: (keyId: string) => boolean) => {
  const { api } = await import('./auth');
  let cursor: string | null = null;
  const mine: { keyId: string; secrets: { id: string; status: string }[] }[] = [];
  do {
    const page = await api('GET', `/v1/admin/agency-systems?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { token: adminToken });
    if (page.status !== 200) throw new Error(`list agency systems: ${page.status}`);
    mine.push(...(page.body.items as typeof mine).filter((s) => isMine(s.keyId)));
    cursor = page.body.nextCursor as string | null;
  } while (cursor);
  // Systems in parallel, a system's secrets one at a time: each revocation is a conditional write on
  // the system's version, so two at once would conflict and leave a secret active.
  await Promise.all(mine.map(async (s) => {
    for (const x of s.secrets.filter((secret) => secret.status === 'active')) {
      const res = await api('DELETE', `/v1/admin/agency-systems/${encodeURIComponent(s.keyId)}/secrets/${encodeURIComponent(x.id)}`, { token: adminToken });
      if (res.status >= 300) throw new Error(`revoke ${s.keyId}/${x.id}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }));
  return mine.length;
};
