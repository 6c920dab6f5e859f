// fauxqs 1.9 (the Node 20 line), SQS only, over the JSON protocol: long polling, visibility
// timeout, FIFO and DLQ redrive. It keeps state in memory only (the package has no persistence
// option), so queues and messages are gone after a restart: the local runtime recreates the queues
// from the stack declarations on every start.
// Queue URLs are http://127.0.0.1:<port>/000000000000/<name>; fauxqs looks queues up by the exact
// URL string, so use the URL returned by CreateQueue/GetQueueUrl rather than building one.
import { assertPortFree, freePort } from './ports';
import { startRunner, type LogFn, type RunningEmulator } from './process';

export interface SqsOptions {
  port?: number;
  /** Region used in ARNs when a request carries no SigV4 scope (default ap-southeast-1). */
  region?: string;
  onLog?: LogFn;
}

export async function startSqs(options: SqsOptions = {}): Promise<RunningEmulator> {
  const port = options.port ?? (await freePort());
  await assertPortFree(port, 'fauxqs');
  return startRunner({
    name: 'sqs',
    port,
    config: { region: options.region ?? 'ap-southeast-1' },
    onLog: options.onLog,
  });
}
