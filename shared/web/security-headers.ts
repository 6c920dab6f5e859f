// The web front end's response headers, one declaration for both places that serve it: the local
// runtime (local/web.ts) and CloudFront's response headers policies (infra/stacks/web-stack.ts).

type Directives = Record<string, string>;

const serialize = (directives: Directives) => Object.entries(directives).map(([name, value]) => `${name} ${value}`).join('; ');

/** The portal's policy, directive by directive (the API reference's policy is derived from it). */
const portalDirectives = (connectOrigins: readonly string[]): Directives => ({
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': `'self' ${connectOrigins.join(' ')}`.trim(),
  'frame-ancestors': "'none'",
  'base-uri': "'self'",
  'form-action': "'self'",
  'object-src': "'none'",
});

/**
 * Content-Security-Policy: scripts and styles only from the site itself; the page talks to its own
 * origin (the API is under /v1), to Cognito and to the upload bucket (presigned POST), nothing else.
 */
export const contentSecurityPolicy = (connectOrigins: readonly string[]) => serialize(portalDirectives(connectOrigins));

/**
 * SHA-256 of the empty string. Redoc styles itself with styled-components, which adds an empty
 * `<style>` element and fills it through the CSSOM (insertRule, which CSP does not govern). Without
 * a source for that element its sheet is never created and the page stops; this hash admits an
 * empty style element and no inline CSS text at all, unlike 'unsafe-inline'.
 */
export const EMPTY_INLINE_STYLE = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

/**
 * The API reference's policy (its own path: spa.ts): the portal's, with two additions Redoc needs —
 * the empty style element above, and `data:` fonts (its icon font is embedded in its CSS) — and
 * nothing to call but its own origin (it reads /v1/openapi.json; no sign-in, no upload).
 */
export const apiReferenceContentSecurityPolicy = () => serialize({
  ...portalDirectives([]),
  'style-src': `'self' ${EMPTY_INLINE_STYLE}`,
  'font-src': "'self' data:",
});

const commonHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export const webSecurityHeaders = (connectOrigins: readonly string[]): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(connectOrigins),
  ...commonHeaders,
});

/** The same headers with the reference's CSP: for every path under API_REFERENCE_PATH. */
export const apiReferenceSecurityHeaders = (): Record<string, string> => ({
  'content-security-policy': apiReferenceContentSecurityPolicy(),
  ...commonHeaders,
});

/** Hashed build assets never change under their name; index.html and the rest are revalidated. */
export const webCacheControl = (path: string) =>
  path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
