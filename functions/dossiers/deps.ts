// The dossiers function's wiring in AWS (and on the local runtime): its stores over the platform's
// clients and resource names. Tests build their own deps instead.
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { bucketName, tableName } from '../../shared/config';
import { S3AttachmentStore } from '../../shared/uploads/upload-store';
import { catalogueReader } from '../catalogue/public';
import { DynamoDossierStore } from './adapters/dossier-store';
import type { DossierDeps } from './service';

export const platformDeps = (): DossierDeps => ({
  store: new DynamoDossierStore(dynamoClient, () => tableName('dossiers')),
  files: new S3AttachmentStore(s3Client, () => bucketName('attachments')),
  catalogue: catalogueReader(),
});
