// The support capability's adapters over the platform's tables: the `support` table (the FAQ) and
// the catalogue's procedures (an entry's procedure must exist; its sector is the default).
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { catalogueReader } from '../catalogue/public';
import { DynamoFaqStore } from './adapters/faq-store';
import type { SupportDeps } from './service';

export const platformDeps = (): SupportDeps => ({
  store: new DynamoFaqStore(dynamoClient, () => tableName('support')),
  procedures: catalogueReader(),
});
