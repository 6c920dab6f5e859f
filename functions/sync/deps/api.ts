// The sync API's adapters on the platform (the `sync` function).
import { dynamoClient } from '../../../shared/aws/clients';
import { tableName } from '../../../shared/config';
import { catalogueReader, procedureListing } from '../../catalogue/public';
import { dossierStore } from '../../dossiers/public';
import { registeredSystem } from '../../identity/public';
import { DynamoOutboxStore, type OutboxStore } from '../adapters/outbox-store';
import { sqsInbound } from '../adapters/sqs-queues';
import { DynamoSyncStore } from '../adapters/sync-store';
import type { OwnHealthDeps } from '../use-cases/health';
import type { IntakeDeps } from '../use-cases/intake';
import type { ShareDeps } from '../use-cases/share-qcvn120';

export interface SyncApiDeps extends IntakeDeps, OwnHealthDeps {
  outbox: OutboxStore;
  /** The QCVN 120 sharing services' reads (the catalogue's and the dossiers' public modules). */
  share: ShareDeps;
}

export const apiDeps = (): SyncApiDeps => {
  const catalogue = catalogueReader();
  const dossiers = dossierStore();
  return {
    queue: sqsInbound(),
    catalogue,
    outbox: new DynamoOutboxStore(dynamoClient, () => tableName('sync')),
    store: new DynamoSyncStore(dynamoClient, () => tableName('sync')),
    system: registeredSystem,
    share: {
      listing: procedureListing(),
      getProcedure: (code) => catalogue.getProcedure(code),
      getAgency: (code) => catalogue.getAgency(code),
      findDossier: (code) => dossiers.findByCode(code),
    },
  };
};
