// The routes of the `catalogue` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import {
  CatalogueEntry, CatalogueEntryParams, CatalogueListQuery, CataloguePage, CatalogueParams, Procedure,
  ProcedurePage, ProcedureParams, ProcedureSearchQuery,
} from '../../contracts/catalogue';
import { PUBLIC, ADMIN, defineRoute } from './rules';

export const catalogueRoutes = {
  searchProcedures: defineRoute({
    id: 'searchProcedures', method: 'GET', path: '/v1/procedures', fn: 'catalogue', auth: PUBLIC,
    summary: 'Search procedures', tags: ['catalogue'],
    description: 'Diacritics-insensitive search (`dang ky khai sinh` finds `Đăng ký khai sinh`): every word must match a word of the name or code, the last one as a prefix; name matches rank first. Filters by sector, agency, level and online availability. Paginated.',
    request: { query: ProcedureSearchQuery },
    responses: { 200: { description: 'A page of procedures, best match first', schema: ProcedurePage } },
  }),
  getProcedure: defineRoute({
    id: 'getProcedure', method: 'GET', path: '/v1/procedures/{code}', fn: 'catalogue', auth: PUBLIC,
    summary: 'Get a procedure', tags: ['catalogue'],
    description: 'One procedure with its components, form definition, fees, processing time and legal basis. 404 when the code is unknown.',
    request: { params: ProcedureParams },
    responses: { 200: { description: 'The procedure', schema: Procedure } },
  }),
  putProcedure: defineRoute({
    id: 'putProcedure', method: 'PUT', path: '/v1/procedures/{code}', fn: 'catalogue', auth: ADMIN,
    summary: 'Put a procedure', tags: ['catalogue', 'admin'],
    description: 'Creates or replaces a procedure. 400 `CODE_MISMATCH` when the body\'s code differs from the path; 422 `UNKNOWN_REFERENCE` when its sector or revenue items are not in the catalogues.',
    request: { params: ProcedureParams, body: Procedure },
    responses: { 200: { description: 'Stored procedure', schema: Procedure } },
  }),
  listCatalogue: defineRoute({
    id: 'listCatalogue', method: 'GET', path: '/v1/catalogues/{name}', fn: 'catalogue', auth: PUBLIC,
    summary: 'List a shared catalogue', tags: ['catalogue'],
    description: 'The entries of one shared catalogue, paginated. `parent` (agencies and administrative units only) lists the children of one; `year` (holidays only) one year\'s holidays; either on another catalogue is a 400.',
    request: { params: CatalogueParams, query: CatalogueListQuery },
    responses: { 200: { description: 'A page of entries', schema: CataloguePage } },
  }),
  getCatalogueEntry: defineRoute({
    id: 'getCatalogueEntry', method: 'GET', path: '/v1/catalogues/{name}/{id}', fn: 'catalogue',
    auth: PUBLIC, summary: 'Get a catalogue entry', tags: ['catalogue'],
    description: 'One entry of a shared catalogue; 404 when there is none with this id.',
    request: { params: CatalogueEntryParams },
    responses: { 200: { description: 'The entry', schema: CatalogueEntry } },
  }),
  putCatalogueEntry: defineRoute({
    id: 'putCatalogueEntry', method: 'PUT', path: '/v1/catalogues/{name}/{id}', fn: 'catalogue',
    auth: ADMIN, summary: 'Put a catalogue entry', tags: ['catalogue', 'admin'],
    description: 'Creates or replaces an entry of a shared catalogue, validated by that catalogue\'s shape (400 with the field paths otherwise); 400 `ID_MISMATCH` when the body\'s id differs from the path.',
    request: { params: CatalogueEntryParams, body: CatalogueEntry },
    responses: { 200: { description: 'Stored entry', schema: CatalogueEntry } },
  }),
} as const;
