// Calls a Lambda handler with the same HTTP API v2.0 event API Gateway would send.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { buildHttpApiEvent, type HttpRequestLike } from '../../local/gateway/event';
import { matchRoute } from '../../shared/platform/match';
import { platform, routeKey } from '../../shared/platform';
import { assertConforms, binaryBody } from './conformance';

export const lambdaContext = (name = 'test'): Context => ({
  callbackWaitsForEmptyEventLoop: false,
  functionName: name,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:ap-southeast-1:000000000000:function:${name}`,
  memoryLimitInMB: '256',
  awsRequestId: crypto.randomUUID(),
  logGroupName: `/aws/lambda/${name}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 30_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

type Handler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

export interface Call extends Partial<HttpRequestLike> {
  method: string;
  path: string;
  json?: unknown;
  claims?: Record<string, unknown>;
  lambdaAuthorizer?: Record<string, unknown>;
}

/** Route matching as API Gateway does it, then one handler invocation; the response must match the OpenAPI document. */
export const invoke = async (handler: Handler, call: Call) => {
  const [path, query = ''] = call.path.split('?');
  const match = matchRoute(platform.routes, call.method, path!);
  const headers = { ...(call.json !== undefined ? { 'content-type': 'application/json' } : {}), ...call.headers };
  const event = buildHttpApiEvent(
    { method: call.method, path: path!, rawQueryString: query, headers, body: call.json !== undefined ? JSON.stringify(call.json) : call.body },
    {
      routeKey: match.kind === 'route' ? routeKey(match.route.method, match.route.path) : '$default',
      pathParameters: match.kind === 'route' ? match.params : undefined,
      authorizer: call.claims ? { jwt: { claims: call.claims, scopes: null } } : call.lambdaAuthorizer ? { lambda: call.lambdaAuthorizer } : undefined,
    },
  );
  const res = await handler(event, lambdaContext());
  const text = typeof res.body === 'string' ? res.body : '';
  const responseHeaders = new Headers(Object.entries(res.headers ?? {}).map(([name, value]) => [name, String(value)]));
  assertConforms({
    method: call.method, path: path!, status: res.statusCode ?? 200, headers: responseHeaders,
    body: res.isBase64Encoded ? binaryBody(Buffer.from(text, 'base64').byteLength, responseHeaders.get('content-type')) : text,
  });
  return { status: res.statusCode ?? 200, headers: (res.headers ?? {}) as Record<string, string>, body: text ? JSON.parse(text) : undefined };
};
