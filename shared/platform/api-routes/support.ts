// The routes of the `support` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import { FaqEntry, FaqPage, FaqParams, FaqSearchQuery, PutFaqEntry } from '../../contracts/support';
import { ADMIN, PUBLIC, defineRoute } from './rules';

export const supportRoutes = {
  searchFaq: defineRoute({
    id: 'searchFaq', method: 'GET', path: '/v1/faq', fn: 'support', auth: PUBLIC,
    summary: 'Search the FAQ', tags: ['support'],
    description: 'Questions and answers, best match first: `q` is diacritics-insensitive over question and answer (the last word may be a prefix); `procedure` and `sector` narrow. Paginated (docs/support.md).',
    request: { query: FaqSearchQuery },
    responses: { 200: { description: 'A page of questions and answers, best match first', schema: FaqPage } },
  }),
  getFaq: defineRoute({
    id: 'getFaq', method: 'GET', path: '/v1/faq/{id}', fn: 'support', auth: PUBLIC,
    summary: 'Get a FAQ entry', tags: ['support'],
    description: 'One question and its answer; 404 when there is none with this id.',
    request: { params: FaqParams },
    responses: { 200: { description: 'The entry', schema: FaqEntry } },
  }),
  putFaq: defineRoute({
    id: 'putFaq', method: 'PUT', path: '/v1/faq/{id}', fn: 'support', auth: ADMIN,
    summary: 'Put a FAQ entry', tags: ['support', 'admin'],
    description: 'Creates or replaces a question and its answer (plain text only). 422 `UNKNOWN_REFERENCE` for a procedure the catalogue does not have.',
    request: { params: FaqParams, body: PutFaqEntry },
    responses: { 200: { description: 'Stored entry', schema: FaqEntry } },
  }),
} as const;
