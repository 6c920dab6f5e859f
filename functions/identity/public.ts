// What other capabilities may use of identity: the middleware that completes the signature check of
// body-carrying agency-system requests (every API function serving such a route uses it; the
// function then needs the identity table and the agency-secret-key secret, see signed-body.ts).
export { signedBodies } from './signed-body';

export interface RegisteredSystem {
  keyId: string;
  name: string;
  agencyCodes: string[];
  endpointUrl: string;
}

/** Every registered agency system (no secret material), for operators' views such as sync health. */
export const registeredSystems = async (): Promise<RegisteredSystem[]> => {
  const { AgencySystemRegistry } = await import('./adapters/registry');
  const registry = new AgencySystemRegistry();
  const systems: RegisteredSystem[] = [];
  let cursor: { keyId: string } | undefined;
  do {
    const page = await registry.list({ limit: 100, cursor });
    systems.push(...page.items.map(({ keyId, name, agencyCodes, endpointUrl }) => ({ keyId, name, agencyCodes, endpointUrl })));
    cursor = page.next;
  } while (cursor);
  return systems;
};
// Outbound sync: the systems speaking for an agency with the secret to sign with (identity table
// read + the agency-secret-key secret), and signing and verification (docs/requirements.md
// R-SIGN-REQUEST; pure).
export { agencySystemsFor, type OutboundSystem } from './outbound';
export { signRequest, verifySignedRequest } from './domain/signature';
