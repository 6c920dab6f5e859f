// The functions' environment in the template follows the one declaration
// (shared/platform/environment.ts): every variable set is declared, each declared setting reaches
// exactly the functions it is for, with the value of the CDK context key the declaration names.
// The context itself is read in one place (infra/config.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TAG } from '../../infra/names';
import { REPO_ROOT } from '../../infra/paths';
import { platform, resourceEnvVars } from '../../shared/platform';
import { environment, isFor, type EnvVarDecl } from '../../shared/platform/environment';
import { byTag, synthPortal, type Synthesized } from './helpers';

const ORIGIN = 'https://dichvucong.example.vn';
/** A value for each context key the declaration names, and the variable's value it must give. */
const CONTEXT: Record<string, { context: unknown; variable: string }> = {
  webOrigin: { context: ORIGIN, variable: ORIGIN },
  portalBaseUrl: { context: 'https://links.example.vn', variable: 'https://links.example.vn' },
  paymentReturnUrl: { context: 'https://pay.example.vn/{dossierId}/{orderId}', variable: 'https://pay.example.vn/{dossierId}/{orderId}' },
  notifyEmailFrom: { context: 'no-reply@dichvucong.example.vn', variable: 'no-reply@dichvucong.example.vn' },
  populationApiUrl: { context: 'https://population.example.vn/api', variable: 'https://population.example.vn/api' },
  vneidIssuer: { context: 'https://vneid.example.gov.vn', variable: 'https://vneid.example.gov.vn' },
  vneidClientId: { context: 'dichvucong-portal', variable: 'dichvucong-portal' },
  vneidRedirectUri: { context: `${ORIGIN}/dang-nhap/vneid`, variable: `${ORIGIN}/dang-nhap/vneid` },
  paymentProviders: {
    context: [{ name: 'vnpay', checkoutUrl: 'https://pay.example.vn/checkout', settlementUrl: 'https://pay.example.vn/settlement' }],
    variable: JSON.stringify([{ name: 'vnpay', checkoutUrl: 'https://pay.example.vn/checkout', settlementUrl: 'https://pay.example.vn/settlement' }]),
  },
};

const declared = Object.entries(environment as Record<string, EnvVarDecl>);
const settingsFromContext = declared.flatMap(([name, d]) => (typeof d.aws === 'object' && d.aws.cdk === 'setting' ? [{ name, decl: d, key: d.aws.context }] : []));

let s: Synthesized;
beforeAll(() => {
  s = synthPortal({ context: Object.fromEntries(Object.entries(CONTEXT).map(([key, v]) => [key, v.context])) });
}, 120_000);
afterAll(() => s?.dispose());

/** User-pool triggers live in the identity stack, next to their pool; every other function in the API stack. */
const templateOf = (fn: string) => (platform.functions.find((f) => f.name === fn)?.userPoolTrigger ? s.json.identity : s.json.api);
const variablesOf = (fn: string) => byTag(templateOf(fn), 'AWS::Lambda::Function', TAG.fn, fn)[1].Properties.Environment.Variables as Record<string, unknown>;
/** The pool's own resources cannot reach its triggers (the pool refers to them: a cycle). */
const receives = (d: EnvVarDecl, fn: (typeof platform.functions)[number]) =>
  isFor(d.functions, fn) && !(fn.userPoolTrigger && typeof d.aws === 'object' && d.aws.cdk === 'resource');

describe('functions\' environment', () => {
  it('names only declared variables: settings with a CDK source for the function, and resource variables', () => {
    const resources = resourceEnvVars(platform);
    for (const fn of platform.functions) {
      const settings = Object.keys(variablesOf(fn.name)).filter((name) => !resources.has(name));
      const expected = declared.filter(([, d]) => typeof d.aws === 'object' && receives(d, fn)).map(([name]) => name);
      expect(settings.sort(), fn.name).toEqual(expected.sort());
    }
  });

  it.each(settingsFromContext.map((v) => [v.name, v] as const))('%s comes from its context key, on exactly the functions it is for', (name, { decl, key }) => {
    expect(CONTEXT[key], `a sample value for context ${key}`).toBeDefined();
    const receivers = platform.functions.filter((fn) => receives(decl, fn));
    expect(receivers.length, name).toBeGreaterThan(0);
    for (const fn of platform.functions) {
      expect(variablesOf(fn.name)[name], `${fn.name}: ${name}`).toBe(receives(decl, fn) ? CONTEXT[key]!.variable : undefined);
    }
  });

  it('fixed values and the service name are the declared ones', () => {
    for (const fn of platform.functions) {
      const vars = variablesOf(fn.name);
      for (const [name, d] of declared) {
        if (typeof d.aws !== 'object' || !receives(d, fn)) continue;
        if (d.aws.cdk === 'value') expect(vars[name], `${fn.name}: ${name}`).toBe(d.aws.value);
        if (d.aws.cdk === 'function-name') expect(vars[name], `${fn.name}: ${name}`).toBe(fn.name);
      }
    }
  });
});

describe('warm caches (docs/operations.md "Warm caches")', () => {
  it('bound their staleness to 60 s on the functions that cache the registry and procedures', () => {
    for (const fn of ['sync-outbound', 'dossiers', 'payments', 'catalogue', 'sync']) expect(variablesOf(fn).WARM_CACHE_SECONDS, fn).toBe('60');
  });
});

describe('CDK context', () => {
  const sources = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);

  it('is read in infra/config.ts only, which gives the stacks the deployment\'s settings', () => {
    const readers = sources(join(REPO_ROOT, 'infra'))
      .filter((file) => /\b(tryGetContext|getContext)\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(REPO_ROOT, file));
    expect(readers).toEqual([join('infra', 'config.ts')]);
  });
});
