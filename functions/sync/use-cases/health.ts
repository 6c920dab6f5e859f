// One agency system's sync health (docs/sync.md "Operations"): inbound statistics and the latest
// entries of its error report, outbound backlog and deliveries. Admins see every system's
// (operations.ts, GET /v1/sync/health); a system sees its own (GET /v1/sync/health/me).
import type { AgencySystemPrincipal } from '../../../shared/auth/principal';
import type { RegisteredSystem } from '../../identity/public';
import type { SyncStore } from '../adapters/sync-store';

const RECENT_ERRORS = 5;

export const systemHealth = async (store: SyncStore, system: Pick<RegisteredSystem, 'keyId' | 'name' | 'agencyCodes'>) => {
  const [stats, recentErrors] = await Promise.all([store.stats(system.keyId), store.errors(system.keyId, RECENT_ERRORS)]);
  const { outboundPending, outboundDelivered, lastDeliveredAt, ...inbound } = stats;
  return {
    keyId: system.keyId, name: system.name, agencyCodes: system.agencyCodes, inbound,
    outbound: { backlog: Math.max(0, outboundPending), delivered: outboundDelivered, lastDeliveredAt }, recentErrors,
  };
};

export interface OwnHealthDeps {
  /** The statistics and error report behind a system's own health. */
  store: SyncStore;
  system(keyId: string): Promise<RegisteredSystem | undefined>;
}

/** The calling system's own health: authenticated a moment ago, so registered; only its name is read. */
export const ownHealth = async (deps: OwnHealthDeps, caller: AgencySystemPrincipal) => {
  const registered = await deps.system(caller.keyId);
  return systemHealth(deps.store, { keyId: caller.keyId, name: registered?.name ?? caller.keyId, agencyCodes: caller.agencyCodes });
};
