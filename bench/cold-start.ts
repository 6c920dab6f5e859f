// Cold-start benchmark (docs/requirements.md R-PERF-COLD-START): every declared function is bundled
// exactly as the CDK bundles it (the BUNDLING options of infra/constructs/capability-function.ts,
// through esbuild's API), then
//   - size: the minified bundle (index.mjs; the external .map is not shipped code) against 500 KB;
//   - init: module initialisation in a FRESH Node process per sample — a tiny script records
//     performance.now() before and after `await import(bundle)` — median and max against 150 ms.
// Bundles go to .bench/cold-start/<fn>/ (git-ignored) inside the repo, so the external SDK resolves
// from the repo's node_modules as it does from the runtime's on Lambda: whatever SDK modules a
// bundle imports at top level are part of the measured initialisation. Each process gets the
// environment the function has at init in AWS (dummy resource names, a region, no endpoints, no
// credentials): initialisation must do no I/O, and the child reports any socket, DNS or file
// request still pending after the import beyond those an empty module leaves (Node's loader
// closes its own file handle: one CloseReq). Exits 1 if any function breaks a bar.
//
//   npm run bench:cold-start [-- --samples 9 --only catalogue]
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { BUNDLING } from '../infra/constructs/capability-function';
import { bucketEnvVar, platform, queueUrlEnvVar, secretArnEnvVar, tableEnvVar, type FunctionDecl } from '../shared/platform';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_ROOT = join(REPO_ROOT, '.bench', 'cold-start');

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SAMPLES = Number(arg('samples') ?? 9);
const ONLY = arg('only');
if (!Number.isInteger(SAMPLES) || SAMPLES < 7) throw new Error('--samples must be an integer ≥ 7');

const SIZE_BAR_BYTES = 500_000; // 500 KB, 1 KB = 1,000 bytes (the stricter reading)
const INIT_BAR_MS = 150;
const REGION = 'ap-southeast-1';
const ACCOUNT = '123456789012';

const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const kb = (bytes: number) => (bytes / 1000).toFixed(1);

/** The environment a function has at init in AWS: the api-stack's shared variables, the ones the
 * construct adds from the declaration, and those the Lambda runtime sets. Dummy values only. */
const initEnvironment = (decl: FunctionDecl): Record<string, string> => {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    // infra/stacks/api-stack.ts (shared by every function)
    USER_POOL_ID: `${REGION}_bench0000`,
    USER_POOL_CLIENT_ID: 'benchclientid000000000000',
    CORS_ORIGINS: 'https://dichvucong.example',
    // infra/constructs/capability-function.ts
    POWERTOOLS_SERVICE_NAME: decl.name,
    NODE_OPTIONS: '--enable-source-maps',
    // the nodejs22.x runtime
    AWS_REGION: REGION,
    AWS_DEFAULT_REGION: REGION,
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
    AWS_LAMBDA_FUNCTION_NAME: `dvc-portal-${decl.name}`,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(decl.memoryMb),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/dvc-portal-${decl.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/22/[$LATEST]bench',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
    _HANDLER: 'index.handler',
    TZ: ':UTC',
  };
  for (const name of Object.keys(decl.tables ?? {})) env[tableEnvVar(name)] = `dvc-portal-${name}-bench`;
  for (const name of Object.keys(decl.buckets ?? {})) env[bucketEnvVar(name)] = `dvc-portal-${name}-bench`;
  for (const name of decl.sendsTo ?? []) env[queueUrlEnvVar(name)] = `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/dvc-portal-${name}`;
  for (const name of decl.secrets ?? []) {
    const secret = platform.secrets.find((s) => s.name === name);
    if (!secret) throw new Error(`Function ${decl.name} declares secret ${name}, which the platform does not declare`);
    env[secretArnEnvVar(secret.envVar)] = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:dvc-portal-${name}-AbCdEf`;
  }
  return env;
};

/** Bundles one function with the CDK's options (what `esbuild --bundle` gets from NodejsFunction). */
const bundle = async (decl: FunctionDecl) => {
  const outdir = join(OUT_ROOT, decl.name);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'index.mjs');
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [join(REPO_ROOT, decl.entry)],
    bundle: true,
    platform: 'node',
    outfile,
    target: BUNDLING.target,
    format: BUNDLING.format,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    external: BUNDLING.externalModules,
    mainFields: BUNDLING.mainFields,
    banner: { js: BUNDLING.banner },
    metafile: true,
    logLevel: 'warning',
  });
  return { outfile, bytes: statSync(outfile).size, metafile: result.metafile };
};

/** External (runtime-provided) modules the bundle imports statically — loaded at init — and lazily. */
const externalImports = (metafile: Metafile, outfile: string) => {
  const output = metafile.outputs[relative(REPO_ROOT, outfile)];
  const imports = (output?.imports ?? []).filter((i) => i.external && !i.path.startsWith('node:'));
  const uniq = (kinds: string[]) => [...new Set(imports.filter((i) => kinds.includes(i.kind)).map((i) => i.path))].sort();
  return { static: uniq(['import-statement', 'require-call']), dynamic: uniq(['dynamic-import']) };
};

/** Largest inputs of a bundle, for the report when a function is over the size bar. */
const largestInputs = (metafile: Metafile, outfile: string, n = 5) => {
  const output = metafile.outputs[relative(REPO_ROOT, outfile)];
  const byPackage = new Map<string, number>();
  for (const [path, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
    const key = m ? m[1]! : '(project code)';
    byPackage.set(key, (byPackage.get(key) ?? 0) + bytesInOutput);
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, n);
};

// Runs in the fresh process: times the import, then lists pending I/O (a sign init does I/O).
const CHILD = `
const url = process.argv[1];
const c0 = process.cpuUsage();
const t0 = performance.now();
await import(url);
const initMs = performance.now() - t0;
const c1 = process.cpuUsage(c0);
const cpuMs = (c1.user + c1.system) / 1000;
const io = process.getActiveResourcesInfo().filter((r) => !/^(Timeout|Immediate|TTYWrap|PipeWrap)$/.test(r));
process.stdout.write(JSON.stringify({ initMs, cpuMs, io }) + '\\n');
process.exit(0);
`;

interface Sample {
  /** Wall time of `await import(bundle)`: the figure the bar is about. */
  initMs: number;
  /** CPU time (user + system) of the process over the same span: less sensitive to a busy machine. */
  cpuMs: number;
  io: string[];
}

const sampleInit = (outfile: string, env: Record<string, string>) =>
  new Promise<Sample>((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, pathToFileURL(outfile).href], {
      cwd: dirname(outfile),
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) return reject(new Error(`init failed (exit ${code}): ${err.trim() || out.trim()}`));
      resolvePromise(JSON.parse(line) as Sample);
    });
  });

interface Row {
  name: string;
  bytes: number;
  initMedian: number;
  initMax: number;
  cpuMedian: number;
  staticExternals: string[];
  dynamicExternals: string[];
  io: string[];
  error?: string;
  largest: [string, number][];
}

const main = async () => {
  const decls = (platform.functions as readonly FunctionDecl[]).filter((d) => !ONLY || d.name === ONLY);
  if (!decls.length) throw new Error(`No declared function named ${ONLY}`);
  console.log(`cold start: ${decls.length} functions, ${SAMPLES} fresh-process samples each (after 1 unrecorded), node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(2)}`);
  console.log(`bundling: ${JSON.stringify({ ...BUNDLING, banner: '(createRequire banner)' })}`);

  const rows: Row[] = [];
  // Harness reference: the same fresh-process import of an empty module.
  mkdirSync(OUT_ROOT, { recursive: true });
  const empty = join(OUT_ROOT, 'empty.mjs');
  writeFileSync(empty, 'export {};\n');
  const emptyEnv = initEnvironment({ name: 'empty', description: '', entry: '', memoryMb: 128, timeoutSeconds: 1 });
  await sampleInit(empty, emptyEnv);
  const baseline: number[] = [];
  let baselineIo: string[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const s = await sampleInit(empty, emptyEnv);
    baseline.push(s.initMs);
    baselineIo = s.io;
  }
  /** Pending resources beyond the empty module's (as a multiset). */
  const extraIo = (io: string[]) => {
    const left = [...baselineIo];
    return io.filter((r) => {
      const i = left.indexOf(r);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
  };

  for (const decl of decls) {
    const { outfile, bytes, metafile } = await bundle(decl);
    const ext = externalImports(metafile, outfile);
    const env = initEnvironment(decl);
    const row: Row = {
      name: decl.name, bytes, initMedian: NaN, initMax: NaN, cpuMedian: NaN,
      staticExternals: ext.static, dynamicExternals: ext.dynamic, io: [], largest: largestInputs(metafile, outfile),
    };
    try {
      await sampleInit(outfile, env); // brings the bundle and the SDK files into the OS file cache
      const times: number[] = [];
      const cpu: number[] = [];
      const io = new Set<string>();
      for (let i = 0; i < SAMPLES; i++) {
        const s = await sampleInit(outfile, env);
        times.push(s.initMs);
        cpu.push(s.cpuMs);
        for (const r of extraIo(s.io)) io.add(r);
      }
      row.initMedian = median(times);
      row.initMax = Math.max(...times);
      row.cpuMedian = median(cpu);
      row.io = [...io];
    } catch (error) {
      row.error = (error as Error).message;
    }
    rows.push(row);
  }

  const header = ['function', 'size KB', 'size/500 KB', 'init median ms', 'init max ms', 'median/150 ms', 'CPU median ms', 'SDK at init', 'result'];
  const table = rows.map((r) => {
    const fails = [
      r.bytes > SIZE_BAR_BYTES && 'size',
      !(r.initMedian <= INIT_BAR_MS) && 'init',
      r.io.length > 0 && 'I/O at init',
      r.error && 'error',
    ].filter(Boolean);
    return [
      r.name,
      kb(r.bytes),
      (r.bytes / SIZE_BAR_BYTES).toFixed(3),
      r.initMedian.toFixed(1),
      r.initMax.toFixed(1),
      (r.initMedian / INIT_BAR_MS).toFixed(3),
      r.cpuMedian.toFixed(1),
      r.staticExternals.length ? r.staticExternals.join(' ') : 'none',
      fails.length ? `FAIL (${fails.join(', ')})` : 'PASS',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i >= 7 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log();
  console.log(`harness reference, import of an empty module: median ${median(baseline).toFixed(1)} ms, max ${Math.max(...baseline).toFixed(1)} ms (pending after it: ${baselineIo.join(', ') || 'nothing'})`);
  console.log();
  console.log(line(header));
  for (const row of table) console.log(line(row));
  console.log();

  for (const r of rows) {
    console.log(`${r.name}: SDK loaded on first use: ${r.dynamicExternals.join(' ') || 'none'}; largest inputs: ${r.largest.map(([p, b]) => `${p} ${kb(b)} KB`).join(', ')}`);
    if (r.error) console.log(`  ERROR ${r.error}`);
    if (r.io.length) console.log(`  pending I/O after import: ${r.io.join(', ')}`);
  }
  // Wall time suffers when other processes compete for the cores; the CPU column and this say so.
  console.log(`load average at the end: ${loadavg()[0]!.toFixed(2)} (figures are meaningful on an otherwise idle machine)`);
  if (table.some((row) => row.at(-1) !== 'PASS')) process.exitCode = 1;
};

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
