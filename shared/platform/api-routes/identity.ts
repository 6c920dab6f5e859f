// The routes of the `identity` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import {
  AgencySecretParams, AgencySystem, AgencySystemListQuery, AgencySystemPage, AgencySystemParams,
  AgencyWhoAmI, RegisterAgencySystem, RegisteredAgencySystem, RotatedAgencySecret,
} from '../../contracts/identity';
import { ErrorEnvelope } from '../../contracts/common';
import { CompleteVneidSignIn, PortalTokens, StartVneidSignIn, VneidAuthorization } from '../../contracts/sign-in';
import { ADMIN, AGENCY_SYSTEM_READ, PUBLIC, defineRoute } from './rules';

export const identityRoutes = {
  startVneidSignIn: defineRoute({
    id: 'startVneidSignIn', method: 'POST', path: '/v1/auth/vneid', fn: 'identity', auth: PUBLIC,
    summary: 'Start a VNeID sign-in', tags: ['identity'],
    description: 'Citizens and businesses sign in through VNeID only (docs/identity.md). Creates a sign-in (state, nonce, PKCE verifier; kept 10 minutes, usable once) and answers the VNeID authorization URL to send the browser to; VNeID sends it back to the web front end\'s /dang-nhap/vneid page with a code. An optional `loginHint` (an ID number or enterprise code) is passed to VNeID.',
    request: { body: StartVneidSignIn },
    responses: {
      200: { description: 'The authorization URL', schema: VneidAuthorization },
      503: { description: '`VNEID_UNAVAILABLE`: VNeID cannot be reached now', schema: ErrorEnvelope },
    },
  }),
  completeVneidSignIn: defineRoute({
    id: 'completeVneidSignIn', method: 'POST', path: '/v1/auth/vneid/token', fn: 'identity', auth: PUBLIC,
    summary: 'Complete a VNeID sign-in', tags: ['identity'],
    description: 'Takes the code and state VNeID sent the browser back with: consumes the sign-in (400 `SIGN_IN_STATE_INVALID` when unknown, expired or already used), exchanges the code with the PKCE verifier (401 `VNEID_CODE_REFUSED`), verifies the ID token (401 `VNEID_ID_TOKEN_REFUSED`: issuer, audience, nonce, expiry, algorithm, signature), creates or updates the account (one per ID number or enterprise code, group `citizen` or `business`) and answers the portal\'s tokens.',
    request: { body: CompleteVneidSignIn },
    responses: {
      200: { description: 'The portal\'s tokens', schema: PortalTokens },
      // A public route: the document declares no 401 for it unless the route does.
      401: { description: 'VNeID refused the code (`VNEID_CODE_REFUSED`) or the portal refused its ID token (`VNEID_ID_TOKEN_REFUSED`, `VNEID_CLAIMS_INCOMPLETE`)', schema: ErrorEnvelope },
      503: { description: '`VNEID_UNAVAILABLE`: VNeID cannot be reached now', schema: ErrorEnvelope },
    },
  }),
  listAgencySystems: defineRoute({
    id: 'listAgencySystems', method: 'GET', path: '/v1/admin/agency-systems', fn: 'identity', auth: ADMIN,
    summary: 'List agency systems', tags: ['identity', 'admin'],
    description: 'The registered agency systems by key id, with their agencies and their secrets\' ids and states; secret values are never shown again. Paginated.',
    request: { query: AgencySystemListQuery },
    responses: { 200: { description: 'A page of agency systems, by key id', schema: AgencySystemPage } },
  }),
  registerAgencySystem: defineRoute({
    id: 'registerAgencySystem', method: 'POST', path: '/v1/admin/agency-systems', fn: 'identity', auth: ADMIN,
    summary: 'Register an agency system', tags: ['identity', 'admin'],
    description: 'Registers an agency system (key id, name, the agency codes it may speak for, an optional outbound endpoint) and issues its first secret, returned in this answer only. 409 `AGENCY_SYSTEM_EXISTS` when the key id is taken.',
    request: { body: RegisterAgencySystem },
    responses: { 201: { description: 'Registered, with the secret (shown once)', schema: RegisteredAgencySystem } },
  }),
  rotateAgencySecret: defineRoute({
    id: 'rotateAgencySecret', method: 'POST', path: '/v1/admin/agency-systems/{keyId}/secrets', fn: 'identity',
    auth: ADMIN, summary: 'Rotate an agency secret',
    description: 'Issues a new active secret, returned in this answer only. At most two secrets stay active, so the system can switch over: the oldest is revoked. 404 for an unknown key id; 409 `VERSION_CONFLICT` when the system changed meanwhile.',
    tags: ['identity', 'admin'],
    request: { params: AgencySystemParams },
    responses: { 201: { description: 'The new secret (shown once)', schema: RotatedAgencySecret } },
  }),
  revokeAgencySecret: defineRoute({
    id: 'revokeAgencySecret', method: 'DELETE', path: '/v1/admin/agency-systems/{keyId}/secrets/{secretId}',
    fn: 'identity', auth: ADMIN, summary: 'Revoke an agency secret',
    description: 'Revokes one secret: requests signed with it are refused at once. 404 for an unknown key id or secret.',
    tags: ['identity', 'admin'],
    request: { params: AgencySecretParams },
    responses: { 200: { description: 'The agency system after revocation', schema: AgencySystem } },
  }),
  syncWhoAmI: defineRoute({
    id: 'syncWhoAmI', method: 'GET', path: '/v1/sync/whoami', fn: 'identity', auth: AGENCY_SYSTEM_READ,
    summary: 'Check agency credentials',
    description: 'Answers a correctly signed request with the key id and the agency codes it may speak for: the way to test signing before sending data.',
    tags: ['identity', 'sync'],
    request: {},
    responses: { 200: { description: 'The authenticated agency system', schema: AgencyWhoAmI } },
  }),
} as const;
