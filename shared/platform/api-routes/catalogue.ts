// The routes of the `catalogue` function (SPEC §2); shared/platform/routes.ts merges every group.
import {
  CatalogueEntry, CatalogueEntryParams, CatalogueListQuery, CataloguePage, CatalogueParams, Procedure,
  ProcedurePage, ProcedureParams, ProcedureSearchQuery,
} from '../../contracts/catalogue';
import { page } from '../../contracts/common';
import { PUBLIC, ADMIN, defineRoute } from './rules';

export const catalogueRoutes = {
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
