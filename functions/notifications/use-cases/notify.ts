// One dossier event → the messages it owes the applicant (docs/notifications.md): read the dossier
// (through the dossiers capability's public module), render, pick the channels from the contact the
// applicant gave (e-mail and/or SMS), and for each channel record-then-send (notification-log.ts): a
// redelivered event finds its records and sends nothing again. A channel that fails is recorded and
// reported, after the other channels had their turn; the retry then resends only what is not sent.
import { logger } from '../../../shared/http/logger';
import type { DossierEvent, DossierRecord } from '../../dossiers/public';
import type { NotificationChannel, NotificationLog } from '../adapters/notification-log';
import { InvalidRecipientError, type Attachment, type MessageSender, type Recipient } from '../adapters/senders';
import { draftOf, pdfFileName, recipientsOf } from '../domain/delivery';
import { renderMessage, type Message } from '../domain/message';

export interface DossierReader {
  get(id: string): Promise<DossierRecord | undefined>;
}

export interface NotifierDeps {
  dossiers: DossierReader;
  log: NotificationLog;
  sender: MessageSender;
  /** The public portal, for the tracking link (`${base}/tra-cuu?code=`). */
  portalBaseUrl: string;
  renderPdf: (message: Message) => Promise<Uint8Array>;
  now?: () => Date;
}

export type NotifyOutcome =
  | { outcome: 'not_notifying' }
  | { outcome: 'dossier_not_found' }
  | { outcome: 'no_contact' }
  | { outcome: 'notified'; sent: NotificationChannel[]; alreadyDone: NotificationChannel[] };

/** Reported for retry: the batch item fails, SQS delivers it again, the log skips what was sent. */
export class NotificationRetry extends Error {
  override readonly name = 'NotificationRetry';
}

export const notify = async (deps: NotifierDeps, event: DossierEvent): Promise<NotifyOutcome> => {
  const now = deps.now ?? (() => new Date());
  const ids = { dossierId: event.dossierId, version: event.version, action: event.action };
  const dossier = await deps.dossiers.get(event.dossierId);
  if (!dossier) {
    logger.warn('notification dropped: dossier not found', ids);
    return { outcome: 'dossier_not_found' };
  }
  const message = renderMessage(event, dossier, deps.portalBaseUrl);
  if (!message) return { outcome: 'not_notifying' };

  const recipients = recipientsOf(dossier.contact);
  if (!recipients.length) {
    await deps.log.recordNoContact(draftOf(event, message, 'none', null), now());
    logger.info('notification recorded: no contact', { ...ids, kind: message.kind });
    return { outcome: 'no_contact' };
  }

  let pdf: Promise<Attachment> | undefined;
  const attachmentFor = (to: Recipient) => {
    if (to.channel !== 'email' || !message.attachPdf) return undefined;
    pdf ??= deps.renderPdf(message).then((bytes) => ({ fileName: pdfFileName(message), contentType: 'application/pdf' as const, bytes }));
    return pdf;
  };

  const sent: NotificationChannel[] = [];
  const alreadyDone: NotificationChannel[] = [];
  const retry: string[] = [];
  for (const to of recipients) {
    const draft = draftOf(event, message, to.channel, to);
    const claim = await deps.log.claim(draft, now());
    const where = { ...ids, kind: message.kind, channel: to.channel };
    if (claim.outcome === 'done') {
      alreadyDone.push(to.channel);
      continue;
    }
    if (claim.outcome === 'busy') {
      retry.push(`${to.channel}: claimed by another invocation`);
      continue;
    }
    try {
      const result = await deps.sender.send(to, message, await attachmentFor(to));
      await deps.log.markSent(draft, result, now());
      sent.push(to.channel);
      logger.info('notification sent', { ...where, attempt: claim.attempt, delivery: result.delivery });
    } catch (error) {
      const name = (error as Error)?.name ?? 'Error';
      await deps.log.markFailed(draft, name, now());
      // A bad address stays bad: recorded, not retried. Anything else is retried by SQS.
      if (error instanceof InvalidRecipientError) {
        logger.warn('notification not deliverable', { ...where, error: name });
      } else {
        logger.warn('notification failed', { ...where, attempt: claim.attempt, error: name });
        retry.push(`${to.channel}: ${name}`);
      }
    }
  }
  if (retry.length) throw new NotificationRetry(`Dossier ${event.dossierId} version ${event.version}: ${retry.join('; ')}`);
  return { outcome: 'notified', sent, alreadyDone };
};
