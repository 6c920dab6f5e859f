// What other capabilities may use of the dossiers capability: the event shape the dossier stream
// carries, a read of one dossier, and THE transition function (payments and sync move dossiers
// only through it, never around it), and for sync the creation of a dossier of record received at
// an agency's desk (`createOfRecord`, built through the same transition table).
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { bucketName, tableName } from '../../shared/config';
import { catalogueReader } from '../catalogue/public';
import { DynamoDossierStore } from './adapters/dossier-store';
import type { DossierUseCases } from './service';
export type { OfRecordInput, OfRecordOutcome } from './service';

export * from './shapes-and-transitions';

/** The dossier store over the platform's table (read access is all a reader needs). */
export const dossierStore = () => new DynamoDossierStore(dynamoClient, () => tableName('dossiers'));

/** What payments and sync may call: the transition function and the import of a dossier of record. */
export type DossierMoves = Pick<DossierUseCases, 'transition' | 'createOfRecord'>;

/**
 * The use cases with the platform's adapters, for capabilities that move dossiers (payments, sync).
 * Loaded on first use: readers of this module (notifications, ratings) do not pay for the whole
 * dossiers capability and the S3 adapter at cold start.
 */
export const dossierService = async (): Promise<DossierMoves> => {
  const [{ dossierUseCases }, { S3AttachmentStore }] = await Promise.all([import('./service'), import('../../shared/uploads/upload-store')]);
  return dossierUseCases({
    store: dossierStore(),
    files: new S3AttachmentStore(s3Client, () => bucketName('attachments')),
    catalogue: catalogueReader(),
  });
};
