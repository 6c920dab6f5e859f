// What the home page loads first must not include Chart.js: it is a chunk of its own, reached only
// through dynamic imports (the dashboard pages, after their tables). Measured on a fresh production
// build in a temporary folder, from Vite's manifest: the entry `index.html` and its static imports.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

interface ManifestChunk { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }

const outDir = mkdtempSync(join(tmpdir(), 'dvc-web-'));
let manifest: Record<string, ManifestChunk>;

beforeAll(async () => {
  await build({ configFile: new URL('../../web/vite.config.ts', import.meta.url).pathname, logLevel: 'silent', build: { outDir, emptyOutDir: true, sourcemap: false } });
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
}, 120_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

/** The chunks a page loads before it runs: the entry and, transitively, its static imports. */
const firstLoad = (key: string, seen = new Set<string>()): Set<string> => {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const dep of manifest[key]?.imports ?? []) firstLoad(dep, seen);
  return seen;
};

const CHART_SETUP = 'src/dashboard/chart-setup.ts';
/** A text Chart.js's core always carries (its registry's error message). */
const CHART_JS_MARK = 'Please import and register';

describe('the home page first load', () => {
  it('leaves Chart.js out: it is loaded only by dynamic import', () => {
    const chart = manifest[CHART_SETUP];
    expect(chart, 'the chart chunk').toBeDefined();
    expect(readFileSync(join(outDir, chart!.file), 'utf8')).toContain(CHART_JS_MARK);

    const initial = firstLoad('index.html');
    expect(manifest['index.html']?.isEntry).toBe(true);
    expect([...initial]).not.toContain(CHART_SETUP);
    for (const key of initial) {
      expect(readFileSync(join(outDir, manifest[key]!.file), 'utf8'), key).not.toContain(CHART_JS_MARK);
    }
    // Only dynamic imports lead to it.
    const staticImporters = Object.entries(manifest).filter(([, c]) => c.imports?.includes(CHART_SETUP)).map(([k]) => k);
    expect(staticImporters).toEqual([]);
  });

  it('stays within 200 KB of JavaScript gzipped', () => {
    const bytes = [...firstLoad('index.html')].reduce((sum, key) => sum + gzipSync(readFileSync(join(outDir, manifest[key]!.file))).length, 0);
    expect(bytes).toBeLessThan(200 * 1024);
  });
});
