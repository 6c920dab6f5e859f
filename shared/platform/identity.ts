// The user pool, declared once: the CDK identity stack and the local runtime (cognito-local)
// both build it from here (docs/requirements.md R-CAP-IDENTITY).
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
  ],
  passwordPolicy: { minLength: 8, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
  webClient: {
    name: 'dvc-portal-web',
    authFlows: ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH'] as const,
    idTokenValidityMinutes: 60,
    refreshTokenValidityDays: 30,
  },
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
