// The dead-letter queues of the sync queues, over SQS: how deep each queue and its DLQ are, what the
// DLQ holds (read without taking it: received briefly, then made visible again) and replaying it
// (each message sent back to its queue in order — same message group — then deleted from the DLQ).
// A replay that crashes between the send and the delete sends a message twice; the consumer is
// idempotent by event id, so the second copy changes nothing.
import { randomUUID } from 'node:crypto';
import type { Message } from '@aws-sdk/client-sqs';
import { sqsClient, sqsLib } from '../../../shared/aws/clients';
import { dlqUrl, queueUrl } from '../../../shared/config';

export interface DeadLetter {
  messageId: string;
  groupId: string | null;
  /** Receives before it was dead-lettered (and any since). */
  receiveCount: number;
  sentAt: string;
  body: string;
}

export interface QueueDepth {
  waiting: number;
  inFlight: number;
  deadLetters: number;
}

export interface DeadLetterQueues {
  depth(queue: string): Promise<QueueDepth>;
  /** Up to `limit` dead letters, oldest group first; nothing is removed. */
  peek(queue: string, limit: number): Promise<DeadLetter[]>;
  /** Sends dead letters back to their queue (only `messageIds` when given); returns the ids replayed. */
  replay(queue: string, opts: { messageIds?: readonly string[]; limit: number }): Promise<string[]>;
}

/** Long enough to send one page back before the DLQ would hand it out again. */
const HOLD_SECONDS = 60;

const deadLetterOf = (m: Message): DeadLetter => ({
  messageId: m.MessageId!,
  groupId: m.Attributes?.MessageGroupId ?? null,
  receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 0),
  sentAt: new Date(Number(m.Attributes?.SentTimestamp ?? 0)).toISOString(),
  body: m.Body ?? '',
});

export const sqsDeadLetterQueues = (): DeadLetterQueues => {
  const ready = async () => Promise.all([sqsClient(), sqsLib()]);

  /** Receives up to `limit` messages of a DLQ, holding them out of sight while the caller works. */
  const receive = async (url: string, limit: number) => {
    const [client, { ReceiveMessageCommand }] = await ready();
    const messages: Message[] = [];
    while (messages.length < limit) {
      const out = await client.send(new ReceiveMessageCommand({
        QueueUrl: url, MaxNumberOfMessages: Math.min(10, limit - messages.length), VisibilityTimeout: HOLD_SECONDS,
        // A short wait: an empty answer then means empty, not "this host had none".
        WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'],
      }));
      if (!out.Messages?.length) break;
      messages.push(...out.Messages);
    }
    return messages;
  };

  const release = async (url: string, messages: readonly Message[]) => {
    const [client, { ChangeMessageVisibilityBatchCommand }] = await ready();
    for (let i = 0; i < messages.length; i += 10) {
      await client.send(new ChangeMessageVisibilityBatchCommand({
        QueueUrl: url,
        Entries: messages.slice(i, i + 10).map((m, j) => ({ Id: String(j), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
      }));
    }
  };

  return {
    async depth(queue) {
      const [client, { GetQueueAttributesCommand }] = await ready();
      const attributes = async (url: string) => (await client.send(new GetQueueAttributesCommand({
        QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }))).Attributes ?? {};
      const [main, dead] = await Promise.all([attributes(queueUrl(queue)), attributes(dlqUrl(queue))]);
      return {
        waiting: Number(main.ApproximateNumberOfMessages ?? 0),
        inFlight: Number(main.ApproximateNumberOfMessagesNotVisible ?? 0),
        deadLetters: Number(dead.ApproximateNumberOfMessages ?? 0) + Number(dead.ApproximateNumberOfMessagesNotVisible ?? 0),
      };
    },

    async peek(queue, limit) {
      const url = dlqUrl(queue);
      const messages = await receive(url, limit);
      await release(url, messages);
      return messages.map(deadLetterOf);
    },

    async replay(queue, opts) {
      const [client, { SendMessageCommand, DeleteMessageCommand }] = await ready();
      const source = queueUrl(queue);
      const url = dlqUrl(queue);
      const wanted = opts.messageIds && new Set(opts.messageIds);
      const replayed: string[] = [];
      const skipped: Message[] = [];
      try {
        // Page by page, so a group's messages go back in the order they were dead-lettered.
        while (replayed.length < opts.limit) {
          const page = await receive(url, Math.min(10, opts.limit - replayed.length));
          if (!page.length) break;
          for (const m of page) {
            if (wanted && !wanted.has(m.MessageId!)) {
              skipped.push(m);
              continue;
            }
            const groupId = m.Attributes?.MessageGroupId;
            await client.send(new SendMessageCommand({
              QueueUrl: source, MessageBody: m.Body ?? '',
              // A fresh deduplication id: the original one may still be inside SQS's 5-minute window.
              ...(groupId ? { MessageGroupId: groupId, MessageDeduplicationId: `replay-${randomUUID()}` } : {}),
            }));
            await client.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle! }));
            replayed.push(m.MessageId!);
          }
          if (wanted && replayed.length === wanted.size) break;
        }
      } finally {
        await release(url, skipped);
      }
      return replayed;
    },
  };
};
