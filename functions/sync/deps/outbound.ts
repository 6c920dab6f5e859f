// The `sync-outbound` consumer's adapters on the platform.
import { dynamoClient } from '../../../shared/aws/clients';
import { tableName } from '../../../shared/config';
import { dossierStore } from '../../dossiers/public';
import { agencySystemsFor } from '../../identity/public';
import { httpDelivery } from '../adapters/http-delivery';
import { DynamoOutboxStore } from '../adapters/outbox-store';
import { sqsRetryLater } from '../adapters/sqs-queues';
import type { OutboundDeps } from '../use-cases/deliver-outbound';

export const outboundDeps = (): OutboundDeps => {
  const dossiers = dossierStore();
  return {
    findDossier: (id) => dossiers.get(id),
    systemsFor: (agency) => agencySystemsFor(agency),
    outbox: new DynamoOutboxStore(dynamoClient, () => tableName('sync')),
    delivery: httpDelivery(),
    retryLater: sqsRetryLater('sync-outbound'),
  };
};
