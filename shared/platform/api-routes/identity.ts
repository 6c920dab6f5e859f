// The routes of the `identity` function (SPEC §2); shared/platform/routes.ts merges every group.
import {
  AgencySecretParams, AgencySystem, AgencySystemListQuery, AgencySystemPage, AgencySystemParams,
  AgencyWhoAmI, RegisterAgencySystem, RegisteredAgencySystem, RotatedAgencySecret,
} from '../../contracts/identity';
import { page } from '../../contracts/common';
import { ADMIN, AGENCY_SYSTEM, defineRoute } from './rules';

export const identityRoutes = {
  listAgencySystems: defineRoute({
    id: 'listAgencySystems', method: 'GET', path: '/v1/admin/agency-systems', fn: 'identity', auth: ADMIN,
    summary: 'List registered agency systems (secret ids and states, never secret values)', tags: ['identity', 'admin'],
    request: { query: AgencySystemListQuery },
    responses: { 200: { description: 'A page of agency systems, by key id', schema: AgencySystemPage } },
  }),
  registerAgencySystem: defineRoute({
    id: 'registerAgencySystem', method: 'POST', path: '/v1/admin/agency-systems', fn: 'identity', auth: ADMIN,
    summary: 'Register an agency system; its first secret is returned once', tags: ['identity', 'admin'],
    request: { body: RegisterAgencySystem },
    responses: { 201: { description: 'Registered, with the secret (shown once)', schema: RegisteredAgencySystem } },
  }),
  rotateAgencySecret: defineRoute({
    id: 'rotateAgencySecret', method: 'POST', path: '/v1/admin/agency-systems/{keyId}/secrets', fn: 'identity',
    auth: ADMIN, summary: 'Add a new active secret (at most two stay active; the oldest is revoked)',
    tags: ['identity', 'admin'],
    request: { params: AgencySystemParams },
    responses: { 201: { description: 'The new secret (shown once)', schema: RotatedAgencySecret } },
  }),
  revokeAgencySecret: defineRoute({
    id: 'revokeAgencySecret', method: 'DELETE', path: '/v1/admin/agency-systems/{keyId}/secrets/{secretId}',
    fn: 'identity', auth: ADMIN, summary: 'Revoke a secret; requests signed with it are refused at once',
    tags: ['identity', 'admin'],
    request: { params: AgencySecretParams },
    responses: { 200: { description: 'The agency system after revocation', schema: AgencySystem } },
  }),
  syncWhoAmI: defineRoute({
    id: 'syncWhoAmI', method: 'GET', path: '/v1/sync/whoami', fn: 'identity', auth: AGENCY_SYSTEM,
    summary: 'Check signed-request credentials: the key id and the agency codes it may speak for',
    tags: ['identity', 'sync'],
    request: {},
    responses: { 200: { description: 'The authenticated agency system', schema: AgencyWhoAmI } },
  }),
} as const;
