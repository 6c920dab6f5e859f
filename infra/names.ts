// Construct ids and tags derived from declared names. Tags let tests (and operators in the console)
// map a physical resource back to its declaration without parsing generated logical ids.
export const pascal = (s: string) =>
  s.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

export const TAG = {
  table: 'dvc:table',
  bucket: 'dvc:bucket',
  queue: 'dvc:queue',
  dlqOf: 'dvc:dlq-of',
  fn: 'dvc:function',
  schedule: 'dvc:schedule',
} as const;

/** Schedule expressions may be declared with or without the `cron(...)` wrapper. */
export const scheduleExpression = (cron: string) => (/^(cron|rate|at)\(/.test(cron.trim()) ? cron.trim() : `cron(${cron.trim()})`);
