// The routes of the `identity` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import {
  AgencySecretParams, AgencySystem, AgencySystemListQuery, AgencySystemPage, AgencySystemParams,
  AgencyWhoAmI, RegisterAgencySystem, RegisteredAgencySystem, RotatedAgencySecret,
} from '../../contracts/identity';
import { ADMIN, AGENCY_SYSTEM_READ, defineRoute } from './rules';

export const identityRoutes = {
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
