// The service limits, prices and traffic assumptions the capacity model reads (docs/capacity.md
// lists each with its source). AWS figures are from its documentation; the others are the model's
// assumptions, stated once here.

/** Per partition (table or GSI key range): "Best practices for designing and using partition keys", DynamoDB developer guide. */
export const PARTITION_WCU = 1000;
export const PARTITION_RCU = 3000;
/** A new on-demand table's warm throughput ("DynamoDB warm throughput", developer guide): its first partitions. */
export const NEW_TABLE_WARM = { wcu: 4000, rcu: 12_000 };

/**
 * SQS ("Amazon SQS message quotas"): a FIFO queue without high throughput takes 300 API calls per
 * second per action (SendMessage, ReceiveMessage, DeleteMessage; a batch of 10 is one call);
 * a standard queue is nearly unlimited.
 */
export const FIFO_CALLS_PER_ACTION = 300;
/**
 * A high-throughput FIFO queue ("Amazon SQS message quotas", "high throughput for FIFO queues"):
 * 9,000 API calls per second per action in Asia Pacific (Singapore), the default Region
 * (infra/config.ts; 70,000 in the largest Regions, 2,400 in the smallest).
 */
export const HIGH_THROUGHPUT_FIFO_CALLS_PER_ACTION = 9_000;
export const SQS_BATCH = 10;

/**
 * Lambda's SQS event source scales a standard queue's pollers to at most this many concurrent
 * invocations per event source ("Configuring scaling behavior for SQS event source mappings",
 * Lambda developer guide); not adjustable: a consumer needing more must do more per invocation.
 */
export const SQS_ESM_MAX_CONCURRENCY = 1250;
/** Lambda keeps this much of the account's concurrency unreserved ("Configuring reserved concurrency"). */
export const LAMBDA_UNRESERVED_MINIMUM = 100;

/**
 * The account quotas a national deployment requests before launch (docs/capacity.md "Quotas to
 * request before launch"): each with its AWS default and the figure requested, at least twice the
 * model's need at the goal rate (the bar is half of a limit). The model checks the account's rows
 * against `requested`; `default` is what a new account has, shown beside it.
 */
export interface AccountQuota {
  name: string;
  unit: string;
  /** A new account's value (null: set per account by AWS, e.g. SES on leaving the sandbox). */
  default: number | null;
  requested: number;
  source: string;
}
export const ACCOUNT_QUOTAS = {
  apiRequests: {
    name: 'API Gateway throttle per account and Region (all HTTP, REST and WebSocket APIs)', unit: 'req/s',
    default: 10_000, requested: 100_000, source: 'Amazon API Gateway quotas (adjustable; the burst is set by AWS from it)',
  },
  lambdaConcurrency: {
    name: 'Lambda concurrent executions per account and Region', unit: 'concurrent',
    default: 1_000, requested: 10_000, source: 'Lambda quotas (adjustable)',
  },
  dynamoTableThroughput: {
    name: 'DynamoDB on-demand table-level throughput, per table or index, reads and writes each', unit: 'units/s',
    default: 40_000, requested: 500_000, source: 'Quotas in Amazon DynamoDB; DynamoDB maximum throughput for on-demand tables (adjustable)',
  },
  sesSendRate: {
    name: 'Amazon SES maximum send rate', unit: 'e-mails/s',
    default: null, requested: 8_000, source: 'Amazon SES sending quotas (set per account on leaving the sandbox; raised on request)',
  },
  smsSendRate: {
    name: 'SMS sending rate to Vietnam (Amazon SNS / AWS End User Messaging SMS)', unit: 'SMS/s',
    default: null, requested: 13_000, source: 'AWS End User Messaging SMS quotas (per country and origination identity, on request)',
  },
} as const satisfies Record<string, AccountQuota>;

/** Limits a deployment cannot raise, listed with the quotas (docs/capacity.md): the design stays under half of them. */
export const FIXED_LIMITS = {
  sqsHighThroughputFifo: {
    name: 'SQS high-throughput FIFO queue, API calls per second per action (Asia Pacific (Singapore))', unit: 'calls/s',
    limit: HIGH_THROUGHPUT_FIFO_CALLS_PER_ACTION, source: 'Amazon SQS message quotas, high throughput for FIFO queues',
  },
  sqsEventSource: {
    name: 'Lambda SQS event source, concurrent invocations per standard queue', unit: 'concurrent',
    limit: SQS_ESM_MAX_CONCURRENCY, source: 'Configuring scaling behavior for SQS event source mappings (Lambda developer guide)',
  },
} as const;
export type QuotaKey = keyof typeof ACCOUNT_QUOTAS | keyof typeof FIXED_LIMITS;

/** What the model flags: anything above half of its limit (docs/requirements.md R-SCALE). */
export const FLAG_AT = 0.5;

/**
 * A transaction holds its items from prepare to commit. DynamoDB publishes no figure; its writes
 * take single-digit milliseconds and a transaction two phases, so 5 ms is taken. Two
 * transactions on one item collide when they overlap: with Poisson arrivals at λ per second the
 * share of attempts that meet another is 1 − e^(−λ·w); conflicts stay under 10% below λ = −ln 0.9 / w.
 */
export const TX_HOLD_SECONDS = 0.005;
export const TX_CONFLICT_TARGET = 0.1;
export const txRateAtConflicts = (share = TX_CONFLICT_TARGET, hold = TX_HOLD_SECONDS) => -Math.log(1 - share) / hold;
export const conflictShare = (ratePerSecond: number, hold = TX_HOLD_SECONDS) => 1 - Math.exp(-ratePerSecond * hold);

/**
 * How long the calls a step makes take (one-way service latency inside the Region, milliseconds),
 * for Lambda concurrency: concurrency = rate × duration. Assumptions, the order of what the
 * services document or commonly show: DynamoDB single-digit ms, a transaction two phases, SQS and
 * S3 a little more, e-mail and SMS providers and agency systems' endpoints much more.
 */
export const LATENCY_MS = {
  get: 5, query: 8, write: 8, tx: 15, sqs: 12, s3Head: 15, presign: 2, email: 60, sms: 60, push: 150, pdf: 250, overhead: 10,
} as const;
export type Call = keyof typeof LATENCY_MS;
/** The calls' time, in sequence. */
export const callsMs = (...calls: Call[]): number => calls.reduce<number>((sum, c) => sum + LATENCY_MS[c], 0);
/** An execution making these calls in sequence: their time and the function's own. */
export const durationMs = (...calls: Call[]): number => LATENCY_MS.overhead + callsMs(...calls);

/** Traffic assumptions per submitted online dossier (besides the steps the generator measures). */
export const TRAFFIC = {
  /** The applicant reads the procedure's page before starting the draft. */
  procedurePageViews: 1,
  /** The applicant opens the dossier to follow it. */
  dossierViews: 3,
  /** … and the "my dossiers" list. */
  myDossiersViews: 2,
  /** Public tracking by code and ID number. */
  trackingViews: 1,
  /** An official opens a page of the agency's work queue for each action taken on the portal. */
  queuePagesPerAction: 1,
  /** Events an agency system reports per request (POST /v1/sync/statuses takes ≤ 100). */
  eventsPerSyncRequest: 10,
  /** A dossier's own keys (D#<id>, N#<id>, …) take its operations within this window at most. */
  dossierBurstSeconds: 60,
  /**
   * Share of the national rate at agencies an agency system covers (only theirs get sync-outbound
   * messages, functions/identity/subscriptions.ts): every province and ministry runs a one-stop
   * system covering its agencies and communes (agencies.ts gives each agency its system), so 1.
   */
  subscribedShare: 1,
  /**
   * Stream records a dossier-events invocation holds at 2,000/s: a shard slot (shards × the
   * parallelization factor 10) sees ~4.5 history records a second (5.5 a dossier over ~121 WCU a
   * dossier ÷ 1,000 per shard × 10), and with no batching window a batch holds what arrived while
   * the last one ran (~22 ms): one. Batches fill (up to 50, sends 10 a call) only when the fan-out
   * catches up on a backlog.
   */
  streamRecordsPerInvocation: 1,
} as const;

/** Dossiers a year the portal must carry, for the cost estimate (docs/requirements.md R-SCALE). */
export const DOSSIERS_PER_YEAR = 100_000_000;

/**
 * Published on-demand list prices, US East (N. Virginia), as published in June 2026 (after DynamoDB's
 * November 2024 reduction). ap-southeast-1 (Singapore, infra/config.ts DEFAULT_REGION) lists
 * DynamoDB about 13% higher (1.4135 vs 1.25 USD per million writes before that reduction).
 */
export const PRICES_USD = {
  region: 'us-east-1',
  asOf: '2026-06',
  singaporeDynamoFactor: 1.4135 / 1.25,
  perMillionWriteUnits: 0.625,
  perMillionReadUnits: 0.125,
  perGbMonthStored: 0.25,
  lambdaPerMillionRequests: 0.2,
  lambdaPerGbSecond: 0.0000166667,
  httpApiPerMillion: 1.0,
  sqsStandardPerMillion: 0.4,
  sqsFifoPerMillion: 0.5,
  sesPerThousandEmails: 0.1,
} as const;
