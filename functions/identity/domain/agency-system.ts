// An agency system as the registry keeps it, and the rules of its secrets: at most two active at
// a time (during a rotation the old and the new one both verify, until the old one is revoked); a
// revoked secret keeps its id and dates for audit but loses its sealed material; only the latest
// revoked entries are kept. Pure: the caller seals, stores and supplies the time.

export const MAX_ACTIVE_SECRETS = 2;
/** Revoked entries kept for audit (ids and dates only). */
export const MAX_REVOKED_KEPT = 8;

export interface SecretEntry {
  id: string;
  /** Sealed secret (adapters/secret-sealer.ts); absent once revoked. */
  sealed?: string;
  createdAt: string;
  status: 'active' | 'revoked';
  revokedAt?: string;
}

export interface AgencySystemRecord {
  pk: string;
  sk: 'META';
  gsi1pk: 'SYSTEM';
  gsi1sk: string;
  keyId: string;
  name: string;
  agencyCodes: string[];
  endpointUrl: string;
  /** Absent on systems registered before protocols: `json`. */
  protocol?: AgencyProtocol;
  secrets: SecretEntry[];
  /** Its OAuth 2.0 app client in the user pool (client credentials), when one was made. */
  oauthClientId?: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export type AgencyProtocol = 'json' | 'qcvn120';

export interface AgencySystemInput {
  keyId: string;
  name: string;
  agencyCodes: string[];
  endpointUrl: string;
  /** How pushes are rendered; `json` when not given. */
  protocol?: AgencyProtocol;
}

/** A system's protocol: `json` unless it was registered with another. */
export const protocolOf = (r: { protocol?: AgencyProtocol }): AgencyProtocol => r.protocol ?? 'json';

/** What an admin sees: everything but secret material. */
export interface AgencySystemSummary extends AgencySystemInput {
  protocol: AgencyProtocol;
  secrets: { id: string; createdAt: string; status: 'active' | 'revoked'; revokedAt?: string }[];
  oauthClientId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface IssuedSecret {
  id: string;
  /** Shown once, never stored in clear. */
  secret: string;
  createdAt: string;
}

export const summarize = (r: AgencySystemRecord): AgencySystemSummary => ({
  keyId: r.keyId,
  name: r.name,
  agencyCodes: r.agencyCodes,
  endpointUrl: r.endpointUrl,
  protocol: protocolOf(r),
  secrets: r.secrets.map(({ id, createdAt, status, revokedAt }) => ({ id, createdAt, status, ...(revokedAt ? { revokedAt } : {}) })),
  ...(r.oauthClientId ? { oauthClientId: r.oauthClientId } : {}),
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

/** The secrets that verify requests, oldest first. */
export const activeOf = (r: Pick<AgencySystemRecord, 'secrets'>) => r.secrets.filter((s) => s.status === 'active' && s.sealed);

/** The entry a secret becomes once revoked: its id and dates, no material. */
const revokedEntry = (s: SecretEntry, at: string): SecretEntry => ({ id: s.id, createdAt: s.createdAt, status: 'revoked', revokedAt: at });

/** Drops the oldest revoked entries beyond MAX_REVOKED_KEPT. */
export const trimRevoked = (secrets: SecretEntry[]) => {
  const revoked = secrets.filter((s) => s.status === 'revoked');
  const drop = new Set(revoked.slice(0, Math.max(0, revoked.length - MAX_REVOKED_KEPT)).map((s) => s.id));
  return secrets.filter((s) => !drop.has(s.id));
};

/** A rotation: `fresh` becomes active, and the oldest active ones are revoked so that at most MAX_ACTIVE_SECRETS stay. */
export const rotatedSecrets = (r: Pick<AgencySystemRecord, 'secrets'>, fresh: SecretEntry, at: string) => {
  const active = activeOf(r);
  const retired = new Set(active.slice(0, Math.max(0, active.length - (MAX_ACTIVE_SECRETS - 1))).map((s) => s.id));
  const secrets = trimRevoked([...r.secrets.map((s) => (retired.has(s.id) ? revokedEntry(s, at) : s)), fresh]);
  return { secrets, retiredIds: [...retired] };
};

/** One secret revoked (the caller has checked it is there and active). */
export const withRevoked = (r: Pick<AgencySystemRecord, 'secrets'>, secretId: string, at: string) =>
  trimRevoked(r.secrets.map((s) => (s.id === secretId ? revokedEntry(s, at) : s)));

/** Seeding: every active secret revoked and `fresh` the only active one. */
export const replacedSecrets = (r: Pick<AgencySystemRecord, 'secrets'>, fresh: SecretEntry, at: string) =>
  trimRevoked([...r.secrets.map((s) => (s.status === 'active' ? revokedEntry(s, at) : s)), fresh]);

/** The registered details are the input's. */
export const sameDetails = (r: AgencySystemInput, input: AgencySystemInput) =>
  r.name === input.name && r.endpointUrl === input.endpointUrl && r.agencyCodes.join(',') === input.agencyCodes.join(',') &&
  protocolOf(r) === protocolOf(input);
