// Values that satisfy a JSON Schema (2020-12, as the OpenAPI document states it), as fast-check
// arbitraries. Only what the document uses: $ref into components, type (or a list of types), enum,
// const, anyOf/oneOf/allOf, objects with properties/required/additionalProperties/propertyNames,
// arrays with items and bounds, strings with length, pattern and format, numbers with bounds.
// Valid requests reach the handlers' deeper paths; mutations (mutations.ts) start from them.
import fc from 'fast-check';

export type JsonSchema = Record<string, unknown> | boolean;
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface SchemaContext {
  /** The OpenAPI document's `components.schemas`, for `$ref`. */
  components: Record<string, JsonSchema>;
  /** Values to prefer for a property or parameter of this name (real ids, codes). */
  known?: (name: string) => readonly string[] | undefined;
}

const FORMAT: Record<string, () => fc.Arbitrary<string>> = {
  'date-time': () =>
    fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString()),
  date: () =>
    fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  email: () => fc.stringMatching(/^[a-z]{1,8}\.[a-z]{1,8}@example\.vn$/),
  // Never a host outside this machine: a registered endpoint is called by outbound sync.
  uri: () => fc.stringMatching(/^[a-z]{1,8}$/).map((p) => `http://127.0.0.1:9/${p}`),
  uuid: () => fc.uuid(),
};

const resolveRef = (schema: Record<string, unknown>, ctx: SchemaContext): JsonSchema => {
  const ref = schema.$ref as string;
  const name = ref.replace('#/components/schemas/', '');
  const target = ctx.components[name];
  if (target === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return target;
};

const stringArbitrary = (s: Record<string, unknown>): fc.Arbitrary<string> => {
  const minLength = (s.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((s.maxLength as number | undefined) ?? 40, Math.max(minLength, 40));
  const pattern = typeof s.pattern === 'string' ? new RegExp(s.pattern) : undefined;
  const format = typeof s.format === 'string' ? FORMAT[s.format] : undefined;
  // A format is the stricter of the two where both are given (an e-mail's pattern admits what its format refuses).
  if (format) return pattern ? format().filter((v) => pattern.test(v)) : format();
  if (pattern) {
    return fc.stringMatching(pattern).filter((v) => v.length >= minLength && v.length <= ((s.maxLength as number) ?? Infinity));
  }
  // Vietnamese text with diacritics, as people type it.
  const letters = 'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ ';
  return fc.string({ unit: fc.constantFrom(...letters), minLength: Math.max(minLength, 1), maxLength: Math.max(maxLength, 1) })
    .map((v) => (v.trim().length >= minLength ? v : v.padEnd(minLength, 'a')))
    .filter((v) => v.trim().length > 0 || minLength === 0);
};

const numberArbitrary = (s: Record<string, unknown>, integer: boolean): fc.Arbitrary<number> => {
  let min = (s.minimum as number | undefined) ?? (s.exclusiveMinimum as number | undefined) ?? (integer ? 0 : 0);
  let max = (s.maximum as number | undefined) ?? (s.exclusiveMaximum as number | undefined) ?? min + 1_000_000;
  if (s.exclusiveMinimum !== undefined) min += integer ? 1 : 0.001;
  if (s.exclusiveMaximum !== undefined) max -= integer ? 1 : 0.001;
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
};

/** An arbitrary of values valid against `schema`. `name` is the property or parameter it fills. */
export const arbitraryOf = (schema: JsonSchema, ctx: SchemaContext, name = '', depth = 0): fc.Arbitrary<Json> => {
  if (schema === true || (typeof schema === 'object' && Object.keys(schema).length === 0)) {
    return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean());
  }
  if (schema === false) return fc.constant(null);
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') return arbitraryOf(resolveRef(s, ctx), ctx, name, depth);
  if ('const' in s) return fc.constant(s.const as Json);
  if (Array.isArray(s.enum)) return fc.constantFrom(...(s.enum as Json[]));
  const known = name ? ctx.known?.(name) : undefined;
  if (known && known.length > 0 && (s.type === 'string' || s.type === undefined)) {
    return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: stringArbitrary(s) });
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(s[key])) return fc.oneof(...(s[key] as JsonSchema[]).map((option) => arbitraryOf(option, ctx, name, depth)));
  }
  if (Array.isArray(s.allOf)) {
    // The document's allOf are single wrappers (a $ref with a description): the first part stands for all.
    return arbitraryOf((s.allOf as JsonSchema[])[0] ?? true, ctx, name, depth);
  }
  if (Array.isArray(s.type)) {
    return fc.oneof(...(s.type as string[]).map((type) => arbitraryOf({ ...s, type }, ctx, name, depth)));
  }
  switch (s.type) {
    case 'null': return fc.constant(null);
    case 'boolean': return fc.boolean();
    case 'integer': return numberArbitrary(s, true);
    case 'number': return numberArbitrary(s, false);
    case 'string': return stringArbitrary(s);
    case 'array': {
      const minLength = (s.minItems as number | undefined) ?? 0;
      const maxLength = Math.min((s.maxItems as number | undefined) ?? 3, Math.max(minLength, 3));
      if (depth > 6) return fc.constant([]);
      return fc.array(arbitraryOf((s.items as JsonSchema) ?? true, ctx, name, depth + 1), { minLength, maxLength });
    }
    default: {
      // 'object', and any schema without a type: an object of its declared properties.
      const properties = (s.properties as Record<string, JsonSchema> | undefined) ?? {};
      const required = new Set((s.required as string[] | undefined) ?? []);
      const record: Record<string, fc.Arbitrary<Json>> = {};
      for (const [key, value] of Object.entries(properties)) record[key] = arbitraryOf(value, ctx, key, depth + 1);
      const fixed = fc.record(record, { requiredKeys: [...required].filter((k) => k in record) }) as fc.Arbitrary<Record<string, Json>>;
      const extra = s.additionalProperties;
      if (extra && typeof extra === 'object' && Object.keys(properties).length === 0 && depth < 6) {
        const keyArb = s.propertyNames
          ? (arbitraryOf(s.propertyNames as JsonSchema, ctx, '', depth + 1) as fc.Arbitrary<string>)
          : fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9]{0,11}$/);
        return fc.dictionary(keyArb, arbitraryOf(extra as JsonSchema, ctx, '', depth + 1), { maxKeys: 4 });
      }
      return fixed as fc.Arbitrary<Json>;
    }
  }
};
