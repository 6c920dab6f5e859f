// The API reference's renderer (web/tai-lieu-api/): Redoc's standalone bundle from npm, the file
// `@redocly/cli build-docs --inlineBundle` embeds (the `redoc` package's
// bundles/redoc.standalone.js is byte-for-byte the same), built by Vite like the rest of web/ and
// kept offline: the one resource it would fetch from a third party is patched out at build time.
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';

/** Where the bundle is; the reference page imports it as `redoc-standalone` (vite.config.ts). */
export const REDOC_STANDALONE = createRequire(import.meta.url).resolve('@redocly/cli/lib/chunks/redoc.standalone.js');

/**
 * The "API docs by Redocly" badge loads its logo from Redocly's CDN on every visit. The portal's
 * visitors are not sent to a third party (and the page's CSP would refuse it): the badge keeps its
 * link and shows the name as text drawn in an SVG of its own.
 */
export const BADGE_LOGOS = ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', 'https://cdn.redoc.ly/redoc/logo-mini.svg'] as const;
export const BADGE_STAND_IN = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="54" height="16" viewBox="0 0 54 16">'
  + '<text x="0" y="12" font-family="sans-serif" font-size="12" fill="#333">Redocly</text></svg>',
)}`;

/** Replaces the badge's logo addresses in Redoc's bundle; fails the build if the bundle no longer has them. */
export const redocOffline = (): Plugin => ({
  name: 'dvc-redoc-offline',
  transform(code, id) {
    if (id !== REDOC_STANDALONE) return null;
    let patched = code;
    for (const url of BADGE_LOGOS) {
      if (!patched.includes(url)) this.error(`Redoc's bundle no longer names ${url}: check what the new version fetches, then update web/vite-redoc.ts`);
      patched = patched.replaceAll(url, BADGE_STAND_IN);
    }
    return { code: patched, map: null };
  },
});
