import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { platform, routeKey } from '../shared/platform';

describe('platform declaration', () => {
  it('has unique route keys and operation ids, each served by a declared function', () => {
    const keys = platform.routes.map((r) => routeKey(r.method, r.path));
    expect(new Set(keys).size).toBe(keys.length);
    const ids = platform.routes.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const fns = new Set(platform.functions.map((f) => f.name));
    for (const r of platform.routes) expect(fns.has(r.fn), `${r.id} → ${r.fn}`).toBe(true);
    expect(fns.has(platform.defaultRouteFn)).toBe(true);
  });

  it('points every function at an existing entry and only at declared resources', () => {
    const tables = new Set(platform.tables.map((t) => t.name));
    const buckets = new Set(platform.buckets.map((b) => b.name));
    const queues = new Set(platform.queues.map((q) => q.name));
    for (const fn of platform.functions) {
      expect(existsSync(resolve(fn.entry)), fn.entry).toBe(true);
      for (const t of Object.keys(fn.tables ?? {})) expect(tables.has(t), `${fn.name} → table ${t}`).toBe(true);
      for (const b of Object.keys(fn.buckets ?? {})) expect(buckets.has(b), `${fn.name} → bucket ${b}`).toBe(true);
      for (const q of fn.sendsTo ?? []) expect(queues.has(q), `${fn.name} → queue ${q}`).toBe(true);
      for (const q of fn.redrives ?? []) expect(queues.has(q), `${fn.name} redrives queue ${q}`).toBe(true);
    }
    for (const q of platform.queues) if (q.consumer) expect(platform.functions.some((f) => f.name === q.consumer!.fn)).toBe(true);
    for (const s of platform.schedules) expect(platform.functions.some((f) => f.name === s.fn)).toBe(true);
    for (const c of platform.commands) expect(platform.functions.some((f) => f.name === c.fn), `command ${c.job}`).toBe(true);
    // A job name means one thing: schedules and commands never share one.
    const jobNames = [...platform.schedules.map((s) => String(s.input.job ?? s.name)), ...platform.commands.map((c) => c.job)];
    expect(new Set(jobNames).size).toBe(jobNames.length);
  });

  it('keeps every path under /v1', () => {
    for (const r of platform.routes) expect(r.path.startsWith('/v1/')).toBe(true);
  });
});
