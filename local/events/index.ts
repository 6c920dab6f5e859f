// Event delivery on this machine (docs/requirements.md R-LOCAL-EVENTS): one poller per declared
// event source mapping — each table stream with a consumer and each queue with a consumer —
// invoking the same handlers Lambda invokes in AWS. `settle()` waits until everything written so
// far has flowed through (tests and `POST /local/events/settle` use it instead of sleeping).
import { resolve } from 'node:path';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  queueUrlEnvVar, streamArnEnvVar, streamDlqUrlEnvVar, type FunctionDecl, type PlatformDecl,
} from '../../shared/platform';
import { readEnv } from '../../shared/config';
import { localValue } from '../../shared/platform/environment';
import type { LocalRoute } from '../gateway/server';
import { loadHandler } from '../handlers';
import type { Poller } from './poller';
import { queuePoller } from './queue-poller';
import { streamPoller } from './stream-poller';

export interface EventDeliveryOptions {
  platform: PlatformDecl;
  root: string;
  env: Record<string, string>;
  /** Persistent state root: stream checkpoints are kept there so a restart does not replay. */
  stateDir?: string;
  log: (line: string) => void;
}

export interface EventDelivery {
  pollers: readonly Poller[];
  /** Resolves true once every source had an empty poll after the last delivery and nothing is in flight. */
  settle(timeoutMs?: number): Promise<boolean>;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export const startEventDelivery = (opts: EventDeliveryOptions): EventDelivery => {
  const region = readEnv('AWS_REGION', opts.env) ?? localValue('AWS_REGION');
  const sqs = new SQSClient({});
  const fnOf = (name: string): FunctionDecl => {
    const fn = opts.platform.functions.find((f) => f.name === name);
    if (!fn) throw new Error(`Event source refers to undeclared function ${name}`);
    return fn;
  };
  const required = (name: string) => {
    const value = opts.env[name];
    if (!value) throw new Error(`The local runtime did not provision ${name}`);
    return value;
  };
  const pollers: Poller[] = [];
  for (const table of opts.platform.tables) {
    const consumer = table.streamConsumer;
    if (!consumer) continue;
    const fn = fnOf(consumer.fn);
    pollers.push(streamPoller({
      table, consumer, fn, sqs, region, log: opts.log,
      streamArn: required(streamArnEnvVar(table.name)),
      dlqUrl: required(streamDlqUrlEnvVar(table.name)),
      handler: () => loadHandler(opts.root, fn),
      checkpointFile: opts.stateDir && resolve(opts.stateDir, `stream-${table.name}.json`),
    }));
  }
  for (const queue of opts.platform.queues) {
    if (!queue.consumer) continue;
    const fn = fnOf(queue.consumer.fn);
    pollers.push(queuePoller({
      queue, fn, sqs, region, log: opts.log,
      queueUrl: required(queueUrlEnvVar(queue.name)),
      handler: () => loadHandler(opts.root, fn),
    }));
  }

  return {
    pollers,
    async settle(timeoutMs = 20_000) {
      const since = Date.now();
      const deadline = since + timeoutMs;
      while (Date.now() < deadline) {
        const lastActivity = Math.max(since, ...pollers.map((p) => p.lastActivity));
        if (pollers.every((p) => p.lastEmptyCycleStart > lastActivity)) {
          const busy = await Promise.all(pollers.map((p) => p.busy()));
          if (!busy.some(Boolean)) return true;
        }
        await sleep(25);
      }
      return false;
    },
    async stop() {
      await Promise.all(pollers.map((p) => p.stop()));
      sqs.destroy();
    },
  };
};

/** `POST /local/events/settle[?timeoutMs=]`: 200 once events have flowed through, 504 if they did not in time. */
export const settleRoute = (delivery: EventDelivery): LocalRoute => async (req, res, _body, url) => {
  if (url.pathname !== '/local/events/settle' || req.method !== 'POST') return false;
  const timeoutMs = Math.min(60_000, Number(url.searchParams.get('timeoutMs') ?? 20_000) || 20_000);
  const settled = await delivery.settle(timeoutMs);
  res.writeHead(settled ? 200 : 504, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ settled, sources: delivery.pollers.map((p) => p.name) }));
  return true;
};
