// The admin registry of agency systems (docs/identity.md): list, register (for agencies of the
// catalogue only), rotate and revoke secrets; and a signed system's own identity (whoami). A new
// secret is shown once, in the answer that issues it, never again.
import { agencySystemOf, type Principal } from '../../../shared/auth/principal';
import { unprocessable } from '../../../shared/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../../shared/http/pagination';
import type { CatalogueReader } from '../../catalogue/public';
import { readEnv } from '../../../shared/config';
import type { MachineClients } from '../adapters/machine-clients';
import type { AgencySystemRegistry, ListCursor } from '../adapters/registry';
import { summarize, type AgencySystemInput } from '../domain/agency-system';

export interface RegistryDeps {
  registry: () => AgencySystemRegistry;
  catalogue: () => Pick<CatalogueReader, 'getAgency'>;
  /** The user pool's app clients for client-credentials tokens; undefined: HMAC only. */
  machineClients?: () => MachineClients | undefined;
  now?: () => Date;
}

const nowOf = (deps: Pick<RegistryDeps, 'now'>) => (deps.now ?? (() => new Date()))();

const isListCursor = (v: unknown): v is ListCursor =>
  typeof v === 'object' && v !== null && typeof (v as ListCursor).keyId === 'string' && (v as ListCursor).keyId.length <= 64;

/** A system speaks for agencies of the catalogue: 422 UNKNOWN_AGENCY naming every code that is not one. */
export const checkAgencyCodes = async (codes: readonly string[], agencies: Pick<CatalogueReader, 'getAgency'>) => {
  const found = await Promise.all(codes.map((code) => agencies.getAgency(code)));
  const unknown = codes.flatMap((code, i) => (found[i] ? [] : [{ code, i }]));
  if (unknown.length) {
    throw unprocessable('UNKNOWN_AGENCY', `Not agencies of the catalogue: ${unknown.map((u) => u.code).join(', ')}`,
      unknown.map(({ code, i }) => ({ path: `body.agencyCodes.${i}`, message: `no agency ${code} in the agencies catalogue` })));
  }
};

export const listAgencySystems = async (deps: RegistryDeps, query: { limit: number; cursor?: string }) => {
  const page = await deps.registry().list({ limit: query.limit, cursor: decodeCursor(query.cursor, isListCursor) });
  return { items: page.items.map(summarize), nextCursor: page.next ? encodeCursor(page.next) : null };
};

/**
 * Registers the system with its first HMAC secret and, where the portal has a token endpoint, its
 * OAuth app client (docs/identity.md): both secrets are shown in this answer only. The client is
 * made first and deleted again if the registration does not happen (a taken key id).
 */
export const registerAgencySystem = async (deps: RegistryDeps, input: AgencySystemInput) => {
  await checkAgencyCodes(input.agencyCodes, deps.catalogue());
  const clients = deps.machineClients?.();
  const client = clients ? await clients.create(input.keyId) : undefined;
  try {
    const { record, issued } = await deps.registry().register(input, { now: nowOf(deps), oauthClientId: client?.clientId });
    const tokenUrl = readEnv('AGENCY_TOKEN_URL');
    return { system: summarize(record), secret: issued, ...(client && tokenUrl ? { oauthClient: { ...client, tokenUrl } } : {}) };
  } catch (e) {
    if (client) await clients!.remove(client.clientId);
    throw e;
  }
};

/** Where a registered system is read (the Location of its registration). */
export const agencySystemLocation = (keyId: string) => `/v1/admin/agency-systems/${keyId}`;

export const rotateAgencySecret = async (deps: RegistryDeps, keyId: string) => {
  const { record, issued, revokedIds } = await deps.registry().rotate(keyId, { now: nowOf(deps) });
  return { system: summarize(record), secret: issued, revokedSecretIds: revokedIds };
};

export const revokeAgencySecret = async (deps: RegistryDeps, keyId: string, secretId: string) =>
  summarize(await deps.registry().revoke(keyId, secretId, { now: nowOf(deps) }));

/** The calling system as the portal knows it. */
export const whoAmI = (principal: Principal) => {
  const system = agencySystemOf(principal);
  return { keyId: system.keyId, agencyCodes: system.agencyCodes };
};
