// The SQS consumer with a fake sender and a fake dossier reader, recording in the real
// notifications table (DynamoDB Local): a duplicated message sends once, a malformed one is
// dropped, a failed send is a batch item failure whose retry sends only what is missing, and no
// log line carries an ID number, a phone or an e-mail.
import { randomUUID } from 'node:crypto';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { logger } from '../../shared/http/logger';
import type { DossierEvent, DossierRecord } from '../../functions/dossiers/public';
import { DynamoNotificationLog, notificationSk } from '../../functions/notifications/adapters/notification-log';
import { InvalidRecipientError, type Attachment, type MessageSender, type Recipient, type SendResult } from '../../functions/notifications/adapters/senders';
import type { Message } from '../../functions/notifications/domain/message';
import { makeHandler } from '../../functions/notifications/handler';
import type { NotifierDeps } from '../../functions/notifications/use-cases/notify';
import { renderSlipPdf } from '../../functions/notifications/pdf/slip-pdf';
import { BASE_URL, dossier, event, ID_NUMBER } from '../../functions/notifications/domain/fixtures.test-support';

const log = new DynamoNotificationLog(dynamoClient, () => tableName('notifications'));

class FakeSender implements MessageSender {
  readonly sent: { channel: Recipient['channel']; address: string; kind: string; pdf?: Attachment }[] = [];
  failures: Partial<Record<Recipient['channel'], Error>> = {};

  async send(to: Recipient, message: Message, pdf?: Attachment): Promise<SendResult> {
    const failure = this.failures[to.channel];
    if (failure) throw failure;
    this.sent.push({ channel: to.channel, address: to.address, kind: message.kind, ...(pdf ? { pdf } : {}) });
    return { delivery: 'outbox', providerMessageId: `fake-${this.sent.length}` };
  }
}

const setup = (records: DossierRecord[]) => {
  const byId = new Map(records.map((d) => [d.id, d]));
  const sender = new FakeSender();
  const reads: string[] = [];
  const deps: NotifierDeps = {
    dossiers: { get: async (id) => { reads.push(id); return byId.get(id); } },
    log,
    sender,
    portalBaseUrl: BASE_URL,
    renderPdf: (m) => renderSlipPdf(m, m.slip),
  };
  return { handler: makeHandler(deps), sender, reads };
};

const sqsRecord = (body: string, messageId: string = randomUUID()): SQSRecord => ({
  messageId, receiptHandle: `rh-${messageId}`, body,
  attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1763600000000', SenderId: 'local', ApproximateFirstReceiveTimestamp: '1763600000000' },
  messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:ap-southeast-1:000000000000:notifications', awsRegion: 'ap-southeast-1',
});
const batch = (...records: SQSRecord[]): SQSEvent => ({ Records: records });

/** A dossier and its receipt event with fresh ids (the table is shared by the whole run). */
const fresh = (over: Partial<DossierRecord> = {}, action = 'receive', eventOver: Partial<DossierEvent> = {}) => {
  const id = `d-${randomUUID()}`;
  return { d: dossier({ id, ...over }), e: event(action, { dossierId: id, ...eventOver }) };
};

let lines: string[] = [];
beforeEach(() => {
  // Captures the logger's output (it writes to the process streams): for the log test, and to keep
  // the expected warnings of the other tests out of the run's output.
  lines = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; });
  }
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('notifications handler', () => {
  it('sends an e-mail with the slip PDF and an SMS, and records both as sent', async () => {
    const { d, e } = fresh();
    const { handler, sender } = setup([d]);
    expect(await handler(batch(sqsRecord(JSON.stringify(e))))).toEqual({ batchItemFailures: [] });
    expect(sender.sent.map((s) => [s.channel, s.address, s.kind])).toEqual([
      ['email', 'an.nguyen@example.vn', 'receipt'],
      ['sms', '0912345678', 'receipt'],
    ]);
    const pdf = sender.sent[0]!.pdf!;
    expect(pdf.fileName).toBe('mau-01-000.00.00004.H26-261120-0007.pdf');
    expect(Buffer.from(pdf.bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(sender.sent[1]!.pdf).toBeUndefined();
    const email = await log.get(d.id, notificationSk({ eventVersion: e.version, kind: 'receipt', channel: 'email' }));
    const sms = await log.get(d.id, notificationSk({ eventVersion: e.version, kind: 'receipt', channel: 'sms' }));
    expect(email).toMatchObject({ status: 'sent', toMasked: 'a***@example.vn', subject: expect.stringContaining('Giấy tiếp nhận') });
    expect(email?.html).toContain('<!doctype html>');
    expect(email?.slip?.form).toBe('01');
    expect(sms).toMatchObject({ status: 'sent', toMasked: '09******78', html: null });
    expect(sms?.text).toMatch(/^DVCQG: /);
  });

  it('a duplicated message sends once: in the same batch and redelivered later', async () => {
    const { d, e } = fresh();
    const { handler, sender } = setup([d]);
    const body = JSON.stringify(e);
    expect(await handler(batch(sqsRecord(body), sqsRecord(body)))).toEqual({ batchItemFailures: [] });
    expect(await handler(batch(sqsRecord(body)))).toEqual({ batchItemFailures: [] });
    expect(sender.sent.map((s) => s.channel)).toEqual(['email', 'sms']);
  });

  it('sends a batch\'s dossiers concurrently, each dossier\'s messages one after another (docs/capacity.md)', async () => {
    // Distinct codes: the tracking link (carried by the message) tells the dossiers apart.
    const dossiers = Array.from({ length: 8 }, (_, i) => {
      const code = `000.00.00004.H26-261120-010${i}`;
      return fresh({ code, contact: { email: 'an.nguyen@example.vn' } }, 'receive', { code });
    });
    const { handler, sender } = setup(dossiers.map((x) => x.d));
    let inFlight = 0;
    let most = 0;
    const perDossier = new Map<string, number>();
    const send = sender.send.bind(sender);
    sender.send = async (to, message, pdf) => {
      const key = message.trackingUrl;
      inFlight += 1;
      most = Math.max(most, inFlight);
      perDossier.set(key, (perDossier.get(key) ?? 0) + 1);
      expect(perDossier.get(key)).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 40));
      perDossier.set(key, perDossier.get(key)! - 1);
      inFlight -= 1;
      return send(to, message, pdf);
    };
    // The first dossier's receipt twice, and its refusal: one dossier, three records in a row.
    const [first] = dossiers;
    const records = [
      ...dossiers.map((x) => sqsRecord(JSON.stringify(x.e))),
      sqsRecord(JSON.stringify(first!.e)),
      sqsRecord(JSON.stringify(event('request_supplement', { dossierId: first!.d.id, code: first!.d.code, version: first!.e.version + 1 }))),
    ];
    expect(await handler(batch(...records))).toEqual({ batchItemFailures: [] });
    expect(most).toBeGreaterThan(1);
    expect(sender.sent).toHaveLength(dossiers.length + 1);
  });

  it('two consumers given the same message at once send it once', async () => {
    const { d, e } = fresh({ contact: { email: 'an.nguyen@example.vn' } });
    const a = setup([d]);
    const b = setup([d]);
    const body = JSON.stringify(e);
    const results = await Promise.all([a.handler(batch(sqsRecord(body, 'm-a'))), b.handler(batch(sqsRecord(body, 'm-b')))]);
    expect(a.sender.sent.length + b.sender.sent.length).toBe(1);
    // The loser, if it met the claim mid-send, retries later and then finds it sent.
    const failed = results.flatMap((r) => r.batchItemFailures);
    expect(failed.length).toBeLessThanOrEqual(1);
  });

  it('drops a malformed message without retrying it', async () => {
    const { d, e } = fresh();
    const { handler, sender, reads } = setup([d]);
    const bad = [
      sqsRecord('not json'),
      sqsRecord(JSON.stringify({ hello: 'world' })),
      sqsRecord(JSON.stringify({ ...e, version: -1 })),
      sqsRecord(JSON.stringify({ ...e, action: 'explode' })),
      sqsRecord(JSON.stringify({ ...e, at: '20/11/2026' })),
    ];
    const good = sqsRecord(JSON.stringify(e));
    expect(await handler(batch(...bad, good))).toEqual({ batchItemFailures: [] });
    expect(reads).toEqual([d.id]);
    expect(sender.sent).toHaveLength(2);
  });

  it('a sender failure is a batch item failure; the retry sends only what was not sent', async () => {
    const { d, e } = fresh();
    const { handler, sender } = setup([d]);
    sender.failures.email = Object.assign(new Error('Maximum sending rate exceeded'), { name: 'Throttling' });
    const first = sqsRecord(JSON.stringify(e), 'm-1');
    const other = fresh();
    const { handler: otherHandler } = setup([other.d]);
    expect(await handler(batch(first))).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }] });
    expect(sender.sent.map((s) => s.channel)).toEqual(['sms']);
    expect(await log.get(d.id, notificationSk({ eventVersion: e.version, kind: 'receipt', channel: 'email' }))).toMatchObject({ status: 'failed', error: 'Throttling', attempts: 1 });

    delete sender.failures.email;
    expect(await handler(batch(sqsRecord(JSON.stringify(e), 'm-1')))).toEqual({ batchItemFailures: [] });
    expect(sender.sent.map((s) => s.channel)).toEqual(['sms', 'email']);
    expect(await log.get(d.id, notificationSk({ eventVersion: e.version, kind: 'receipt', channel: 'email' }))).toMatchObject({ status: 'sent', attempts: 2 });
    // Other messages of a batch are not held back by one failure.
    expect(await otherHandler(batch(sqsRecord(JSON.stringify(other.e))))).toEqual({ batchItemFailures: [] });
  });

  it('a bad address is recorded as failed and not retried', async () => {
    const { d, e } = fresh({ contact: { phone: '12' } });
    const { handler, sender } = setup([d]);
    sender.failures.sms = new InvalidRecipientError('The phone number is not a Vietnamese mobile number');
    expect(await handler(batch(sqsRecord(JSON.stringify(e))))).toEqual({ batchItemFailures: [] });
    expect(await log.get(d.id, notificationSk({ eventVersion: e.version, kind: 'receipt', channel: 'sms' }))).toMatchObject({ status: 'failed', error: 'InvalidRecipientError' });
  });

  it('records "no contact" when the applicant left none, and sends nothing', async () => {
    const { d, e } = fresh({ contact: null });
    const { handler, sender } = setup([d]);
    expect(await handler(batch(sqsRecord(JSON.stringify(e))))).toEqual({ batchItemFailures: [] });
    expect(sender.sent).toEqual([]);
    expect(await log.get(d.id, notificationSk({ eventVersion: e.version, kind: 'receipt', channel: 'none' }))).toMatchObject({ status: 'no_contact', toMasked: null });
  });

  it('a notice without a form goes without a PDF; an action that owes nothing sends nothing', async () => {
    const done = fresh({ status: 'done' }, 'finish', { version: 7 });
    const started = fresh({ status: 'processing' }, 'start', { version: 4 });
    const { handler, sender } = setup([done.d, started.d]);
    expect(await handler(batch(sqsRecord(JSON.stringify(done.e)), sqsRecord(JSON.stringify(started.e))))).toEqual({ batchItemFailures: [] });
    expect(sender.sent.map((s) => [s.kind, s.channel, !!s.pdf])).toEqual([['result_ready', 'email', false], ['result_ready', 'sms', false]]);
    expect(await log.get(started.d.id, notificationSk({ eventVersion: 4, kind: 'receipt', channel: 'email' }))).toBeUndefined();
  });

  it('drops an event whose dossier does not exist', async () => {
    const { e } = fresh();
    const { handler, sender } = setup([]);
    expect(await handler(batch(sqsRecord(JSON.stringify(e))))).toEqual({ batchItemFailures: [] });
    expect(sender.sent).toEqual([]);
  });

  describe('logs', () => {
    let previous: ReturnType<typeof logger.getLevelName>;
    beforeEach(() => {
      previous = logger.getLevelName();
      logger.setLogLevel('DEBUG');
    });
    afterEach(() => logger.setLogLevel(previous));

    it('never carry an ID number, a phone, an e-mail or a name', async () => {
      const { d, e } = fresh({}, 'refuse', { note: 'Hồ sơ không hợp lệ' });
      const { handler, sender } = setup([d]);
      sender.failures.sms = Object.assign(new Error('Invalid parameter: PhoneNumber +84912345678'), { name: 'InvalidParameter' });
      await handler(batch(sqsRecord(JSON.stringify(e)), sqsRecord('{"oops": "an.nguyen@example.vn 0912345678"}')));
      const output = lines.join('');
      expect(output).toContain('notification sent');
      expect(output).toContain('notification failed');
      expect(output).toContain('malformed notification message dropped');
      for (const secret of [ID_NUMBER, '0912345678', '912345678', 'an.nguyen@example.vn', 'Nguyễn Văn An']) expect(output).not.toContain(secret);
    });
  });
});
