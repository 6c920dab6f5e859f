// Who is calling, read from the API Gateway event. In AWS the HTTP API JWT authorizer (users) or
// the Lambda request authorizer (agency systems) has already verified the caller; the local
// gateway verifies the same way and fills the same fields.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { GROUPS, type AuthRule, type Group } from '../platform/types';
import { MACHINE_SCOPES, type MachineScope } from '../platform/identity';
import { forbidden, unauthenticated } from '../errors/domain-error';

/** Claim names the user pool puts in ID tokens (custom attributes carry the `custom:` prefix). */
export const CLAIMS = {
  groups: 'cognito:groups',
  username: 'cognito:username',
  idNumber: 'custom:id_number',
  enterpriseCode: 'custom:enterprise_code',
  vneidVerified: 'custom:vneid_verified',
  eidLevel: 'custom:eid_level',
  agencyScope: 'custom:agency_scope',
} as const;

export type Principal =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      sub: string;
      username: string;
      groups: Group[];
      idNumber?: string;
      enterpriseCode?: string;
      vneidVerified: boolean;
      /** The VNeID e-ID level ("1" | "2") of an account signed in with VNeID; absent for password accounts. */
      eidLevel?: string;
      /** The account holder's name (the `name` claim), as printed on receipts. */
      name?: string;
      /** The account's e-mail and phone, only where the user pool marks them verified. */
      email?: string;
      phone?: string;
      /** Agency codes an official serves (a province code covers its communes). */
      agencyScope: string[];
    }
  /**
   * A registered agency system, whether it signed with HMAC or presented a client-credentials
   * token: the same key id and agencies either way. `scopes` are the token's (an HMAC signature
   * holds every scope), checked against the route's rule by `authorize`.
   */
  | { kind: 'agency-system'; keyId: string; agencyCodes: string[]; scopes: MachineScope[] };

type ClaimValue = string | number | boolean | string[] | undefined;

/**
 * API Gateway HTTP APIs hand array claims to Lambda as a string such as `[citizen admin]`;
 * tests and tools may pass real arrays or comma lists. All mean the same list.
 */
export const claimList = (value: ClaimValue): string[] => {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map(String).filter(Boolean);
  const text = String(value).trim();
  const inner = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  return inner.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
};

const claimText = (value: ClaimValue): string | undefined =>
  value === undefined || value === '' ? undefined : String(value);

/** The portal's machine scopes among these (unknown names dropped). */
export const machineScopesOf = (names: readonly string[]): MachineScope[] =>
  MACHINE_SCOPES.filter((scope) => names.includes(scope));

type AuthorizerContext = {
  jwt?: { claims?: Record<string, ClaimValue> };
  lambda?: Record<string, unknown>;
};

export const principalOf = (event: APIGatewayProxyEventV2): Principal => {
  const authorizer = (event.requestContext as { authorizer?: AuthorizerContext }).authorizer;
  const system = authorizer?.lambda;
  if (system && typeof system.keyId === 'string') {
    return {
      kind: 'agency-system',
      keyId: system.keyId,
      agencyCodes: claimList(system.agencyCodes as ClaimValue),
      // The authorizer always states the scopes; a context without them is an HMAC verdict.
      scopes: system.scopes === undefined ? [...MACHINE_SCOPES] : machineScopesOf(claimList(system.scopes as ClaimValue)),
    };
  }
  const claims = authorizer?.jwt?.claims;
  if (!claims || typeof claims.sub !== 'string') return { kind: 'anonymous' };
  const groups = claimList(claims[CLAIMS.groups]).filter((g): g is Group =>
    (GROUPS as readonly string[]).includes(g),
  );
  return {
    kind: 'user',
    sub: claims.sub,
    username: claimText(claims[CLAIMS.username]) ?? claims.sub,
    groups,
    idNumber: claimText(claims[CLAIMS.idNumber]),
    enterpriseCode: claimText(claims[CLAIMS.enterpriseCode]),
    vneidVerified: String(claims[CLAIMS.vneidVerified]) === 'true',
    eidLevel: claimText(claims[CLAIMS.eidLevel]),
    name: claimText(claims.name),
    email: String(claims.email_verified) === 'true' ? claimText(claims.email) : undefined,
    phone: String(claims.phone_number_verified) === 'true' ? claimText(claims.phone_number) : undefined,
    agencyScope: claimList(claims[CLAIMS.agencyScope]),
  };
};

/** Enforces a route's declared rule: 401 when the caller is not the right kind, 403 when the group is wrong. */
export const authorize = (rule: AuthRule, principal: Principal): void => {
  switch (rule.kind) {
    case 'public':
      return;
    case 'agency-system':
      if (principal.kind !== 'agency-system') throw unauthenticated('A signed agency-system request is required');
      if (!principal.scopes.includes(rule.scope)) {
        throw forbidden(`This route needs the scope ${rule.scope} (dvc/${rule.scope}); the token does not carry it`, 'INSUFFICIENT_SCOPE');
      }
      return;
    case 'user':
      if (principal.kind !== 'user') throw unauthenticated();
      if (!principal.groups.some((g) => rule.groups.includes(g))) throw forbidden();
      return;
  }
};

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
export type AgencySystemPrincipal = Extract<Principal, { kind: 'agency-system' }>;

/** The agency system behind a route whose rule is `agency-system` (`authorize` has refused anyone else). */
export const agencySystemOf = (principal: Principal): AgencySystemPrincipal => {
  if (principal.kind !== 'agency-system') throw unauthenticated('A signed agency-system request is required');
  return principal;
};

/** The signed-in user behind a route whose rule names user groups (`authorize` has refused anyone else). */
export const userOf = (principal: Principal): UserPrincipal => {
  if (principal.kind !== 'user') throw unauthenticated();
  return principal;
};
