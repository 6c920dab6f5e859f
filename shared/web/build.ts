// Building the web front end (web/ → web/dist) on demand, for the two consumers of the build: the
// local runtime (`npm start`, the test runtime) and the CDK app (`cdk synth` deploys web/dist).
// Both rebuild only when a source is newer than the last build, so a clean clone needs no extra
// step and an unchanged tree costs one directory walk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { API_REFERENCE_PATH } from './spa';

export const webRoot = (repoRoot: string) => resolve(repoRoot, 'web');
export const webDist = (repoRoot: string) => resolve(repoRoot, 'web', 'dist');

/** Vite's manifest: written last by a successful build, so its time stamps the whole build. */
const manifestOf = (repoRoot: string) => join(webDist(repoRoot), '.vite', 'manifest.json');

const newestMtime = (path: string): number => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
};

/**
 * What the build reads under web/: the app, the API reference (its directory is its path) and the
 * build's configuration; and the one declaration outside web/ whose values the app bundles (the
 * user pool's password policy and second factor, for the officials' sign-in).
 */
const BUILD_SOURCES = ['src', 'public', 'index.html', API_REFERENCE_PATH.slice(1), 'vite.config.ts', 'vite-redoc.ts', '../shared/platform/identity.ts'];

/** True when web/dist is missing or older than any source of the build. */
export const webBuildStale = (repoRoot: string): boolean => {
  const manifest = manifestOf(repoRoot);
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  const root = webRoot(repoRoot);
  const sources = BUILD_SOURCES.map((p) => join(root, p)).filter(existsSync);
  return sources.some((p) => newestMtime(p) > built);
};

/** Builds web/dist with Vite (web/vite.config.ts, as `npm run build:web`) when stale; returns whether it built. */
export const ensureWebBuild = async (repoRoot: string, log: (line: string) => void = () => undefined): Promise<boolean> => {
  if (!webBuildStale(repoRoot)) return false;
  const started = performance.now();
  const { build } = await import('vite');
  await build({ configFile: join(webRoot(repoRoot), 'vite.config.ts'), logLevel: 'warn' });
  log(`web front end built in ${Math.round(performance.now() - started)} ms (web/dist)`);
  return true;
};
