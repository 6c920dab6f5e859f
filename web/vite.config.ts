// The web front end: a static single-page application (Preact), built once and served as is by
// the local runtime (`npm start`) and by CloudFront (infra/stacks/web-stack.ts). Nothing
// environment-specific is built in: the app reads GET /v1/config at run time. A second HTML
// entry, the API reference (tai-lieu-api/), is its own document with its own scripts, so nothing
// of it reaches the app's pages.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { API_REFERENCE_PATH } from '../shared/web/spa.ts';
import { REDOC_STANDALONE, redocOffline } from './vite-redoc.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  // Preact's automatic JSX runtime, without a framework plugin.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { 'redoc-standalone': REDOC_STANDALONE } },
  plugins: [redocOffline()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    // The manifest lets the tests measure what the home page loads (its entry and static imports).
    manifest: true,
    assetsInlineLimit: 0,
    // Redoc's prebuilt bundle is one chunk of 2.3 MB, loaded by the API reference only; the app's
    // chunks are held to their own limits by test/web/bundle.test.ts.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      // The app, and the API reference: its directory is its path (shared/web/spa.ts).
      input: { index: here('index.html'), apiReference: here(`.${API_REFERENCE_PATH}/index.html`) },
    },
  },
});
