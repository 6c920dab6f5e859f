// A fuzz campaign over every operation of the portal's OpenAPI document: valid requests generated
// from the operation's schemas and mutated ones (mutations.ts), each sent as one of the roles, and
// every answer checked: never a 5xx, every error in the envelope, every response as the document
// says. A seed replays the same requests in the same order.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { signRequest } from '../../shared/auth/agency-signature';
import { platform } from '../../shared/platform';
import { arbitraryOf, type Json, type JsonSchema, type SchemaContext } from './schema-arbitrary';
import { MUTATIONS, mutationArbitrary, mutationFor, type MutationName, type RequestParts } from './mutations';
import { createConformance } from '../support/conformance';

export const FUZZ_ROLES = ['anonymous', 'citizen', 'business', 'official', 'admin', 'agencySystem'] as const;
export type FuzzRole = (typeof FUZZ_ROLES)[number];

export interface Credentials {
  tokens: Partial<Record<Exclude<FuzzRole, 'anonymous' | 'agencySystem'>, string>>;
  agencySystem: { keyId: string; secret: string };
}

export interface CampaignOptions {
  baseUrl: string;
  document: OpenApiDocument;
  credentials: Credentials;
  requests: number;
  seed: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Real values for parameters and properties by name (procedure codes, dossier ids, ...). */
  known?: Record<string, readonly string[]>;
  /** Share of requests sent as generated, without a mutation (0–1). */
  validShare?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema> };
}

interface Parameter { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: JsonSchema }
interface Operation {
  operationId: string;
  security?: Record<string, unknown>[];
  'x-groups'?: string[];
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}

export interface Finding {
  index: number;
  operationId: string;
  role: FuzzRole;
  mutation: MutationName | 'none';
  request: string;
  status: number;
  problem: string;
}

export interface CampaignResult {
  sent: number;
  byStatusClass: Record<string, number>;
  byOperation: Record<string, number>;
  /** Responses checked against the document (matched a declared operation). */
  conforming: number;
  findings: Finding[];
  slowest: { ms: number; request: string; status: number };
  elapsedMs: number;
}

interface PlannedRequest {
  index: number;
  path: string;
  method: string;
  operation: Operation;
  role: FuzzRole;
  mutation?: { name: MutationName; n: number };
  valid: RequestParts;
}

const operationsOf = (doc: OpenApiDocument) =>
  Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ path, method: method.toUpperCase(), operation })));

/** The arbitrary of a valid request's parts for one operation. */
const validParts = (operation: Operation, ctx: SchemaContext): fc.Arbitrary<RequestParts> => {
  const params = operation.parameters ?? [];
  const record = (where: Parameter['in']) =>
    fc.record(
      Object.fromEntries(params.filter((p) => p.in === where).map((p) => [p.name, arbitraryOf(p.schema, ctx, p.name)])),
      { requiredKeys: params.filter((p) => p.in === where && (p.required || where === 'path')).map((p) => p.name) },
    ) as fc.Arbitrary<Record<string, Json>>;
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  return fc.record({
    path: record('path'),
    query: record('query'),
    header: record('header'),
    body: bodySchema ? arbitraryOf(bodySchema, ctx).map((json) => ({ json })) : fc.constant(undefined),
  }).map(({ path, query, header, body }) => ({
    params: Object.fromEntries(Object.entries(path).map(([k, v]) => [k, String(v)])),
    query: Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string]),
    headers: {
      ...Object.fromEntries(Object.entries(header).map(([k, v]) => [k.toLowerCase(), String(v)])),
      // Routes that require it say so; the others ignore it.
      'idempotency-key': randomUUID(),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body } : {}),
  }));
};

const pathWith = (template: string, parts: RequestParts) =>
  template.replace(/\{([^}]+)\}/g, (_, name: string) => parts.rawParams?.[name] ?? encode(parts.params[name] ?? 'x'));

/** Percent-encoding as a browser would, except that a lone surrogate goes out as its (invalid) UTF-8 bytes. */
const encode = (value: string) => {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((ch) => {
      try { return encodeURIComponent(ch); } catch { return '%ED%A0%80'; }
    }).join('');
  }
};

const queryString = (parts: RequestParts) => {
  const pairs = [...parts.query.map(([k, v]) => `${encode(k)}=${encode(v)}`), ...(parts.rawQuery ?? []).map(([k, v]) => `${k}=${v}`)];
  return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
};

const bodyText = (parts: RequestParts): string | undefined => {
  if (!parts.body) return undefined;
  return 'text' in parts.body ? parts.body.text : JSON.stringify(parts.body.json);
};

/** The roles the document lets call an operation. */
const allowedRoles = (operation: Operation): FuzzRole[] => {
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  if (schemes.includes('agencySignature')) return ['agencySystem'];
  if (schemes.includes('cognito')) return (operation['x-groups'] ?? []).filter((g): g is FuzzRole => (FUZZ_ROLES as readonly string[]).includes(g));
  return ['anonymous'];
};

/**
 * Every role in turn for the first rounds, so each operation meets each role; after that mostly a
 * role the operation admits, so that requests get past authorization to the handler's own checks.
 */
const roleFor = (operation: Operation, round: number, opIndex: number, n: number): FuzzRole => {
  const allowed = allowedRoles(operation);
  if (round < FUZZ_ROLES.length || allowed.length === 0 || n % 4 === 0) return FUZZ_ROLES[(round + opIndex) % FUZZ_ROLES.length]!;
  return allowed[n % allowed.length]!;
};

/** Plans the campaign: which operation, role and mutation each request has (cheap; sizes come later). */
export const planCampaign = (opts: CampaignOptions): PlannedRequest[] => {
  const operations = operationsOf(opts.document);
  const ctx: SchemaContext = {
    components: opts.document.components.schemas,
    known: (name) => opts.known?.[name],
  };
  const validShare = opts.validShare ?? 0.3;
  const perOperation = operations.map(({ operation }) =>
    fc.record({
      valid: validParts(operation, ctx),
      // A percentage (fast-check's doubles lean to the bounds, which would skew the share).
      mutate: fc.noBias(fc.integer({ min: 0, max: 99 })),
      mutation: mutationArbitrary,
    }));
  const planned: PlannedRequest[] = [];
  // Every operation in turn, every role in turn across the rounds: the first |ops| × |roles|
  // requests cover each operation as each role.
  const samples = operations.map((_, i) =>
    fc.sample(perOperation[i]!, { seed: opts.seed + i, numRuns: Math.ceil(opts.requests / operations.length) }));
  for (let index = 0; index < opts.requests; index += 1) {
    const opIndex = index % operations.length;
    const round = Math.floor(index / operations.length);
    const { path, method, operation } = operations[opIndex]!;
    const sample = samples[opIndex]![round]!;
    planned.push({
      index, path, method, operation,
      role: roleFor(operation, round, opIndex, sample.mutation.n),
      valid: sample.valid,
      ...(sample.mutate >= validShare * 100
        ? { mutation: { name: mutationFor(sample.mutation.name, sample.mutation.n, operation.requestBody !== undefined), n: sample.mutation.n } }
        : {}),
    });
  }
  return planned;
};

const materialize = (plan: PlannedRequest, credentials: Credentials) => {
  const parts = plan.mutation ? MUTATIONS[plan.mutation.name](plan.mutation.n)(plan.valid) : plan.valid;
  const pathWithQuery = `${pathWith(plan.path, parts)}${queryString(parts)}`;
  const body = bodyText(parts);
  const headers: Record<string, string> = { ...parts.headers };
  if (body === undefined) delete headers['content-type'];
  if (plan.role === 'agencySystem') {
    const signed = signRequest({ ...credentials.agencySystem, method: plan.method, pathWithQuery, body, now: Date.now() / 1000 });
    // A mutation that set its own signature headers keeps them: it is testing those.
    for (const [k, v] of Object.entries(signed)) headers[k] ??= v;
  } else if (plan.role !== 'anonymous') {
    const token = credentials.tokens[plan.role];
    if (token) headers.authorization ??= `Bearer ${token}`;
  }
  return { pathWithQuery, body, headers };
};

const describe = (method: string, pathWithQuery: string, body: string | undefined) =>
  `${method} ${pathWithQuery.length > 160 ? `${pathWithQuery.slice(0, 160)}…` : pathWithQuery}${body === undefined ? '' : ` body ${body.length} B`}`;

const ENVELOPE_CODE = /^[A-Z][A-Z0-9_]*$/;
// Whether the status is declared for the operation is the conformance check's business.
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([401, 403, 404, 413, 429, 431]);
const isGatewayBody = (json: unknown) =>
  json !== null && typeof json === 'object' && Object.keys(json).length === 1 && typeof (json as { message?: unknown }).message === 'string';

/** Runs the planned requests against the portal and checks every answer. */
export const runCampaign = async (opts: CampaignOptions): Promise<CampaignResult> => {
  const started = performance.now();
  const contract = createConformance(opts.document as unknown as Record<string, unknown>, platform.routes);
  const planned = planCampaign(opts);
  const result: CampaignResult = {
    sent: 0, byStatusClass: {}, byOperation: {}, conforming: 0, findings: [],
    slowest: { ms: 0, request: '', status: 0 }, elapsedMs: 0,
  };
  let next = 0;
  const worker = async () => {
    for (let plan = planned[next++]; plan; plan = planned[next++]) {
      let materialized: ReturnType<typeof materialize>;
      try {
        materialized = materialize(plan, opts.credentials);
      } catch (error) {
        result.findings.push({ index: plan.index, operationId: plan.operation.operationId, role: plan.role,
          mutation: plan.mutation?.name ?? 'none', request: plan.path, status: 0, problem: `the harness could not build it: ${(error as Error).message}` });
        continue;
      }
      const { pathWithQuery, body, headers } = materialized;
      const request = describe(plan.method, pathWithQuery, body);
      const finding = (status: number, problem: string) => result.findings.push({
        index: plan.index, operationId: plan.operation.operationId, role: plan.role,
        mutation: plan.mutation?.name ?? 'none', request, status, problem,
      });
      const t0 = performance.now();
      let res: Response;
      try {
        res = await fetch(`${opts.baseUrl}${pathWithQuery}`, { method: plan.method, headers, body });
      } catch (error) {
        finding(0, `no answer: ${(error as Error).message}`);
        continue;
      }
      const text = await res.text();
      const ms = performance.now() - t0;
      result.sent += 1;
      result.byStatusClass[`${Math.floor(res.status / 100)}xx`] = (result.byStatusClass[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1;
      result.byOperation[plan.operation.operationId] = (result.byOperation[plan.operation.operationId] ?? 0) + 1;
      if (ms > result.slowest.ms) result.slowest = { ms, request: `${request} as ${plan.role}`, status: res.status };
      opts.onProgress?.(result.sent, planned.length);

      if (res.status >= 500) finding(res.status, `server error: ${text.slice(0, 300)}`);
      const contentType = res.headers.get('content-type') ?? '';
      let json: unknown;
      if (/json/.test(contentType)) {
        try { json = JSON.parse(text); } catch { finding(res.status, 'a JSON content type with a body that is not JSON'); continue; }
      }
      // API Gateway answers some requests itself (authorizer refusals, body too large), with its
      // own body and no handler behind it (docs/api.md): those are not the handlers' envelope.
      const gatewayAnswer = GATEWAY_STATUSES.has(res.status) && isGatewayBody(json);
      if (res.status >= 400 && !gatewayAnswer) {
        const error = (json as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
        if (!error || typeof error.code !== 'string' || !ENVELOPE_CODE.test(error.code) || typeof error.message !== 'string') {
          finding(res.status, `an error without the envelope: ${text.slice(0, 200)}`);
          continue;
        }
      }
      // Status, content type, body and x-request-id as the document declares them for the
      // operation the gateway took the request for (test/support/conformance.ts).
      const verdict = contract.check({ method: plan.method, path: pathWithQuery.split('?')[0]!, status: res.status, headers: res.headers, body: text });
      if (verdict.problems.length > 0) finding(res.status, `does not conform to the document: ${verdict.problems.join('; ').slice(0, 400)}`);
      else result.conforming += 1;
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  result.elapsedMs = performance.now() - started;
  return result;
};

/** Findings of one kind (operation, status, problem) together, the most frequent first. */
const groupFindings = (findings: Finding[]) => {
  const groups = new Map<string, { count: number; first: Finding }>();
  for (const f of findings) {
    const key = `${f.operationId} ${f.status} ${f.problem.replace(/[0-9a-f-]{36}/g, '…').slice(0, 80)}`;
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { count: 1, first: f });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
};

export const summarize = (r: CampaignResult): string => {
  const classes = Object.entries(r.byStatusClass).sort().map(([k, v]) => `${k} ${v}`).join(', ');
  return [
    `fuzz: ${r.sent} requests in ${(r.elapsedMs / 1000).toFixed(1)} s over ${Object.keys(r.byOperation).length} operations — ${classes}`,
    `fuzz: ${r.conforming} responses conformed to the OpenAPI document; ${r.findings.length} findings`,
    `fuzz: slowest ${r.slowest.ms.toFixed(0)} ms — ${r.slowest.request} → ${r.slowest.status}`,
    ...groupFindings(r.findings).slice(0, 40).map(({ count, first: f }) =>
      `  ${count}× e.g. #${f.index} ${f.operationId} as ${f.role} [${f.mutation}] ${f.request} → ${f.status}: ${f.problem}`),
  ].join('\n');
};
