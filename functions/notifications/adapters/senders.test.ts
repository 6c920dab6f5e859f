// The senders: configuration picks one (outbox unless NOTIFY_DELIVERY=aws); the AWS sender gives
// SES a raw MIME message with the slip attached and SNS a transactional SMS to an E.164 number;
// the MIME message keeps Vietnamese intact in encoded headers and base64 bodies.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRawEmail, encodeHeader } from './mime';
import {
  AwsSender, ConfigurationError, InvalidRecipientError, OutboxSender, senderFromEnv, toE164,
} from './senders';
import { renderMessage } from '../domain/message';
import { BASE_URL, dossier, event } from '../domain/fixtures.test-support';

const message = renderMessage(event('receive'), dossier(), BASE_URL)!;
const pdf = { fileName: 'mau-01-A.pdf', contentType: 'application/pdf' as const, bytes: new Uint8Array(Buffer.from('%PDF-1.7 test')) };

/** Decodes RFC 2047 encoded words (what a mail client shows). */
const decodeWords = (header: string) =>
  header.replace(/\r\n /g, '').replace(/=\?UTF-8\?B\?([^?]*)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

/** The base64 body of the MIME part with this content type. */
const part = (raw: string, type: string) => {
  const at = raw.indexOf(`Content-Type: ${type}`);
  const body = raw.slice(raw.indexOf('\r\n\r\n', at) + 4, raw.indexOf('\r\n--', at));
  return Buffer.from(body.replace(/\r\n/g, ''), 'base64');
};

describe('senderFromEnv', () => {
  it('is the outbox when NOTIFY_DELIVERY is unset (the local runtime) or "outbox"', () => {
    expect(senderFromEnv({})).toBeInstanceOf(OutboxSender);
    expect(senderFromEnv({ NOTIFY_DELIVERY: 'outbox' })).toBeInstanceOf(OutboxSender);
  });
  it('is SES/SNS with "aws" (set by the CDK construct) and refuses anything else', () => {
    expect(senderFromEnv({ NOTIFY_DELIVERY: 'aws', NOTIFY_EMAIL_FROM: 'no-reply@dichvucong.example.vn' })).toBeInstanceOf(AwsSender);
    expect(() => senderFromEnv({ NOTIFY_DELIVERY: 'smtp' })).toThrow(ConfigurationError);
  });
  it('the outbox accepts and sends nothing', async () => {
    expect(await new OutboxSender().send()).toMatchObject({ delivery: 'outbox', providerMessageId: expect.stringMatching(/^outbox-/) });
  });
});

describe('toE164', () => {
  it.each([
    ['0912345678', '+84912345678'], ['091 234 5678', '+84912345678'], ['+84912345678', '+84912345678'],
    ['84912345678', '+84912345678'], ['0912.345.678', '+84912345678'], ['12', null], ['00912345678', null], ['+1 202 555 0100', null],
  ])('%s → %s', (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });
});

describe('buildRawEmail', () => {
  const raw = buildRawEmail({
    from: { name: 'Cổng Dịch vụ công quốc gia', address: 'no-reply@dichvucong.example.vn' },
    to: 'an.nguyen@example.vn', subject: message.subject, text: message.text, html: message.html, attachment: pdf,
    date: new Date('2026-11-20T02:15:00Z'), boundary: 'b1',
  });

  it('has ASCII headers with the Vietnamese subject and sender name encoded (RFC 2047)', () => {
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headers).toMatch(/^[\x20-\x7e\r\n]*$/);
    const subject = /^Subject: ((?:.*\r\n )*.*)$/m.exec(headers)![1]!;
    expect(decodeWords(subject)).toBe(message.subject);
    for (const word of subject.split('\r\n ')) expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeWords(/^From: (.*)$/m.exec(headers)![1]!)).toBe('Cổng Dịch vụ công quốc gia <no-reply@dichvucong.example.vn>');
    expect(headers).toContain('To: an.nguyen@example.vn');
    expect(headers).toContain('Content-Type: multipart/mixed; boundary="mixed-b1"');
  });

  it('carries the text, the HTML and the PDF attachment', () => {
    expect(part(raw, 'text/plain').toString('utf8')).toBe(message.text);
    expect(part(raw, 'text/html').toString('utf8')).toBe(message.html);
    expect(raw).toContain('Content-Disposition: attachment; filename="mau-01-A.pdf"');
    expect(part(raw, 'application/pdf').toString('latin1')).toBe('%PDF-1.7 test');
    expect(raw.split('\r\n').every((line) => line.length <= 998)).toBe(true);
  });

  it('without an attachment is multipart/alternative', () => {
    const plain = buildRawEmail({ from: { name: 'A', address: 'a@b.vn' }, to: 'c@d.vn', subject: 'S', text: 't', html: '<p>h</p>' });
    expect(plain).toContain('Content-Type: multipart/alternative;');
    expect(plain).not.toContain('multipart/mixed');
  });

  it('refuses an address that could inject headers; a subject with line breaks is encoded, not injected', () => {
    expect(() => buildRawEmail({ from: { name: 'A', address: 'a@b.vn' }, to: 'x@y.vn\r\nBcc: z@w.vn', subject: 'S', text: 't', html: 'h' })).toThrow();
    expect(encodeHeader('S\r\nBcc: z@w.vn')).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
  });
});

describe('AwsSender', () => {
  const ses = mockClient(SESv2Client);
  const sns = mockClient(SNSClient);
  afterEach(() => {
    ses.reset();
    sns.reset();
  });

  it('sends the e-mail through SES as raw MIME with the PDF', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });
    const result = await new AwsSender({ emailFrom: 'no-reply@dichvucong.example.vn' }).send({ channel: 'email', address: 'an.nguyen@example.vn' }, message, pdf);
    expect(result).toEqual({ delivery: 'aws', providerMessageId: 'ses-1' });
    const input = ses.commandCalls(SendEmailCommand)[0]!.args[0].input;
    const raw = Buffer.from(input.Content!.Raw!.Data!).toString('utf8');
    expect(raw).toContain('To: an.nguyen@example.vn');
    expect(raw).toContain('filename="mau-01-A.pdf"');
  });

  it('sends the SMS through SNS, transactional, to the E.164 number', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });
    expect(await new AwsSender({ emailFrom: undefined }).send({ channel: 'sms', address: '0912 345 678' }, message)).toEqual({ delivery: 'aws', providerMessageId: 'sns-1' });
    const input = sns.commandCalls(PublishCommand)[0]!.args[0].input;
    expect(input).toMatchObject({ PhoneNumber: '+84912345678', Message: message.sms });
    expect(input.MessageAttributes?.['AWS.SNS.SMS.SMSType']?.StringValue).toBe('Transactional');
  });

  it('a bad phone number or e-mail address is InvalidRecipientError; a missing sender address is a configuration error', async () => {
    const sender = new AwsSender({ emailFrom: 'no-reply@dichvucong.example.vn' });
    await expect(sender.send({ channel: 'sms', address: '12' }, message)).rejects.toBeInstanceOf(InvalidRecipientError);
    await expect(sender.send({ channel: 'email', address: 'not an address' }, message)).rejects.toBeInstanceOf(InvalidRecipientError);
    await expect(new AwsSender({ emailFrom: undefined }).send({ channel: 'email', address: 'a@b.vn' }, message)).rejects.toBeInstanceOf(ConfigurationError);
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
