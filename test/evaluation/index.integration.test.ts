// The service index and statistics end to end on the test runtime: dossiers moved through the
// gateway reach the counters through the table stream, the fan-out and the index-counters queue;
// the running month's index and statistics, once computed (they are stored together), count them; the admin
// recompute (queued on index-runs, run by the jobs function, polled) and the local job (`npm run
// job -- index`) store the same results; the reads serve only what is stored, with cache headers.
import { beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../shared/platform';
import { findJob } from '../../local/jobs';
import { CACHE_RUNNING, CACHE_STORED } from '../../functions/evaluation/cache-policy';
import { IndexBreakdown, IndexRanking, Statistics } from '../../shared/contracts/evaluation';
import { api, baseUrl, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { act, submitted } from '../support/dossiers';
import { recomputeIndex } from '../support/evaluation';
import { fileNamespace } from '../support/namespace';

const ns = fileNamespace(import.meta.url);
/** A Hà Nội commune of this file's own (test/support/namespace.ts): its counts are this file's alone. */
const COMMUNE = ns.agency();
/** A past year of this file's own: nobody else computes, stores or dates data in its periods. */
const YEAR = ns.year();
const HANOI = '000.00.00.H26';

const localMonth = (shift = 0) => {
  const local = new Date(Date.now() + 7 * 3_600_000);
  const m = local.getUTCFullYear() * 12 + local.getUTCMonth() + shift;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};

let citizen: string;
let official: string;
let admin: string;

beforeAll(async () => {
  [citizen, official, admin] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi'), signIn('admin.demo')]);
});

const statistics = async (agency: string, period = localMonth()) =>
  expectBody(await api('GET', `/v1/statistics?period=${period}&agency=${agency}`), 200, Statistics, `statistics of ${agency}`);
/** The running month's statistics once stored again (they are stored with the index, as the refresh stores them). */
const refreshedStatistics = async (agency: string) => {
  await recomputeIndex(admin, localMonth());
  return statistics(agency);
};
/** Returns once the local runtime has delivered every event in flight (the index counters' included). */
const settled = async () => expect((await fetch(`${baseUrl()}/local/events/settle?timeoutMs=60000`, { method: 'POST' })).status).toBe(200);
const breakdown = async (agency: string, period: string) => {
  const res = await api('GET', `/v1/indices/${agency}?period=${period}`);
  return { body: expectBody(res, 200, IndexBreakdown, `breakdown of ${agency}`), cacheControl: res.headers.get('cache-control') };
};
const ranking = async (query: string) => expectBody(await api('GET', `/v1/indices?${query}`), 200, IndexRanking, `ranking ${query}`);

/** Polls until the counters show what the test did (the stream and the queue are asynchronous). */
const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 60_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`${what}: not reached in ${timeoutMs} ms; last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 300));
  }
};

/** An admin's recompute, polled until stored: what it stored. */
const recomputed = async (period: string) => {
  const { accepted, run } = await recomputeIndex(admin, period);
  expect(accepted).toEqual({ runId: expect.any(String), period, status: 'queued' });
  expect(run).toMatchObject({ runId: accepted.runId, period, status: 'done', requestedBy: 'admin.demo', error: null });
  expect(run.progress?.done).toBe(run.progress?.total);
  expect(run.result).not.toBeNull();
  return run.result!;
};

describe('service index and statistics (local runtime)', () => {
  it('counts dossiers moved through the gateway: statistics of the commune and of its province, as stored with the index', async () => {
    const before = await refreshedStatistics(HANOI);
    const [waiting, handled, refused] = await Promise.all([1, 2, 3].map(() => submitted(citizen, { agencyCode: COMMUNE })));
    await act(official, handled!, { action: 'receive' }, { action: 'start' }, { action: 'finish' });
    await act(official, refused!, { action: 'refuse', reason: 'Hồ sơ không thuộc thẩm quyền' });
    expect(waiting!.status).toBe('submitted');

    // Counted once the events are delivered; stored once the running month is computed again (each
    // try a whole computation: a few seconds alone, far longer on a loaded machine).
    await settled();
    const stats = await eventually(() => refreshedStatistics(COMMUNE),
      (s) => s.dossiers === 3 && s.byStatus.done === 1 && s.byStatus.not_received === 1, 'commune counters', 240_000);
    expect(stats).toMatchObject({
      agencyCode: COMMUNE, dossiers: 3, received: 1,
      byStatus: { submitted: 1, done: 1, not_received: 1 }, byChannel: { online: 3 },
      onTime: 1, late: 0, onTimeRate: 1, onlineRate: 1,
    });
    expect(stats.byProcedure).toEqual([expect.objectContaining({ dossiers: 3, procedureName: expect.any(String) })]);
    expect(stats.averageHandlingDays).toBeGreaterThanOrEqual(0);

    // The province's figures include its communes'.
    const after = await statistics(HANOI);
    expect(after.dossiers - before.dossiers).toBeGreaterThanOrEqual(3);
    expect(after.final).toBe(false);
  }, 360_000);

  it("the running month, recomputed by an admin (queued, polled), is read from the store: the commune's breakdown shows every indicator", async () => {
    const result = await recomputed(localMonth());
    const { body, cacheControl } = await breakdown(COMMUNE, localMonth());
    expect(cacheControl).toBe(CACHE_RUNNING);
    expect(body).toMatchObject({ agencyCode: COMMUNE, period: localMonth(), final: false, level: 'commune' });
    // Other files recompute the running month too: a later run may have stored it since.
    expect(body.computedAt >= result.computedAt).toBe(true);
    const codes = body.indicators.map((i) => i.code);
    expect(codes).toEqual(expect.arrayContaining(['1.1', '1.4', '2.1', '3.3', '3.6', '4.2', '5.4']));
    const sync = body.indicators.find((i) => i.code === '1.4');
    // The commune's three dossiers this month; the official acted on two of them (received one, refused one).
    expect(sync).toMatchObject({ denominator: 3, numerator: 2 });
    expect(body.total).toBeGreaterThanOrEqual(0);
    expect(body.total).toBeLessThanOrEqual(100);
  });

  // Regression (issue 18, bug 4): a public read of a period nobody stored used to score it on the
  // spot (~2 s, one memo per period value). Now nothing is computed: an ended period is 404
  // PERIOD_NOT_COMPUTED; a running one too, and a refresh is queued, after which it is served.
  it('a public read never computes: an ended period nobody stored is 404, a running one is refreshed through the queue', async () => {
    // Periods of this file's own year: nobody computes them.
    for (const path of [
      `/v1/indices?period=${YEAR}-07&level=province`, `/v1/indices/${HANOI}?period=${YEAR}-Q3`, `/v1/indices?period=${YEAR}&level=central`,
      `/v1/statistics?period=${YEAR}`, `/v1/statistics?period=${YEAR}-07&agency=${HANOI}`,
    ]) {
      expectError(await api('GET', path), 404, 'PERIOD_NOT_COMPUTED');
    }
    // The running year: no test recomputes it, so the first read finds nothing and asks for it.
    const year = localMonth().slice(0, 4);
    const first = await api('GET', `/v1/indices?period=${year}&level=central`);
    if (first.status === 404) expectError(first, 404, 'PERIOD_NOT_COMPUTED');
    else expect(first.status).toBe(200);
    const refreshed = await eventually(() => api('GET', `/v1/indices?period=${year}&level=central`), (r) => r.status === 200, 'the refreshed year', 120_000);
    expect(expectBody(refreshed, 200, IndexRanking)).toMatchObject({ period: year, level: 'central', final: false });
    expect(refreshed.headers.get('cache-control')).toBe(CACHE_RUNNING);
    // Still nothing for the ended periods read above.
    expectError(await api('GET', `/v1/indices?period=${YEAR}-07&level=province`), 404, 'PERIOD_NOT_COMPUTED');
  });

  it('the admin recompute route and the local job store the same results for an ended month', async () => {
    // A month of this file's own year, so both computations see the same counters while other files
    // run (last month would not do: tests with fixed dates, e.g. 20 Nov 2026, fall in it).
    const period = `${YEAR}-01`;
    const run = await recomputed(period);
    expect(run).toMatchObject({ period, definitionVersion: '766-2022.1' });
    expect(run.agencies).toBeGreaterThan(300);
    const viaRoute = (await breakdown(HANOI, period)).body;
    const rankingViaRoute = await ranking(`period=${period}&level=province`);

    // `npm run job -- index --period <p>` with the portal running: the runtime's job route, streaming
    // progress lines (the console's bar) and then the result.
    expect(findJob(platform, 'index')?.fn).toBe('evaluation-jobs');
    const streamed = await fetch(`${baseUrl()}/local/jobs/index`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/x-ndjson' }, body: JSON.stringify({ period }),
    });
    const lines = (await streamed.text()).trim().split('\n').map((l) => JSON.parse(l));
    const progress = lines.filter((l) => l.progress).map((l) => l.progress.done);
    expect(progress.length).toBeGreaterThan(300);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)).toBe(lines[0].progress.total);
    const { runs } = lines.at(-1).result as { runs: { period: string; computedAt: string }[] };
    expect(runs.map((r) => r.period)).toEqual([period]);
    const { body: viaJob, cacheControl } = await breakdown(HANOI, period);
    expect(cacheControl).toBe(CACHE_STORED);
    expect(viaJob.computedAt).toBe(runs[0]!.computedAt);
    const strip = ({ computedAt: _c, ...rest }: { computedAt: string }) => rest;
    expect(strip(viaJob)).toEqual(strip(viaRoute));
    const rankingViaJob = await ranking(`period=${period}&level=province`);
    expect(strip(rankingViaJob)).toEqual(strip(rankingViaRoute));

    // 34 provinces, ranked by total, descending; ties share a rank.
    expect(rankingViaJob).toMatchObject({ period, level: 'province', final: true });
    expect(rankingViaJob.items).toHaveLength(34);
    const totals = rankingViaJob.items.map((i) => i.total);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it('ranks the communes of a province, and refuses what cannot be answered', async () => {
    // The first month of this file's year: stored by the test above.
    const period = `${YEAR}-01`;
    const communes = await ranking(`period=${period}&level=commune&province=${HANOI}`);
    expect(communes.items.length).toBeGreaterThan(10);
    expect(communes.items.every((i) => i.agencyCode.endsWith('.H26'))).toBe(true);
    expect(communes.items.map((i) => i.agencyCode)).toContain(COMMUNE);

    expect((await api('GET', `/v1/indices?period=${period}&level=commune`)).status).toBe(400);
    expect((await api('GET', '/v1/indices?period=2026-13')).status).toBe(400);
    expectError(await api('GET', '/v1/indices?period=2099-01'), 422, 'PERIOD_NOT_STARTED');
    expectError(await api('GET', '/v1/indices?period=2019-05'), 422, 'PERIOD_BEFORE_INDEX');
    expectError(await api('GET', `/v1/indices/000.00.00.X99?period=${period}`), 404, 'NOT_FOUND');
    expectError(await api('GET', `/v1/indices?period=${period}&level=commune&province=000.00.00.X99`), 404, 'NOT_FOUND');
    expect((await api('GET', `/v1/statistics?period=${localMonth()}&agency=000.00.00.X99`)).status).toBe(404);
    expect((await api('POST', `/v1/indices/recompute?period=${localMonth()}`, { token: official })).status).toBe(403);
    expectError(await api('POST', '/v1/indices/recompute?period=2099', { token: admin }), 422, 'PERIOD_NOT_STARTED');
    expectError(await api('POST', '/v1/indices/recompute?period=2019', { token: admin }), 422, 'PERIOD_BEFORE_INDEX');
    expect((await api('GET', '/v1/indices/runs/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
    expect((await api('GET', '/v1/indices/runs/00000000-0000-4000-8000-000000000000', { token: official })).status).toBe(403);
    expect((await api('GET', '/v1/indices/runs/not-a-run', { token: admin })).status).toBe(400);
  });
});
