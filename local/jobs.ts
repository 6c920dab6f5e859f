// Schedules and operator commands on demand (docs/requirements.md R-LOCAL-JOBS): a declared
// schedule's function invoked with the schedule's input (plus overrides such as `now`), exactly as
// EventBridge Scheduler would invoke it in AWS; a declared command's function with the command's
// input plus the operator's options.
import type { FunctionName, PlatformDecl } from '../shared/platform';
import type { LocalRoute } from './gateway/server';
import { loadHandler } from './handlers';
import { lambdaContext } from './lambda-context';
import { listenToProgress, type ProgressListener } from '../shared/jobs/progress';

/** What `npm run job` can run: a schedule or an operator command. */
export interface RunnableJob {
  name: string;
  fn: FunctionName;
  input: Record<string, unknown>;
}

/** The job a name means: a schedule's declared name or the `job` its input names, or a command. */
export const findJob = (platform: PlatformDecl, job: string): RunnableJob | undefined =>
  platform.schedules.find((s) => s.name === job || s.input.job === job)
  ?? platform.commands.filter((c) => c.job === job).map((c) => ({ name: c.job, fn: c.fn, input: c.input }))[0];

/** Every name `npm run job` accepts. */
export const jobNames = (platform: PlatformDecl) => [
  ...platform.schedules.map((s) => String(s.input.job ?? s.name)),
  ...platform.commands.map((c) => c.job),
];

export const runJob = async (
  platform: PlatformDecl,
  root: string,
  schedule: RunnableJob,
  overrides: Record<string, unknown> = {},
): Promise<unknown> => {
  const fn = platform.functions.find((f) => f.name === schedule.fn);
  if (!fn) throw new Error(`Job ${schedule.name} targets undeclared function ${schedule.fn}`);
  const handler = await loadHandler(root, fn);
  return handler({ ...schedule.input, ...overrides }, lambdaContext(fn));
};

/** runJob with a progress listener for its duration (the console's bar). */
export const runJobWithProgress = async (
  platform: PlatformDecl, root: string, schedule: RunnableJob, overrides: Record<string, unknown>, onProgress: ProgressListener,
): Promise<unknown> => {
  const previous = listenToProgress(onProgress);
  try {
    return await runJob(platform, root, schedule, overrides);
  } finally {
    listenToProgress(previous);
  }
};

/** A progress bar line: `index 2026-10 [#########           ] 45% 170/377`. */
export const progressLine = (job: string, done: number, total: number, width = 30): string => {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * width);
  return `${job} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${done}/${total}`;
};

/** `POST /local/jobs/<schedule>` with a JSON object of overrides: how `npm run job` reaches a running portal. */
export const jobsRoute = (platform: PlatformDecl, root: string): LocalRoute => async (req, res, body, url) => {
  const m = /^\/local\/jobs\/([a-z0-9:-]+)$/.exec(url.pathname);
  if (!m || req.method !== 'POST') return false;
  const reply = (status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  const schedule = findJob(platform, m[1]!);
  if (!schedule) {
    reply(404, { message: `no job ${m[1]}` });
    return true;
  }
  let overrides: Record<string, unknown> = {};
  try {
    overrides = body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
  } catch {
    reply(400, { message: 'the body must be a JSON object of overrides' });
    return true;
  }
  // `accept: application/x-ndjson` (npm run job): progress lines while it runs, then the result.
  if (/application\/x-ndjson/.test(String(req.headers.accept ?? ''))) {
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    try {
      const result = await runJobWithProgress(platform, root, schedule, overrides, (job, done, total) => res.write(`${JSON.stringify({ progress: { job, done, total } })}\n`));
      res.end(`${JSON.stringify({ result })}\n`);
    } catch (e) {
      res.end(`${JSON.stringify({ error: (e as Error).message })}\n`);
    }
    return true;
  }
  try {
    reply(200, await runJob(platform, root, schedule, overrides));
  } catch (e) {
    reply(500, { message: (e as Error).message });
  }
  return true;
};
