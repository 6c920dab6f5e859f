// Every public route of the portal, declared once (SPEC §2).
import * as z from 'zod';
import {
  CatalogueEntry, CatalogueEntryParams, CatalogueListQuery, CataloguePage, CatalogueParams,
  Procedure, ProcedurePage, ProcedureParams, ProcedureSearchQuery,
} from '../contracts/catalogue';
import {
  AgencySecretParams, AgencySystem, AgencySystemListQuery, AgencySystemPage, AgencySystemParams, AgencyWhoAmI,
  RegisterAgencySystem, RegisteredAgencySystem, RotatedAgencySecret,
} from '../contracts/identity';
import { PortalConfig } from '../contracts/meta';
import type { AuthRule, RouteDecl, RouteRequest } from './types';

const PUBLIC: AuthRule = { kind: 'public' };
const ADMIN: AuthRule = { kind: 'user', groups: ['admin'] };
const AGENCY_SYSTEM: AuthRule = { kind: 'agency-system' };

/** Keeps each route's schema types so handlers get typed input. */
export const defineRoute = <Req extends RouteRequest>(route: RouteDecl<Req>) => route;

export const routes = {
  getConfig: defineRoute({
    id: 'getConfig', method: 'GET', path: '/v1/config', fn: 'meta', auth: PUBLIC,
    summary: 'Public client configuration (Cognito pool and client, region)', tags: ['meta'],
    request: {},
    responses: { 200: { description: 'Configuration', schema: PortalConfig } },
  }),
  getOpenApi: defineRoute({
    id: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', fn: 'meta', auth: PUBLIC,
    summary: 'This OpenAPI 3.1 document', tags: ['meta'],
    request: {},
    responses: { 200: { description: 'OpenAPI document', schema: z.object({}).passthrough() } },
  }),
  searchProcedures: defineRoute({
    id: 'searchProcedures', method: 'GET', path: '/v1/procedures', fn: 'catalogue', auth: PUBLIC,
    summary: 'Search procedures (diacritics-insensitive) with filters', tags: ['catalogue'],
    request: { query: ProcedureSearchQuery },
    responses: { 200: { description: 'A page of procedures, best match first', schema: ProcedurePage } },
  }),
  getProcedure: defineRoute({
    id: 'getProcedure', method: 'GET', path: '/v1/procedures/{code}', fn: 'catalogue', auth: PUBLIC,
    summary: 'One procedure with components, form, fees and legal basis', tags: ['catalogue'],
    request: { params: ProcedureParams },
    responses: { 200: { description: 'The procedure', schema: Procedure } },
  }),
  putProcedure: defineRoute({
    id: 'putProcedure', method: 'PUT', path: '/v1/procedures/{code}', fn: 'catalogue', auth: ADMIN,
    summary: 'Create or replace a procedure', tags: ['catalogue', 'admin'],
    request: { params: ProcedureParams, body: Procedure },
    responses: { 200: { description: 'Stored procedure', schema: Procedure } },
  }),
  listCatalogue: defineRoute({
    id: 'listCatalogue', method: 'GET', path: '/v1/catalogues/{name}', fn: 'catalogue', auth: PUBLIC,
    summary: 'List a shared catalogue', tags: ['catalogue'],
    request: { params: CatalogueParams, query: CatalogueListQuery },
    responses: { 200: { description: 'A page of entries', schema: CataloguePage } },
  }),
  getCatalogueEntry: defineRoute({
    id: 'getCatalogueEntry', method: 'GET', path: '/v1/catalogues/{name}/{id}', fn: 'catalogue',
    auth: PUBLIC, summary: 'One entry of a shared catalogue', tags: ['catalogue'],
    request: { params: CatalogueEntryParams },
    responses: { 200: { description: 'The entry', schema: CatalogueEntry } },
  }),
  putCatalogueEntry: defineRoute({
    id: 'putCatalogueEntry', method: 'PUT', path: '/v1/catalogues/{name}/{id}', fn: 'catalogue',
    auth: ADMIN, summary: 'Create or replace an entry of a shared catalogue', tags: ['catalogue', 'admin'],
    request: { params: CatalogueEntryParams, body: CatalogueEntry },
    responses: { 200: { description: 'Stored entry', schema: CatalogueEntry } },
  }),
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

export type RouteId = keyof typeof routes;
