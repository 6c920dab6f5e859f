// A DynamoDB Streams event source mapping, locally: reads a table's stream from DynamoDB Local and
// invokes the declared consumer the way Lambda does in AWS (infra/constructs/capability-function.ts):
// records filtered on the sort-key prefix, batches of `batchSize` in stream order per shard,
// partial batch failures retried from the first failed record, and after `maxRetryAttempts` the
// failed batch's description sent to the on-failure queue and the shard moves on.
// Differences from AWS, on purpose: no batch bisection on a thrown error (the retry covers the
// same records) and retries back off for at most two seconds, so a local run never stalls.
import { writeFileSync, readFileSync, existsSync } from 'node:fs';
import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand,
  type _Record as StreamRecord, type GetRecordsCommandOutput, type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { FunctionDecl, TableDecl } from '../../shared/platform';
import { lambdaContext } from '../lambda-context';
import type { Poller } from './poller';

// biome-ignore lint/suspicious/noConfusingVoidType: as aws-lambda's own handler types, a consumer may return nothing (void) or a batch response.
type StreamHandler = (event: DynamoDBStreamEvent, context: unknown) => Promise<DynamoDBBatchResponse | void>;

export interface StreamSource {
  table: TableDecl;
  consumer: NonNullable<TableDecl['streamConsumer']>;
  fn: FunctionDecl;
  streamArn: string;
  /** The on-failure destination (the CDK stack's SqsDlq). */
  dlqUrl: string;
  handler: () => Promise<StreamHandler>;
  sqs: SQSClient;
  /** File keeping each shard's last delivered sequence number across restarts (persistent state only). */
  checkpointFile?: string;
  log: (line: string) => void;
  region: string;
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** The record as Lambda hands it to a function (epoch seconds, source fields). */
export const lambdaRecord = (r: StreamRecord, streamArn: string, region: string): DynamoDBRecord => ({
  eventID: r.eventID,
  eventName: r.eventName as DynamoDBRecord['eventName'],
  eventVersion: r.eventVersion ?? '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: region,
  eventSourceARN: streamArn,
  dynamodb: {
    ...(r.dynamodb as object),
    ApproximateCreationDateTime: r.dynamodb?.ApproximateCreationDateTime
      ? Math.floor(r.dynamodb.ApproximateCreationDateTime.getTime() / 1000)
      : undefined,
  } as DynamoDBRecord['dynamodb'],
});

/** The event source mapping's filter: only items whose sort key starts with the declared prefix. */
export const matchesFilter = (r: StreamRecord, sortKey: string | undefined, prefix: string | undefined): boolean => {
  if (!prefix || !sortKey) return true;
  const value = r.dynamodb?.Keys?.[sortKey]?.S;
  return typeof value === 'string' && value.startsWith(prefix);
};

export const streamPoller = (source: StreamSource): Poller => {
  const client = new DynamoDBStreamsClient({});
  const sortKey = source.table.sortKey?.name;
  const checkpoints: Record<string, string> = source.checkpointFile && existsSync(source.checkpointFile)
    ? (JSON.parse(readFileSync(source.checkpointFile, 'utf8')) as Record<string, string>)
    : {};
  const iterators = new Map<string, string | null>(); // null: the shard is closed and drained
  let shards: Shard[] = [];
  let running = true;
  let inFlight = false;
  const state = { lastEmptyCycleStart: 0, lastActivity: 0 };

  const saveCheckpoint = (shardId: string, sequence: string) => {
    checkpoints[shardId] = sequence;
    if (source.checkpointFile) writeFileSync(source.checkpointFile, JSON.stringify(checkpoints));
  };

  const iteratorFor = async (shardId: string): Promise<string | undefined> => {
    const after = checkpoints[shardId];
    try {
      const out = await client.send(new GetShardIteratorCommand({
        StreamArn: source.streamArn, ShardId: shardId,
        ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
      }));
      return out.ShardIterator;
    } catch (e) {
      if (!after) throw e;
      // The checkpoint is older than the stream keeps (24 h): start from the oldest record left.
      source.log(`stream ${source.table.name}: checkpoint ${after} on ${shardId} is gone (${(e as Error).name}); reading from the start`);
      delete checkpoints[shardId];
      return iteratorFor(shardId);
    }
  };

  const refreshShards = async () => {
    const found: Shard[] = [];
    let start: string | undefined;
    do {
      const out = await client.send(new DescribeStreamCommand({ StreamArn: source.streamArn, ExclusiveStartShardId: start }));
      found.push(...(out.StreamDescription?.Shards ?? []));
      start = out.StreamDescription?.LastEvaluatedShardId;
    } while (start);
    shards = found;
  };

  /** Invokes the consumer until the batch is through or its retries are spent. */
  const deliver = async (records: StreamRecord[]) => {
    let pending = records;
    for (let attempt = 0; pending.length; attempt++) {
      const event: DynamoDBStreamEvent = { Records: pending.map((r) => lambdaRecord(r, source.streamArn, source.region)) };
      let failedFrom: string | undefined;
      try {
        const result = await (await source.handler())(event, lambdaContext(source.fn));
        failedFrom = result?.batchItemFailures?.length
          ? result.batchItemFailures.map((f) => f.itemIdentifier).sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0]
          : undefined;
        if (!failedFrom) return;
      } catch (e) {
        source.log(`stream ${source.table.name} → ${source.fn.name}: invocation failed: ${(e as Error).message}`);
        failedFrom = pending[0]!.dynamodb!.SequenceNumber!;
      }
      const index = Math.max(0, pending.findIndex((r) => r.dynamodb?.SequenceNumber === failedFrom));
      pending = pending.slice(index);
      if (attempt >= source.consumer.maxRetryAttempts) {
        await source.sqs.send(new SendMessageCommand({
          QueueUrl: source.dlqUrl,
          MessageBody: JSON.stringify({
            requestContext: { condition: 'RetryAttemptsExhausted', functionArn: lambdaContext(source.fn).invokedFunctionArn, approximateInvokeCount: attempt + 1 },
            DDBStreamBatchInfo: {
              streamArn: source.streamArn,
              startSequenceNumber: pending[0]!.dynamodb!.SequenceNumber,
              endSequenceNumber: pending.at(-1)!.dynamodb!.SequenceNumber,
              batchSize: pending.length,
            },
          }),
        }));
        source.log(`stream ${source.table.name} → ${source.fn.name}: ${pending.length} record(s) sent to the on-failure queue after ${attempt + 1} attempts`);
        return;
      }
      await sleep(Math.min(2000, 50 * 2 ** attempt));
    }
  };

  const pollShard = async (shard: Shard): Promise<number> => {
    const id = shard.ShardId!;
    if (iterators.get(id) === null) return 0;
    // A child shard waits until its parent is drained, as Lambda does, so order per item holds.
    const parent = shard.ParentShardId;
    if (parent && shards.some((s) => s.ShardId === parent) && iterators.get(parent) !== null) return 0;
    const iterator = iterators.get(id) ?? (await iteratorFor(id));
    if (!iterator) return 0;
    let out: GetRecordsCommandOutput;
    try {
      out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
    } catch (e) {
      // An expired iterator, or (DynamoDB Local) one taken while the shard was still empty: take a
      // new one from the checkpoint, which never skips or repeats a delivered record.
      if (!['ExpiredIteratorException', 'TrimmedDataAccessException'].includes((e as Error).name)) throw e;
      iterators.delete(id);
      return 0;
    }
    const records = out.Records ?? [];
    const matching = records.filter((r) => matchesFilter(r, sortKey, source.consumer.skPrefix));
    if (records.length) inFlight = true;
    try {
      for (let i = 0; i < matching.length; i += source.consumer.batchSize) {
        await deliver(matching.slice(i, i + source.consumer.batchSize));
      }
    } finally {
      inFlight = false;
    }
    if (records.length) saveCheckpoint(id, records.at(-1)!.dynamodb!.SequenceNumber!);
    iterators.set(id, out.NextShardIterator ?? null);
    return records.length;
  };

  const loop = async () => {
    let cycles = 0;
    while (running) {
      const cycleStart = Date.now();
      let seen = 0;
      try {
        if (cycles++ % 25 === 0 || !shards.length) await refreshShards();
        for (const shard of shards) seen += await pollShard(shard);
      } catch (e) {
        if (running) source.log(`stream ${source.table.name}: ${(e as Error).message}`);
        seen = -1;
      }
      if (seen > 0) state.lastActivity = Date.now();
      else if (seen === 0) state.lastEmptyCycleStart = cycleStart;
      if (seen <= 0 && running) await sleep(seen < 0 ? 1000 : 100);
    }
  };
  const done = loop();

  return {
    name: `stream ${source.table.name} → ${source.fn.name}`,
    get lastEmptyCycleStart() { return state.lastEmptyCycleStart; },
    get lastActivity() { return state.lastActivity; },
    busy: async () => inFlight,
    async stop() {
      running = false;
      await done;
      client.destroy();
    },
  };
};
