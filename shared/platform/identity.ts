// The user pool, declared once: the CDK identity stack and the local runtime (cognito-local)
// both build it from here (docs/requirements.md R-CAP-IDENTITY, docs/identity.md).
import { GROUPS } from './types';

export const userPool = {
  name: 'dvc-portal-users',
  groups: GROUPS,
  /** Custom attributes; tokens carry them as `custom:<name>` (see shared/auth/principal.ts). */
  customAttributes: [
    { name: 'id_number', type: 'String', minLength: 12, maxLength: 12, userWritable: false },
    { name: 'enterprise_code', type: 'String', minLength: 10, maxLength: 14, userWritable: false },
    { name: 'vneid_verified', type: 'String', minLength: 4, maxLength: 5, userWritable: false },
    { name: 'agency_scope', type: 'String', minLength: 1, maxLength: 2048, userWritable: false },
    /** The VNeID e-ID level of the last sign-in: "1" or "2" (level 2 may submit online). */
    { name: 'eid_level', type: 'String', minLength: 1, maxLength: 1, userWritable: false },
  ],
  passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
  /**
   * The second factor of password sign-ins (officials and admins): an authenticator app (TOTP). In
   * AWS it is required: the first sign-in enrols the app (MFA_SETUP), every later one asks for its
   * code. Locally it is optional, so demo and test officials sign in with a password alone, while an
   * official with an enrolled app is asked for its code as in AWS (docs/identity.md "Officials'
   * second factor"). `issuer` names the portal in the authenticator app.
   */
  mfa: { aws: 'ON', local: 'OPTIONAL', issuer: 'DVC quốc gia' },
  /**
   * Citizens' and businesses' client (the web front end's): no password flow at all. The identity
   * function signs them in through VNeID and Cognito's custom authentication (CUSTOM_AUTH, whose
   * challenge only the identity function can answer); the browser refreshes with REFRESH_TOKEN_AUTH.
   */
  webClient: {
    name: 'dvc-portal-web',
    authFlows: ['CUSTOM_AUTH', 'REFRESH_TOKEN_AUTH'] as const,
    idTokenValidityMinutes: 60,
    refreshTokenValidityDays: 30,
  },
  /** Officials' and admins' client: password sign-in (MFA required in AWS), refresh. */
  staffClient: {
    name: 'dvc-portal-staff',
    authFlows: ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'] as const,
    idTokenValidityMinutes: 60,
    refreshTokenValidityDays: 1,
  },
  /** The declared function Cognito invokes for the custom authentication's three triggers. */
  authChallengeFunction: 'auth-challenge',
} as const;

/**
 * Machine authentication of agency systems by OAuth 2.0 client credentials (docs/identity.md
 * "Client-credentials tokens"): the user pool's resource server, its scopes, and the app client
 * made for each registered agency system. The CDK identity stack builds the resource server and the
 * domain whose /oauth2/token issues the tokens; the identity function creates the clients; the
 * local runtime issues tokens with the same claims (cognito-local has no client credentials).
 */
export const machineClients = {
  /** The resource server's identifier: scopes read `dvc/<name>` in tokens. */
  resourceServer: 'dvc',
  resourceServerName: 'dvc-portal agency-system API',
  scopes: [
    { name: 'sync.write', description: 'Send dossiers and status events (JSON or QCVN 120)' },
    { name: 'sync.read', description: 'Read the own outbox, health and identity' },
    { name: 'catalogue.read', description: 'Read the procedure catalogue and look dossiers up' },
  ],
  /** An access token lives an hour; the system asks for a new one with its client secret. */
  accessTokenValidityMinutes: 60,
  /** The Cognito domain prefix (a stage suffix is added), where /oauth2/token answers. */
  domainPrefix: 'dvc-portal-agencies',
} as const;

export type MachineScope = (typeof machineClients.scopes)[number]['name'];
/** A scope as tokens carry it: `dvc/sync.write`. */
export const fullScope = (scope: MachineScope) => `${machineClients.resourceServer}/${scope}`;
export const MACHINE_SCOPES: readonly MachineScope[] = machineClients.scopes.map((s) => s.name);

/**
 * What a VNeID sign-in writes on the portal's account, declared once: from the ID token's claims
 * (docs/identity.md "VNeID claims") to the user pool's attributes. The identity function applies
 * it (functions/identity/domain/vneid-account.ts); the CDK test checks every target is an attribute
 * the pool declares and the web client reads; the local end-to-end test checks the API receives
 * exactly these values.
 */
export const vneidAttributeMapping = {
  citizen: { name: 'name', 'custom:id_number': 'id_number', 'custom:eid_level': 'eid_level' },
  organization: { name: 'name', 'custom:enterprise_code': 'enterprise_code', 'custom:eid_level': 'eid_level' },
} as const;

/** Set on every account a VNeID sign-in creates or updates. */
export const VNEID_VERIFIED = { 'custom:vneid_verified': 'true' } as const;

/** The portal group of each VNeID account type. */
export const vneidGroupOf = { citizen: 'citizen', organization: 'business' } as const;
