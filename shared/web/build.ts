// Building the web front end (web/ → web/dist) on demand, for the two consumers of the build: the
// local runtime (`npm start`, the test runtime) and the CDK app (`cdk synth` deploys web/dist).
// Both rebuild only when a source is newer than the last build, so a clean clone needs no extra
// step and an unchanged tree costs one directory walk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/** True when web/dist is missing or older than any source of the build. */
export const webBuildStale = (repoRoot: string): boolean => {
  const manifest = manifestOf(repoRoot);
  if (!existsSync(manifest)) return true;
  const built = statSync(manifest).mtimeMs;
  const root = webRoot(repoRoot);
  const sources = ['src', 'public', 'index.html', 'vite.config.ts'].map((p) => join(root, p)).filter(existsSync);
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
