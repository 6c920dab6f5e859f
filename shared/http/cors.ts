// The CORS headers of a response, from the one declaration (shared/platform/cors.ts) and the
// allowed origins (CORS_ORIGINS, comma-separated; `*` by default): the handlers' middleware, and
// the headers the local gateway puts on the answers it gives itself (authorizer refusals), so a
// browser can read every answer the same way.
import httpCors from '@middy/http-cors';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { readEnv } from '../config';
import { CORS } from '../platform/cors';
import { lowerCaseHeaderNames } from './header-names';

const originsOf = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

/** The middleware every API function uses. */
export const corsMiddleware = () => httpCors({
  origins: originsOf(readEnv('CORS_ORIGINS')),
  headers: CORS.allowHeaders.join(','),
  methods: CORS.allowMethods.join(','),
  exposeHeaders: CORS.exposeHeaders.join(','),
  maxAge: CORS.maxAgeSeconds,
});

/** The CORS headers (lower-case names) the middleware would put on a response to `event`. */
export const corsHeaders = async (event: Pick<APIGatewayProxyEventV2, 'headers' | 'version' | 'requestContext'>): Promise<Record<string, string>> => {
  const request = { event, response: { statusCode: 200, headers: {} as Record<string, string> } };
  await corsMiddleware().after!(request as never);
  return lowerCaseHeaderNames(request.response.headers);
};
