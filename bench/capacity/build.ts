// Builds the model's input from the repository: the seed's agencies and procedures, generated
// lifecycles walked and rendered by the adapters, the platform declaration's settings.
import { generateActivity, type ActivityAgency } from '../../local/seed/dossier-activity';
import { readConfig } from '../../infra/config';
import { createWorkingCalendar } from '../../shared/calendar';
import { environment } from '../../shared/platform/environment';
import { functions } from '../../shared/platform/functions';
import { queues } from '../../shared/platform/queues';
import { tables } from '../../shared/platform/tables';
import { routeThrottle } from '../../shared/platform/throttles';
import { nationalAgencies, seedData, systemShares, type NationalAgency } from './agencies';
import { DOSSIERS_PER_YEAR } from './limits';
import { lifecycle, type Measured, type Step } from './lifecycle';
import { measureDossiers } from './measure-dossiers';
import { aggItemBytes, entryBytes, paymentWrites, procedureBytes, registryBytes } from './measure-records';
import { agencyShardCount } from '../../shared/platform/agency-shards';
import { listShardCount } from '../../functions/dossiers/domain/list-shards';
import { outboxShardsOf } from '../../functions/sync/domain/outbound';
import type { ModelInput, Settings } from './model';
import { walkOf } from './walk';

export interface BuildOptions {
  /** Share of the national rate at the largest agency. */
  topShare: number;
  /** Generated dossiers per sampled agency (the sample: every sixth seeded agency). */
  perAgency: number;
  seed: number;
}

export const DEFAULT_BUILD: BuildOptions = { topShare: 0.05, perAgency: 25, seed: 766 };

/** The settings that cap throughput, as the platform declares them (and infra applies them). */
export const declaredSettings = (): Settings => {
  const streamed = tables.find((t) => 'streamConsumer' in t && t.streamConsumer);
  if (!streamed || !('streamConsumer' in streamed)) throw new Error('capacity: no table stream consumer declared');
  const consumer = streamed.streamConsumer as { fn: string; parallelizationFactor: number };
  // readConfig reads CDK context; without any, the defaults `cdk synth` deploys with.
  const config = readConfig({ node: { tryGetContext: () => undefined } } as unknown as Parameters<typeof readConfig>[0]);
  return {
    routeRateLimit: (routeId) => routeThrottle(routeId, config).rateLimit,
    queues,
    functions,
    stream: { table: streamed.name, fn: consumer.fn, parallelizationFactor: consumer.parallelizationFactor },
  };
};

export interface Built {
  input: ModelInput;
  steps: Step[];
  measured: Measured;
  agencies: NationalAgency[];
  largestAgency: NationalAgency;
  largestSystem: { keyId: string; share: number; agencies: number };
  /** The largest agency's monthly counters item, bytes. */
  aggBytes: number;
  walks: number;
}

export const build = async (options: BuildOptions = DEFAULT_BUILD): Promise<Built> => {
  const data = seedData();
  const calendar = createWorkingCalendar(data.holidays);
  const agencies = nationalAgencies(options.topShare, data);
  const systemOf = new Map(agencies.map((a) => [a.code, a.systemKeyId]));
  const hasFee = new Map(data.procedures.map((p) => [p.code, p.fees.some((f) => f.amount > 0)]));
  const asActivity = (a: { code: string; name: string; level: ActivityAgency['level']; parentCode: string | null }): ActivityAgency =>
    ({ code: a.code, name: a.name, level: a.level, parentCode: a.parentCode });

  // Lifecycles: a month of every sixth seeded agency's dossiers, followed to their end.
  const sample = data.agencies.filter((_, i) => i % 6 === 0).map(asActivity);
  const generated = [...generateActivity({
    seed: options.seed, months: ['2026-03'], agencies: sample, procedures: data.procedures, perAgencyMonth: () => options.perAgency,
    now: new Date('2026-12-01T00:00:00Z'), calendar,
  })];
  const walks = generated.filter((g) => g.record.channel === 'online').map((g) => walkOf(g, calendar));

  // The largest agency's counters item: its month (seen mid-month, running dossiers included) at its national volume.
  const largestAgency = agencies[0]!;
  const month = [...generateActivity({
    seed: options.seed, months: ['2026-03'], agencies: [asActivity(largestAgency)], procedures: data.procedures, perAgencyMonth: () => 3000,
    now: new Date('2026-03-20T00:00:00Z'), calendar,
  })];
  const aggBytes = aggItemBytes(month, (DOSSIERS_PER_YEAR / 12) * largestAgency.share, (code) => hasFee.get(code));

  const dossier = await measureDossiers(walks, { systemOf: (code) => systemOf.get(code)!, aggBytes, hasFee: (code) => hasFee.get(code) });
  const procedures = await procedureBytes(data.procedures.filter((p) => p.onlineService !== 'none' && p.channels.includes('online')));
  const systems = agencies.filter((a) => a.level !== 'commune').map((a) => ({ keyId: a.systemKeyId, name: `Hệ thống một cửa ${a.name}`, agencyCodes: [a.code] }));
  const registry = await registryBytes(systems);
  const paid = walks.flatMap((w) => w.steps).find((s) => s.kind === 'transition' && s.action === 'request_payment')!;
  const procedure = data.procedures.find((p) => p.code === paid.after.procedureCode)!;
  // A commune pays into its province's account (catalogue/public.ts treasuryAccount): its parent's entry.
  const account = data.treasury.find((t) => t.agencyCode === (paid.after.agencyParentCode ?? paid.after.agencyCode)) ?? data.treasury[0]!;
  const payment = await paymentWrites(paid.after, procedure, { code: account.code, accountNumber: account.accountNumber, treasuryName: account.treasuryName, bankCode: account.bankCode });
  // Which procedures the online dossiers are of: how many distinct ones a warm instance reads.
  const perProcedure = new Map<string, number>();
  for (const w of walks) perProcedure.set(w.draft.procedureCode, (perProcedure.get(w.draft.procedureCode) ?? 0) + 1);
  const procedurePopularity = [...perProcedure.values()].sort((a, b) => b - a).map((n) => n / walks.length);
  const communeShare = agencies.filter((a) => a.level === 'commune').reduce((s, a) => s + a.share, 0);
  const measured: Measured = {
    dossier, procedurePopularity, warmCacheSeconds: Number(environment.WARM_CACHE_SECONDS.aws.value), procedureBytes: [...procedures.values()].reduce((a, b) => a + b, 0) / procedures.size, registry,
    dfBytes: dossier.dfBytes, treasuryReads: 1 + communeShare, treasuryBytes: await entryBytes('treasury-accounts', { ...account }), payment,
  };
  const steps = lifecycle(measured);
  const largestSystem = systemShares(agencies)[0]!;
  // The busiest counters item: each agency's share spread over its declared write shards.
  const counterShard = Math.max(...agencies.map((a) => a.share / agencyShardCount(a.code)));
  // The busiest list key: each agency's share spread over its work-queue list shards.
  const listShard = Math.max(...agencies.map((a) => a.share / listShardCount(a.code)));
  // The busiest outbox key: each system's share over its declared outbox shards.
  const systemShard = Math.max(...systemShares(agencies).map((s) => s.share / outboxShardsOf(s.keyId)));
  return {
    input: { steps, hottest: { agency: largestAgency.share, system: largestSystem.share, counterShard, listShard, systemShard }, settings: declaredSettings() },
    steps, measured, agencies, largestAgency, largestSystem, aggBytes, walks: walks.length,
  };
};
