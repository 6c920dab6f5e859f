// The test suite's own rules (test/README.md):
//   - the vitest projects split the test files between them: every `*.test.ts` of the repository
//     runs in exactly one project, the `portal` project (the local runtime) takes only files under
//     test/, and the pure tests beside the code (functions/, shared/) run in `unit`;
//   - a test beside the code is pure: it reaches none of the runtime support of test/ (the gateway
//     helpers, the runtime's environment, the namespaces of test/support/namespace.ts), directly or
//     through another module, and does not read the runtime's address or the global setup's values.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config';

const ROOT = resolve(__dirname, '..');
const SKIP = new Set(['node_modules', '.git', 'cdk.out', 'dist', '.local']);

const filesUnder = (dir: string, keep: (name: string) => boolean): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  if (statSync(path).isDirectory()) return SKIP.has(name) ? [] : filesUnder(path, keep);
  return keep(name) ? [path] : [];
});
const rel = (path: string) => relative(ROOT, path).split(sep).join('/');

// ---------------------------------------------------------------------------------------------
// Projects

interface ProjectTest { name?: string; include?: string[]; exclude?: string[] }
const projects = ((config.test?.projects ?? []) as { test?: ProjectTest }[]).map((p) => p.test ?? {});

/** The glob forms the projects use: `**` across folders, `*` within a name. Others are refused, not guessed. */
const globToRegExp = (glob: string) => {
  if (/[?[\]{}!]/.test(glob)) throw new Error(`vitest.config.ts pattern ${glob}: only ** and * are understood here; extend test/conventions.test.ts`);
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] !== '*') source += glob[i]!.replace(/[.+^$()|\\]/g, '\\$&');
    else if (glob[i + 1] !== '*') source += '[^/]*';
    else if (glob[i + 2] === '/') { source += '(?:.*/)?'; i += 2; }
    else { source += '.*'; i += 1; }
  }
  return new RegExp(`^${source}$`);
};
const matchesAny = (file: string, globs: readonly string[] = []) => globs.some((g) => globToRegExp(g).test(file));
const projectsOf = (file: string) => projects.filter((p) => matchesAny(file, p.include) && !matchesAny(file, p.exclude)).map((p) => p.name);

const testFiles = filesUnder(ROOT, (name) => /\.test\.tsx?$/.test(name)).map(rel);
const besideTests = testFiles.filter((f) => /^(functions|shared)\//.test(f));

describe('vitest projects', () => {
  it('are portal, unit, contract and infra', () => {
    expect(projects.map((p) => p.name).sort()).toEqual(['contract', 'infra', 'portal', 'unit']);
  });

  it('understand their patterns as vitest does (a check of the matcher above)', () => {
    expect(projectsOf('test/dossiers/dossiers.integration.test.ts')).toEqual(['portal']);
    expect(projectsOf('test/infra/stacks.test.ts')).toEqual(['infra']);
    expect(projectsOf('test/contract/openapi.test.ts')).toEqual(['contract']);
    expect(projectsOf('shared/retry/retry-on-conflict.test.ts')).toEqual(['unit']);
    expect(projectsOf('functions/dossiers/domain/dossier.test.ts')).toEqual(['unit']);
    expect(projectsOf('web/src/x.test.ts')).toEqual([]);
  });

  it('run every test file of the repository in exactly one project', () => {
    expect(testFiles.length).toBeGreaterThan(100);
    const wrong = testFiles.map((f) => ({ f, in: projectsOf(f) })).filter((x) => x.in.length !== 1).map((x) => `${x.f}: ${x.in.join(', ') || 'no project'}`);
    expect(wrong).toEqual([]);
  });

  it('portal (the local runtime) takes only files under test/; unit takes every test beside the code', () => {
    expect(testFiles.filter((f) => projectsOf(f).includes('portal') && !f.startsWith('test/'))).toEqual([]);
    expect(besideTests.filter((f) => !projectsOf(f).includes('unit'))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Tests beside the code are pure

/** What needs the running portal: the global setup, what it hands the workers, and the helpers over the gateway. */
const RUNTIME_SUPPORT = /^test\/(global-setup|support\/(auth|runtime-env|namespace|endpoints))\.ts$/;
/** Names that only mean something with the runtime up. */
const RUNTIME_NAMES = /\bDVC_BASE_URL\b|\binject\(\s*['"]|\bAWS_ENDPOINT_URL_/;

const resolveRelative = (from: string, spec: string): string | null => {
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch { /* not this one */ }
  }
  return null;
};

/** The files of the repository a file imports (static, type-only and dynamic imports alike), per TypeScript's own scanner. */
const importsOf = (file: string): string[] =>
  ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles
    .map((i) => i.fileName)
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => resolveRelative(file, spec) ?? []);

/** Each runtime-support module `entry` reaches through test/, with the chain of imports that leads there. */
const runtimeSupportReached = (entry: string): string[] => {
  const found: string[] = [];
  const seen = new Set<string>();
  const stack: string[][] = [[entry]];
  while (stack.length) {
    const chain = stack.pop()!;
    for (const target of importsOf(chain.at(-1)!)) {
      const path = rel(target);
      if (seen.has(path) || !path.startsWith('test/')) continue;
      seen.add(path);
      const next = [...chain, target];
      if (RUNTIME_SUPPORT.test(path)) found.push(next.map(rel).join(' → '));
      else stack.push(next);
    }
  }
  return found;
};

describe('tests beside the code', () => {
  it('reach none of the runtime support of test/ (the portal project\'s), directly or through another module', () => {
    const offending = besideTests.flatMap((f) => runtimeSupportReached(join(ROOT, f)));
    expect(offending).toEqual([]);
  });

  it('do not read the runtime\'s address, the emulators\' endpoints or the global setup\'s values', () => {
    const offending = besideTests.filter((f) => RUNTIME_NAMES.test(readFileSync(join(ROOT, f), 'utf8')));
    expect(offending).toEqual([]);
  });

  it('the check sees what a module reaches through test/ (a check of the walker above)', () => {
    // The dossier journeys reach the gateway helpers; the in-memory index is pure.
    expect(runtimeSupportReached(join(ROOT, 'test/support/evaluation.ts'))).toEqual(['test/support/evaluation.ts → test/support/auth.ts']);
    expect(runtimeSupportReached(join(ROOT, 'test/evaluation/memory-index.ts'))).toEqual([]);
  });
});
