// Local event source mappings against the emulators: the dossiers table's stream and the
// notifications queue delivered to their declared consumers (end to end, through the running
// portal), and each poller's Lambda semantics with a stand-in handler: stream filter and order,
// partial-failure retry, on-failure queue; SQS partial batch failure, thrown errors, DLQ redrive.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { DynamoDBStreamEvent, SQSEvent } from 'aws-lambda';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient,
} from '@aws-sdk/client-sqs';
import { dynamoClient } from '../../shared/aws/clients';
import { platform, streamArnEnvVar, type FunctionDecl } from '../../shared/platform';
import { tableName } from '../../shared/config';
import { streamPoller } from '../../local/events/stream-poller';
import { queuePoller } from '../../local/events/queue-poller';
import type { Poller } from '../../local/events/poller';
import { api, signIn } from '../support/auth';
import { act, submitted } from '../support/dossiers';

const sqs = new SQSClient({});
const pollers: Poller[] = [];
afterAll(async () => {
  await Promise.all(pollers.map((p) => p.stop()));
  sqs.destroy();
});

const settle = async () => {
  const res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=30000`, { method: 'POST' });
  expect(res.status).toBe(200);
};
const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 15_000): Promise<T> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
};
const fn = (name: string): FunctionDecl => ({ name, description: 'test consumer', entry: 'test', memoryMb: 128, timeoutSeconds: 5 } as FunctionDecl);
const dossiersTable = platform.tables.find((t) => t.name === 'dossiers')!;
const newQueue = async (name: string, attributes: Record<string, string> = {}) =>
  (await sqs.send(new CreateQueueCommand({ QueueName: `test-${name}-${randomUUID().slice(0, 8)}`, Attributes: attributes }))).QueueUrl!;
const receiveAll = async (queueUrl: string) =>
  (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages ?? [];

describe('the running portal delivers dossier events to the notifications consumer', () => {
  it('a received dossier puts its receipt slip (form 01) into the local outbox', async () => {
    const citizen = await signIn('citizen.demo');
    const official = await signIn('official.hanoi');
    const d = await submitted(citizen);
    const received = await act(official, d, { action: 'receive' });
    await settle();
    const res = await fetch(`${process.env.DVC_BASE_URL}/local/outbox?format=json`);
    const { items } = (await res.json()) as { items: { dossierId: string; kind: string; code?: string; status: string; channel: string; toMasked: string }[] };
    const ours = items.filter((i) => i.dossierId === d.id);
    // citizen.demo gave no contact of its own: the account's verified e-mail receives the slip.
    expect(ours.filter((i) => i.kind === 'receipt')).toEqual([
      expect.objectContaining({ code: received.code, channel: 'email', status: 'sent', toMasked: expect.stringMatching(/^c\*+@example\.vn$/) }),
    ]);
    // Nothing is owed for the submission itself (the transition table says who is notified).
    expect(ours.every((i) => i.kind !== 'submitted')).toBe(true);
    expect((await api('GET', `/v1/dossiers/${d.id}`, { token: citizen })).status).toBe(200);
  });
});

describe('local stream poller (a DynamoDB Streams event source mapping)', () => {
  const streamArn = process.env[streamArnEnvVar('dossiers')]!;
  const put = async (pk: string, sk: string) =>
    (await dynamoClient()).send(new PutCommand({ TableName: tableName('dossiers'), Item: { pk, sk, type: 'test', expiresAt: Math.floor(Date.now() / 1000) + 3600 } }));

  it('delivers only items matching the sort-key filter, in write order, and retries from the first failed record', async () => {
    const pk = `D#events-${randomUUID()}`;
    const seen: string[] = [];
    let failOnce = true;
    const dlqUrl = await newQueue('stream-dlq');
    pollers.push(streamPoller({
      table: dossiersTable, consumer: { ...dossiersTable.streamConsumer!, batchSize: 3, maxRetryAttempts: 2 },
      fn: fn('stream-test'), streamArn, dlqUrl, sqs, region: 'ap-southeast-1', log: () => undefined,
      handler: async () => async (event: DynamoDBStreamEvent) => {
        const ours = event.Records.filter((r) => r.dynamodb?.Keys?.pk?.S === pk);
        const failed = ours.find((r) => r.dynamodb?.Keys?.sk?.S === 'H#000003');
        if (failed && failOnce) {
          failOnce = false;
          // Records before the failure count as done; the failed one and those after it come again.
          for (const r of ours.slice(0, ours.indexOf(failed))) seen.push(r.dynamodb!.Keys!.sk!.S!);
          return { batchItemFailures: [{ itemIdentifier: failed.dynamodb!.SequenceNumber! }] };
        }
        for (const r of ours) {
          expect(r).toMatchObject({ eventSource: 'aws:dynamodb', eventSourceARN: streamArn, eventName: 'INSERT' });
          expect(typeof r.dynamodb?.ApproximateCreationDateTime).toBe('number');
          seen.push(r.dynamodb!.Keys!.sk!.S!);
        }
        return { batchItemFailures: [] };
      },
    }));
    for (const sk of ['H#000001', 'META', 'H#000002', 'H#000003', 'SEQ#x', 'H#000004', 'H#000005']) await put(pk, sk);
    const got = await eventually(async () => [...seen], (s) => s.length >= 5);
    expect(got).toEqual(['H#000001', 'H#000002', 'H#000003', 'H#000004', 'H#000005']);
    expect(failOnce).toBe(false);
    expect(await receiveAll(dlqUrl)).toEqual([]);
  });

  it('sends a batch whose retries are spent to the on-failure queue and moves on', async () => {
    const pk = `D#events-${randomUUID()}`;
    const attempts = new Map<string, number>();
    const dlqUrl = await newQueue('stream-dlq');
    const after: string[] = [];
    pollers.push(streamPoller({
      table: dossiersTable, consumer: { ...dossiersTable.streamConsumer!, batchSize: 1, maxRetryAttempts: 2 },
      fn: fn('stream-poison'), streamArn, dlqUrl, sqs, region: 'ap-southeast-1', log: () => undefined,
      handler: async () => async (event: DynamoDBStreamEvent) => {
        const r = event.Records[0]!;
        if (r.dynamodb?.Keys?.pk?.S !== pk) return;
        const sk = r.dynamodb!.Keys!.sk!.S!;
        if (sk === 'H#000001') {
          attempts.set(sk, (attempts.get(sk) ?? 0) + 1);
          throw new Error('poison');
        }
        after.push(sk);
      },
    }));
    await put(pk, 'H#000001');
    await put(pk, 'H#000002');
    await eventually(async () => after.length, (n) => n === 1);
    expect(after).toEqual(['H#000002']);
    expect(attempts.get('H#000001')).toBe(3); // the first try and two retries
    const [message] = await receiveAll(dlqUrl);
    expect(JSON.parse(message!.Body!)).toMatchObject({
      requestContext: { condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
      DDBStreamBatchInfo: { streamArn, batchSize: 1 },
    });
  });
});

describe('local queue poller (an SQS event source mapping)', () => {
  it('deletes what succeeded, leaves reported failures and thrown batches, and redrives to the DLQ after maxReceiveCount', async () => {
    const dlqUrl = await newQueue('dlq');
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
    const queueUrl = await newQueue('queue', {
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 2 }),
    });
    const handled: string[] = [];
    const receives = new Map<string, number>();
    let throwOnce = true;
    pollers.push(queuePoller({
      queue: { name: 'test', description: 'test', fifo: false, visibilityTimeoutSeconds: 1, maxReceiveCount: 2, consumer: { fn: 'q', batchSize: 10 } },
      fn: fn('queue-test'), queueUrl, sqs, region: 'ap-southeast-1', log: () => undefined,
      handler: async () => async (event: SQSEvent) => {
        for (const r of event.Records) receives.set(r.body, Number(r.attributes.ApproximateReceiveCount));
        if (throwOnce && event.Records.some((r) => r.body === 'b')) {
          throwOnce = false;
          throw new Error('the whole batch fails');
        }
        const failures = event.Records.filter((r) => r.body === 'poison').map((r) => ({ itemIdentifier: r.messageId }));
        handled.push(...event.Records.filter((r) => r.body !== 'poison').map((r) => r.body));
        return { batchItemFailures: failures };
      },
    }));
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: queueUrl, Entries: ['a', 'b', 'poison'].map((body, i) => ({ Id: String(i), MessageBody: body })),
    }));
    const dead = await eventually(() => receiveAll(dlqUrl), (m) => m.length > 0, 20_000);
    expect(dead.map((m) => m.Body)).toEqual(['poison']);
    // a and b were handled once each after the thrown batch came back; nothing else is left.
    expect([...new Set(handled)].sort()).toEqual(['a', 'b']);
    expect(receives.get('b')).toBe(2);
    const left = await sqs.send(new GetQueueAttributesCommand({
      QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }));
    expect(left.Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
  });
});

describe('local queue poller with maxConcurrency on a FIFO queue', () => {
  it('runs several message groups at once, never two batches of one group, and keeps each group in order', async () => {
    const queueUrl = (await sqs.send(new CreateQueueCommand({
      QueueName: `test-fifo-${randomUUID().slice(0, 8)}.fifo`, Attributes: { FifoQueue: 'true', VisibilityTimeout: '30' },
    }))).QueueUrl!;
    const seen = new Map<string, number[]>();
    const busyGroups = new Set<string>();
    let running = 0;
    let maxRunning = 0;
    let overlapInGroup = false;
    pollers.push(queuePoller({
      queue: { name: 'test.fifo', description: 'test', fifo: true, visibilityTimeoutSeconds: 30, maxReceiveCount: 5, consumer: { fn: 'q', batchSize: 2, maxConcurrency: 3 } },
      fn: fn('fifo-test'), queueUrl, sqs, region: 'ap-southeast-1', log: () => undefined,
      handler: async () => async (event: SQSEvent) => {
        const groups = new Set(event.Records.map((r) => r.attributes.MessageGroupId!));
        for (const g of groups) if (busyGroups.has(g)) overlapInGroup = true;
        for (const g of groups) busyGroups.add(g);
        maxRunning = Math.max(maxRunning, ++running);
        await new Promise((r) => setTimeout(r, 40));
        for (const r of event.Records) {
          const [g, n] = r.body.split(':');
          seen.set(g!, [...(seen.get(g!) ?? []), Number(n)]);
        }
        for (const g of groups) busyGroups.delete(g);
        running--;
        return { batchItemFailures: [] };
      },
    }));
    const groups = ['g1', 'g2', 'g3', 'g4'];
    for (let n = 0; n < 6; n++) {
      await sqs.send(new SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: groups.map((g, i) => ({ Id: String(i), MessageBody: `${g}:${n}`, MessageGroupId: g, MessageDeduplicationId: `${g}-${n}` })),
      }));
    }
    await eventually(async () => [...seen.values()].reduce((a, v) => a + v.length, 0), (n) => n === 24);
    expect(maxRunning).toBeGreaterThan(1);
    expect(overlapInGroup).toBe(false);
    for (const g of groups) expect(seen.get(g)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
