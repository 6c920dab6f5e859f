// The OpenAPI 3.1 document, generated from the route declaration and its zod schemas. The
// checked-in redocly.yaml is the ruleset it must pass (test/contract/openapi.test.ts).
import * as z from 'zod';
import { SIGNATURE_HEADERS, SIGNATURE_WINDOW_SECONDS } from '../auth/agency-signature';
import { ErrorEnvelope, GatewayError } from '../contracts/common';
import { HTTP_STATUS_OF_KIND } from '../http/error-status';
import { API_TAGS } from './api-routes/tags';
import type { ErrorKind } from '../errors/domain-error';
import { fullScope, machineClients } from './identity';
import type { AuthRule, PlatformDecl, RouteDecl } from './types';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

const DEFS = '#/$defs/';
const COMPONENTS = '#/components/schemas/';

/**
 * zod → JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses). Schemas named with `.meta({ id })`
 * become components. A request (`input`) and a response (`output`) can see one named schema
 * differently: a default makes a field optional on input, an object accepts unknown keys on input
 * but lists exactly its keys on output. Such a schema (or one referring to such a schema) is
 * filed twice, `<id>` for responses and `<id>Input` for requests, never one over the other.
 */
const schemaConverter = () => {
  const named: Record<Io, Map<string, string>> = { input: new Map(), output: new Map() };
  const converted: { io: Io; json: Json }[] = [];

  const convert = (schema: z.ZodType, io: Io): Json => {
    const { $schema: _dialect, $defs, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Json & { $defs?: Json };
    for (const [id, def] of Object.entries($defs ?? {})) {
      const text = JSON.stringify(def);
      const known = named[io].get(id);
      if (known !== undefined && known !== text) throw new Error(`Two different zod schemas carry the id ${id}`);
      named[io].set(id, text);
    }
    converted.push({ io, json });
    return json;
  };

  /** Files the components and points every `$ref` at the right one (the converted schemas are patched in place). */
  const components = (): Json => {
    const refsOf = (text: string) => [...text.matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map((m) => m[1]!);
    const split = new Set([...named.input].filter(([id, text]) => named.output.has(id) && named.output.get(id) !== text).map(([id]) => id));
    for (let grown = true; grown;) {
      grown = false;
      for (const [id, text] of named.input) {
        if (split.has(id) || !named.output.has(id) || !refsOf(text).some((ref) => split.has(ref))) continue;
        split.add(id);
        grown = true;
      }
    }
    const nameOf = (io: Io, id: string) => (io === 'input' && split.has(id) ? `${id}Input` : id);
    const resolve = (value: unknown, io: Io): unknown => {
      if (Array.isArray(value)) return value.map((v) => resolve(v, io));
      if (!value || typeof value !== 'object') return value;
      const object = value as Json;
      for (const [key, v] of Object.entries(object)) {
        object[key] = key === '$ref' && typeof v === 'string' && v.startsWith(DEFS) ? COMPONENTS + nameOf(io, v.slice(DEFS.length)) : resolve(v, io);
      }
      return object;
    };
    for (const { io, json } of converted) resolve(json, io);
    const schemas: Json = {};
    for (const io of ['output', 'input'] as const) {
      for (const [id, text] of named[io]) {
        const name = nameOf(io, id);
        if (io === 'input' && name !== id && named.output.has(name)) throw new Error(`${name} names both a schema and the input form of ${id}`);
        schemas[name] ??= resolve(JSON.parse(text), io);
      }
    }
    return Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  };

  return { convert, components };
};

type Converter = ReturnType<typeof schemaConverter>;

const PARAMETER_PARTS = { path: 'params', query: 'query', header: 'headers' } as const;

/** Path, query and header parameters, one per property of the route's schema for that part. */
const parametersOf = (route: RouteDecl, convert: Converter['convert']): Json[] =>
  Object.entries(PARAMETER_PARTS).flatMap(([where, part]) => {
    const schema = route.request[part];
    if (!schema) return [];
    const json = convert(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    return Object.entries(json.properties ?? {}).map(([name, { description, ...s }]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: s,
    }));
  });

const signedHeader = (name: string, description: string) => ({ type: 'apiKey', in: 'header', name, description }) as const;

const SECURITY_SCHEMES = {
  cognito: {
    type: 'http', scheme: 'bearer', bearerFormat: 'JWT',
    description: 'The Cognito ID token of a signed-in user (`Authorization: Bearer <token>`), from the user pool and client `GET /v1/config` reports. Its groups (citizen, business, official, admin) decide which routes the user may call.',
  },
  agencyOAuth: {
    type: 'oauth2',
    description: 'Agency systems, the alternative to the signature: an OAuth 2.0 client-credentials access token (`Authorization: Bearer <token>`) of the app client made when the system was registered. The token URL is the one the registration answered with (`oauthClient.tokenUrl`: the user pool domain\'s in AWS, the gateway\'s `/oauth2/token` locally); the token speaks for the system\'s agencies only (docs/identity.md "Client-credentials tokens").',
    flows: {
      clientCredentials: {
        tokenUrl: '/oauth2/token',
        scopes: Object.fromEntries(machineClients.scopes.map((s) => [fullScope(s.name), s.description])),
      },
    },
  },
  agencyKeyId: signedHeader(SIGNATURE_HEADERS.keyId,
    `Agency systems: the key id an administrator registered the system under. Sent with ${SIGNATURE_HEADERS.timestamp} and ${SIGNATURE_HEADERS.signature} (docs/api.md, docs/identity.md).`),
  agencyTimestamp: signedHeader(SIGNATURE_HEADERS.timestamp,
    `Agency systems: the signing time in unix seconds; refused when more than ${SIGNATURE_WINDOW_SECONDS} seconds away from the portal's clock.`),
  agencySignature: signedHeader(SIGNATURE_HEADERS.signature,
    'Agency systems: hex HMAC-SHA256 with one of the system\'s active secrets over `METHOD\\npath?query\\ntimestamp\\nhex sha256(body)`. Each signature is accepted once.'),
  paymentTimestamp: signedHeader('x-payment-timestamp',
    'Payment provider callbacks: the signing time in unix seconds; 401 STALE_CALLBACK when more than 300 seconds away.'),
  paymentSignature: signedHeader('x-payment-signature',
    'Payment provider callbacks: hex HMAC-SHA256 with the provider\'s shared secret over `<timestamp>.<raw body>`; 401 BAD_SIGNATURE when missing or wrong (docs/payments.md).'),
};

/** Every scheme listed in one requirement must be satisfied together. */
const securityOf = (auth: AuthRule): Json[] => {
  switch (auth.kind) {
    case 'user': return [{ cognito: [] }];
    // Either the signature (every scope) or a token carrying the route's scope.
    case 'agency-system': return [{ agencyKeyId: [], agencyTimestamp: [], agencySignature: [] }, { agencyOAuth: [fullScope(auth.scope)] }];
    case 'public': return auth.signature === 'payment-provider' ? [{ paymentTimestamp: [], paymentSignature: [] }] : [];
  }
};

const whoMayCall = (auth: AuthRule): string => {
  switch (auth.kind) {
    case 'user': return `Who may call: signed-in users of the group${auth.groups.length > 1 ? 's' : ''} ${auth.groups.join(', ')} (Cognito ID token).`;
    case 'agency-system': return `Who may call: registered agency systems, with a signed request or a client-credentials token carrying ${fullScope(auth.scope)}.`;
    case 'public': return auth.signature === 'payment-provider'
      ? 'Who may call: a configured payment provider, with its signature (no user credentials).'
      : 'Who may call: anyone; no credentials.';
  }
};

const ERROR = { $ref: `${COMPONENTS}Error` };
const envelope = (description: string) => ({ description, content: { 'application/json': { schema: ERROR } } });

/** The error statuses a route can answer, all in the error envelope unless API Gateway answers first; a route's own `errors` are added. */
const errorResponsesOf = (route: RouteDecl, refusal: Json): Json => {
  const { request, auth } = route;
  const credentialsChecked = auth.kind !== 'public' || auth.signature !== undefined;
  const gatewayOrEnvelope = (description: string) => ({ description, content: { 'application/json': { schema: { anyOf: [ERROR, refusal] } } } });
  return {
    ...(request.params || request.query || request.body || request.headers ? { 400: envelope('Invalid request: `details` lists each bad field by path (e.g. `query.limit`)') } : {}),
    ...(credentialsChecked ? { 401: gatewayOrEnvelope('Missing, expired or refused credentials or signature (API Gateway\'s `{"message"}` when its authorizer refuses)') } : {}),
    ...(auth.kind !== 'public' ? { 403: gatewayOrEnvelope('Authenticated, but not allowed this route or this resource') } : {}),
    404: envelope('Not found (or not visible to the caller)'),
    409: envelope('State or version conflict'),
    ...(request.body ? {
      413: gatewayOrEnvelope('Too large: the body (over 1 MB; API Gateway\'s `{"message"}` over its 10 MB limit), or a stored record or a file the body declares for upload'),
      415: envelope('The body is not application/json, or a file it declares is of a type not accepted'),
    } : {}),
    422: envelope('A domain rule refused the request'),
    429: { description: 'Throttled by API Gateway', content: { 'application/json': { schema: refusal } } },
    431: { description: 'The request line and headers together exceed API Gateway\'s 10,240-byte quota', content: { 'application/json': { schema: refusal } } },
    500: gatewayOrEnvelope('Our fault; the message carries no internals (API Gateway\'s `{"message"}` when a function crashed)'),
    ...Object.fromEntries(Object.entries(route.errors ?? {}).map(([kind, description]) => [HTTP_STATUS_OF_KIND[kind as ErrorKind], envelope(description)])),
  };
};

export interface OpenApiInfo {
  version: string;
  serverUrl?: string;
  /** Where integrators reach the portal's operators (the deployment's portal address). */
  contactUrl: string;
}

export const buildOpenApi = async (platform: PlatformDecl, info: OpenApiInfo): Promise<Json> => {
  const { convert, components } = schemaConverter();
  // ErrorEnvelope carries the id `Error`: converting it files the component (the reference returned is ERROR).
  convert(ErrorEnvelope, 'output');
  const refusal = convert(GatewayError, 'output');
  const paths: Record<string, Json> = {};
  for (const route of platform.routes) {
    const body = route.documentedBody ? await route.documentedBody() : route.request.body;
    const operation: Json = {
      operationId: route.id,
      summary: route.summary,
      description: `${route.description}\n\n${whoMayCall(route.auth)}`,
      tags: route.tags,
      ...(route.auth.kind === 'user' ? { 'x-groups': route.auth.groups } : {}),
      security: securityOf(route.auth),
      parameters: parametersOf(route, convert),
      ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: convert(body, 'input') } } } } : {}),
      responses: {
        ...errorResponsesOf(route, refusal),
        // A status the route declares itself wins (the QCVN 120 route's 400 is the standard's refusal with the envelope inside).
        ...Object.fromEntries(Object.entries(route.responses).map(([status, r]) => [status, {
          description: r.description,
          ...(r.schema ? {
            content: Object.fromEntries(Object.entries({ [r.contentType ?? 'application/json']: r.schema, ...r.alternatives })
              .map(([type, schema]) => [type, { schema: convert(schema, 'output') }])),
          } : {}),
        }])),
      },
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dvc-portal API',
      version: info.version,
      summary: 'National public-service portal API',
      description: 'The national public-service portal: procedures and catalogues, dossiers, payments, ratings, feedback, the FAQ, the service index and statistics, and the exchange with agency one-stop systems. Errors are `{"error":{"code","message","details"}}`; lists are `{"items","nextCursor"}` with `limit` and `cursor`.',
      contact: { name: 'Portal operators', url: info.contactUrl },
      // The repository's LICENSE (package.json `license`), by its SPDX identifier.
      license: { name: 'Apache License 2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: info.serverUrl ?? '/', description: 'This deployment' }],
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: { schemas: components(), securitySchemes: SECURITY_SCHEMES },
  };
};
