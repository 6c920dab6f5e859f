// The daily deadline sweep with a fake store and catalogue: the country's due dossiers are read a
// page at a time and a few agencies at once, never held whole; the stored report equals the one
// computed over every dossier at once (counts complete, lists cut to the limit); an agency whose
// read fails is tried again without double counting, and one that keeps failing fails the run.
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../shared/calendar';
import { deadlineReport } from './domain/deadlines';
import type { DossierRecord } from './domain/dossier';
import { DEADLINE_JOB_LIMITS, makeHandler, runDeadlines, type JobDeps } from './jobs';

const NOW = new Date('2026-11-23T03:00:00.000Z'); // Mon 10:00 local
const DUE = ['2026-11-20T10:00:00.000Z', '2026-11-23T10:00:00.000Z', '2026-11-24T10:00:00.000Z'];
const dossier = (agency: string, i: number): DossierRecord => ({
  id: `${agency}-${String(i).padStart(5, '0')}`, code: null, agencyCode: agency, status: 'processing',
  dueAt: DUE[i % DUE.length]!.replace('10:00:00', `10:${String(i % 60).padStart(2, '0')}:00`), finishedAt: null, pausedAt: null, apologies: [],
} as unknown as DossierRecord);

/** 30 agencies, agency k with 37·k due dossiers (the largest: 1,073); reads record what they are asked. */
const fakeCountry = (options: { failFirst?: Record<string, number> } = {}) => {
  const byAgency = new Map(Array.from({ length: 30 }, (_, k) => {
    const code = `A${String(k).padStart(2, '0')}`;
    return [code, Array.from({ length: 37 * k }, (_, i) => dossier(code, i))] as const;
  }));
  const failures = { ...options.failFirst };
  let reading = 0;
  const seen = { mostAtOnce: 0, largestPage: 0, limits: new Set<number>(), flagged: new Map<string, number>(), reports: [] as Record<string, unknown>[] };
  const deps: JobDeps = {
    catalogue: {
      holidays: async () => [],
      agencies: async () => [...byAgency.keys()].map((code) => ({ code, name: code, level: 'commune' as const, parentCode: null })),
    },
    store: {
      async pageDueBy(agency, _until, { limit, after }) {
        reading += 1;
        seen.mostAtOnce = Math.max(seen.mostAtOnce, reading);
        seen.limits.add(limit);
        await new Promise((r) => setTimeout(r, 1));
        reading -= 1;
        const start = after === undefined ? 0 : Number(after);
        // The read fails on its second page, so a retry must not count the first one twice.
        if (failures[agency] && start > 0) {
          failures[agency] -= 1;
          throw Object.assign(new Error('throttled'), { name: 'ProvisionedThroughputExceededException' });
        }
        const items = (byAgency.get(agency) ?? []).slice(start, start + limit);
        seen.largestPage = Math.max(seen.largestPage, items.length);
        const next = start + limit < (byAgency.get(agency) ?? []).length ? String(start + limit) : null;
        return { items, next };
      },
      async flagLate(id) { seen.flagged.set(id, (seen.flagged.get(id) ?? 0) + 1); },
      async putJobReport(_name, _date, report) { seen.reports.push(report); },
    },
  };
  return { deps, seen, all: [...byAgency.values()].flat() };
};

describe('runDeadlines over the country', () => {
  const limits = { ...DEADLINE_JOB_LIMITS, reportLimit: 50 };

  it('reads pages of at most PAGE_SIZE, a few agencies at once, and reports as if it had read everything at once', async () => {
    const { deps, seen, all } = fakeCountry();
    const result = await runDeadlines(deps, NOW, limits);
    expect([...seen.limits]).toEqual([DEADLINE_JOB_LIMITS.pageSize]);
    expect(seen.largestPage).toBeLessThanOrEqual(DEADLINE_JOB_LIMITS.pageSize);
    expect(seen.mostAtOnce).toBeGreaterThan(1);
    expect(seen.mostAtOnce).toBeLessThanOrEqual(DEADLINE_JOB_LIMITS.concurrency);

    const whole = deadlineReport(all, createWorkingCalendar([]), NOW);
    expect(all.length).toBe(16_095);
    expect(result).toMatchObject({ agencies: 30, dueSoon: whole.dueSoon.length, late: whole.late.length, apologyOwed: whole.apologyOwed.length, failedAgencies: [] });
    const [stored] = seen.reports;
    expect(stored!.lateItems).toEqual(whole.late.slice(0, 50));
    expect(stored!.dueSoonItems).toEqual(whole.dueSoon.slice(0, 50));
    expect(stored!.apologyOwedItems).toEqual(whole.apologyOwed.slice(0, 50));
    expect([...seen.flagged.keys()].sort()).toEqual(whole.late.map((e) => e.id).sort());
  });

  it('tries a failing agency again from its first page: counts stay exact, flags are set again (once in the store)', async () => {
    const { deps, seen, all } = fakeCountry({ failFirst: { A29: 2, A05: 1 } });
    const result = await runDeadlines(deps, NOW, limits);
    const whole = deadlineReport(all, createWorkingCalendar([]), NOW);
    expect(result).toMatchObject({ late: whole.late.length, dueSoon: whole.dueSoon.length, failedAgencies: [] });
    // A29's first page was judged three times; flagLate is if_not_exists in the store.
    expect(Math.max(...seen.flagged.values())).toBe(3);
  });

  it('names an agency that keeps failing, keeps the report of the rest, and fails the run for the scheduler to retry', async () => {
    const { deps, seen } = fakeCountry({ failFirst: { A07: 99 } });
    const result = await runDeadlines(deps, NOW, limits);
    expect(result.failedAgencies).toEqual(['A07']);
    expect(seen.reports[0]!.failedAgencies).toEqual(['A07']);
    await expect(makeHandler(() => fakeCountry({ failFirst: { A07: 99 } }).deps)({ job: 'deadlines', now: NOW.toISOString() })).rejects.toThrow(/A07/);
    // The rerun, once the reads recover, completes.
    expect(await makeHandler(() => fakeCountry().deps)({ job: 'deadlines', now: NOW.toISOString() })).toMatchObject({ failedAgencies: [] });
  });
});
