// The routes of the `support` function (SPEC §1.11, §2); shared/platform/routes.ts merges every group.
import { FaqEntry, FaqPage, FaqParams, FaqSearchQuery, PutFaqEntry } from '../../contracts/support';
import { ADMIN, PUBLIC, defineRoute } from './rules';

export const supportRoutes = {
  searchFaq: defineRoute({
    id: 'searchFaq', method: 'GET', path: '/v1/faq', fn: 'support', auth: PUBLIC,
    summary: 'Search the FAQ (diacritics-insensitive) by words, procedure and sector', tags: ['support'],
    request: { query: FaqSearchQuery },
    responses: { 200: { description: 'A page of questions and answers, best match first', schema: FaqPage } },
  }),
  getFaq: defineRoute({
    id: 'getFaq', method: 'GET', path: '/v1/faq/{id}', fn: 'support', auth: PUBLIC,
    summary: 'One question and its answer', tags: ['support'],
    request: { params: FaqParams },
    responses: { 200: { description: 'The entry', schema: FaqEntry } },
  }),
  putFaq: defineRoute({
    id: 'putFaq', method: 'PUT', path: '/v1/faq/{id}', fn: 'support', auth: ADMIN,
    summary: 'Create or replace a question and its answer', tags: ['support', 'admin'],
    request: { params: FaqParams, body: PutFaqEntry },
    responses: { 200: { description: 'Stored entry', schema: FaqEntry } },
  }),
} as const;
