// The sync API's adapters on the platform (the `sync` function).
import { dynamoClient } from '../../../shared/aws/clients';
import { tableName } from '../../../shared/config';
import { catalogueReader } from '../../catalogue/public';
import { registeredSystem } from '../../identity/public';
import { DynamoOutboxStore, type OutboxStore } from '../adapters/outbox-store';
import { sqsInbound } from '../adapters/sqs-queues';
import { DynamoSyncStore } from '../adapters/sync-store';
import type { OwnHealthDeps } from '../use-cases/health';
import type { IntakeDeps } from '../use-cases/intake';

export interface SyncApiDeps extends IntakeDeps, OwnHealthDeps {
  outbox: OutboxStore;
}

export const apiDeps = (): SyncApiDeps => ({
  queue: sqsInbound(),
  catalogue: catalogueReader(),
  outbox: new DynamoOutboxStore(dynamoClient, () => tableName('sync')),
  store: new DynamoSyncStore(dynamoClient, () => tableName('sync')),
  system: registeredSystem,
});
