// The routes of the `meta` function (docs/requirements.md R-API-ROUTES); shared/platform/routes.ts merges every group.
import * as z from 'zod';
import { PortalConfig } from '../../contracts/meta';
import { PUBLIC, defineRoute } from './rules';

export const metaRoutes = {
  getConfig: defineRoute({
    id: 'getConfig', method: 'GET', path: '/v1/config', fn: 'meta', auth: PUBLIC,
    summary: 'Client configuration', tags: ['meta'],
    description: 'The region, Cognito user pool and client id (and, locally, the Cognito endpoint) a client signs in against, and the API version. Cacheable for 5 minutes.',
    request: {},
    responses: { 200: { description: 'Configuration', schema: PortalConfig } },
  }),
  getOpenApi: defineRoute({
    id: 'getOpenApi', method: 'GET', path: '/v1/openapi.json', fn: 'meta', auth: PUBLIC,
    summary: 'This OpenAPI document', tags: ['meta'],
    description: 'This API as an OpenAPI 3.1 document, generated from the route declaration and its zod schemas. Cacheable for 5 minutes.',
    request: {},
    responses: { 200: { description: 'OpenAPI document', schema: z.object({}).passthrough() } },
  }),
} as const;
