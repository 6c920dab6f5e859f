// The web front end in the local runtime: built with Vite when its sources are newer than the last
// build (so a clean clone's `npm start` and `npm test` need no extra step), then served at `/` as
// CloudFront serves it: hashed assets cached for a year, index.html for every page path (the SPA
// routes in the browser), the same security headers (infra/stacks/web-stack.ts).
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import type { LocalRoute } from './gateway/server';
import { webCacheControl, webSecurityHeaders } from '../shared/web/security-headers';
import { isAssetPath } from '../shared/web/spa';

export const webRoot = (repoRoot: string) => resolve(repoRoot, 'web');
export const webDist = (repoRoot: string) => resolve(repoRoot, 'web', 'dist');

const newestMtime = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
};

/** True when web/dist is missing or older than any source of the build. */
export const webBuildStale = (repoRoot: string): boolean => {
  const manifest = join(webDist(repoRoot), '.vite', 'manifest.json');
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  const root = webRoot(repoRoot);
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(root, p)).filter(existsSync);
  return sources.some((p) => newestMtime(p) > built);
};

/** Builds web/dist with Vite when stale; returns whether it built. */
export const ensureWebBuild = async (repoRoot: string, log: (line: string) => void = () => undefined): Promise<boolean> => {
  if (!webBuildStale(repoRoot)) return false;
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(webRoot(repoRoot), 'vite.config.ts'), logLevel: 'warn' });
  log(`web front end built in ${Math.round(performance.now() - started)} ms (web/dist)`);
  return true;
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.map': 'application/json', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.webmanifest': 'application/manifest+json',
};

export interface WebRouteOptions {
  distDir: string;
  /** Origins the page may call besides its own (Cognito, the upload bucket). */
  connectOrigins: readonly string[];
}

/** Serves the built SPA for GET/HEAD outside `/v1` and `/local`; page paths get index.html. */
export const webRoute = (opts: WebRouteOptions): LocalRoute => {
  const dist = resolve(opts.distDir);
  const headers = webSecurityHeaders(opts.connectOrigins);
  return async (req, res, _body, url) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (url.pathname.startsWith('/v1') || url.pathname.startsWith('/local')) return false;
    let pathname: string;
    try { pathname = decodeURIComponent(url.pathname); } catch { return false; }
    const candidate = normalize(join(dist, pathname));
    if (candidate !== dist && !candidate.startsWith(dist + sep)) return false;
    let file = existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
    // A page of the app gets index.html; a missing file of the build is a real 404.
    if (!file && !isAssetPath(pathname)) file = join(dist, 'index.html');
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', ...headers });
      res.end('Not found');
      return true;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': webCacheControl(`/${relative(dist, file).split(sep).join('/')}`),
      ...headers,
    });
    if (method === 'HEAD') { res.end(); return true; }
    await new Promise<void>((done, fail) => createReadStream(file!).on('error', fail).on('end', done).pipe(res));
    return true;
  };
};
