// Months of past activity for the service index and the statistics of the local portal (and for the
// index benchmark). Dossiers are generated through the dossier domain (dossier-activity.ts: the
// transition table, the working calendar), each turned into its counter contribution exactly as
// the index-counters consumer does (functions/evaluation/domain/dossier-facts.ts), and summed per
// agency-month. Only the sums are stored: the months before the portal started are history the
// index reads, not dossiers anyone works on (docs/index.md "Seed"). Ratings and feedback answers of
// those months are drawn alongside, from each agency's profile.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createWorkingCalendar } from '../../shared/calendar';
import type { Procedure } from '../../shared/contracts/catalogue';
import { dynamoClient, dynamoLib } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { batchPutAll } from '../../shared/aws/dynamo-batch';
import { addCounters, contributionOf, factsOf, type Counters } from '../../functions/evaluation/domain/dossier-facts';
import { isOver, localMonthOf, parsePeriod, periodsClosedBy, shiftMonth } from '../../functions/evaluation/domain/period';
import { indexRunsQueue } from '../../functions/evaluation/adapters/index-runs-queue';
import { indexContext, platformDeps } from '../../functions/evaluation/deps';
import { recomputePeriod } from '../../functions/evaluation/recompute';
import { agencyProfile, generateActivity, mulberry32, type ActivityAgency } from './dossier-activity';
import { catalogueSeed } from './catalogue';

export const ACTIVITY_SEED = 766;
const MARKER = { pk: 'SEED#activity', sk: 'v1' };

export interface RatingCounts { total: number; satisfied: number; neutral: number; dissatisfied: number }
export interface AnswerCounts { answered: number; answeredOnTime: number; answeredLate: number; answeredRepeated: number }

export interface ActivityTotals {
  dossiers: number;
  /** `<agency>|<month>` → the summed contributions. */
  counters: Map<string, Counters>;
  ratings: Map<string, RatingCounts>;
  feedback: Map<string, AnswerCounts>;
}

/** Dossiers an agency receives in a month: by level, scaled per agency (big and small provinces). */
export const dossiersPerMonth = (agency: ActivityAgency, scale: number): number => {
  const base = agency.level === 'province' ? 60 : agency.level === 'central' ? 25 : 12;
  const size = 0.5 + mulberry32(ACTIVITY_SEED ^ [...agency.code].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7))();
  return Math.max(1, Math.round(base * size * scale));
};

export interface ActivityInput {
  months: readonly string[];
  now: Date;
  /** 1 = the demo's volume (~6,400 dossiers a month over the seeded agencies). */
  scale: number;
  agencies: readonly ActivityAgency[];
  procedures: readonly Procedure[];
  holidays: Parameters<typeof createWorkingCalendar>[0];
}

/** Generates the activity and sums it per agency-month (counters, ratings, feedback answers). */
export const activityTotals = (input: ActivityInput): ActivityTotals => {
  const hasFee = new Map(input.procedures.map((p) => [p.code, p.fees.some((f) => f.amount > 0)]));
  const totals: ActivityTotals = { dossiers: 0, counters: new Map(), ratings: new Map(), feedback: new Map() };
  const random = mulberry32(ACTIVITY_SEED + 1);
  const byAgency = new Map(input.agencies.map((a) => [a.code, a]));
  const seeded = new Set(input.months);
  for (const d of generateActivity({
    seed: ACTIVITY_SEED,
    months: input.months,
    agencies: input.agencies,
    procedures: input.procedures,
    perAgencyMonth: (code) => dossiersPerMonth(byAgency.get(code)!, input.scale),
    now: input.now,
    calendar: createWorkingCalendar(input.holidays),
  })) {
    totals.dossiers++;
    const facts = factsOf(d.record, d.history, hasFee.get(d.record.procedureCode));
    if (!facts) continue;
    const c = contributionOf(facts);
    const key = `${c.agencyCode}|${c.month}`;
    const into = totals.counters.get(key) ?? {};
    addCounters(into, c.counters);
    totals.counters.set(key, into);
    // About a third of handled applicants rate; a late dossier draws many more dissatisfied ratings.
    // A rating counts in the month it is given (its dossier's finish): one given after the seeded
    // months (a dossier finished this month) is left out, so the running month holds only real ones.
    const ratedMonth = d.record.finishedAt ? localMonthOf(new Date(d.record.finishedAt)) : null;
    if (facts.resulted && ratedMonth && seeded.has(ratedMonth) && random() < 0.35) {
      const rk = `${d.record.agencyCode}|${ratedMonth}`;
      const r = totals.ratings.get(rk) ?? { total: 0, satisfied: 0, neutral: 0, dissatisfied: 0 };
      const roll = random();
      const dissatisfied = facts.timeliness === 'late' ? 0.45 : 0.04;
      r.total++;
      if (roll < dissatisfied) r.dissatisfied++;
      else if (roll < dissatisfied + 0.1) r.neutral++;
      else r.satisfied++;
      totals.ratings.set(rk, r);
    }
  }
  // Feedback answered per agency-month: about one item per 40 dossiers, on time as the agency works.
  for (const [key, c] of totals.counters) {
    const [agencyCode] = key.split('|') as [string, string];
    const answered = Math.round((c.dossiers ?? 0) / 40 + random() * 2);
    if (answered === 0) continue;
    const profile = agencyProfile(ACTIVITY_SEED, agencyCode);
    let onTime = 0;
    let repeated = 0;
    for (let i = 0; i < answered; i++) {
      if (random() < profile.onTimeRate) onTime++;
      if (random() < 0.06) repeated++;
    }
    totals.feedback.set(key, { answered, answeredOnTime: onTime, answeredLate: answered - onTime, answeredRepeated: repeated });
  }
  return totals;
};

/** The seeded agencies and procedures (seed/catalogue) with the computed holidays. */
export const seedCatalogueData = () => {
  const seed = catalogueSeed();
  const agencies = seed.catalogues.agencies as ActivityAgency[];
  return {
    agencies: agencies.map((a) => ({ code: a.code, name: a.name, level: a.level, parentCode: a.parentCode ?? null })),
    procedures: seed.procedures as Procedure[],
    holidays: seed.catalogues.holidays as Parameters<typeof createWorkingCalendar>[0],
  };
};

/** The `n` months before `now`'s month (Asia/Ho_Chi_Minh), oldest first. */
export const monthsBefore = (now: Date, n: number): string[] => {
  const current = localMonthOf(now);
  return Array.from({ length: n }, (_, i) => shiftMonth(current, i - n));
};

const batchPut = async (db: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]) =>
  batchPutAll(db, await dynamoLib(), table, items, { concurrency: 4 });

/** Stores activity totals as the counters and aggregates the capabilities keep (replacing those items). */
export const writeActivityTotals = async (totals: ActivityTotals, parents: ReadonlyMap<string, string | null>) => {
  const db = await dynamoClient();
  const split = (key: string) => key.split('|') as [string, string];
  await Promise.all([
    batchPut(db, tableName('evaluation'), [...totals.counters].map(([key, counters]) => {
      const [agencyCode, month] = split(key);
      return { pk: `AGG#${agencyCode}`, sk: month, agencyCode, month, ...counters };
    })),
    batchPut(db, tableName('ratings'), [...totals.ratings].map(([key, r]) => {
      const [agencyCode, month] = split(key);
      return { pk: `AGG#${agencyCode}`, sk: month, agencyCode, month, agencyParentCode: parents.get(agencyCode) ?? null, updatedAt: new Date().toISOString(), ...r };
    })),
    batchPut(db, tableName('feedback'), [...totals.feedback].map(([key, f]) => {
      const [agencyCode, month] = split(key);
      return { pk: `AGG#${agencyCode}`, sk: month, agencyCode, month, ...f };
    })),
  ]);
};

/**
 * The local portal's history: six months before the first start, once (a marker item; a restart
 * with kept state seeds nothing again, and the months never shift under kept data).
 */
export const seedIndexActivity = async (now = new Date()): Promise<{ seeded: boolean; dossiers: number; months: string[] }> => {
  const db = await dynamoClient();
  const lib = await dynamoLib();
  const table = tableName('evaluation');
  const marker = await db.send(new lib.GetCommand({ TableName: table, Key: MARKER }));
  if (marker.Item) return { seeded: false, dossiers: 0, months: (marker.Item.months as string[]) ?? [] };
  const { agencies, procedures, holidays } = seedCatalogueData();
  const months = monthsBefore(now, 6);
  const totals = activityTotals({ months, now, scale: 1, agencies, procedures, holidays });
  await writeActivityTotals(totals, new Map(agencies.map((a) => [a.code, a.parentCode])));
  await db.send(new lib.PutCommand({ TableName: table, Item: { ...MARKER, months, dossiers: totals.dossiers, seededAt: now.toISOString() } }));
  return { seeded: true, dossiers: totals.dossiers, months };
};

/**
 * The index the monthly job would have stored over the seeded history: each seeded month that has
 * ended, and the quarters and years all of whose months are seeded and ended. The latest month (what
 * the dashboard opens on) is stored now; the others are queued for the jobs function (index-runs),
 * so a first start waits for one computation, not eight. Periods already stored are left alone: a
 * restart computes nothing again, and state seeded before the reads served stored results only
 * gets them once. Needs the catalogue seeded.
 */
export const storeIndexHistory = async (months: readonly string[], now = new Date()): Promise<{ stored: string[]; queued: string[] }> => {
  const deps = platformDeps();
  const index = indexContext({ ...deps, clock: () => now });
  const queue = indexRunsQueue();
  const seeded = new Set(months);
  const periods = [...new Set(months.flatMap((m) => periodsClosedBy(new Date(`${shiftMonth(m, 1)}-01T00:30:00+07:00`))))]
    .filter((id) => {
      const p = parsePeriod(id)!;
      return isOver(p, now) && p.months.every((m) => seeded.has(m));
    });
  const latest = periods.filter((id) => parsePeriod(id)!.kind === 'month').at(-1);
  const out = { stored: [] as string[], queued: [] as string[] };
  for (const period of periods) {
    if (await deps.store.run(period)) continue;
    if (period === latest) {
      await recomputePeriod(index, period, 'seed');
      out.stored.push(period);
    } else {
      await queue.send({ job: 'index', period });
      out.queued.push(period);
    }
  }
  return out;
};
