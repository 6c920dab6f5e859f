// The notifications consumer's adapters on the platform.
import { dynamoClient } from '../../shared/aws/clients';
import { portalBaseUrl, tableName } from '../../shared/config';
import { dossierStore } from '../dossiers/public';
import { DynamoNotificationLog } from './adapters/notification-log';
import { senderFromEnv } from './adapters/senders';
import { renderSlipPdf } from './pdf/slip-pdf';
import type { NotifierDeps } from './use-cases/notify';

export const platformDeps = (): NotifierDeps => ({
  dossiers: dossierStore(),
  log: new DynamoNotificationLog(dynamoClient, () => tableName('notifications')),
  sender: senderFromEnv(),
  portalBaseUrl: portalBaseUrl(),
  renderPdf: (message) => renderSlipPdf(message, message.slip),
});
