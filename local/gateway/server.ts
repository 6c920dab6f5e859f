// The local HTTP gateway: matches requests to the declared routes as API Gateway does, applies the
// same authorizers, builds the same payload v2.0 event and calls the real handler in-process.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { corsHeaders } from '../../shared/http/cors';
import { matchRoute } from '../../shared/platform/match';
import { routeKey, type PlatformDecl } from '../../shared/platform';
import { buildHttpApiEvent } from './event';
import type { JwtResult } from './jwt';
import { outboxRoute } from '../outbox';
import { loadHandler } from '../handlers';
import { lambdaContext } from '../lambda-context';

/** API Gateway's own payload limit; handlers enforce the API's smaller 1 MB limit themselves. */
const GATEWAY_MAX_BYTES = 10 * 1024 * 1024;
/**
 * HTTP API's quota on the request line and header values together (docs/api.md): a longer request
 * is refused by API Gateway before any route, in its own `{"message"}` shape.
 */
export const GATEWAY_MAX_REQUEST_LINE_AND_HEADERS = 10_240;
/** Node's own parser refuses headers past this with a bare 431; it must see what the quota refuses. */
const NODE_MAX_HEADER_SIZE = 64 * 1024;

const requestLineAndHeaderBytes = (req: IncomingMessage) =>
  Buffer.byteLength(`${req.method ?? ''} ${req.url ?? ''} HTTP/${req.httpVersion}`) +
  req.rawHeaders.reduce((sum, part) => sum + Buffer.byteLength(part), 0);

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export type AgencyAuthorizer = (event: APIGatewayProxyEventV2) => Promise<{ isAuthorized: boolean; context?: Record<string, unknown> }>;

/** A local-only route (payment sandbox page, notification outbox): never deployed. */
export type LocalRoute = (req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL) => Promise<boolean>;

export interface GatewayOptions {
  platform: PlatformDecl;
  root: string;
  verifyJwt: (authorization: string | undefined) => Promise<JwtResult>;
  agencyAuthorizer?: AgencyAuthorizer;
  localRoutes?: readonly LocalRoute[];
  /** One line per request, like API Gateway access logs (no headers, no bodies). */
  accessLog?: (line: string) => void;
  /** Serves files for paths outside `/v1` (the web front end). */
  staticFiles?: LocalRoute;
}

const gatewayError = (res: ServerResponse, status: number, message: string, cors: Record<string, string> = {}) => {
  // API Gateway answers for itself (authorizer refusals, limits) with this body, not our envelope;
  // with CORS configured it adds the CORS headers there too, so a browser can read the refusal.
  res.writeHead(status, { ...cors, 'content-type': 'application/json', 'apigw-requestid': crypto.randomUUID() });
  res.end(JSON.stringify({ message }));
};

/** The CORS headers of the HTTP API's configuration, the same the handlers send (shared/http/cors.ts). */
const corsOf = (req: IncomingMessage, method: string) =>
  corsHeaders({ version: '2.0', headers: req.headers as Record<string, string>, requestContext: { http: { method } } as never });

const readBody = (req: IncomingMessage, limit: number) =>
  new Promise<Buffer | undefined>((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) { resolveBody(undefined); req.resume(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(size > limit ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });

export const createGateway = (opts: GatewayOptions) => {
  const fnByName = new Map(opts.platform.functions.map((f) => [f.name, f]));
  // The notification outbox is always there locally (GET /local/outbox): nothing is really sent.
  const localRoutes = [...(opts.localRoutes ?? []), outboxRoute()];

  const invoke = async (fnName: string, event: APIGatewayProxyEventV2, res: ServerResponse, cors: Record<string, string>) => {
    const fn = fnByName.get(fnName);
    if (!fn) throw new Error(`Route targets undeclared function ${fnName}`);
    let result: APIGatewayProxyStructuredResultV2;
    try {
      result = await (await loadHandler<LambdaHandler>(opts.root, fn))(event, lambdaContext(fn));
    } catch (e) {
      // A Lambda that throws is a 500 "Internal Server Error" from API Gateway.
      console.error(`[gateway] ${fn.name} threw:`, (e as Error).stack);
      gatewayError(res, 500, 'Internal Server Error', cors);
      return;
    }
    // Lambda returns JSON: what does not survive serialization (undefined values) never reaches API Gateway.
    result = JSON.parse(JSON.stringify(result ?? {})) as APIGatewayProxyStructuredResultV2;
    // With CORS configured, API Gateway ignores the integration's CORS headers and sends its own.
    const headers: Record<string, string | string[]> = {
      ...Object.fromEntries(Object.entries(result.headers ?? {}).filter(([k]) => !/^access-control-/i.test(k)).map(([k, v]) => [k, String(v)])),
      ...cors,
    };
    if (result.cookies?.length) headers['set-cookie'] = result.cookies;
    const body = result.body === undefined ? undefined : result.isBase64Encoded ? Buffer.from(result.body, 'base64') : result.body;
    res.writeHead(result.statusCode ?? 200, headers);
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (opts.accessLog) {
      const started = performance.now();
      res.on('finish', () => opts.accessLog!(`${req.method} ${req.url} ${res.statusCode} ${Math.round(performance.now() - started)} ms`));
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const cors = await corsOf(req, method);
    if (requestLineAndHeaderBytes(req) > GATEWAY_MAX_REQUEST_LINE_AND_HEADERS) {
      req.resume();
      return gatewayError(res, 431, 'Request Header Fields Too Large', cors);
    }
    const body = await readBody(req, GATEWAY_MAX_BYTES);
    if (body === undefined) return gatewayError(res, 413, 'Request Entity Too Large', cors);
    for (const local of localRoutes) if (await local(req, res, body, url)) return;
    if (!url.pathname.startsWith('/v1') && opts.staticFiles && (await opts.staticFiles(req, res, body, url))) return;

    // CORS preflight is answered by API Gateway's CORS configuration, before any route.
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      res.writeHead(204, cors);
      return res.end();
    }

    const match = matchRoute(opts.platform.routes, method, url.pathname);
    const request = { method, path: url.pathname, rawQueryString: url.search.slice(1), headers: req.headers as Record<string, string | string[] | undefined>, body, sourceIp: req.socket.remoteAddress };
    if (match.kind !== 'route') {
      const event = buildHttpApiEvent(request, { routeKey: '$default' });
      return invoke(opts.platform.defaultRouteFn, event, res, cors);
    }
    const { route, params } = match;
    const key = routeKey(route.method, route.path);
    let authorizer: Parameters<typeof buildHttpApiEvent>[1]['authorizer'];
    if (route.auth.kind === 'user') {
      const verdict = await opts.verifyJwt(req.headers.authorization);
      if (!verdict.ok) return gatewayError(res, 401, 'Unauthorized', cors);
      authorizer = { jwt: { claims: verdict.claims, scopes: null } };
    } else if (route.auth.kind === 'agency-system') {
      if (!opts.agencyAuthorizer) return gatewayError(res, 500, 'Internal Server Error', cors);
      // No identity sources (a token or the signature headers, infra/stacks/api-stack.ts): the authorizer decides.
      const verdict = await opts.agencyAuthorizer(buildHttpApiEvent(request, { routeKey: key, pathParameters: params }));
      if (!verdict.isAuthorized) return gatewayError(res, 403, 'Forbidden', cors);
      authorizer = { lambda: verdict.context ?? {} };
    }
    const event = buildHttpApiEvent(request, { routeKey: key, pathParameters: params, authorizer });
    return invoke(route.fn, event, res, cors);
  };

  const server: Server = createServer({ maxHeaderSize: NODE_MAX_HEADER_SIZE }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error('[gateway] failed:', (e as Error).stack);
      if (!res.headersSent) gatewayError(res, 500, 'Internal Server Error');
    });
  });
  return server;
};
