// What other capabilities may use of the dossiers capability: the event shape the dossier stream
// carries, a read of one dossier, and THE transition function (payments and sync move dossiers
// only through it, never around it), and for sync the creation of a dossier of record received at
// an agency's desk (`createOfRecord`, built through the same transition table).
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { bucketName, tableName } from '../../shared/config';
import { catalogueReader } from '../catalogue/public';
import { DynamoDossierStore } from './adapters/dossier-store';
import type { Bound } from './use-cases/context';
import type { createOfRecord } from './use-cases/desk-import';
import type { transition } from './use-cases/transition';
export type { OfRecordInput, OfRecordOutcome } from './use-cases/desk-import';

export * from './public-shapes';

/** The dossier store over the platform's table (read access is all a reader needs). */
export const dossierStore = () => new DynamoDossierStore(dynamoClient, () => tableName('dossiers'));

/** What payments and sync may call: the transition function and the import of a dossier of record. */
export interface DossierMoves {
  transition: Bound<typeof transition>;
  createOfRecord: Bound<typeof createOfRecord>;
}

/**
 * Those two use cases with the platform's adapters, for capabilities that move dossiers (payments,
 * sync). Loaded on first use, and only they: readers of this module (notifications, ratings) do not
 * pay for them and the S3 adapter at cold start, and no caller's bundle carries the dossiers'
 * other use cases.
 */
export const dossierService = async (): Promise<DossierMoves> => {
  const [{ bind, dossierContext }, moves, imports, { S3AttachmentStore }] = await Promise.all([
    import('./use-cases/context'), import('./use-cases/transition'), import('./use-cases/desk-import'), import('../../shared/uploads/upload-store'),
  ]);
  const ctx = dossierContext({
    store: dossierStore(),
    files: new S3AttachmentStore(s3Client, () => bucketName('attachments')),
    catalogue: catalogueReader(),
  });
  return { transition: bind(ctx, moves.transition), createOfRecord: bind(ctx, imports.createOfRecord) };
};
