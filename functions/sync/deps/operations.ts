// Operating sync on the platform: the admin routes (`sync-admin`) and the operator command (`sync-jobs`).
import { dynamoClient } from '../../../shared/aws/clients';
import { tableName } from '../../../shared/config';
import { registeredSystems } from '../../identity/public';
import { sqsDeadLetterQueues } from '../adapters/dead-letters';
import { DynamoSyncStore } from '../adapters/sync-store';
import type { OperationsDeps } from '../use-cases/operations';

export const operationsDeps = (): OperationsDeps => ({
  queues: sqsDeadLetterQueues(),
  store: new DynamoSyncStore(dynamoClient, () => tableName('sync')),
  systems: registeredSystems,
});
