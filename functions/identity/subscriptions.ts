// Whether an agency has an agency system to tell about its dossiers (outbound sync): a registered
// system that covers it (the agency itself or its province, as for the systems' own requests,
// shared/auth/scope.ts) with an active secret (agencySystemsFor in outbound.ts delivers to the same
// ones). Asked for every dossier event agency systems subscribe to, so it answers from a view of
// the registry kept per warm function for a minute. A "yes" may be that old (a system revoked
// meanwhile is found gone at delivery). A "no" is trusted only from a view listed after the event
// happened: a system registered before an event always hears of it.
import { agencyInScope, type AgencyRef } from '../../shared/auth/scope';
import { activeOf, type AgencySystemRecord } from './domain/agency-system';

export const SUBSCRIPTIONS_TTL_MS = 60_000;

type Listed = Pick<AgencySystemRecord, 'keyId' | 'agencyCodes' | 'secrets'>;

/** `hasSubscribedSystem(agency, asOf)` over a registry listing (a failed listing is not kept). */
export const subscriptionView = (list: () => Promise<readonly Listed[]>, options: { ttlMs?: number; now?: () => number } = {}) => {
  const ttl = options.ttlMs ?? SUBSCRIPTIONS_TTL_MS;
  const now = options.now ?? Date.now;
  let view: { at: number; systems: Promise<Listed[]> } | undefined;
  const refresh = () => {
    const current = { at: now(), systems: list().then((all) => all.filter((r) => activeOf(r).length > 0)) };
    view = current;
    current.systems.catch(() => { if (view === current) view = undefined; });
    return current;
  };
  const covers = async (v: NonNullable<typeof view>, agency: AgencyRef) =>
    (await v.systems).some((r) => agencyInScope({ kind: 'agency-system', keyId: r.keyId, agencyCodes: r.agencyCodes, scopes: [] }, agency));
  return async (agency: AgencyRef, asOf: Date): Promise<boolean> => {
    const v = view && now() - view.at < ttl ? view : refresh();
    if (await covers(v, agency)) return true;
    // Listed before the event: a system registered in between would be missed. Concurrent callers
    // share the one listing started after their events.
    if (v.at >= asOf.getTime()) return false;
    return covers(view && view.at >= asOf.getTime() ? view : refresh(), agency);
  };
};

/** Over the platform's registry (identity table, read). */
export const agencyHasSubscribedSystem = subscriptionView(async () => {
  const { AgencySystemRegistry } = await import('./adapters/registry');
  return new AgencySystemRegistry().all();
});
