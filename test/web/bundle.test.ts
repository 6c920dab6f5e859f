// The built front end (web/dist, as `npm start` serves it and the web stack deploys it):
//   - the citizen home's first load (the entry script and everything it imports statically) is at
//     most 200 KB of JavaScript gzipped; every page outside the shell is a lazy chunk;
//   - nothing secret is in the bundle: no demo or sandbox secret, no keys, no environment-specific
//     settings (the app reads GET /v1/config at run time);
//   - the API reference (Redoc, web/tai-lieu-api/) is an entry of its own: none of its code is in
//     the app's chunks, its document has nothing inline (its CSP allows no inline script or CSS
//     text) and its bundle no longer fetches the badge's logo from Redocly's CDN.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../local/runtime';
import { ensureWebBuild, webDist } from '../../local/web';
import { API_REFERENCE_PATH } from '../../shared/web/spa';
import { BADGE_LOGOS, BADGE_STAND_IN } from '../../web/vite-redoc';

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] }
type Manifest = Record<string, ManifestChunk>;

const dist = webDist(REPO_ROOT);
let manifest: Manifest;

beforeAll(async () => {
  await ensureWebBuild(REPO_ROOT);
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
}, 120_000);

/** The manifest's keys of the two entries: the app (index.html) and the API reference. */
const APP_ENTRY = 'index.html';
const REFERENCE_ENTRY = `${API_REFERENCE_PATH.slice(1)}/index.html`;

/**
 * The files the browser loads before an entry's page runs (by default the app's, i.e. the home):
 * the entry and its static imports, transitively; with `lazy`, its dynamic imports too.
 */
const firstLoad = (m: Manifest, entry = APP_ENTRY, lazy = false): string[] => {
  if (!m[entry]?.isEntry) throw new Error(`no entry ${entry} in the Vite manifest`);
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = m[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of [...(chunk.imports ?? []), ...(lazy ? chunk.dynamicImports ?? [] : [])]) visit(imported);
  };
  visit(entry);
  return [...files];
};

/**
 * Loopback addresses Redoc's bundle carries by itself, no setting of ours: OpenTelemetry's default
 * collector (its telemetry is switched off: web/tai-lieu-api/main.ts) and an example in a hint.
 */
const REDOC_DEFAULTS = ['http://localhost:4318/', 'http://localhost:4000/my-api'];

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
    const entry = manifest[APP_ENTRY]!;
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
      const text = REDOC_DEFAULTS.reduce((t, known) => t.replaceAll(known, ''), readFileSync(file, 'utf8'));
      return forbidden.filter(([, re]) => re.test(text)).map(([what]) => `${relative(dist, file)}: ${what}`);
    });
    expect(found).toEqual([]);
  });
});

describe('the API reference in the build', () => {
  const referenceEntry = () => manifest[REFERENCE_ENTRY]!;

  it('is an entry of its own, reached by none of the app\'s pages, first load or lazy', () => {
    expect(referenceEntry().isEntry).toBe(true);
    const redoc = readFileSync(join(dist, referenceEntry().file), 'utf8');
    expect(redoc).toContain('Redoc'); // the renderer is in the reference's chunk…
    const app = firstLoad(manifest, APP_ENTRY, true);
    expect(app).not.toContain(referenceEntry().file);
    // …and in none of the app's (only tiny helpers such as Vite's preload polyfill are shared).
    for (const file of app.filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(join(dist, file), 'utf8'), file).not.toContain('RedocStandalone');
    }
  });

  it('keeps every chunk of the app under 500 kB (the build\'s warning limit is raised for Redoc\'s one chunk)', () => {
    const big = firstLoad(manifest, APP_ENTRY, true).filter((f) => f.endsWith('.js') && statSync(join(dist, f)).size > 500 * 1024);
    expect(big).toEqual([]);
  });

  it('has a document with nothing inline: scripts and styles are files of the build', () => {
    const html = readFileSync(join(dist, REFERENCE_ENTRY), 'utf8');
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it('loads the badge\'s logo from the page itself, not from Redocly\'s CDN', () => {
    const redoc = readFileSync(join(dist, referenceEntry().file), 'utf8');
    for (const url of BADGE_LOGOS) expect(redoc).not.toContain(url);
    expect(redoc).toContain(BADGE_STAND_IN);
  });
});
