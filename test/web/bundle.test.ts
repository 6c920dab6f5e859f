// The built front end (web/dist, as `npm start` serves it and the web stack deploys it):
//   - the citizen home's first load (the entry script and everything it imports statically) is at
//     most 200 KB of JavaScript gzipped; every page outside the shell is a lazy chunk;
//   - nothing secret is in the bundle: no demo or sandbox secret, no keys, no environment-specific
//     settings (the app reads GET /v1/config at run time).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/runtime';
import { ensureWebBuild, webDist } from '../../local/web';

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }
type Manifest = Record<string, ManifestChunk>;

const dist = webDist(REPO_ROOT);
let manifest: Manifest;

beforeAll(async () => {
  await ensureWebBuild(REPO_ROOT);
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}, 120_000);

/** The files the browser loads before the home page runs: the entry and its static imports, transitively. */
export const firstLoad = (m: Manifest): string[] => {
  const entry = Object.entries(m).find(([, c]) => c.isEntry)?.[0];
  if (!entry) throw new Error('no entry in the Vite manifest');
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = m[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  return [...files];
};

const gzipped = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;

const allFiles = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? allFiles(path) : [path];
});

describe('the web bundle', () => {
  it('loads at most 200 KB of JavaScript (gzipped) for the citizen home', () => {
    const js = firstLoad(manifest).filter((f) => f.endsWith('.js'));
    const total = js.reduce((sum, f) => sum + gzipped(f), 0);
    console.log(`[web] home first load: ${js.length} JS file(s), ${(total / 1024).toFixed(1)} KB gzipped`);
    expect(js.length).toBeGreaterThan(0);
    expect(total).toBeLessThanOrEqual(200 * 1024);
  });

  it('keeps every page but the home and the shell out of the first load', () => {
    const entry = Object.values(manifest).find((c) => c.isEntry)!;
    expect(entry.dynamicImports?.length ?? 0).toBeGreaterThanOrEqual(2);
    const first = new Set(firstLoad(manifest));
    for (const key of entry.dynamicImports ?? []) expect(first.has(manifest[key]!.file), key).toBe(false);
  });

  it('contains no secret and no environment-specific setting', () => {
    const forbidden: [string, RegExp][] = [
      ['demo password', /Demo@2026!/],
      ['demo agency system secret', /demo-hanoi-secret/],
      ['AWS access key id', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
      ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
      ['user pool id', /\b[a-z]{2}-[a-z]+-\d_[0-9A-Za-z]{9}\b|local_[0-9A-Za-z]{8}\b/],
      ['loopback endpoint', /127\.0\.0\.1:\d{2,5}|localhost:\d{2,5}/],
      ['execute-api endpoint', /\.execute-api\.[a-z0-9-]+\.amazonaws\.com/],
      ['secret-looking variable', /(AGENCY_SECRET_KEY|PAYMENT_SANDBOX_SECRET|SANDBOX_SECRET)/],
    ];
    const files = allFiles(dist);
    expect(files.length).toBeGreaterThan(3);
    const found = files.flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      return forbidden.filter(([, re]) => re.test(text)).map(([what]) => `${relative(dist, file)}: ${what}`);
    });
    expect(found).toEqual([]);
  });
});
