// The index-runs queue (shared/platform/queues.ts), consumed by evaluation-jobs.
import { sqsClient, sqsLib } from '../../../shared/aws/clients';
import { queueUrl } from '../../../shared/config';
import type { IndexQueue } from '../commands';

export const indexRunsQueue = (): IndexQueue => ({
  async send(command) {
    const [client, { SendMessageCommand }] = await Promise.all([sqsClient(), sqsLib()]);
    await client.send(new SendMessageCommand({ QueueUrl: queueUrl('index-runs'), MessageBody: JSON.stringify(command) }));
  },
});
