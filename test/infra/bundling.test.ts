// One real bundling run: the API stack's functions (and the identity stack's user-pool triggers)
// through the local esbuild (no Docker), as
// `cdk synth` does. Checks each asset exists and stays inside the 500 KB budget of
// docs/requirements.md R-PERF-COLD-START.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TAG } from '../../infra/names';
import { platform } from '../../shared/platform';
import { byTag, synthPortal, type Synthesized } from './helpers';

const BUDGET = 500 * 1024;
let s: Synthesized | undefined;
afterAll(() => s?.dispose());

describe('bundling', () => {
  it('bundles every function of the API and identity stacks with esbuild; meta and the others < 500 KB', () => {
    s = synthPortal({ bundlingStacks: ['DvcApi', 'DvcIdentity'] });
    const sizes: Record<string, number> = {};
    for (const f of platform.functions) {
      const [, fn] = byTag(f.userPoolTrigger ? s.json.identity : s.json.api, 'AWS::Lambda::Function', TAG.fn, f.name);
      // The code's S3 key is `<asset hash>.zip`; the staged asset is `asset.<hash>/` in the assembly.
      const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
      const assetDir = join(s.outdir, `asset.${hash}`);
      const bundle = join(assetDir, 'index.mjs');
      expect(existsSync(bundle), bundle).toBe(true);
      expect(existsSync(`${bundle}.map`)).toBe(true);
      sizes[f.name] = statSync(bundle).size;
    }
    console.log('[bundle sizes, bytes]', sizes);
    expect(sizes.meta).toBeGreaterThan(1_000);
    for (const [name, size] of Object.entries(sizes)) expect(size, name).toBeLessThan(BUDGET);
  }, 240_000);
});
