// The routes of the `meta` function (SPEC §2); shared/platform/routes.ts merges every group.
import * as z from 'zod';
import { PortalConfig } from '../../contracts/meta';
import { PUBLIC, defineRoute } from './rules';

export const metaRoutes = {
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
} as const;
