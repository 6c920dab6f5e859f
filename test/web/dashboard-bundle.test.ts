// What the home page loads first must not include Chart.js: it is a chunk of its own, reached only
// through dynamic imports (the dashboard pages, after their tables). Read from Vite's manifest of
// the built front end (web/dist, as `npm start` serves it): the entry and its static imports.
// (bundle.test.ts checks the first load's size.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/runtime';
import { ensureWebBuild, webDist } from '../../local/web';

interface ManifestChunk { file: string; src?: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] }

const dist = webDist(REPO_ROOT);
let manifest: Record<string, ManifestChunk>;

beforeAll(async () => {
  await ensureWebBuild(REPO_ROOT);
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
}, 120_000);

/** The manifest keys of what a page loads before it runs: the entry and, transitively, its static imports. */
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
    expect(readFileSync(join(dist, chart!.file), 'utf8')).toContain(CHART_JS_MARK);

    const entry = 'index.html'; // the app's entry (the API reference is another)
    expect(manifest[entry]?.isEntry).toBe(true);
    const initial = firstLoad(entry);
    expect([...initial]).not.toContain(CHART_SETUP);
    for (const key of initial) {
      expect(readFileSync(join(dist, manifest[key]!.file), 'utf8'), key).not.toContain(CHART_JS_MARK);
    }
    // Nothing imports it statically: only the dashboard's dynamic import() leads to it.
    const staticImporters = Object.entries(manifest).filter(([, c]) => c.imports?.includes(CHART_SETUP)).map(([k]) => k);
    expect(staticImporters).toEqual([]);
  });
});
