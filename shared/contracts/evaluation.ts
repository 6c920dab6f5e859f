// The service index and public statistics (docs/requirements.md R-INDEX-API, R-CAP-STATISTICS):
// queries and responses, one source for validation, types and the OpenAPI document.
import * as z from 'zod';

const PERIOD_RE = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;
export const PeriodId = z.string().regex(PERIOD_RE, 'expected a month YYYY-MM, a quarter YYYY-Qn or a year YYYY')
  .refine((p) => Number(p.slice(0, 4)) >= 2000 && Number(p.slice(0, 4)) <= 2099, 'expected a year between 2000 and 2099')
  .describe('Month `YYYY-MM`, quarter `YYYY-Qn` or year `YYYY`');

const AgencyCode = z.string().min(1).max(60).regex(/^[A-Za-z0-9._-]+$/, 'expected an agency code such as 000.00.00.H26');
export const GroupCodes = z.enum(['CKMB', 'TDGQ', 'CLGQ', 'TTTT', 'MDSH', 'MDHL']);
export const BandName = z.enum(['excellent', 'good', 'fair', 'average', 'weak']);
const Groups = z.object({ CKMB: z.number(), TDGQ: z.number(), CLGQ: z.number(), TTTT: z.number(), MDSH: z.number(), MDHL: z.number() });

export const IndexRankingQuery = z.object({
  period: PeriodId,
  level: z.enum(['central', 'province', 'commune']).default('province'),
  province: AgencyCode.optional().describe('Communes: the province whose communes to rank (required for level=commune)'),
}).refine((q) => q.level !== 'commune' || q.province !== undefined, { message: 'give the province whose communes to rank', path: ['province'] });

export const IndexRanking = z.object({
  period: z.string(),
  level: z.enum(['central', 'province', 'commune']),
  province: z.string().nullable(),
  definitionVersion: z.string(),
  /** When the scores were computed: by the monthly job, an admin's recompute or (running periods) the refresh. */
  computedAt: z.string(),
  final: z.boolean().describe('false for provisional results, computed while the period was running (refreshed every few minutes)'),
  items: z.array(z.object({
    rank: z.number().int().nullable().describe('1 for the highest total (ties share a rank); null for an agency with nothing to score in the period, listed last'),
    agencyCode: z.string(), agencyName: z.string(), total: z.number(), band: BandName, groups: Groups,
    applicable: z.boolean(),
  })),
}).meta({ id: 'IndexRanking' });

export const IndexAgencyParams = z.object({ agencyCode: AgencyCode });
export const IndexAgencyQuery = z.object({ period: PeriodId });

const Part = z.object({ name: z.string(), numerator: z.number(), denominator: z.number() });
export const IndexBreakdown = z.object({
  agencyCode: z.string(),
  agencyName: z.string(),
  level: z.enum(['central', 'province', 'commune']),
  parentCode: z.string().nullable().describe('The province a commune belongs to; null for other agencies'),
  period: z.string(),
  definitionVersion: z.string(),
  computedAt: z.string(),
  final: z.boolean(),
  rank: z.number().int().nullable(),
  total: z.number(),
  band: BandName,
  applicable: z.boolean(),
  groups: Groups,
  groupDetails: z.array(z.object({ code: GroupCodes, score: z.number(), max: z.number(), applicable: z.boolean() })),
  indicators: z.array(z.object({
    code: z.string(), group: GroupCodes, name: z.string(),
    numerator: z.number().nullable(), denominator: z.number().nullable(), value: z.number().nullable(),
    score: z.number(), max: z.number(), effectiveMax: z.number(), applicable: z.boolean(),
    parts: z.array(Part).optional(),
  })),
}).meta({ id: 'IndexBreakdown' });

export const RecomputeQuery = z.object({ period: PeriodId });
export const RecomputeResult = z.object({
  period: z.string(), definitionVersion: z.string(), computedAt: z.string(), agencies: z.number().int(), durationMs: z.number(),
}).meta({ id: 'IndexRun' });

/** An admin's recompute runs asynchronously: the route answers at once with the run to poll. */
export const IndexRunId = z.uuid();
export const RecomputeAccepted = z.object({
  runId: IndexRunId, period: z.string(), status: z.literal('queued'),
}).meta({ id: 'IndexRunAccepted' });

export const IndexRunParams = z.object({ runId: IndexRunId });
export const IndexRunStatus = z.object({
  runId: z.string(),
  period: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  requestedAt: z.string(),
  requestedBy: z.string().nullable().describe("The admin's username"),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable().describe('Agencies scored so far'),
  result: RecomputeResult.nullable().describe('Once done: what was stored'),
  error: z.string().nullable().describe('Once failed: why'),
}).meta({ id: 'IndexRunStatus' });

export const StatisticsQuery = z.object({
  period: PeriodId,
  agency: AgencyCode.optional().describe('An agency (a province includes its communes); absent: the whole country'),
});
export const Statistics = z.object({
  period: z.string(),
  agencyCode: z.string().nullable(),
  agencyName: z.string().nullable(),
  computedAt: z.string().describe('When the index job computed these figures (they are stored with the index, never summed on request)'),
  final: z.boolean().describe('false: provisional figures of a running period, refreshed every 10 minutes'),
  dossiers: z.number().int().describe('Dossiers submitted online or received at a desk in the period'),
  received: z.number().int(),
  byStatus: z.record(z.string(), z.number()),
  byChannel: z.record(z.string(), z.number()),
  byProcedure: z.array(z.object({ procedureCode: z.string(), procedureName: z.string().nullable(), dossiers: z.number().int() })),
  onTimeRate: z.number().nullable().describe('On time ÷ judged (finished, or running at the end of the period or today); null without any'),
  onTime: z.number().int(),
  late: z.number().int(),
  averageHandlingDays: z.number().nullable().describe('Calendar days from receipt to the end of handling, over finished dossiers'),
  onlineRate: z.number().nullable(),
  paidOnlineRate: z.number().nullable(),
}).meta({ id: 'Statistics' });
export type Statistics = z.infer<typeof Statistics>;
/** A scope's figures as the index jobs store them; the period, the scope and the procedures' list are kept apart. */
const StatisticsFigures = Statistics.omit({ period: true, agencyCode: true, agencyName: true, computedAt: true, final: true, byProcedure: true });
export type StatisticsFigures = z.infer<typeof StatisticsFigures>;
export type ProcedureDossiers = Statistics['byProcedure'][number];
