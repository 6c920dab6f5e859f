// Builds the API Gateway HTTP API payload v2.0 event that AWS sends to a Lambda integration, so
// the local gateway and the tests call handlers with exactly what they get in AWS.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export interface HttpRequestLike {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without `?`. */
  rawQueryString?: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer | string;
  sourceIp?: string;
}

export interface EventOptions {
  /** `GET /v1/procedures/{code}` or `$default`. */
  routeKey: string;
  pathParameters?: Record<string, string>;
  authorizer?: { jwt?: { claims: Record<string, unknown>; scopes: string[] | null }; lambda?: Record<string, unknown> };
  stage?: string;
}

const TEXT_TYPES = /^(application\/(json|[a-z.+-]*\+json|x-www-form-urlencoded|xml)|text\/)/i;

/** AWS joins repeated query parameters with commas in `queryStringParameters`. */
const parseQuery = (raw: string) => {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = k in out ? `${out[k]},${v}` : v;
  return out;
};

export const buildHttpApiEvent = (req: HttpRequestLike, opts: EventOptions): APIGatewayProxyEventV2 => {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers ?? {})) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    const joined = Array.isArray(value) ? value.join(',') : value;
    if (key === 'cookie') cookies.push(...joined.split(/;\s*/).filter(Boolean));
    else headers[key] = joined;
  }
  const bodyBuffer = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '');
  const now = new Date();
  const rawQueryString = req.rawQueryString ?? '';
  const event = {
    version: '2.0',
    routeKey: opts.routeKey,
    rawPath: req.path,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    queryStringParameters: parseQuery(rawQueryString),
    pathParameters: opts.pathParameters && Object.keys(opts.pathParameters).length ? opts.pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0],
      http: {
        method: req.method.toUpperCase(),
        path: req.path,
        protocol: 'HTTP/1.1',
        sourceIp: req.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: opts.routeKey,
      stage: opts.stage ?? '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
      ...(opts.authorizer ? { authorizer: opts.authorizer } : {}),
    },
    body: bodyBuffer?.length ? (isText ? bodyBuffer.toString('utf8') : bodyBuffer.toString('base64')) : undefined,
    isBase64Encoded: Boolean(bodyBuffer?.length && !isText),
  };
  return event as APIGatewayProxyEventV2;
};
