// SendMessageBatch with partial failures (aws-sdk-client-mock): only the failed entries are sent
// again, with their group and deduplication ids unchanged; sender faults are not retried; retries
// are bounded and what stays unsent is returned.
import * as sqs from '@aws-sdk/client-sqs';
import { SendMessageBatchCommand, SQSClient, type SendMessageBatchCommandInput } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SEND_ATTEMPTS, sendMessageBatches, type BatchMessage } from './sqs-batch';

const mock = mockClient(SQSClient);
afterEach(() => mock.reset());
const client = new SQSClient({ region: 'ap-southeast-1' });
const noPause = { pause: async () => undefined };
const URL = 'https://sqs.ap-southeast-1.amazonaws.com/000000000000/q.fifo';

const messages = (n: number, fifo = false): BatchMessage[] => Array.from({ length: n }, (_, i) => ({
  id: `m${i}`, body: `{"n":${i}}`, ...(fifo ? { groupId: `d-${i}`, dedupId: `d-${i}#1` } : {}),
}));
const calls = () => mock.commandCalls(SendMessageBatchCommand).map((c) => c.args[0].input as SendMessageBatchCommandInput);

describe('sendMessageBatches', () => {
  it('sends 23 messages as 3 calls of at most 10', async () => {
    mock.on(SendMessageBatchCommand).resolves({ Successful: [], Failed: [] });
    expect(await sendMessageBatches(client, sqs, URL, messages(23), noPause)).toEqual([]);
    expect(calls().map((c) => c.Entries!.length).sort()).toEqual([10, 10, 3]);
    expect(calls().flatMap((c) => c.Entries!.map((e) => e.MessageBody)).sort()).toEqual(messages(23).map((m) => m.body).sort());
  });

  it('retries only the entries SQS failed, keeping their group and deduplication ids', async () => {
    mock.on(SendMessageBatchCommand)
      .resolvesOnce({ Successful: [], Failed: [{ Id: '2', Code: 'InternalError', SenderFault: false }, { Id: '5', Code: 'ServiceUnavailable', SenderFault: false }] })
      .resolves({ Successful: [], Failed: [] });
    expect(await sendMessageBatches(client, sqs, URL, messages(8, true), noPause)).toEqual([]);
    const [first, retry] = calls();
    expect(first!.Entries).toHaveLength(8);
    expect(retry!.Entries).toEqual([
      { Id: '0', MessageBody: '{"n":2}', MessageGroupId: 'd-2', MessageDeduplicationId: 'd-2#1' },
      { Id: '1', MessageBody: '{"n":5}', MessageGroupId: 'd-5', MessageDeduplicationId: 'd-5#1' },
    ]);
  });

  it('does not retry a sender fault, and gives up on the rest after a bounded number of attempts', async () => {
    mock.on(SendMessageBatchCommand).callsFake((input: SendMessageBatchCommandInput) => ({
      Successful: [],
      Failed: input.Entries!.flatMap((e) => {
        const body = e.MessageBody!;
        if (body === '{"n":0}') return [{ Id: e.Id!, Code: 'InvalidParameterValue', SenderFault: true }];
        if (body === '{"n":1}') return [{ Id: e.Id!, Code: 'InternalError', SenderFault: false }];
        return [];
      }),
    }));
    const unsent = await sendMessageBatches(client, sqs, URL, messages(4), noPause);
    expect([...unsent].sort((a, b) => a.id.localeCompare(b.id))).toEqual([{ id: 'm0', code: 'InvalidParameterValue' }, { id: 'm1', code: 'InternalError' }]);
    expect(calls()).toHaveLength(MAX_SEND_ATTEMPTS);
    // After the first call only the retryable entry goes again.
    expect(calls().slice(1).every((c) => c.Entries!.length === 1 && c.Entries![0]!.MessageBody === '{"n":1}')).toBe(true);
  });

  it('retries a chunk whose call failed outright, then reports each of its messages', async () => {
    mock.on(SendMessageBatchCommand).rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' })).resolves({ Successful: [], Failed: [] });
    expect(await sendMessageBatches(client, sqs, URL, messages(3), noPause)).toEqual([]);
    expect(calls()).toHaveLength(2);
    mock.reset();
    mock.on(SendMessageBatchCommand).rejects(Object.assign(new Error('down'), { name: 'ServiceUnavailable' }));
    expect(await sendMessageBatches(client, sqs, URL, messages(2), noPause)).toEqual([{ id: 'm0', code: 'ServiceUnavailable' }, { id: 'm1', code: 'ServiceUnavailable' }]);
    expect(calls()).toHaveLength(MAX_SEND_ATTEMPTS);
  });
});
