// A monthly cost estimate at the yearly volume, from the lifecycle table's per-dossier totals and
// published on-demand list prices (limits.ts PRICES_USD; docs/capacity.md "Cost").
import { tables } from '../../shared/platform/tables';
import type { FunctionDecl, QueueDecl } from '../../shared/platform/types';
import { DOSSIERS_PER_YEAR, PRICES_USD } from './limits';
import { messagesPerCall, type Step } from './lifecycle';

export interface CostLine { item: string; quantity: string; usd: number }

const sum = <T>(items: readonly T[], f: (t: T) => number) => items.reduce((s, t) => s + f(t), 0);
const millions = (n: number) => `${(n / 1e6).toLocaleString('en', { maximumFractionDigits: 1 })} M`;

/** Per dossier totals of the lifecycle: units, calls, messages, Lambda time. */
export const perDossier = (steps: readonly Step[], functions: readonly FunctionDecl[], queues: readonly QueueDecl[]) => {
  const memoryGb = new Map(functions.map((f) => [f.name, f.memoryMb / 1024]));
  const queue = new Map(queues.map((q) => [q.name, q]));
  const consumerBatch = new Map([
    ...queues.filter((q) => q.consumer).map((q) => [q.consumer!.fn, q.consumer!.batchSize] as const),
    ...tables.flatMap((t) => ('streamConsumer' in t && t.streamConsumer ? [[t.streamConsumer.fn, t.streamConsumer.batchSize] as const] : [])),
  ]);
  const ops = (kind: 'read' | 'write') => sum(steps, (s) => s.perDossier * sum(s.ops.filter((o) => o.kind === kind), (o) => o.units));
  const sqs = (fifo: boolean) => sum(steps, (s) => s.perDossier * sum(s.sends.filter((x) => queue.get(x.queue)?.fifo === fifo), (x) => {
    const batch = queue.get(x.queue)?.consumer?.batchSize ?? 1;
    // Sent (per call), received and deleted (per batch of the consumer).
    return x.messages / messagesPerCall(x) + (2 * x.messages) / batch;
  }));
  return {
    writeUnits: ops('write'),
    readUnits: ops('read'),
    apiCalls: sum(steps.filter((s) => s.route), (s) => s.perDossier),
    lambdaRequests: sum(steps, (s) => s.perDossier * sum(s.lambda, (l) => (s.route ? 1 : 1 / (consumerBatch.get(l.fn) ?? 1)))),
    lambdaGbSeconds: sum(steps, (s) => s.perDossier * sum(s.lambda, (l) => (l.ms / 1000) * (memoryGb.get(l.fn) ?? 0.25))),
    sqsStandard: sqs(false),
    sqsFifo: sqs(true),
    emails: sum(steps, (s) => s.perDossier * (s.messages?.email ?? 0)),
    sms: sum(steps, (s) => s.perDossier * (s.messages?.sms ?? 0)),
  };
};

/** The monthly bill at DOSSIERS_PER_YEAR, storage after the first year (`storedBytes` per dossier). */
export const monthlyCost = (steps: readonly Step[], functions: readonly FunctionDecl[], queues: readonly QueueDecl[], storedBytes: number) => {
  const per = perDossier(steps, functions, queues);
  const month = DOSSIERS_PER_YEAR / 12;
  const p = PRICES_USD;
  const storedGb = (DOSSIERS_PER_YEAR * storedBytes) / 1024 ** 3;
  const lines: CostLine[] = [
    { item: 'DynamoDB writes (on-demand)', quantity: `${millions(month * per.writeUnits)} write units`, usd: ((month * per.writeUnits) / 1e6) * p.perMillionWriteUnits },
    { item: 'DynamoDB reads (on-demand)', quantity: `${millions(month * per.readUnits)} read units`, usd: ((month * per.readUnits) / 1e6) * p.perMillionReadUnits },
    { item: 'DynamoDB storage after a year', quantity: `${storedGb.toLocaleString('en', { maximumFractionDigits: 0 })} GB`, usd: storedGb * p.perGbMonthStored },
    { item: 'Lambda requests', quantity: millions(month * per.lambdaRequests), usd: ((month * per.lambdaRequests) / 1e6) * p.lambdaPerMillionRequests },
    { item: 'Lambda duration', quantity: `${millions(month * per.lambdaGbSeconds)} GB-s`, usd: month * per.lambdaGbSeconds * p.lambdaPerGbSecond },
    { item: 'HTTP API requests', quantity: millions(month * per.apiCalls), usd: ((month * per.apiCalls) / 1e6) * p.httpApiPerMillion },
    { item: 'SQS standard requests', quantity: millions(month * per.sqsStandard), usd: ((month * per.sqsStandard) / 1e6) * p.sqsStandardPerMillion },
    { item: 'SQS FIFO requests', quantity: millions(month * per.sqsFifo), usd: ((month * per.sqsFifo) / 1e6) * p.sqsFifoPerMillion },
    { item: 'SES e-mails', quantity: millions(month * per.emails), usd: ((month * per.emails) / 1000) * p.sesPerThousandEmails },
  ];
  return { per, lines, totalUsd: sum(lines, (l) => l.usd), smsPerMonth: month * per.sms, dossiersPerMonth: month };
};
