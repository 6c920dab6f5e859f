// Where messages go, behind one interface: SES (e-mail, raw MIME with the slip PDF attached) and
// SNS (SMS) in AWS, or the local outbox, which only records (the notifications table already holds
// every rendered message; GET /local/outbox shows them). Configuration chooses, never the code:
//   NOTIFY_DELIVERY=aws     set by the CDK construct for functions declared `sendsMessages`
//   NOTIFY_DELIVERY=outbox  or unset: the local runtime, which sets nothing
// With `aws`, NOTIFY_EMAIL_FROM is the verified SES sender address. The SDK clients are loaded on
// the first send. Addresses are never logged or put in error messages.
import { randomUUID } from 'node:crypto';
import { onceAsync } from '../../../shared/aws/clients';
import { readEnv, type EnvSource } from '../../../shared/config';
import type { Message } from '../domain/message';
import { PORTAL_NAME } from '../domain/message';
import { buildRawEmail } from './mime';

export interface Recipient {
  channel: 'email' | 'sms';
  /** An e-mail address or a phone number, as the applicant gave it. */
  address: string;
}

export interface Attachment {
  fileName: string;
  contentType: 'application/pdf';
  bytes: Uint8Array;
}

export interface SendResult {
  delivery: 'outbox' | 'aws';
  providerMessageId: string;
}

export interface MessageSender {
  /** E-mail gets subject, text, HTML and the attachment; SMS gets `message.sms`. */
  send(to: Recipient, message: Message, pdf?: Attachment): Promise<SendResult>;
}

/** The local outbox: accepts and records nothing beyond the notifications table. */
export class OutboxSender implements MessageSender {
  async send(): Promise<SendResult> {
    return { delivery: 'outbox', providerMessageId: `outbox-${randomUUID()}` };
  }
}

/** A Vietnamese mobile number in E.164 (+84…), as SNS wants it; null when it is not one. */
export const toE164 = (phone: string): string | null => {
  const compact = phone.replace(/[\s.()-]/g, '');
  const national = compact.startsWith('+84') ? compact.slice(3) : compact.startsWith('84') && compact.length === 11 ? compact.slice(2) : compact.startsWith('0') ? compact.slice(1) : null;
  return national && /^[1-9]\d{8}$/.test(national) ? `+84${national}` : null;
};

export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

export class InvalidRecipientError extends Error {
  override readonly name = 'InvalidRecipientError';
}

const sesv2 = onceAsync(async () => {
  const lib = await import('@aws-sdk/client-sesv2');
  return { lib, client: new lib.SESv2Client({}) };
});
const sns = onceAsync(async () => {
  const lib = await import('@aws-sdk/client-sns');
  return { lib, client: new lib.SNSClient({}) };
});

export class AwsSender implements MessageSender {
  constructor(private readonly config: { emailFrom: string | undefined; configurationSet?: string }) {}

  async send(to: Recipient, message: Message, pdf?: Attachment): Promise<SendResult> {
    return to.channel === 'email' ? this.email(to.address, message, pdf) : this.sms(to.address, message);
  }

  private async email(address: string, message: Message, pdf?: Attachment): Promise<SendResult> {
    if (!this.config.emailFrom) throw new ConfigurationError('NOTIFY_EMAIL_FROM is not set: no SES sender address');
    let raw: string;
    try {
      raw = buildRawEmail({
        from: { name: PORTAL_NAME, address: this.config.emailFrom },
        to: address,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachment: pdf,
      });
    } catch {
      throw new InvalidRecipientError('The e-mail address cannot be used');
    }
    const { lib, client } = await sesv2();
    const out = await client.send(new lib.SendEmailCommand({
      Content: { Raw: { Data: Buffer.from(raw) } },
      ...(this.config.configurationSet ? { ConfigurationSetName: this.config.configurationSet } : {}),
    }));
    return { delivery: 'aws', providerMessageId: out.MessageId ?? '' };
  }

  private async sms(phone: string, message: Message): Promise<SendResult> {
    const number = toE164(phone);
    if (!number) throw new InvalidRecipientError('The phone number is not a Vietnamese mobile number');
    const { lib, client } = await sns();
    const out = await client.send(new lib.PublishCommand({
      PhoneNumber: number,
      Message: message.sms,
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    }));
    return { delivery: 'aws', providerMessageId: out.MessageId ?? '' };
  }
}

/** The sender the environment asks for (see the header); an unknown value is an error. */
export const senderFromEnv = (env?: EnvSource): MessageSender => {
  const delivery = readEnv('NOTIFY_DELIVERY', env);
  if (delivery === 'outbox') return new OutboxSender();
  if (delivery === 'aws') return new AwsSender({ emailFrom: readEnv('NOTIFY_EMAIL_FROM', env), configurationSet: readEnv('NOTIFY_SES_CONFIGURATION_SET', env) });
  throw new ConfigurationError(`NOTIFY_DELIVERY must be "outbox" or "aws", not ${JSON.stringify(delivery)}`);
};
