// The OpenAPI 3.1 document, generated from the route declaration and its zod schemas.
import * as z from 'zod';
import { ErrorEnvelope, GatewayError } from '../contracts/common';
import type { PlatformDecl, RouteDecl } from './types';

type Json = Record<string, unknown>;

/** zod → JSON Schema 2020-12 (the dialect OpenAPI 3.1 uses); named schemas go to components. */
const toSchema = (schema: z.ZodType, io: 'input' | 'output', components: Json): Json => {
  const json = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    reused: 'inline',
    override: (ctx) => {
      // Coerced query numbers are strings on the wire but documented as numbers.
      void ctx;
    },
  }) as Json & { $defs?: Json };
  const { $schema: _ignored, $defs = {}, ...rest } = json;
  void _ignored;
  const names = new Map(Object.keys($defs).map((name) => [name, name]));
  const toComponents = (value: unknown) =>
    JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\/([^"]+)"/g, (_ref, name: string) => `"#/components/schemas/${names.get(name) ?? name}"`)) as Json;
  // A named schema both answered and sent (a GET's answer and a PUT's body) has two forms (defaults,
  // unknown keys): the request form is filed as `<name>Input` instead of replacing the response
  // form (buildOpenApi files every response first), and so is whatever refers to a renamed one.
  for (let renamed = io === 'input'; renamed;) {
    renamed = false;
    for (const [name, def] of Object.entries($defs)) {
      if (names.get(name) !== name || !(name in components)) continue;
      if (JSON.stringify(components[name]) === JSON.stringify(toComponents(def))) continue;
      names.set(name, `${name}Input`);
      renamed = true;
    }
  }
  // Definitions refer to each other by `#/$defs/…` too: rewrite them as well as the schema.
  for (const [name, def] of Object.entries($defs)) components[names.get(name)!] = toComponents(def);
  return toComponents(rest);
};

const parametersOf = (route: RouteDecl, where: 'path' | 'query', components: Json): Json[] => {
  const schema = where === 'path' ? route.request.params : route.request.query;
  if (!schema) return [];
  const json = toSchema(schema, 'input', components) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }));
};

const ERROR_RESPONSES: Record<string, string> = {
  400: 'Invalid request (details list the field paths)',
  401: 'Not signed in, or the token or signature was refused',
  403: 'Signed in but not allowed',
  404: 'Not found',
  409: 'State or version conflict',
  413: 'Body too large',
  415: 'Body is not JSON',
  422: 'A domain rule refused the request',
  429: 'Too many requests',
  500: 'Our fault only (INTERNAL_ERROR); the message never carries internals',
};

/** Statuses API Gateway answers itself on this route, with its own body instead of the envelope (docs/api.md). */
const gatewayAnswers = (route: RouteDecl): Record<string, 'only' | 'too'> => ({
  ...(route.auth.kind !== 'public' ? { 401: 'too' } : {}),
  ...(route.auth.kind === 'agency-system' ? { 403: 'too' } : {}),
  413: 'too',
  429: 'only',
  500: 'too',
});

export const buildOpenApi = (platform: PlatformDecl, info: { version: string; serverUrl?: string }): Json => {
  const components: Json = {};
  // ErrorEnvelope carries the id `Error`: converting it files the definition under that name and
  // returns a reference to it (assigning that reference to `Error` would make it refer to itself).
  const errorRef = toSchema(ErrorEnvelope, 'output', components);
  const gatewayRef = toSchema(GatewayError, 'output', components);
  const errorSchema = (route: RouteDecl, status: string) => {
    const gateway = gatewayAnswers(route)[status];
    return gateway === 'only' ? gatewayRef : gateway === 'too' ? { oneOf: [errorRef, gatewayRef] } : errorRef;
  };
  // Every response before any request part: toSchema files a request form under its own name
  // when a response form holds the name.
  const successResponses = new Map(platform.routes.map((route) => [route, Object.fromEntries(
    Object.entries(route.responses).map(([status, r]) => [
      status,
      {
        description: r.description,
        ...(r.schema ? {
          content: Object.fromEntries(
            Object.entries({ [r.contentType ?? 'application/json']: r.schema, ...r.alternatives })
              .map(([type, schema]) => [type, { schema: toSchema(schema, 'output', components) }]),
          ),
        } : {}),
      },
    ]),
  )]));
  const paths: Record<string, Json> = {};
  for (const route of platform.routes) {
    const operation: Json = {
      operationId: route.id,
      summary: route.summary,
      tags: route.tags,
      parameters: [...parametersOf(route, 'path', components), ...parametersOf(route, 'query', components)],
      responses: {
        ...successResponses.get(route),
        ...Object.fromEntries(
          Object.entries(ERROR_RESPONSES).map(([status, description]) => [
            status,
            { description, content: { 'application/json': { schema: errorSchema(route, status) } } },
          ]),
        ),
      },
    };
    if (route.request.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: toSchema(route.request.body, 'input', components) } },
      };
    }
    if (route.auth.kind === 'user') {
      operation.security = [{ cognito: [] }];
      operation['x-groups'] = route.auth.groups;
    } else if (route.auth.kind === 'agency-system') {
      operation.security = [{ agencySignature: [] }];
    } else {
      operation.security = [];
    }
    paths[route.path] = { ...(paths[route.path] ?? {}), [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dvc-portal API',
      version: info.version,
      description: 'National public-service portal: procedures, dossiers, payments, feedback, sync and the service index.',
    },
    servers: [{ url: info.serverUrl ?? '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        cognito: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito ID token' },
        agencySignature: {
          type: 'apiKey', in: 'header', name: 'x-dvc-signature',
          description: 'HMAC-SHA256 signed request with x-dvc-key-id and x-dvc-timestamp (SPEC §2)',
        },
      },
    },
  };
};
