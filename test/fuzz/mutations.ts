// Ways a hostile or broken client bends a valid request. Each mutation takes the valid request's
// parts and returns the bent ones; the campaign picks one per request with fast-check, so a seed
// replays the same campaign. The sizes aim at the limits that matter: DynamoDB's 400 KB item, the
// API's 1 MB body, list bounds.
import fc from 'fast-check';
import type { Json } from './schema-arbitrary';

export interface RequestParts {
  /** Path parameters, raw (the campaign percent-encodes them unless a mutation set `rawPath`). */
  params: Record<string, string>;
  /** Query pairs, in order; a name may repeat. */
  query: [string, string][];
  headers: Record<string, string>;
  /** The JSON body as a value, or, once a mutation needs what JSON.stringify cannot say, as text. */
  body?: { json: Json } | { text: string };
  /** Path parameters already encoded by the mutation (bad encodings must reach the wire as is). */
  rawParams?: Record<string, string>;
  /** Query pairs sent as they are, after `query` (bad encodings). */
  rawQuery?: [string, string][];
}

export type Mutation = (parts: RequestParts) => RequestParts;

/** Strings that have broken parsers, normalizers and storage before. */
export const NASTY_STRINGS: readonly string[] = [
  'Đăng ký khai sinh'.normalize('NFD'), // decomposed Vietnamese: must match its NFC twin or be refused cleanly
  'Đăng ký khai sinh'.normalize('NFC'),
  '\u202Eevil.pdf\u202Cgnp', // right-to-left override
  'a\u0000b', // NUL
  '\uD800', // lone high surrogate
  '\uDFFFx', // lone low surrogate
  '\u200B\u200D\uFEFF', // zero-width characters only
  '   ', // blank
  '',
  '👩‍👩‍👧‍👦'.repeat(50),
  '<script>alert(1)</script>',
  "' OR '1'='1",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, meant literally
  '${jndi:ldap://127.0.0.1/x}',
  '../../../../etc/passwd',
  '0'.repeat(64),
  '-1',
  '1e309',
  'NaN',
  'null',
  'true',
  '2026-02-30',
  '2026-13-01T25:61:61Z',
  '9999-12-31T23:59:59+14:00',
];

export const BAD_PATH_PARAMS: readonly string[] = [
  '..%2F..%2Fetc%2Fpasswd',
  '%2e%2e%2f%2e%2e',
  '..',
  '%ZZ',
  '%C0%AF',
  '%E0%A4%A',
  '%',
  '%00',
  '%F0%9F%98',
  'a'.repeat(5_000),
  '%C4%90%C4%83ng', // Đăng, well encoded
  '__proto__',
  'constructor',
  '%20',
];

/** Huge sizes: under, near and over the item limit (400 KB) and the body limit (1 MB). */
const HUGE_STRING_LENGTHS = [10_000, 150_000, 399_000, 420_000, 1_100_000] as const;
const HUGE_ARRAY_LENGTHS = [101, 1_000, 5_000] as const;

// ---------------------------------------------------------------------------------------------
// Walking a JSON value

type Path = (string | number)[];

const nodesOf = (value: Json, path: Path = [], out: { path: Path; value: Json }[] = []) => {
  out.push({ path, value });
  if (Array.isArray(value)) for (const [i, v] of value.entries()) nodesOf(v, [...path, i], out);
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) nodesOf(v, [...path, k], out);
  return out;
};

const setAt = (value: Json, path: Path, replacement: Json | undefined): Json => {
  if (path.length === 0) return replacement ?? null;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && replacement === undefined) copy.splice(head as number, 1);
    else copy[head as number] = setAt(copy[head as number] ?? null, rest, replacement);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const copy = { ...value };
    if (rest.length === 0 && replacement === undefined) delete copy[head as string];
    else copy[head as string] = setAt(copy[head as string] ?? null, rest, replacement);
    return copy;
  }
  return value;
};

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

const jsonBody = (parts: RequestParts): Json => (parts.body && 'json' in parts.body ? parts.body.json : {});

/** A mutation of the body value at one node chosen by `n`, among nodes that pass `filter`. */
const atNode = (n: number, filter: (node: { path: Path; value: Json }) => boolean, change: (v: Json) => Json | undefined): Mutation =>
  (parts) => {
    const body = jsonBody(parts);
    const node = pick(nodesOf(body).filter(filter), n);
    if (!node) return { ...parts, body: { json: change(body) ?? null } };
    return { ...parts, body: { json: setAt(body, node.path, change(node.value)) } };
  };

const otherType = (v: Json, n: number): Json => {
  const options: Json[] = [42, -1.5, true, 'text', [], {}, null, [1, 'two'], { nested: { deeper: [] } }];
  const differs = options.filter((o) => typeof o !== typeof v || Array.isArray(o) !== Array.isArray(v));
  return pick(differs, n) ?? 'text';
};

const nested = (depth: number, kind: 'array' | 'object') =>
  kind === 'array' ? `${'['.repeat(depth)}1${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

// ---------------------------------------------------------------------------------------------
// The mutations

export const MUTATIONS = {
  'wrong-type': (n: number) => atNode(n, () => true, (v) => otherType(v, n)),
  'missing-field': (n: number) => atNode(n, (node) => node.path.length > 0, () => undefined),
  null: (n: number) => atNode(n, () => true, () => null),
  'extra-key': (n: number) => atNode(n, (node) => node.value !== null && typeof node.value === 'object' && !Array.isArray(node.value),
    (v) => ({ ...(v as Record<string, Json>), [`unexpected${n % 7}`]: pick(NASTY_STRINGS, n) ?? 'x' })),
  'prototype-key': (n: number): Mutation => (parts) => {
    // Literal `__proto__` keys exist only in the text: JSON.parse makes them own properties.
    const key = pick(['__proto__', 'constructor', 'prototype'], n)!;
    const body = jsonBody(parts);
    const inner = JSON.stringify(body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {});
    const injected = `{"${key}":{"isAdmin":true,"polluted":"yes","toString":"x"}${inner.length > 2 ? `,${inner.slice(1)}` : '}'}`;
    return { ...parts, body: { text: injected } };
  },
  'huge-string': (n: number) => atNode(n, (node) => typeof node.value === 'string' || node.path.length === 0,
    () => 'Đ'.repeat((pick(HUGE_STRING_LENGTHS, n) ?? 10_000) / 2)),
  'huge-array': (n: number) => atNode(n, (node) => Array.isArray(node.value) || node.path.length === 0,
    (v) => Array.from({ length: pick(HUGE_ARRAY_LENGTHS, n) ?? 1_000 }, () => (Array.isArray(v) && v.length > 0 ? v[0]! : 'x'.repeat(60)))),
  'nasty-text': (n: number) => atNode(n, (node) => typeof node.value === 'string', () => pick(NASTY_STRINGS, n) ?? ''),
  'deep-nesting': (n: number): Mutation => (parts) => ({
    ...parts, body: { text: nested(pick([50, 1_000, 20_000], n) ?? 1_000, n % 2 === 0 ? 'array' : 'object') },
  }),
  'not-json': (n: number): Mutation => (parts) => ({
    ...parts,
    headers: { ...parts.headers, 'content-type': 'application/json' },
    body: { text: pick(['{', '', 'nonsense', '{"a":1,}', '\uFEFF{}', '[]', '"just a string"', '{"a":"\\ud800"}', '1'.repeat(400)], n)! },
  }),
  'wrong-content-type': (n: number): Mutation => (parts) => ({
    ...parts,
    headers: { ...parts.headers, 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', 'application/xml'], n)! },
    body: parts.body ?? { json: {} },
  }),
  'bad-path-param': (n: number): Mutation => (parts) => {
    const names = Object.keys(parts.params);
    const name = pick(names, n);
    if (!name) return MUTATIONS['duplicate-query'](n)(parts);
    return { ...parts, rawParams: { [name]: pick(BAD_PATH_PARAMS, n)! } };
  },
  'duplicate-query': (n: number): Mutation => (parts) => {
    const query = parts.query.length > 0 ? parts.query : [['limit', '5'] as [string, string]];
    const extra = query.map(([k]) => [k, pick(NASTY_STRINGS, n + k.length) ?? 'x'] as [string, string]);
    return { ...parts, query: n % 2 === 0 ? [...query, ...extra] : [...extra, ...query] };
  },
  'bad-query': (n: number): Mutation => (parts) => {
    const name = pick(parts.query.map(([k]) => k), n) ?? pick(['limit', 'cursor', 'period', 'q', 'status'], n)!;
    const value = pick(['-1', '0', '101', '1e3', 'abc', '', 'x'.repeat(5_000), '[object Object]', 'Đ'.normalize('NFD'), '\uD800'], n)!;
    const query = parts.query.filter(([k]) => k !== name);
    // Every other one goes out badly encoded, as typed into an address bar.
    if (n % 3 === 0) return { ...parts, query, rawQuery: [[name, pick(['%ZZ', '%', '%C0%AF', '%E0%A4%A', '%00', '%FF%FE'], n)!]] };
    return { ...parts, query: [...query, [name, value]] };
  },
  'bad-headers': (n: number): Mutation => (parts) => {
    const variants: Record<string, string>[] = [
      { 'idempotency-key': '' },
      { 'idempotency-key': 'k'.repeat(8_000) },
      { 'idempotency-key': ' \t ' },
      { authorization: 'Bearer not.a.jwt' },
      { authorization: 'Basic ZGVtbzpkZW1v' },
      { authorization: 'Bearer ' },
      { 'x-dvc-key-id': 'demo-hanoi-system', 'x-dvc-timestamp': 'yesterday', 'x-dvc-signature': 'zz' },
      { 'x-dvc-key-id': '../../etc', 'x-dvc-timestamp': '99999999999', 'x-dvc-signature': '0'.repeat(64) },
      { 'content-type': 'application/json', 'content-length': '0' },
      { 'x-forwarded-for': '10.0.0.1, 127.0.0.1', 'x-request-id': 'r'.repeat(2_000) },
    ];
    const chosen = pick(variants, n)!;
    const headers = { ...parts.headers, ...chosen };
    // A wrong content-length is the transport's business, not the API's: leave framing to fetch.
    delete headers['content-length'];
    return { ...parts, headers };
  },
} satisfies Record<string, (n: number) => Mutation>;

export type MutationName = keyof typeof MUTATIONS;
export const MUTATION_NAMES = Object.keys(MUTATIONS) as MutationName[];

/** Mutations that bend the body: an operation without one gets one of the others instead. */
const BODY_MUTATIONS: ReadonlySet<MutationName> = new Set([
  'wrong-type', 'missing-field', 'null', 'extra-key', 'prototype-key', 'huge-string', 'huge-array', 'nasty-text',
  'deep-nesting', 'not-json', 'wrong-content-type',
]);
const BODILESS_MUTATIONS = MUTATION_NAMES.filter((name) => !BODY_MUTATIONS.has(name));

/** The mutation to apply to an operation that takes a body or not (GET, DELETE, bodiless POSTs). */
export const mutationFor = (name: MutationName, n: number, takesBody: boolean): MutationName =>
  takesBody || !BODY_MUTATIONS.has(name) ? name : BODILESS_MUTATIONS[n % BODILESS_MUTATIONS.length]!;

/** A mutation and the number that steers it (unbiased: small numbers would favour the first variants). */
export const mutationArbitrary = fc.noBias(fc.record({
  name: fc.constantFrom(...MUTATION_NAMES),
  n: fc.nat({ max: 1_000_000 }),
}));
