// The index job against a brute-force recomputation from raw dossiers (docs/requirements.md
// R-INDEX-COUNTERS, docs/index.md): ~740 dossiers generated through the dossier domain
// (local/seed/dossier-activity.ts) are fed through the REAL counters pipeline — projectDossier over
// an `evaluation` table on the test runtime's DynamoDB Local, every dossier delivered twice,
// shuffled and concurrently — and computePeriod scores months and quarters from those counters. The test then
// recomputes every dossier and procedure indicator with plain loops over the raw records, written
// from the documented rules WITHOUT the production counters code (dossier-facts.ts, measures.ts,
// procedures.ts are not imported), and requires identical numerators, denominators, values and
// totals.
//
// The table is the file's own (test/support/own-resources.ts: the declared table's shape, under the
// file's namespace), so the counters are this file's alone whatever months and agencies it picks,
// and no other file's index computation sees them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { createWorkingCalendar } from '../../shared/calendar';
import type { Procedure } from '../../shared/contracts/catalogue';
import type { AgencyInfo } from '../../functions/catalogue/public';
import type { RatingAggregate } from '../../functions/ratings/public';
import { DynamoEvaluationStore } from '../../functions/evaluation/adapters/evaluation-store';
import { projectDossier, type ProjectionDeps, type ProjectionOutcome } from '../../functions/evaluation/projection';
import { computePeriod, type ComputedPeriod } from '../../functions/evaluation/compute';
import { indexContext, type IndexContext } from '../../functions/evaluation/deps';
import { definitionFor } from '../../functions/evaluation/domain/definitions';
import { round2, scoreAgency, type Measure } from '../../functions/evaluation/domain/engine';
import { generateActivity, mulberry32, type GeneratedDossier } from '../../local/seed/dossier-activity';
import { seedCatalogueData } from '../../local/seed/index-activity';
import { fileNamespace } from '../support/namespace';
import { ownTable } from '../support/own-resources';

const ns = fileNamespace(import.meta.url);
let table: Awaited<ReturnType<typeof ownTable>>;

const NOW = new Date('2025-05-10T03:00:00Z');
const MONTHS = ['2025-03', '2025-04'];
const PERIODS = ['2025-03', '2025-04', '2025-Q1', '2025-Q2'];
/** Huế has the most seeded communes (40) after Hà Nội. */
const PROVINCE = '000.00.00.H57';
const PROVINCE2 = '000.00.00.H17';
/** Bộ Công an (12 central procedures) and Bộ Tư pháp (6). */
const MINISTRIES = ['000.00.00.G01', '000.00.00.G15'];
const CONCURRENCY = 16;

const HOUR_MS = 3_600_000;
// Asia/Ho_Chi_Minh is UTC+7 all year (no DST): restated here so the brute force shares no helper with the code.
const localDay = (iso: string) => new Date(Date.parse(iso) + 7 * HOUR_MS).toISOString().slice(0, 10);
const localMonth = (iso: string) => localDay(iso).slice(0, 7);
const round4 = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 10_000);

const catalogue = seedCatalogueData();
const agencies: AgencyInfo[] = catalogue.agencies;
const procedures: Procedure[] = catalogue.procedures;
const byCode = new Map(agencies.map((a) => [a.code, a]));
const communesOf = (code: string) => agencies.filter((a) => a.parentCode === code).map((a) => a.code);
const SUBSET: AgencyInfo[] = [PROVINCE, ...communesOf(PROVINCE), PROVINCE2, ...communesOf(PROVINCE2), ...MINISTRIES].map((c) => byCode.get(c)!);
const feeOf = new Map(procedures.map((p) => [p.code, p.fees.some((f) => f.amount > 0)]));

// ---------------------------------------------------------------------------------------------
// Ratings and feedback: the test's own per agency-month counts, so 5.2–5.4 are cross-checked too
// (a few agencies get none, so "not applicable" is exercised as well).

interface Answers { answered: number; answeredOnTime: number; answeredLate: number; answeredRepeated: number; disliked: number }
const ratingsOf = new Map<string, { total: number; dissatisfied: number }>();
const answersOf = new Map<string, Answers>();
{
  const r = mulberry32(4242);
  for (const a of SUBSET) for (const m of MONTHS) {
    if (r() < 0.2) continue;
    const total = Math.floor(r() * 30);
    ratingsOf.set(`${a.code}|${m}`, { total, dissatisfied: Math.floor(r() * (total + 1) * 0.3) });
    const answered = Math.floor(r() * 6);
    const onTime = Math.floor(r() * (answered + 1));
    answersOf.set(`${a.code}|${m}`, {
      answered, answeredOnTime: onTime, answeredLate: answered - onTime,
      answeredRepeated: Math.floor(r() * 2), disliked: Math.floor(r() * 2),
    });
  }
}
const monthStart = (m: string) => new Date(`${m}-01T00:00:00+07:00`).toISOString();

const ratings = {
  // The computation reads only `total` and `dissatisfied` of an aggregate.
  aggregates: async (codes: readonly string[], month: string) => new Map(codes.flatMap((c) => {
    const v = ratingsOf.get(`${c}|${month}`);
    return v ? [[c, { agencyCode: c, month, ...v } as unknown as RatingAggregate] as const] : [];
  })),
};
const feedback = {
  counts: async (code: string, month: string) => answersOf.get(`${code}|${month}`) ?? { answered: 0, answeredOnTime: 0, answeredLate: 0, answeredRepeated: 0 },
  countsMany: async (codes: readonly string[], month: string) => new Map(codes.flatMap((c) => {
    const v = answersOf.get(`${c}|${month}`);
    return v ? [[c, v] as const] : [];
  })),
  // Disliked published answers, by agency, over the months that begin in [from, to).
  dislikedPublished: async (from: string, to: string) => {
    const out = new Map<string, number>();
    for (const [key, v] of answersOf) {
      const [code, month] = key.split('|') as [string, string];
      const start = monthStart(month);
      if (start >= from && start < to) out.set(code, (out.get(code) ?? 0) + v.disliked);
    }
    return out;
  },
};

// ---------------------------------------------------------------------------------------------
// Generation, projection and the job

const dossiers: GeneratedDossier[] = [];
const computed = new Map<string, ComputedPeriod>();
let index: IndexContext;
const outcomes: Record<ProjectionOutcome, number> = { applied: 0, unchanged: 0, missing: 0 };
const timings: Record<string, number> = {};

beforeAll(async () => {
  table = await ownTable(ns, 'evaluation');
  let t = performance.now();
  const level = (code: string) => byCode.get(code)!.level;
  for (const d of generateActivity({
    seed: 766_0502,
    months: MONTHS,
    agencies: SUBSET,
    procedures,
    // ~370 dossiers a month: Huế 30 + 40 × 6, Đà Nẵng 30 + 5 × 6, two ministries 12 each. Each
    // dossier costs DynamoDB Local one transaction (~65/s): enough to meet every rule, small enough
    // for the suite.
    perAgencyMonth: (code) => (level(code) === 'province' ? 30 : level(code) === 'central' ? 12 : 6),
    now: NOW,
    calendar: createWorkingCalendar(catalogue.holidays),
  })) dossiers.push(d);
  timings.generate = performance.now() - t;

  t = performance.now();
  const byId = new Map(dossiers.map((d) => [d.record.id, d]));
  const store = new DynamoEvaluationStore(dynamoClient, table.name);
  const deps: ProjectionDeps = {
    dossiers: { get: async (id) => byId.get(id)?.record, history: async (id) => byId.get(id)?.history ?? [] },
    procedureHasFee: async (code) => feeOf.get(code),
    store,
  };
  // Every dossier twice, in a shuffled order, 16 at a time: a redelivery (possibly concurrent with
  // the first) must change nothing. This is the test's cost: one TransactWriteItems per dossier, and
  // DynamoDB Local runs ~65 of them a second (docs/benchmarks.md), so ~45 s for ~2,900 dossiers.
  const queue = [...dossiers, ...dossiers].map((d) => d.record.id);
  const r = mulberry32(17);
  for (let i = queue.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [queue[i], queue[j]] = [queue[j]!, queue[i]!];
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let id = queue.pop(); id; id = queue.pop()) outcomes[await projectDossier(deps, id)]++;
  }));
  timings.project = performance.now() - t;

  t = performance.now();
  index = indexContext({
    store,
    catalogue: { agencies: async () => agencies, procedures: async () => procedures, holidays: async () => [...catalogue.holidays] },
    ratings,
    feedback,
    clock: () => NOW,
  });
  for (const p of PERIODS) computed.set(p, await computePeriod(index, p));
  timings.compute = performance.now() - t;
}, 300_000);
afterAll(async () => { await table?.drop(); });

// ---------------------------------------------------------------------------------------------
// The brute force, from the documented rules (docs/index.md, R-INDEX-INDICATORS, the indicator
// comments)

const FINISHED = new Set(['done', 'returned', 'stopped']);
const RUNNING_CLOCK = new Set(['received', 'processing', 'payment_required']);

/** Months of a period id (YYYY-MM or YYYY-Qn). */
const monthsOf = (period: string): string[] => {
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!q) return [period];
  return [1, 2, 3].map((i) => `${q[1]}-${String((Number(q[2]) - 1) * 3 + i).padStart(2, '0')}`);
};

/**
 * The day open dossiers are judged on: today while the period runs, the day after it once it is over
 * (functions/evaluation/domain/period.ts states this rule; docs/index.md does not yet). So a dossier
 * of a closed period still open and overdue today, but not due by the day after the period, is on time.
 */
const judgedOn = (period: string): string => {
  const last = monthsOf(period).at(-1)!;
  const [y, m] = last.split('-').map(Number) as [number, number];
  const after = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  const today = localDay(NOW.toISOString());
  // biome-ignore lint/complexity/useMathMinMax: ISO date strings, compared as text (Math.min would give NaN)
  return today < after ? today : after;
};

/** Whether the agency answers for the procedure (restated from docs: a province answers for its communes' procedures too). */
const competent = (p: Procedure, a: AgencyInfo): boolean => {
  if (p.status === 'repealed') return false;
  if (a.level === 'central') return p.agencyKinds.includes('central') && (!p.ministryCodes?.length || p.ministryCodes.includes(a.code));
  if (a.level === 'province') return p.agencyKinds.includes('province') || p.agencyKinds.includes('commune');
  return p.agencyKinds.includes('commune');
};

const ratio = (numerator: number, denominator: number): Measure =>
  ({ numerator, denominator, value: denominator > 0 ? Math.min(1, numerator / denominator) : null });

interface Brute { measures: Record<string, Measure>; handlingHours: number; finished: number; byStatus: Record<string, number>; byChannel: Record<string, number>; dossiers: number }

const bruteForce = (agency: AgencyInfo, period: string): Brute => {
  const scope = new Set(agency.level === 'province' ? [agency.code, ...communesOf(agency.code)] : [agency.code]);
  const months = new Set(monthsOf(period));
  const day = judgedOn(period);
  const mine = dossiers.filter(({ record: r }) =>
    r.status !== 'draft' && r.submittedAt !== null && scope.has(r.agencyCode) && months.has(localMonth(r.submittedAt)));

  let acted = 0, received = 0, onlineReceived = 0, onTime = 0, late = 0, finished = 0, hours = 0;
  let feeBearing = 0, paidOnline = 0, resulted = 0, eResult = 0, digitised = 0, vneid = 0;
  const onlineUsed = new Set<string>(), feeUsed = new Set<string>(), paidUsed = new Set<string>(), vneidUsed = new Set<string>();
  const byStatus: Record<string, number> = {};
  const byChannel: Record<string, number> = {};
  for (const { record: r, history } of mine) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
    byChannel[r.channel] = (byChannel[r.channel] ?? 0) + 1;
    // 1.4: the agency's status reached the portal — an official or its own system acted on it.
    if (history.some((e) => e.actor.kind === 'official' || e.actor.kind === 'agency_system')) acted++;

    // 2.1: supplement time is excluded by the due date itself (extended by each pause); more than one round is late.
    if (r.receivedAt && r.dueAt) {
      const due = Date.parse(r.dueAt);
      const tooManyRounds = r.supplementRounds > 1;
      let verdict: 'on_time' | 'late' | null = null;
      if (FINISHED.has(r.status) && r.finishedAt) verdict = tooManyRounds || Date.parse(r.finishedAt) > due ? 'late' : 'on_time';
      else if (r.status === 'supplement_requested' && r.pausedAt) verdict = tooManyRounds || Date.parse(r.pausedAt) > due ? 'late' : 'on_time';
      else if (RUNNING_CLOCK.has(r.status) || r.status === 'supplement_requested') verdict = tooManyRounds || localDay(r.dueAt) < day ? 'late' : 'on_time';
      if (verdict === 'on_time') onTime++;
      if (verdict === 'late') late++;
      // 2.2: handling time of a finished dossier, receipt to end of handling.
      if (FINISHED.has(r.status) && r.finishedAt) {
        finished++;
        hours += Math.max(0, Date.parse(r.finishedAt) - Date.parse(r.receivedAt)) / HOUR_MS;
      }
    }

    const isResulted = r.status === 'done' || r.status === 'returned';
    const hasEResult = r.attachments.some((a) => a.kind === 'result' && a.status === 'verified');
    if (isResulted) {
      resulted++;
      if (hasEResult) eResult++;
    }
    if (r.receivedAt === null) continue;
    // Everything below is over received dossiers only.
    received++;
    if (r.channel === 'online') { onlineReceived++; onlineUsed.add(r.procedureCode); }
    // 4.2: the application papers are digitised, and so is the result once there is one.
    if (r.attachments.some((a) => a.kind === 'application' && a.status === 'verified') && (!isResulted || hasEResult)) digitised++;
    // Population data (4.5a, 4.5b): a VNeID-verified applicant, or a form filled from the population database.
    if (r.applicant.vneidVerified || (r.prefilled ?? []).some((p) => p.source.startsWith('population.'))) { vneid++; vneidUsed.add(r.procedureCode); }
    const fee = feeOf.get(r.procedureCode) === true || history.some((e) => e.action === 'request_payment');
    if (fee) {
      feeBearing++;
      feeUsed.add(r.procedureCode);
      if (history.some((e) => e.action === 'confirm_payment' && e.actor.kind === 'system' && e.actor.id === 'payments')) {
        paidOnline++;
        paidUsed.add(r.procedureCode);
      }
    }
  }

  const competence = procedures.filter((p) => competent(p, agency));
  const count = (pred: (p: Procedure) => boolean) => competence.filter(pred).length;
  const online = (p: Procedure) => p.onlineService === 'full' || p.onlineService === 'partial';
  const withFee = (p: Procedure) => p.fees.some((f) => f.amount > 0);
  const forCitizens = (p: Procedure) => p.applicantTypes.includes('citizen');
  const complete = (p: Procedure) => p.name.trim() !== '' && p.steps.length > 0 && p.channels.length > 0 && p.components.length > 0
    && p.processingTime.value > 0 && p.applicantTypes.length > 0 && p.agencyKinds.length > 0;
  // 1.1 and 1.2 judge the procedures announced in the period; the seed announces none in these
  // months (all in 2025-07), so both are "nothing to measure" here. Guarded, not assumed.
  const announced = competence.filter((p) => months.has(localMonth(`${p.announcedAt.slice(0, 10)}T12:00:00+07:00`)));
  expect(announced, `procedures announced in ${period}: 1.1/1.2 would need the transparency rules`).toHaveLength(0);

  // Ratings and feedback of the scope's agency-months.
  let rTotal = 0, rDissatisfied = 0;
  const fb: Answers = { answered: 0, answeredOnTime: 0, answeredLate: 0, answeredRepeated: 0, disliked: 0 };
  for (const code of scope) for (const m of months) {
    const rt = ratingsOf.get(`${code}|${m}`);
    if (rt) { rTotal += rt.total; rDissatisfied += rt.dissatisfied; }
    const an = answersOf.get(`${code}|${m}`);
    if (an) for (const k of Object.keys(fb) as (keyof Answers)[]) fb[k] += an[k];
  }

  const sync = ratio(acted, mine.length);
  const judged = onTime + late;
  const lateRate = judged > 0 ? late / judged : null;
  const dissatisfiedRate = rTotal > 0 ? rDissatisfied / rTotal : null;
  const measures: Record<string, Measure> = {
    '1.1': ratio(0, 0),
    '1.2': ratio(0, 0),
    '1.3': ratio(count(complete), competence.length),
    '1.4': sync,
    '2.1': ratio(onTime, judged),
    '3.1': ratio(count(online), competence.length),
    '3.2': ratio(count((p) => online(p) && onlineUsed.has(p.code)), count(online)),
    // 3.3: online share of received dossiers, weighted by the sync ratio (1.4).
    '3.3': {
      numerator: onlineReceived, denominator: received,
      value: received > 0 && sync.value !== null ? (onlineReceived / received) * sync.value : null,
    },
    '3.5': ratio(count((p) => withFee(p) && feeUsed.has(p.code)), count(withFee)),
    '3.5b': ratio(count((p) => withFee(p) && paidUsed.has(p.code)), count(withFee)),
    '3.6': ratio(paidOnline, feeBearing),
    '4.1': ratio(eResult, resulted),
    '4.2': ratio(digitised, received),
    '4.5a': ratio(count((p) => forCitizens(p) && vneidUsed.has(p.code)), count(forCitizens)),
    '4.5b': ratio(vneid, received),
    // Display only (no points): answered feedback, and handling time (compared separately).
    '5.1': { numerator: fb.answered, denominator: fb.answered, value: null },
    '2.2': { numerator: hours, denominator: finished, value: null },
    '5.2': ratio(fb.answeredOnTime, fb.answered),
    // 5.3: answered less the disliked, late or repeated ones (each item once at most: capped at answered).
    '5.3': ratio(fb.answered - Math.min(fb.answered, fb.disliked + fb.answeredLate + fb.answeredRepeated), fb.answered),
    // 5.4 = 100% − (late rate + dissatisfied rate); with no ratings, the late rate alone.
    '5.4': {
      numerator: null, denominator: null,
      value: lateRate === null && dissatisfiedRate === null ? null : Math.max(0, 1 - ((lateRate ?? 0) + (dissatisfiedRate ?? 0))),
    },
  };
  return { measures, handlingHours: hours, finished, byStatus, byChannel, dossiers: mine.length };
};

// ---------------------------------------------------------------------------------------------

describe('index job vs brute force from raw dossiers', () => {
  it('generated a realistic set and projected each dossier exactly once despite the redeliveries', () => {
    expect(dossiers.length).toBeGreaterThan(650);
    expect(dossiers.length).toBeLessThan(850);
    expect(outcomes).toEqual({ applied: dossiers.length, unchanged: dossiers.length, missing: 0 });
    // The set exercises every branch of the rules it is checked on.
    const statuses = new Set(dossiers.map((d) => d.record.status));
    for (const s of ['submitted', 'processing', 'supplement_requested', 'done', 'returned', 'withdrawn', 'not_received']) expect(statuses).toContain(s);
    expect(dossiers.some((d) => d.record.supplementRounds > 1)).toBe(true);
    console.log(`[cross-check] ${dossiers.length} dossiers; generate ${Math.round(timings.generate!)} ms, ` +
      `project ${dossiers.length * 2} deliveries ${Math.round(timings.project!)} ms, compute ${PERIODS.length} periods ${Math.round(timings.compute!)} ms`);
  });

  it('every indicator of every agency of the subset, every period: identical', () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const period of PERIODS) {
      const result = computed.get(period)!;
      const definition = definitionFor(period);
      const unmeasured = new Set(definition.indicators.filter((i) => !i.measured).map((i) => i.code));
      for (const agency of SUBSET) {
        const got = result.results.find((r) => r.agencyCode === agency.code)!;
        const brute = bruteForce(agency, period);
        const where = `${period} ${agency.code}`;
        for (const ind of got.indicators) {
          if (unmeasured.has(ind.code)) continue;
          const want = brute.measures[ind.code];
          if (!want) { mismatches.push(`${where} ${ind.code}: no brute-force measure`); continue; }
          compared++;
          if (ind.code === '2.2') {
            // Each dossier's hours are rounded to 0.01 in the counters: the sum may drift by that much per dossier.
            if (ind.denominator !== want.denominator || Math.abs(ind.numerator! - want.numerator!) > 0.01 * brute.finished + 1e-6) {
              mismatches.push(`${where} 2.2: job ${ind.numerator}/${ind.denominator}, brute ${want.numerator}/${want.denominator}`);
            }
            continue;
          }
          if (ind.numerator !== want.numerator || ind.denominator !== want.denominator || ind.value !== round4(want.value)) {
            mismatches.push(`${where} ${ind.code}: job ${ind.numerator}/${ind.denominator}=${ind.value}, brute ${want.numerator}/${want.denominator}=${round4(want.value)}`);
          }
        }
        // The total and band, scored from the brute-force measures by the same engine and definition.
        const score = scoreAgency(definition, brute.measures);
        if (round2(score.total) !== got.total || score.band !== got.band) {
          mismatches.push(`${where} total: job ${got.total} ${got.band}, brute ${round2(score.total)} ${score.band}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(PERIODS.length * SUBSET.length * 15);
    console.log(`[cross-check] ${SUBSET.length} agencies × ${PERIODS.length} periods: ${compared} indicators and ${SUBSET.length * PERIODS.length} totals identical`);
  });

  it('the statistics the job computes for each province and ministry agree with the raw dossiers', () => {
    for (const period of PERIODS) {
      for (const code of [PROVINCE, PROVINCE2, ...MINISTRIES, communesOf(PROVINCE)[0]!]) {
        const brute = bruteForce(byCode.get(code)!, period);
        const body = computed.get(period)!.statistics.find((s) => s.agencyCode === code)!;
        expect({ period, code, dossiers: body.dossiers, byStatus: body.byStatus, byChannel: body.byChannel })
          .toEqual({ period, code, dossiers: brute.dossiers, byStatus: brute.byStatus, byChannel: brute.byChannel });
        expect(body.onTime + body.late).toBe(brute.measures['2.1']!.denominator);
        expect(body.onTime).toBe(brute.measures['2.1']!.numerator);
      }
    }
  });
});
