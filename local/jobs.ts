// Schedules on demand (SPEC §7): a declared schedule's function invoked with the schedule's input
// (plus overrides such as `now`), exactly as EventBridge Scheduler would invoke it in AWS.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlatformDecl, ScheduleDecl } from '../shared/platform';
import { lambdaContext } from './lambda-context';

/** The schedule a job name means: its declared name, or the `job` its input names. */
export const findSchedule = (platform: PlatformDecl, job: string): ScheduleDecl | undefined =>
  platform.schedules.find((s) => s.name === job || s.input.job === job);

export const runSchedule = async (
  platform: PlatformDecl,
  root: string,
  schedule: ScheduleDecl,
  overrides: Record<string, unknown> = {},
): Promise<unknown> => {
  const fn = platform.functions.find((f) => f.name === schedule.fn);
  if (!fn) throw new Error(`Schedule ${schedule.name} targets undeclared function ${schedule.fn}`);
  const { handler } = (await import(pathToFileURL(resolve(root, fn.entry)).href)) as {
    handler: (event: unknown, context: unknown) => Promise<unknown>;
  };
  return handler({ ...schedule.input, ...overrides }, lambdaContext(fn));
};
