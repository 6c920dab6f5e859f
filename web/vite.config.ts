// The web front end: a static single-page application (Preact), built once and served as is by
// the local runtime (`npm start`) and by CloudFront (infra/stacks/web-stack.ts). Nothing
// environment-specific is built in: the app reads GET /v1/config at run time.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  // Preact's automatic JSX runtime, without a framework plugin.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: true,
    // The manifest lets the tests measure what the home page loads (its entry and static imports).
    manifest: true,
    assetsInlineLimit: 0,
  },
});
