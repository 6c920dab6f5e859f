// The house rules of the codebase, checked on the source (README "Architecture"):
//   - domain files (`functions/*/domain/`) are pure: nothing they load at run time — following
//     relative imports transitively — is an AWS SDK package, the shared AWS clients or an adapter;
//   - nothing in `functions/` or `shared/` imports the local runtime (`local/`);
//   - nothing in `functions/` or `shared/` imports test code (`test/`), not even types: test
//     oracles and fixtures stay out of what ships. The one exception is the pure unit tests beside
//     the code (`*.test.ts`, vitest project `unit`): they may import test helpers (fixtures,
//     in-memory ports, oracles), never another test file, and what they reach needs nothing of
//     the runtime (no local runtime, no global setup, no helper reading the environment or
//     calling the network);
//   - `shared/` is below the capabilities: nothing in it imports `functions/`, but for its tests
//     beside the code (the calendar's test runs on the catalogue's computed holiday table);
//   - `infra/` refers to handlers by entry path only: it imports no function code;
//   - the web front end (`web/src/`) is a client: it reaches no AWS SDK, AWS client, adapter,
//     handler, service or store, nor the local runtime; only pure modules and types;
//   - the client kit (`client/`) is what agency systems build on: it reaches no capability code
//     (`functions/`), AWS client, adapter or local runtime, only shared pure modules; the examples
//     (`examples/`) reach no capability code or adapter either;
//   - environment variables are declared once (shared/platform/environment.ts, and the resource
//     variables the platform declaration gives rise to) and read in functions/ and shared/ through
//     the one reader, shared/config.ts.
// Elsewhere, type-only imports are erased by the compiler and do not count.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platform, resourceEnvVars } from '../shared/platform';
import { environment } from '../shared/platform/environment';

const ROOT = resolve(__dirname, '..');

const filesUnder = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesUnder(path);
  return /\.(ts|mts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
});

/** A test file (vitest's `*.test.ts`): beside the code under functions/ and shared/, it ships in no function. */
const isTestFile = (file: string) => /\.test\.tsx?$/.test(file);

/** The modules a file loads at run time: static imports and re-exports that are not type-only. */
const runtimeImports = (file: string): string[] => {
  const source = readFileSync(file, 'utf8');
  const out: string[] = [];
  const re = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    if (m[1]) continue;
    // `import { type A, type B } from` is type-only too.
    const clause = m[0].slice(0, m[0].lastIndexOf('from'));
    const names = /\{([^}]*)\}/.exec(clause)?.[1];
    if (names && !/^\s*\w+\s*,|import\s+\w+\s+from|\*\s+as/.test(clause) && names.split(',').every((n) => n.trim() === '' || n.trim().startsWith('type '))) continue;
    out.push(m[2]!);
  }
  return out;
};

/** Where a file's relative imports point, type-only and dynamic imports included (the targets need not exist). */
const importedPaths = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(?\s*)['"](\.[^'"]*)['"]/g)]
    .map((match) => resolve(dirname(file), match[1]!));

const resolveRelative = (from: string, spec: string): string | null => {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}.mts`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
};

/** What a file reaches at run time, transitively: [module specifier or file, the chain that led there]. */
const reach = (entry: string): Map<string, string[]> => {
  const seen = new Map<string, string[]>();
  const stack: [string, string[]][] = [[entry, [relative(ROOT, entry)]]];
  while (stack.length) {
    const [file, chain] = stack.pop()!;
    if (!/\.(ts|mts|tsx)$/.test(file)) continue;
    for (const spec of runtimeImports(file)) {
      const target = resolveRelative(file, spec);
      const key = target ? relative(ROOT, target) : spec;
      if (seen.has(key)) continue;
      seen.set(key, [...chain, key]);
      if (target) stack.push([target, [...chain, key]]);
    }
  }
  return seen;
};

const FORBIDDEN_IN_DOMAIN = [/^@aws-sdk\//, /^@aws-lambda-powertools\//, /^shared\/aws\//, /\/adapters\//];

describe('architecture', () => {
  const domainFiles = filesUnder(join(ROOT, 'functions')).filter((f) => /\/domain\//.test(relative(ROOT, f)) && !isTestFile(f));

  it('finds the domain files', () => {
    expect(domainFiles.length).toBeGreaterThan(30);
  });

  it.each(domainFiles.map((f) => [relative(ROOT, f), f]))('%s is pure (no AWS SDK, AWS clients or adapter reached at run time)', (_name, file) => {
    const offending = [...reach(file)].filter(([key]) => FORBIDDEN_IN_DOMAIN.some((re) => re.test(key)));
    expect(offending.map(([, chain]) => chain.join(' → '))).toEqual([]);
  });

  it('nothing in functions/ or shared/ imports the local runtime', () => {
    const offending = [...filesUnder(join(ROOT, 'functions')), ...filesUnder(join(ROOT, 'shared'))].flatMap((file) =>
      runtimeImports(file).filter((spec) => /(^|\/)local\//.test(spec) && resolveRelative(file, spec)?.startsWith(join(ROOT, 'local')))
        .map((spec) => `${relative(ROOT, file)} imports ${spec}`));
    expect(offending).toEqual([]);
  });

  const shipped = [...filesUnder(join(ROOT, 'functions')), ...filesUnder(join(ROOT, 'shared'))].filter((f) => !isTestFile(f));
  const besideTests = [...filesUnder(join(ROOT, 'functions')), ...filesUnder(join(ROOT, 'shared'))].filter(isTestFile);
  const underTest = (target: string) => target.startsWith(join(ROOT, 'test') + sep);

  it('nothing in functions/ or shared/ imports from test/ (but the tests beside the code)', () => {
    const offending = shipped.flatMap((file) =>
      importedPaths(file).filter(underTest).map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`));
    expect(offending).toEqual([]);
  });

  it('tests beside the code import only test helpers from test/, never another test file', () => {
    const offending = besideTests.flatMap((file) =>
      importedPaths(file).filter((target) => underTest(target) && isTestFile(target.replace(/(\.tsx?)?$/, '.ts')))
        .map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`));
    expect(offending).toEqual([]);
  });

  /** What only the `portal` project provides: the local runtime, its global setup and its environment. */
  const RUNTIME_ONLY = [/^local\//, /^test\/global-setup\.ts$/, /^test\/support\/runtime-env\.ts$/];
  const usesRuntime = (key: string) =>
    RUNTIME_ONLY.some((re) => re.test(key)) ||
    (/^test\/.*\.tsx?$/.test(key) && /process\.env\b|\bfetch\(/.test(readFileSync(join(ROOT, key), 'utf8')));

  it('tests beside the code need nothing of the runtime (project unit: no global setup, no emulator, no network)', () => {
    expect(besideTests.length).toBeGreaterThan(10);
    const offending = besideTests.flatMap((file) => [...reach(file)].filter(([key]) => usesRuntime(key)).map(([, chain]) => chain.join(' → ')));
    expect(offending).toEqual([]);
  });

  it('nothing in shared/ imports a capability (functions/), but its tests beside the code', () => {
    const offending = shipped.filter((f) => f.startsWith(join(ROOT, 'shared') + sep)).flatMap((file) =>
      importedPaths(file).filter((target) => target.startsWith(join(ROOT, 'functions') + sep))
        .map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`));
    expect(offending).toEqual([]);
  });

  it('infra/ imports no function code (handlers are entry paths)', () => {
    const offending = filesUnder(join(ROOT, 'infra')).flatMap((file) =>
      runtimeImports(file).filter((spec) => resolveRelative(file, spec)?.startsWith(join(ROOT, 'functions'))).map((spec) => `${relative(ROOT, file)} imports ${spec}`));
    expect(offending).toEqual([]);
  });

  it('a capability reaches another only through its public modules (public.ts, public-*.ts), types included', () => {
    const capabilityOf = (file: string) => relative(join(ROOT, 'functions'), file).split(sep)[0]!;
    const offending = filesUnder(join(ROOT, 'functions')).filter((f) => !isTestFile(f)).flatMap((file) =>
      importedPaths(file)
        .filter((target) => target.startsWith(join(ROOT, 'functions') + sep) && capabilityOf(target) !== capabilityOf(file))
        .filter((target) => !/^public(-[a-z-]+)?(\.ts)?$/.test(relative(join(ROOT, 'functions', capabilityOf(target)), target)))
        .map((target) => `${relative(ROOT, file)} imports ${relative(ROOT, target)}`));
    expect(offending).toEqual([]);
  });

  const FORBIDDEN_IN_WEB = [...FORBIDDEN_IN_DOMAIN, /^@middy\//, /^functions\/[^/]+\/(handler|service|deps|jobs|public)\.ts$/, /^local\//, /^node:/];

  it('the web front end reaches only pure modules of the back end (no AWS, adapters, handlers or local runtime)', () => {
    const entries = filesUnder(join(ROOT, 'web', 'src'));
    expect(entries.length).toBeGreaterThan(10);
    const offending = entries.flatMap((file) => [...reach(file)].filter(([key]) => FORBIDDEN_IN_WEB.some((re) => re.test(key))).map(([, chain]) => chain.join(' → ')));
    expect([...new Set(offending)]).toEqual([]);
  });

  const FORBIDDEN_IN_CLIENT = [/^functions\//, /^local\//, /^shared\/aws\//, /\/adapters\//, /^@aws-lambda-powertools\//, /^@middy\//];
  const FORBIDDEN_IN_EXAMPLES = [/^functions\//, /^shared\/aws\//, /\/adapters\//];

  it.each([
    ['client', FORBIDDEN_IN_CLIENT],
    ['examples', FORBIDDEN_IN_EXAMPLES],
  ] as const)('%s/ reaches no capability code, adapter or AWS client', (dir, forbidden) => {
    const entries = filesUnder(join(ROOT, dir));
    expect(entries.length).toBeGreaterThan(0);
    const offending = entries.flatMap((file) => [...reach(file)].filter(([key]) => forbidden.some((re) => re.test(key))).map(([, chain]) => chain.join(' → ')));
    expect([...new Set(offending)]).toEqual([]);
  });
});

describe('environment variables', () => {
  const declared = new Set<string>([...Object.keys(environment), ...resourceEnvVars(platform)]);
  const sources = (...dirs: string[]) => dirs.flatMap((dir) => filesUnder(join(ROOT, dir))).map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));
  /** Variables a source names: `process.env.X`, `process.env['X']`, and the declared readers' `readEnv('X')`, `envAsSet('X')`, `localValue('X')`. */
  const named = (text: string) => [
    ...[...text.matchAll(/process\.env(?:\.([A-Z_][A-Z0-9_]*)|\[\s*['"]([A-Z_][A-Z0-9_]*)['"]\s*\])/g)].map((m) => m[1] ?? m[2]!),
    ...[...text.matchAll(/\b(?:readEnv|envAsSet|localValue)\(\s*['"]([A-Z_][A-Z0-9_]*)['"]/g)].map((m) => m[1]!),
  ];
  // What the operating system gives the local tooling (finding Java), not the portal's configuration.
  const SYSTEM = new Set(['PATH', 'JAVA_HOME']);

  it('functions/ and shared/ read the environment only through shared/config.ts', () => {
    const offending = sources('functions', 'shared')
      .filter(({ file, text }) => file !== join('shared', 'config.ts') && /process\.env\b/.test(text))
      .map(({ file }) => file);
    expect(offending).toEqual([]);
  });

  it('every variable functions/, shared/, local/ and infra/ name is declared', () => {
    const files = sources('functions', 'shared', 'local', 'infra');
    const names = files.flatMap(({ file, text }) => named(text).map((name) => ({ file, name })));
    expect(names.length).toBeGreaterThan(20);
    expect(names.filter(({ name }) => !declared.has(name) && !SYSTEM.has(name)).map(({ file, name }) => `${file}: ${name}`)).toEqual([]);
  });

  it('every declared setting has a reader (the AWS SDK and Node.js read their own)', () => {
    const read = new Set(sources('functions', 'shared', 'local', 'infra', 'test', 'scripts').flatMap(({ text }) =>
      [...text.matchAll(/\b(?:readEnv|envAsSet)\(\s*['"]([A-Z_][A-Z0-9_]*)['"]|process\.env\.([A-Z_][A-Z0-9_]*)(?!\s*(?:\?\?)?=[^=])/g)].map((m) => m[1] ?? m[2]!)));
    const platformRead = (name: string) => /^AWS_(?!REGION$)/.test(name) || name === 'NODE_OPTIONS';
    expect(Object.keys(environment).filter((name) => !platformRead(name) && !read.has(name))).toEqual([]);
  });
});
