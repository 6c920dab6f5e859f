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

const summaryOf = ({ keyId, name, agencyCodes, endpointUrl }: RegisteredSystem): RegisteredSystem => ({ keyId, name, agencyCodes, endpointUrl });

/** One registered agency system (no secret material), e.g. the caller of a system's own view. */
export const registeredSystem = async (keyId: string): Promise<RegisteredSystem | undefined> => {
  const { AgencySystemRegistry } = await import('./adapters/registry');
  const record = await new AgencySystemRegistry().get(keyId);
  return record && summaryOf(record);
};

/** Every registered agency system (no secret material), for operators' views such as sync health. */
export const registeredSystems = async (): Promise<RegisteredSystem[]> => {
  const { AgencySystemRegistry } = await import('./adapters/registry');
  return (await new AgencySystemRegistry().all()).map(summaryOf);
};

// Outbound sync: the systems speaking for an agency with the secret to sign with (identity table
// read + the agency-secret-key secret). Signing itself is shared/auth/agency-signature.ts
// (docs/requirements.md R-SIGN-REQUEST).
export { agencySystemsFor, type OutboundSystem } from './outbound';

// Outbound sync's subscription: whether an agency has a system to tell (a warm view of the registry).
export { agencyHasSubscribedSystem } from './subscriptions';
