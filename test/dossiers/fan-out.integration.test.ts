// The stream fan-out's adapters against the emulators: its real SendMessageBatch sender (into
// scratch queues in fauxqs, so the running portal's consumers do not take the messages) and its
// real view of the registry and the catalogue (DynamoDB Local). Many dossiers go out 10 a call;
// sync-outbound keeps its FIFO group and deduplication ids; an agency no system covers gets no
// sync-outbound message, one covered through its province does, and a system registered before an
// event hears of it even though the view was listed earlier.
import { randomBytes, randomUUID } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { CreateQueueCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { DynamoDBRecord } from 'aws-lambda';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureAgencySystem } from '../../local/seed/agency-systems';
import { catalogueReader } from '../../functions/catalogue/public';
import type { DossierEvent } from '../../functions/dossiers/public';
import { makeHandler, platformFanOut, type FanOutQueue } from '../../functions/dossiers/events';
import { switchOffAgencySystems } from '../support/sync';
import { fileNamespace } from '../support/namespace';

const ns = fileNamespace(import.meta.url);
const sqs = new SQSClient({});
const registered: string[] = [];
afterAll(async () => {
  await switchOffAgencySystems((keyId) => registered.includes(keyId));
  sqs.destroy();
});

const newQueue = async (name: string, fifo = false) => (await sqs.send(new CreateQueueCommand({
  QueueName: `test-${name}-${randomUUID().slice(0, 8)}${fifo ? '.fifo' : ''}`,
  Attributes: fifo ? { FifoQueue: 'true', FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'messageGroup' } : {},
}))).QueueUrl!;
const drain = async (queueUrl: string): Promise<Message[]> => {
  const out: Message[] = [];
  for (;;) {
    const got = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }))).Messages ?? [];
    if (!got.length) return out;
    out.push(...got);
    await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: got.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
  }
};

const submit = (dossierId: string, agencyCode: string, at = new Date()): DossierEvent => ({
  type: 'dossier.transitioned', at: at.toISOString(), actor: { kind: 'applicant', id: 'u-1' }, action: 'submit', from: 'draft', to: 'submitted',
  note: null, dossierId, version: 2, code: `${agencyCode}-261120-0001`, agencyCode, procedureCode: '1.001193', channel: 'online', statusCode: 1,
});
let seq = 0;
const record = (e: DossierEvent): DynamoDBRecord => {
  const item = { ...e, pk: `D#${e.dossierId}`, sk: `H#${String(e.version).padStart(6, '0')}` };
  seq += 1;
  return { eventID: String(seq), eventName: 'INSERT', dynamodb: { NewImage: marshall(item) as never, SequenceNumber: String(seq).padStart(8, '0') } };
};

describe('the fan-out against the emulators', { timeout: 60_000 }, () => {
  it('sends batches, keeps FIFO ids, and queues sync-outbound only for agencies a system covers', async () => {
    const urls: Record<FanOutQueue, string> = {
      notifications: await newQueue('notify'), 'sync-outbound': await newQueue('outbound', true), 'index-counters': await newQueue('counters'),
    };
    const handler = makeHandler(platformFanOut(catalogueReader(), (q) => urls[q]));
    // A Hà Nội commune (the demo system covers the province), and 24 dossiers of an agency nobody covers.
    const covered = ns.agency();
    const nobody = ns.key('nosys');
    const ours = submit(ns.key('d'), covered);
    const others = Array.from({ length: 24 }, () => submit(ns.key('d'), nobody));
    expect(await handler({ Records: [ours, ...others].map(record) })).toEqual({ batchItemFailures: [] });

    const outbound = await drain(urls['sync-outbound']);
    expect(outbound.map((m) => (JSON.parse(m.Body!) as DossierEvent).dossierId)).toEqual([ours.dossierId]);
    expect(outbound[0]!.Attributes).toMatchObject({ MessageGroupId: ours.dossierId, MessageDeduplicationId: `${ours.dossierId}#2` });
    const counters = await drain(urls['index-counters']);
    expect(counters.map((m) => (JSON.parse(m.Body!) as { dossierId: string }).dossierId).sort()).toEqual([ours, ...others].map((e) => e.dossierId).sort());
    expect(await drain(urls.notifications)).toEqual([]);

    // A system registered now covers `nobody`: the next event is queued for it, though the view
    // this function keeps was listed before the registration.
    const system = { keyId: ns.key('sys'), name: 'Fan-out test system', agencyCodes: [nobody], secret: randomBytes(24).toString('base64url') };
    await ensureAgencySystem(system, { endpointUrl: 'http://127.0.0.1:9/unused' });
    registered.push(system.keyId);
    const later = submit(ns.key('d'), nobody, new Date(Date.now() + 5));
    expect(await handler({ Records: [record(later)] })).toEqual({ batchItemFailures: [] });
    expect((await drain(urls['sync-outbound'])).map((m) => (JSON.parse(m.Body!) as DossierEvent).dossierId)).toEqual([later.dossierId]);
  });
});
