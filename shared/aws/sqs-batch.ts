// SendMessageBatch over any number of messages: chunks of the API's 10, sent at once, and only the
// entries SQS reports as failed (or a whole chunk whose call failed) retried with a short
// exponential backoff, a bounded number of times. What is still not sent is returned, not thrown:
// the caller decides what it fails (e.g. a stream record, reported for retry). Retrying is safe
// when the consumer is idempotent, and on a FIFO queue the deduplication id makes a resend a no-op.
// Order: a FIFO queue keeps the order of entries in one call, but a retried entry lands after the
// others of its chunk, so a caller that needs order puts at most one message of a group in a call.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { sqsLib } from './clients';

/** What the sender needs of @aws-sdk/client-sqs (the module itself, or sqsLib()). */
type Lib = Pick<Awaited<ReturnType<typeof sqsLib>>, 'SendMessageBatchCommand'>;

export interface BatchMessage {
  /** The caller's name for the message (any string; SQS sees its position in the chunk). */
  id: string;
  body: string;
  /** FIFO queues: the message group and the deduplication id, passed through unchanged on every attempt. */
  groupId?: string;
  dedupId?: string;
}

export interface UnsentMessage {
  id: string;
  /** SQS's error code, or the thrown error's name when the whole call failed. */
  code: string;
}

export const SQS_BATCH_MAX = 10;
/** Attempts per chunk (the first and up to three retries of what failed); the pauses add up to about 0.4 s. */
export const MAX_SEND_ATTEMPTS = 4;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, 50 * 2 ** (attempt - 1)));

const chunksOf = <T>(xs: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

const sendChunk = async (client: SQSClient, lib: Lib, queueUrl: string, chunk: readonly BatchMessage[], wait: typeof pause): Promise<UnsentMessage[]> => {
  let pending = [...chunk];
  // Failed for good (sender faults), and what the last attempt left.
  const rejected: UnsentMessage[] = [];
  let unsent: UnsentMessage[] = [];
  for (let attempt = 1; pending.length && attempt <= MAX_SEND_ATTEMPTS; attempt++) {
    if (attempt > 1) await wait(attempt - 1);
    try {
      const out = await client.send(new lib.SendMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: pending.map((m, i) => ({
          Id: String(i), MessageBody: m.body,
          ...(m.groupId ? { MessageGroupId: m.groupId } : {}),
          ...(m.dedupId ? { MessageDeduplicationId: m.dedupId } : {}),
        })),
      }));
      const failed = (out.Failed ?? []).map((f) => ({ index: Number(f.Id), id: pending[Number(f.Id)]!.id, code: f.Code ?? 'Unknown', senderFault: f.SenderFault === true }));
      // A sender's fault (a malformed entry) fails the same way again: not retried.
      for (const f of failed) if (f.senderFault) rejected.push({ id: f.id, code: f.code });
      const retryable = failed.filter((f) => !f.senderFault);
      unsent = retryable.map(({ id, code }) => ({ id, code }));
      const again = new Set(retryable.map((f) => f.index));
      pending = pending.filter((_, i) => again.has(i));
    } catch (error) {
      unsent = pending.map((m) => ({ id: m.id, code: (error as Error)?.name ?? 'Error' }));
    }
  }
  return [...rejected, ...unsent];
};

/** Sends every message, chunks at once; returns those still not sent after the bounded retries. */
export const sendMessageBatches = async (
  client: SQSClient, lib: Lib, queueUrl: string, messages: readonly BatchMessage[], options: { pause?: (attempt: number) => Promise<unknown> } = {},
): Promise<UnsentMessage[]> => {
  const wait = (options.pause ?? pause) as typeof pause;
  const unsent = await Promise.all(chunksOf(messages, SQS_BATCH_MAX).map((chunk) => sendChunk(client, lib, queueUrl, chunk, wait)));
  return unsent.flat();
};
