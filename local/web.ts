// The web front end in the local runtime: built with Vite when its sources are newer than the last
// build (so a clean clone's `npm start` and `npm test` need no extra step), then served at `/` as
// CloudFront serves it: hashed assets cached for a year, index.html for every page path (the SPA
// routes in the browser) — the API reference's own document under /tai-lieu-api — and the same
// security headers per path (infra/stacks/web-stack.ts).
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, relative, resolve, sep } from 'node:path';
import type { LocalRoute } from './gateway/server';
import { apiReferenceSecurityHeaders, webCacheControl, webSecurityHeaders } from '../shared/web/security-headers';
import { isApiReferencePath, isAssetPath, pageDocument } from '../shared/web/spa';

// The build helpers live in shared/web/build.ts (the CDK app builds web/dist the same way).
export { ensureWebBuild, webBuildStale, webDist, webRoot } from '../shared/web/build';

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

/** Serves the built front end for GET/HEAD outside `/v1` and `/local`; a page path gets its HTML document. */
export const webRoute = (opts: WebRouteOptions): LocalRoute => {
  const dist = resolve(opts.distDir);
  const portalHeaders = webSecurityHeaders(opts.connectOrigins);
  const referenceHeaders = apiReferenceSecurityHeaders();
  return async (req, res, _body, url) => {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (url.pathname.startsWith('/v1') || url.pathname.startsWith('/local')) return false;
    let pathname: string;
    try { pathname = decodeURIComponent(url.pathname); } catch { return false; }
    // By the path asked for, as CloudFront picks a behaviour (and its headers policy).
    const headers = isApiReferencePath(url.pathname) ? referenceHeaders : portalHeaders;
    const candidate = normalize(join(dist, pathname));
    if (candidate !== dist && !candidate.startsWith(dist + sep)) return false;
    let file = existsSync(candidate) && statSync(candidate).isFile() ? candidate : undefined;
    // A page gets its HTML document; a missing file of the build is a real 404.
    if (!file && !isAssetPath(pathname)) file = join(dist, pageDocument(pathname));
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
