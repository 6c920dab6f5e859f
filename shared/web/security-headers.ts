// The web front end's response headers, one declaration for both places that serve it: the local
// runtime (local/web.ts) and CloudFront's response headers policy (infra/stacks/web-stack.ts).

/**
 * Content-Security-Policy: scripts and styles only from the site itself; the page talks to its own
 * origin (the API is under /v1), to Cognito and to the upload bucket (presigned POST), nothing else.
 */
export const contentSecurityPolicy = (connectOrigins: readonly string[]) => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self' ${connectOrigins.join(' ')}`.trim(),
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

export const webSecurityHeaders = (connectOrigins: readonly string[]): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(connectOrigins),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
});

/** Hashed build assets never change under their name; index.html and the rest are revalidated. */
export const webCacheControl = (path: string) =>
  path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
