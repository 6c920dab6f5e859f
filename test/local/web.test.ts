// The local runtime's web serving (local/web.ts): a page path gets the app, an asset its file with
// a year of caching, a missing asset a real 404, nothing outside web/dist; the API reference its own
// document and headers; and the rebuild rule.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webBuildStale, webRoute } from '../../local/web';
import { apiReferenceContentSecurityPolicy, contentSecurityPolicy } from '../../shared/web/security-headers';

let root: string;
let server: Server;
let base: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dvc-web-'));
  const dist = join(root, 'web', 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(dist, 'favicon.svg'), '<svg/>');
  mkdirSync(join(dist, 'tai-lieu-api'));
  writeFileSync(join(dist, 'tai-lieu-api', 'index.html'), '<!doctype html><title>API reference</title>');
  writeFileSync(join(root, 'secret.txt'), 'do not serve');
  const route = webRoute({ distDir: dist, connectOrigins: ['http://127.0.0.1:9229'] });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    void route(req, res, Buffer.alloc(0), url).then((served) => {
      if (!served) { res.writeHead(418); res.end('not mine'); }
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  await new Promise<void>((ok) => server.close(() => ok()));
  rmSync(root, { recursive: true, force: true });
});

describe('serving web/dist', () => {
  it('answers a page path with index.html, never cached, with the security headers', async () => {
    // Procedure and agency codes have dots: a page path, not a file.
    for (const path of ['/', '/ho-so/abc', '/tra-cuu?code=X', '/chi-so/000.00.00.H26', '/thu-tuc/1.001193']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>app</title>');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy(['http://127.0.0.1:9229']));
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('serves hashed assets immutable for a year, other files revalidated, HEAD without a body', async () => {
    const js = await fetch(`${base}/assets/index-abc.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await js.text()).toBe('console.log(1)');
    const icon = await fetch(`${base}/favicon.svg`, { method: 'HEAD' });
    expect(icon.status).toBe(200);
    expect(icon.headers.get('cache-control')).toBe('no-cache');
    expect(await icon.text()).toBe('');
  });

  it('answers a missing asset with 404 rather than the app', async () => {
    const res = await fetch(`${base}/assets/missing.js`);
    expect(res.status).toBe(404);
  });

  it('answers the API reference\'s paths with its own document and CSP, the portal\'s with theirs', async () => {
    const portalCsp = contentSecurityPolicy(['http://127.0.0.1:9229']);
    for (const path of ['/tai-lieu-api', '/tai-lieu-api/', '/tai-lieu-api/index.html', '/tai-lieu-api/?x=1']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).toContain('<title>API reference</title>');
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy'), path).toBe(apiReferenceContentSecurityPolicy());
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // A missing file under the reference's path is a 404 (with its headers), not the document.
    const missing = await fetch(`${base}/tai-lieu-api/missing.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(apiReferenceContentSecurityPolicy());
    // A path that merely starts like it is a page of the app.
    for (const path of ['/tai-lieu-apix', '/tai-lieu', '/thu-tuc/tai-lieu-api']) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text(), path).toContain('<title>app</title>');
      expect(res.headers.get('content-security-policy'), path).toBe(portalCsp);
    }
    // The assets both documents load keep the portal's headers (a CSP governs documents only).
    expect((await fetch(`${base}/assets/index-abc.js`)).headers.get('content-security-policy')).toBe(portalCsp);
  });

  it('keeps the portal\'s own CSP strict: no inline script or style, no hash, no other script origin', () => {
    const portal = contentSecurityPolicy(['http://127.0.0.1:9229']);
    expect(portal).not.toMatch(/unsafe-|sha256-|nonce-/);
    expect(portal).toContain("script-src 'self';");
    expect(portal).toContain("style-src 'self';");
    // The reference's policy adds only the empty-style hash and data: fonts, and calls nothing but its origin.
    const reference = apiReferenceContentSecurityPolicy();
    expect(reference).not.toMatch(/unsafe-|nonce-/);
    expect(reference).toContain("script-src 'self';");
    expect(reference).toContain("style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';");
    expect(reference).toContain("connect-src 'self';");
    const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const));
    const [p, r] = [directives(contentSecurityPolicy([])), directives(reference)];
    expect([...r.keys()]).toEqual([...p.keys()]);
    expect([...r.keys()].filter((name) => r.get(name) !== p.get(name))).toEqual(['style-src', 'font-src']);
  });

  it('never serves outside web/dist, and leaves /v1, /local and writes to the gateway', async () => {
    for (const path of ['/..%2f..%2fsecret.txt', '/%2e%2e/%2e%2e/secret.txt']) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text(), path).not.toContain('do not serve');
    }
    expect((await fetch(`${base}/v1/config`)).status).toBe(418);
    expect((await fetch(`${base}/local/outbox`)).status).toBe(418);
    expect((await fetch(`${base}/ho-so`, { method: 'POST', body: '{}' })).status).toBe(418);
  });
});

describe('rebuilding web/dist', () => {
  it('is stale without a build, fresh after one, stale again when a source changes', () => {
    const repo = mkdtempSync(join(tmpdir(), 'dvc-web-build-'));
    try {
      mkdirSync(join(repo, 'web', 'src'), { recursive: true });
      writeFileSync(join(repo, 'web', 'src', 'main.tsx'), 'x');
      writeFileSync(join(repo, 'web', 'index.html'), 'x');
      expect(webBuildStale(repo)).toBe(true);
      mkdirSync(join(repo, 'web', 'dist', '.vite'), { recursive: true });
      const manifest = join(repo, 'web', 'dist', '.vite', 'manifest.json');
      writeFileSync(manifest, '{}');
      const past = new Date(Date.now() - 60_000);
      for (const p of [join(repo, 'web', 'src', 'main.tsx'), join(repo, 'web', 'src'), join(repo, 'web', 'index.html')]) utimesSync(p, past, past);
      expect(webBuildStale(repo)).toBe(false);
      writeFileSync(join(repo, 'web', 'src', 'main.tsx'), 'y');
      expect(webBuildStale(repo)).toBe(true);
      utimesSync(join(repo, 'web', 'src', 'main.tsx'), past, past);
      expect(webBuildStale(repo)).toBe(false);
      // The API reference's page is a source of the build too.
      mkdirSync(join(repo, 'web', 'tai-lieu-api'));
      writeFileSync(join(repo, 'web', 'tai-lieu-api', 'main.ts'), 'z');
      expect(webBuildStale(repo)).toBe(true);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});
