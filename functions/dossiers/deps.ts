// The dossiers function's wiring in AWS (and on the local runtime): its stores over the platform's
// clients and resource names, and the State's registers when the deployment is connected to the
// national data-sharing platform (POPULATION_API_URL). Tests build their own deps instead.
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { secretValue } from '../../shared/aws/secrets';
import { bucketName, readEnv, tableName } from '../../shared/config';
import { secretEnvVar } from '../../shared/platform/secrets';
import { S3AttachmentStore } from '../../shared/uploads/upload-store';
import { catalogueReader } from '../catalogue/public';
import { DynamoDossierStore } from './adapters/dossier-store';
import { httpPopulationData } from './adapters/population-data';
import { DynamoRegisterReadLog } from './adapters/register-reads';
import type { DossierDeps } from './service';

export const platformDeps = (): DossierDeps => {
  const populationApiUrl = readEnv('POPULATION_API_URL');
  return {
    store: new DynamoDossierStore(dynamoClient, () => tableName('dossiers')),
    files: new S3AttachmentStore(s3Client, () => bucketName('attachments')),
    catalogue: catalogueReader(),
    ...(populationApiUrl
      ? { population: httpPopulationData({ baseUrl: populationApiUrl, apiKey: () => secretValue(secretEnvVar('population-api-key')) }) }
      : {}),
    registerReads: new DynamoRegisterReadLog(dynamoClient, () => tableName('dossiers')),
  };
};
