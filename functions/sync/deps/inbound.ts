// The `sync-inbound` consumer's adapters on the platform: the dossiers capability's store, its
// transition function and its creation of dossiers of record; the retry schedule from the environment.
import { dynamoClient } from '../../../shared/aws/clients';
import { readEnv, tableName } from '../../../shared/config';
import { dossierService, dossierStore } from '../../dossiers/public';
import { sqsRetryLater } from '../adapters/sqs-queues';
import { DynamoSyncStore } from '../adapters/sync-store';
import { retryPolicyFrom } from '../domain/retry';
import { INBOUND_RETRY, type InboundDeps } from '../use-cases/apply-inbound';

export const inboundDeps = (): InboundDeps => {
  const store = dossierStore();
  let service: ReturnType<typeof dossierService> | undefined;
  return {
    store: new DynamoSyncStore(dynamoClient, () => tableName('sync')),
    findDossier: (code) => store.findByCode(code),
    lastStepAt: (d) => store.lastStepAt(d.id),
    async transition(d, keyId, action, input, time) {
      service ??= dossierService();
      return (await (await service).transition(d, { kind: 'agency_system', id: keyId }, action, input, d.version, time)).record;
    },
    retryLater: sqsRetryLater('sync-inbound'),
    retryPolicy: retryPolicyFrom({
      baseSeconds: readEnv('SYNC_INBOUND_RETRY_BASE_SECONDS'), capSeconds: readEnv('SYNC_INBOUND_RETRY_CAP_SECONDS'),
    }, INBOUND_RETRY),
    async createOfRecord(input) {
      service ??= dossierService();
      return (await service).createOfRecord(input);
    },
  };
};
