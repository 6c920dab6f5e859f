// CORS of the HTTP API: one declaration for the CDK stack (the HTTP API's CORS configuration: API
// Gateway answers preflights and puts these headers on every response, its authorizers' 401/403
// included), the handlers' middleware (shared/http/cors.ts) and the local gateway. The allowed
// origins are configuration (the web origin; `*` locally), not part of the declaration.
export const CORS = {
  allowHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-request-id'],
  exposeHeaders: ['x-request-id'],
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  maxAgeSeconds: 600,
} as const;
