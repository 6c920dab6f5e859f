// The jobs function invoked directly (EventBridge Scheduler, an operator), over in-memory ports
// (test/evaluation/memory-index.ts).
import { describe, expect, it } from 'vitest';
import { memoryIndex, perfect } from '../../test/evaluation/memory-index';
import { makeHandler } from './jobs';

/** 5 Nov 2026, 10:00 in Hà Nội: November, 2026-Q4 and 2026 are running; October has ended. */
const NOW = '2026-11-05T03:00:00Z';
const COUNTERS = { 'P2|2026-10': perfect(5), 'P2|2026-11': perfect(2), 'P1-C1|2026-11': perfect(3) };

describe('the jobs function invoked directly', () => {
  it("{ job: 'index-refresh' } (the schedule) stores the three running periods; { job: 'index' } the month that ended", async () => {
    const { deps, runs } = memoryIndex(COUNTERS, NOW);
    const jobs = makeHandler(() => deps, { clock: () => new Date(NOW) });
    const refreshed = (await jobs({ job: 'index-refresh' })) as { runs: { period: string; trigger: string }[] };
    expect(refreshed.runs.map((r) => [r.period, r.trigger])).toEqual([['2026-11', 'refresh'], ['2026-Q4', 'refresh'], ['2026', 'refresh']]);
    const monthly = (await jobs({ job: 'index' })) as { runs: { period: string; final: boolean }[] };
    expect(monthly.runs.map((r) => [r.period, r.final])).toEqual([['2026-10', true]]);
    expect([...runs.keys()].sort()).toEqual(['2026', '2026-10', '2026-11', '2026-Q4']);
    await expect(jobs({ job: 'index', period: '2026-13' })).rejects.toThrow(/period/);
  });
});
