// What the portal needs to talk to agency systems (outbound sync): the registered systems that
// speak for an agency — the agency itself or its province counts, as for their own requests
// (shared/auth/scope.ts) — each with its endpoint and the secret to sign with, opened from its
// sealed form. Needs the identity table (read) and the agency-secret-key secret.
import { agencyInScope, type AgencyRef } from '../../shared/auth/scope';
import { AgencySystemRegistry } from './adapters/registry';
import { protocolOf, type AgencyProtocol } from './domain/agency-system';

export interface OutboundSystem {
  keyId: string;
  endpointUrl: string;
  agencyCodes: string[];
  /** What its pushes are: the portal's JSON events or QCVN 120 packets (docs/sync.md "Outbound"). */
  protocol: AgencyProtocol;
  /**
   * The oldest active secret, opened; null when it cannot be opened (sealed under another key:
   * a configuration error, reported as a failed delivery). Systems with none active are left out.
   * The oldest: during a rotation the system certainly holds it until it revokes it.
   */
  secret: string | null;
}

let shared: AgencySystemRegistry | undefined;
const sharedRegistry = () => (shared ??= new AgencySystemRegistry());

/**
 * Every system whose agency codes cover `agency` (a few hundred at most: one list query per warm
 * function every WARM_CACHE_SECONDS, not one per message: docs/identity.md "The registry in warm functions").
 */
export const agencySystemsFor = async (agency: AgencyRef, registry: AgencySystemRegistry = sharedRegistry()): Promise<OutboundSystem[]> => {
  const covering = (await registry.warmAll()).filter((r) => agencyInScope({ kind: 'agency-system', keyId: r.keyId, agencyCodes: r.agencyCodes, scopes: [] }, agency));
  // A system whose every secret is revoked is switched off: it could not call the portal either.
  const enabled = covering.filter((r) => r.secrets.some((x) => x.status === 'active' && x.sealed));
  return Promise.all(enabled.map(async (r) => ({
    keyId: r.keyId,
    endpointUrl: r.endpointUrl,
    agencyCodes: r.agencyCodes,
    protocol: protocolOf(r),
    secret: (await registry.activeSecrets(r).catch(() => []))[0] ?? null,
  })));
};
