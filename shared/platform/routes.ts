// Every public route of the portal, declared once (SPEC §2).
import { z } from 'zod';
import {
  CatalogueEntry, CatalogueEntryParams, CatalogueListQuery, CataloguePage, CatalogueParams,
  Procedure, ProcedurePage, ProcedureParams, ProcedureSearchQuery,
} from '../contracts/catalogue';
import { PortalConfig } from '../contracts/meta';
import type { AuthRule, RouteDecl, RouteRequest } from './types';

const PUBLIC: AuthRule = { kind: 'public' };
const ADMIN: AuthRule = { kind: 'user', groups: ['admin'] };

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
} as const;

export type RouteId = keyof typeof routes;
