// An SQS event source mapping, locally: polls a declared queue in fauxqs and invokes its consumer
// as Lambda does in AWS (infra/constructs/capability-function.ts `consume`): up to ten messages
// per invocation, the Lambda SQS record shape, partial batch failures (only the reported messages
// stay on the queue; the rest are deleted), a thrown error leaves the whole batch. A message that
// keeps failing becomes visible again after the queue's visibility timeout and, after
// maxReceiveCount receives, fauxqs moves it to the DLQ through the queue's redrive policy.
// A consumer declared with `maxConcurrency` gets that many polling loops (at most
// LOCAL_MAX_POLLERS: a national setting is no use on one machine), as Lambda scales its pollers;
// fauxqs, like SQS, hands out a FIFO group's next message only once the group's in-flight
// ones are deleted or visible again, so order per group holds. Unlike Lambda, whose concurrent
// invocations each have their own module instance, the loops share one: a consumer declared with
// maxConcurrency > 1 keeps no per-batch state at module scope (e.g. one Powertools processor per
// invocation) — sharing one lost messages here (reported failures of one batch overwritten by another).
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type Message, type SQSClient,
} from '@aws-sdk/client-sqs';
import type { FunctionDecl, QueueDecl } from '../../shared/platform';
import { lambdaContext } from '../lambda-context';
import type { Poller } from './poller';

/** Polling loops per consumer locally, whatever its declared `maxConcurrency` (the local runtime shares two cores). */
export const LOCAL_MAX_POLLERS = 4;

// biome-ignore lint/suspicious/noConfusingVoidType: as aws-lambda's own handler types, a consumer may return nothing (void) or a batch response.
type QueueHandler = (event: SQSEvent, context: unknown) => Promise<SQSBatchResponse | void>;

export interface QueueSource {
  queue: QueueDecl;
  fn: FunctionDecl;
  queueUrl: string;
  handler: () => Promise<QueueHandler>;
  sqs: SQSClient;
  log: (line: string) => void;
  region: string;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** The queue ARN fauxqs would report, built from the URL (…/<account>/<name>). */
const arnOf = (queueUrl: string, region: string) => {
  const [account, name] = new URL(queueUrl).pathname.split('/').filter(Boolean).slice(-2);
  return `arn:aws:sqs:${region}:${account}:${name}`;
};

/** The message as Lambda hands it to a function. */
export const lambdaSqsRecord = (m: Message, queueUrl: string, region: string): SQSRecord => ({
  messageId: m.MessageId!,
  receiptHandle: m.ReceiptHandle!,
  body: m.Body ?? '',
  attributes: {
    ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1',
    SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now()),
    SenderId: m.Attributes?.SenderId ?? 'local',
    ApproximateFirstReceiveTimestamp: m.Attributes?.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
    ...(m.Attributes?.MessageGroupId ? { MessageGroupId: m.Attributes.MessageGroupId } : {}),
    ...(m.Attributes?.MessageDeduplicationId ? { MessageDeduplicationId: m.Attributes.MessageDeduplicationId } : {}),
    ...(m.Attributes?.SequenceNumber ? { SequenceNumber: m.Attributes.SequenceNumber } : {}),
  },
  messageAttributes: Object.fromEntries(Object.entries(m.MessageAttributes ?? {}).map(([k, v]) => [k, {
    stringValue: v.StringValue, binaryValue: v.BinaryValue ? Buffer.from(v.BinaryValue).toString('base64') : undefined,
    stringListValues: [], binaryListValues: [], dataType: v.DataType!,
  }])),
  md5OfBody: m.MD5OfBody ?? '',
  eventSource: 'aws:sqs',
  eventSourceARN: arnOf(queueUrl, region),
  awsRegion: region,
});

export const queuePoller = (source: QueueSource): Poller => {
  let running = true;
  let inFlight = 0;
  const state = { lastEmptyCycleStart: 0, lastActivity: 0 };
  const abort = new AbortController();

  const invoke = async (messages: Message[]) => {
    const event: SQSEvent = { Records: messages.map((m) => lambdaSqsRecord(m, source.queueUrl, source.region)) };
    let failed: Set<string>;
    try {
      const result = await (await source.handler())(event, lambdaContext(source.fn));
      failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    } catch (e) {
      source.log(`queue ${source.queue.name} → ${source.fn.name}: invocation failed: ${(e as Error).message}`);
      return;
    }
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length) {
      await source.sqs.send(new DeleteMessageBatchCommand({
        QueueUrl: source.queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }));
    }
  };

  const loop = async () => {
    while (running) {
      const cycleStart = Date.now();
      try {
        const out = await source.sqs.send(new ReceiveMessageCommand({
          QueueUrl: source.queueUrl,
          MaxNumberOfMessages: Math.min(10, source.queue.consumer!.batchSize),
          WaitTimeSeconds: 0,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }), { abortSignal: abort.signal });
        const messages = out.Messages ?? [];
        if (!messages.length) {
          state.lastEmptyCycleStart = cycleStart;
          await sleep(100);
          continue;
        }
        inFlight++;
        try {
          await invoke(messages);
        } finally {
          inFlight--;
        }
        state.lastActivity = Date.now();
      } catch (e) {
        if (!running) break;
        source.log(`queue ${source.queue.name}: ${(e as Error).message}`);
        await sleep(1000);
      }
    }
  };
  const done = Promise.all(Array.from({ length: Math.max(1, Math.min(LOCAL_MAX_POLLERS, source.queue.consumer!.maxConcurrency ?? 1)) }, loop));

  return {
    name: `queue ${source.queue.name} → ${source.fn.name}`,
    get lastEmptyCycleStart() { return state.lastEmptyCycleStart; },
    get lastActivity() { return state.lastActivity; },
    async busy() {
      if (inFlight > 0) return true;
      // Messages received but neither deleted nor yet visible again: a failure waiting for its retry.
      const out = await source.sqs.send(new GetQueueAttributesCommand({
        QueueUrl: source.queueUrl, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
      }));
      return Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0) > 0;
    },
    async stop() {
      running = false;
      abort.abort();
      await done;
    },
  };
};
