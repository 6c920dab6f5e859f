// Synthesizes the portal for assertions. Bundling is skipped (`aws:cdk:bundling-stacks: []`) so
// NodejsFunction does not run esbuild, and the web stack deploys a small fixture of web/dist (the
// real build is the local runtime's and `cdk synth`'s business); cdk-nag runs in nag.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/config';
import { inventoryOf, type Inventory } from '../../infra/inventory';
import { buildPortal, type BuildPortalOptions, type PortalStacks } from '../../infra/portal';

export type Json = Record<string, any>;

/** A built front end in miniature: index.html, one hashed asset, Vite's manifest. */
export const WEB_DIST_FIXTURE = resolve(__dirname, 'fixtures', 'web-dist');

export const STACK_KEYS = ['data', 'identity', 'api', 'jobs', 'alarms', 'web'] as const;
export type StackKey = (typeof STACK_KEYS)[number];

export interface SynthOptions extends BuildPortalOptions {
  context?: Record<string, unknown>;
  /** Run esbuild for the stacks matching these patterns (default: none). */
  bundlingStacks?: string[];
}

export interface Synthesized {
  app: ReturnType<typeof createApp>;
  stacks: PortalStacks;
  /** Templates by stack key (data, identity, api, jobs, alarms, web). */
  t: Record<StackKey, Template>;
  json: Record<StackKey, Json>;
  outdir: string;
  /** Removes the cloud assembly directory. */
  dispose(): void;
}

export const synthPortal = (opts: SynthOptions = {}): Synthesized => {
  const outdir = mkdtempSync(join(tmpdir(), 'dvc-cdk-'));
  const app = createApp({
    outdir,
    context: { 'aws:cdk:bundling-stacks': opts.bundlingStacks ?? [], ...opts.context },
  });
  const stacks = buildPortal(app, { nag: false, webDist: WEB_DIST_FIXTURE, ...opts });
  const assembly = app.synth();
  const json = Object.fromEntries(
    STACK_KEYS.map((k) => [k, assembly.getStackArtifact((stacks[k] as Stack).artifactId).template as Json]),
  ) as Synthesized['json'];
  const t = Object.fromEntries(STACK_KEYS.map((k) => [k, Template.fromJSON(json[k])])) as Synthesized['t'];
  return { app, stacks, t, json, outdir, dispose: () => rmSync(outdir, { recursive: true, force: true }) };
};

/**
 * Route keys, declared table/bucket/queue/function names and schedules found in the synthesized
 * templates of the default deployment — for comparing CDK with the local runtime.
 */
export const synthesizedInventory = (opts: SynthOptions = {}): Inventory => {
  const s = synthPortal(opts);
  try {
    return inventoryOf(Object.values(s.json));
  } finally {
    s.dispose();
  }
};

// ---- template navigation -------------------------------------------------------------------

export const resources = (template: Json, type?: string): [string, Json][] =>
  Object.entries((template.Resources ?? {}) as Record<string, Json>).filter(([, r]) => !type || r.Type === type);

export const tagOf = (r: Json, key: string): string | undefined => {
  const tags = r.Properties?.Tags;
  if (Array.isArray(tags)) return tags.find((t: { Key: string }) => t.Key === key)?.Value;
  return tags?.[key];
};

export const byTag = (template: Json, type: string, key: string, value: string): [string, Json] => {
  const found = resources(template, type).filter(([, r]) => tagOf(r, key) === value);
  if (found.length !== 1) throw new Error(`Expected one ${type} tagged ${key}=${value}, found ${found.length}`);
  return found[0]!;
};

/** Export name → logical id of the resource it exports (Ref or GetAtt), from producer templates. */
export const exportsOf = (...templates: Json[]): Map<string, string> => {
  const map = new Map<string, string>();
  for (const t of templates) {
    for (const out of Object.values((t.Outputs ?? {}) as Record<string, Json>)) {
      const name = out.Export?.Name;
      const v = out.Value;
      const id = v?.Ref ?? v?.['Fn::GetAtt']?.[0];
      if (typeof name === 'string' && typeof id === 'string') map.set(name, id);
    }
  }
  return map;
};

/** Logical ids a policy `Resource` entry points at (through Ref, GetAtt, ImportValue, Join). */
export const referencedIds = (value: unknown, exports: Map<string, string>): string[] => {
  if (value === null || typeof value !== 'object') return [];
  const v = value as Json;
  if (typeof v.Ref === 'string') return [v.Ref];
  if (Array.isArray(v['Fn::GetAtt'])) return [v['Fn::GetAtt'][0]];
  if (typeof v['Fn::ImportValue'] === 'string') {
    const id = exports.get(v['Fn::ImportValue']);
    return id ? [id] : [];
  }
  if (Array.isArray(v['Fn::Join'])) return (v['Fn::Join'][1] as unknown[]).flatMap((p) => referencedIds(p, exports));
  return Object.values(v).flatMap((p) => referencedIds(p, exports));
};

export const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Every Allow statement of every IAM policy (standalone and inline) in the templates. */
export const allowStatements = (...templates: Json[]) =>
  templates.flatMap((t) =>
    resources(t).flatMap(([id, r]) => {
      const docs: Json[] =
        r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy'
          ? [r.Properties.PolicyDocument]
          : r.Type === 'AWS::IAM::Role'
            ? asArray(r.Properties.Policies).map((p: Json) => p.PolicyDocument)
            : [];
      return docs.flatMap((d) =>
        asArray<Json>(d.Statement)
          .filter((s) => s.Effect === 'Allow')
          .map((s) => ({ policyId: id, policy: r, actions: asArray<string>(s.Action), resources: asArray<unknown>(s.Resource) })),
      );
    }),
  );
