// Who an applicant's message goes to and what the log keeps of it: the channels the contact the
// applicant gave allows (e-mail first), and the record of one message on one channel, the address
// masked. Pure.
import type { DossierEvent, DossierRecord } from '../../dossiers/public';
import type { NotificationChannel, NotificationDraft } from '../adapters/notification-log';
import type { Recipient } from '../adapters/senders';
import type { Message } from './message';
import { maskEmail, maskPhone } from './text';

/** The channels the applicant's contact allows, e-mail first. */
export const recipientsOf = (contact: DossierRecord['contact']): Recipient[] => {
  const out: Recipient[] = [];
  const email = contact?.email?.trim();
  const phone = contact?.phone?.trim();
  if (email) out.push({ channel: 'email', address: email });
  if (phone) out.push({ channel: 'sms', address: phone });
  return out;
};

/** The slip's PDF attachment name: its form and the dossier code. */
export const pdfFileName = (message: Message) =>
  `mau-${message.slip.form ?? 'thong-bao'}-${(message.slip.code ?? 'ho-so').replace(/[^A-Za-z0-9.-]/g, '_')}.pdf`;

/** What the log records of `message` on `channel` (`to` null: no contact at all). */
export const draftOf = (event: DossierEvent, message: Message, channel: NotificationChannel, to: Recipient | null): NotificationDraft => ({
  dossierId: event.dossierId,
  eventVersion: event.version,
  kind: message.kind,
  channel,
  code: message.slip.code,
  action: event.action,
  toMasked: !to ? null : to.channel === 'email' ? maskEmail(to.address) : maskPhone(to.address),
  subject: message.subject,
  text: channel === 'sms' ? message.sms : message.text,
  html: channel === 'email' ? message.html : null,
  trackingUrl: message.trackingUrl,
  slip: message.attachPdf ? message.slip : null,
});
