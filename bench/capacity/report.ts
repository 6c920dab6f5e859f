// The capacity report as text (npm run bench:capacity) and as data (--json, for tests and docs).
import type { Built } from './build';
import { monthlyCost } from './cost';
import { ACCOUNT_QUOTAS, FIXED_LIMITS, FLAG_AT, PRICES_USD, TX_HOLD_SECONDS } from './limits';
import type { Evaluation, Section } from './model';

const TITLES: Record<Section, string> = {
  keys: 'DynamoDB partition keys, hottest key of each family (limit 1,000 WCU/s, 3,000 RCU/s per key)',
  transactions: `Transactions per item (limit: the rate at which 10% of attempts conflict, ${TX_HOLD_SECONDS * 1000} ms hold)`,
  queues: 'SQS API calls per second per action (FIFO without high throughput: 300; standard: no practical limit)',
  functions: 'Lambda concurrency per function (rate × duration) against what caps it',
  settings: 'Settings that cap throughput (stage throttle per route, account quotas)',
};

const num = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en') : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const pct = (use: number, limit: number) => (Number.isFinite(limit) ? `${Math.round(use * 100)}%` : '-');

/** Units per second on each table and index at `rate` (all keys): what to pre-warm and the per-table quota. */
export const tableLoads = (steps: Built['steps'], rate: number) => {
  const out = new Map<string, { table: string; index: string | null; wcu: number; rcu: number }>();
  for (const s of steps) {
    for (const op of s.ops) {
      const key = `${op.table} ${op.index ?? ''}`;
      const t = out.get(key) ?? out.set(key, { table: op.table, index: op.index ?? null, wcu: 0, rcu: 0 }).get(key)!;
      t[op.kind === 'write' ? 'wcu' : 'rcu'] += rate * s.perDossier * op.units;
    }
  }
  return [...out.values()].sort((a, b) => a.table.localeCompare(b.table) || (a.index ?? '').localeCompare(b.index ?? ''));
};

/** Mean bytes of a work-queue list entry as officials' steps find it (the byAgencyQueueList projection of the record). */
const listEntryBytes = (built: Built) => {
  const official = [...built.measured.dossier.steps].filter(([key]) => key.startsWith('step:') && key.endsWith(':official')).map(([, s]) => s);
  const weight = official.reduce((n, s) => n + s.perDossier, 0);
  return official.reduce((n, s) => n + s.perDossier * s.listBytes, 0) / Math.max(weight, Number.EPSILON);
};

export const reportData = (built: Built, evaluation: Evaluation) => {
  const { settings } = built.input;
  const cost = monthlyCost(built.steps, settings.functions, settings.queues, built.measured.dossier.storedBytes);
  const rate = evaluation.rate;
  return {
    rate: evaluation.rate,
    saturation: evaluation.saturation,
    saturationBySection: evaluation.bySection,
    flagged: evaluation.rows.filter((r) => r.flagged).length,
    largestAgency: { code: built.largestAgency.code, name: built.largestAgency.name, share: built.largestAgency.share },
    largestSystem: built.largestSystem,
    agencies: built.agencies.length,
    sample: { walkedDossiers: built.walks, largestAgencyCountersBytes: built.aggBytes, listEntryBytes: listEntryBytes(built) },
    steps: built.steps.map((s) => ({ id: s.id, what: s.what, perDossier: s.perDossier, route: s.route ?? null, lambda: s.lambda, sends: s.sends, ops: s.ops })),
    rows: evaluation.rows,
    tables: tableLoads(built.steps, rate),
    messagesPerSecond: { email: rate * cost.per.emails, sms: rate * cost.per.sms },
    cost: { ...cost, prices: PRICES_USD },
  };
};

export type ReportData = ReturnType<typeof reportData>;

/** The text report, `top` rows per section (0: all), hottest first. */
export const reportText = (data: ReportData, top: number): string => {
  const lines: string[] = [];
  const rate = data.rate.toLocaleString('en');
  lines.push(`Capacity model at ${rate} dossier submissions per second nationally (docs/capacity.md)`);
  lines.push(`  ${data.agencies.toLocaleString('en')} agencies; largest ${data.largestAgency.name} ${(data.largestAgency.share * 100).toFixed(1)}% (${num(data.rate * data.largestAgency.share)} submits/s); `
    + `largest agency system ${data.largestSystem.keyId} ${(data.largestSystem.share * 100).toFixed(1)}%; ${data.sample.walkedDossiers} generated dossiers rendered`);
  lines.push(`  flags: over ${FLAG_AT * 100}% of a limit  (!! over 100%)`);
  for (const section of Object.keys(TITLES) as Section[]) {
    const rows = data.rows.filter((r) => r.section === section).sort((a, b) => b.use - a.use || b.load - a.load);
    const shown = top > 0 ? rows.slice(0, top) : rows;
    lines.push('', `${TITLES[section]}`);
    lines.push(`  ${'use'.padStart(6)}  ${'load'.padStart(10)} ${'unit'.padEnd(10)} ${'saturates at'.padStart(12)}  name`);
    for (const r of shown) {
      const mark = r.use > 1 ? '!!' : r.flagged ? ' !' : '  ';
      const at = r.saturatesAt === null ? '-' : `${num(r.saturatesAt)}/s`;
      lines.push(`${mark}${pct(r.use, r.limit).padStart(6)}  ${num(r.load).padStart(10)} ${r.unit.padEnd(10)} ${at.padStart(12)}  ${r.name}${r.detail ? `  (${r.detail})` : ''}`);
    }
    if (shown.length < rows.length) lines.push(`  … ${rows.length - shown.length} more (--top 0 shows all)`);
  }
  const dynamo = ACCOUNT_QUOTAS.dynamoTableThroughput;
  lines.push('', `Per table and index, all keys (pre-warm to these; on-demand tables start at 4,000 WCU / 12,000 RCU; table-level quota ${dynamo.default!.toLocaleString('en')} each by default, ${dynamo.requested.toLocaleString('en')} requested)`);
  for (const t of data.tables) lines.push(`  ${`${t.table}${t.index ? ` ${t.index}` : ''}`.padEnd(32)} ${num(t.wcu).padStart(10)} WCU/s ${num(t.rcu).padStart(10)} RCU/s`);
  lines.push(`  applicants' messages: ${num(data.messagesPerSecond.email)} e-mails/s (SES), ${num(data.messagesPerSecond.sms)} SMS/s (SNS)`);
  lines.push('', 'Saturation: the national submission rate at which the first limit is reached');
  for (const [section, s] of Object.entries(data.saturationBySection)) lines.push(`  ${section.padEnd(13)} ${s ? `${num(s.rate)}/s  ${s.by.replace(/^\w+: /, '')}` : '-'}`);
  lines.push(`  overall       ${data.saturation ? `${num(data.saturation.rate)}/s  (${data.saturation.by})` : 'none below 10 million/s'}`);
  lines.push(`  ${data.flagged} row(s) over ${FLAG_AT * 100}% of their limit at ${rate}/s`);
  const c = data.cost;
  lines.push('', `Monthly cost at ${(c.dossiersPerMonth * 12 / 1e6).toFixed(0)} M dossiers a year (${c.prices.region} list prices as of ${c.prices.asOf}; DynamoDB in ap-southeast-1 ×${c.prices.singaporeDynamoFactor.toFixed(2)})`);
  for (const l of c.lines) lines.push(`  ${l.item.padEnd(32)} ${l.quantity.padStart(18)}  ${`$${Math.round(l.usd).toLocaleString('en')}`.padStart(10)}`);
  lines.push(`  ${'total'.padEnd(32)} ${''.padStart(18)}  ${`$${Math.round(c.totalUsd).toLocaleString('en')}`.padStart(10)}   + ${num(c.smsPerMonth / 1e6)} M SMS a month at the carriers' rates`);
  return lines.join('\n');
};

/** Where docs/capacity.md keeps the quota table this model generates (npm run bench:capacity -- --write-quotas). */
export const QUOTA_TABLE_MARKERS = ['<!-- quotas: generated by `npm run bench:capacity -- --write-quotas` -->', '<!-- quotas: end -->'] as const;

/**
 * The quotas a national deployment requests, and the fixed limits beside them, as a Markdown table:
 * each with its default, the model's busiest row held to it at the report's rate, the figure
 * requested (limits.ts ACCOUNT_QUOTAS) and the use of it.
 */
export const quotaTable = (data: ReportData): string => {
  const rate = data.rate.toLocaleString('en');
  const lines = [
    `| quota | default | needed at ${rate}/s (busiest row) | request | use |`,
    '|---|---|---|---|---|',
  ];
  const held = (key: string) => data.rows.filter((r) => r.quota === key).sort((a, b) => b.load - a.load);
  const busiest = (key: string) => held(key)[0];
  // Which row, where several are held to the quota (tables, queues, functions).
  const what = (key: string, name: string) => (held(key).length > 1
    ? ` (${name.replace(/,? (table-level on-demand throughput )?against requested.*$/, '').replace(/^DynamoDB /, '').replace(/ \(\d+ MB, timeout \d+ s\)$/, '')})` : '');
  for (const [key, q] of Object.entries(ACCOUNT_QUOTAS)) {
    const row = busiest(key);
    if (!row) continue;
    lines.push(`| ${q.name} | ${q.default === null ? 'set per account' : q.default.toLocaleString('en')} | ${num(row.load)} ${q.unit}${what(key, row.name)} | **${q.requested.toLocaleString('en')}** | ${pct(row.load / q.requested, q.requested)} |`);
  }
  for (const [key, q] of Object.entries(FIXED_LIMITS)) {
    const row = busiest(key);
    if (!row) continue;
    lines.push(`| ${q.name} | ${q.limit.toLocaleString('en')} | ${num(row.load)} ${q.unit}${what(key, row.name)} | fixed: none | ${pct(row.load / q.limit, q.limit)} |`);
  }
  return lines.join('\n');
};
