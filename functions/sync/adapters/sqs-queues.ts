// The sync queues over SQS, as the use cases see them: sending to `sync-inbound` (batches of ten,
// the SQS limit) and putting a received message back after a delay of our choosing.
import { sqsClient, sqsLib } from '../../../shared/aws/clients';
import { queueUrl } from '../../../shared/config';
import type { SyncQueueName } from '../../../shared/contracts/sync';
import { inboundMessageIds, type QueuedMessage } from '../domain/inbound-message';

export interface InboundQueue {
  send(messages: readonly QueuedMessage[]): Promise<void>;
}

export const sqsInbound = (): InboundQueue => ({
  async send(messages) {
    const [client, { SendMessageBatchCommand }] = await Promise.all([sqsClient(), sqsLib()]);
    for (let i = 0; i < messages.length; i += 10) {
      const chunk = messages.slice(i, i + 10);
      const out = await client.send(new SendMessageBatchCommand({
        QueueUrl: queueUrl('sync-inbound'),
        Entries: chunk.map((m, j) => {
          const { groupId, dedupId } = inboundMessageIds(m);
          return { Id: String(j), MessageGroupId: groupId, MessageDeduplicationId: dedupId, MessageBody: JSON.stringify(m) };
        }),
      }));
      if (out.Failed?.length) throw new Error(`SQS refused ${out.Failed.length} message(s): ${out.Failed.map((f) => f.Code).join(', ')}`);
    }
  },
});

/** Makes a received message of `queue` visible again after `seconds` (instead of the queue's visibility timeout). */
export const sqsRetryLater = (queue: SyncQueueName) => async (receiptHandle: string, seconds: number): Promise<void> => {
  const [client, { ChangeMessageVisibilityCommand }] = await Promise.all([sqsClient(), sqsLib()]);
  await client.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl(queue), ReceiptHandle: receiptHandle, VisibilityTimeout: seconds }));
};
