// `npm run job -- <job> [--flag] [--name value ...]`: runs a declared schedule's job now, as
// EventBridge Scheduler would, or an operator command (e.g. `sync:dlq --list`). With `npm start` running it asks that runtime (POST /local/jobs/<schedule>, so
// the job sees the same emulators); otherwise it starts the runtime on the same `.local/` state,
// runs the job and stops.
import { resolve } from 'node:path';
import { readEnv } from '../shared/config';
import { localValue } from '../shared/platform/environment';

process.env.LOG_LEVEL ??= localValue('LOG_LEVEL');
const { platform } = await import('../shared/platform');
const { findJob, jobNames, progressLine, runJobWithProgress } = await import('./jobs');
const { REPO_ROOT, startRuntime } = await import('./runtime');

const [job, ...rest] = process.argv.slice(2);
const overrides: Record<string, unknown> = {};
for (let i = 0; i < rest.length; i++) {
  const key = rest[i]!.startsWith('--') ? rest[i]!.slice(2) : '';
  if (!key) {
    console.error(`usage: npm run job -- <job> [--flag] [--name value ...]`);
    process.exit(2);
  }
  // `--list` alone is a flag; `--period 2026-10` a value.
  const next = rest[i + 1];
  if (next === undefined || next.startsWith('--')) overrides[key] = true;
  else overrides[key] = rest[++i];
}
const schedule = job ? findJob(platform, job) : undefined;
if (!schedule) {
  console.error(`Unknown job ${JSON.stringify(job ?? '')}. Jobs: ${jobNames(platform).join(', ')}`);
  process.exit(2);
}

// The bar: redrawn in place on a terminal, a line per quarter otherwise (CI logs).
let lastQuarter = -1;
const drawProgress = (job: string, done: number, total: number) => {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${progressLine(job, done, total)}${done >= total ? '\n' : ''}`);
    return;
  }
  const quarter = Math.floor((done / Math.max(1, total)) * 4);
  if (quarter !== lastQuarter) {
    lastQuarter = quarter;
    process.stderr.write(`${progressLine(job, done, total)}\n`);
  }
};

const url = `http://127.0.0.1:${readEnv('PORT')}`;
const started = performance.now();
const viaRunning = await fetch(`${url}/local/jobs/${schedule.name}`, {
  method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' }, body: JSON.stringify(overrides),
}).catch(() => undefined);

let result: unknown;
if (viaRunning?.ok && viaRunning.body) {
  // Progress lines, then `{ result }` or `{ error }`.
  let buffered = '';
  const decoder = new TextDecoder();
  for await (const chunk of viaRunning.body as unknown as AsyncIterable<Uint8Array>) {
    buffered += decoder.decode(chunk, { stream: true });
    for (let newline = buffered.indexOf('\n'); newline >= 0; newline = buffered.indexOf('\n')) {
      const line = JSON.parse(buffered.slice(0, newline)) as { progress?: { job: string; done: number; total: number }; result?: unknown; error?: string };
      buffered = buffered.slice(newline + 1);
      if (line.progress) drawProgress(line.progress.job, line.progress.done, line.progress.total);
      else if (line.error !== undefined) {
        console.error(`${schedule.name} failed in the running portal: ${line.error}`);
        process.exit(1);
      } else result = line.result;
    }
  }
} else if (viaRunning) {
  console.error(`${schedule.name} failed in the running portal: ${viaRunning.status} ${await viaRunning.text()}`);
  process.exit(1);
} else {
  console.log(`[job] no portal at ${url}: starting the local runtime on .local/ for this job`);
  const runtime = await startRuntime({ stateDir: resolve(REPO_ROOT, readEnv('DVC_STATE_DIR')), port: 0 });
  try {
    result = await runJobWithProgress(platform, REPO_ROOT, schedule, overrides, drawProgress);
  } finally {
    await runtime.stop();
  }
}
console.log(`[job] ${schedule.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(JSON.stringify(result, null, 2));
