// What the feedback use cases work with: the feedback store, the catalogue (agencies, procedures,
// holidays), the evidence uploads (the shared upload flow over the attachments bucket, keys under
// feedback/), a clock and ids. `feedbackContext` resolves them once per function instance; the
// platform's adapters are `platformDeps`.
import { randomUUID } from 'node:crypto';
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { latestCalendar, type WorkingCalendar } from '../../shared/calendar';
import { bucketName, tableName } from '../../shared/config';
import { UploadFlow } from '../../shared/uploads/upload-flow';
import { S3AttachmentStore, type AttachmentStore } from '../../shared/uploads/upload-store';
import { catalogueReader, type CatalogueReader } from '../catalogue/public';
import { DynamoFeedbackStore, type FeedbackStore } from './adapters/feedback-store';
import { ATTACHMENT_MAX_BYTES, attachmentKey } from './domain/feedback';

export interface FeedbackDeps {
  store: FeedbackStore;
  /** The attachments bucket, shared with dossiers (keys under feedback/). */
  files: AttachmentStore;
  catalogue: CatalogueReader;
  now?: () => Date;
  newId?: () => string;
}

export interface FeedbackContext {
  store: FeedbackStore;
  catalogue: CatalogueReader;
  /** The sender's evidence: presigned POST, verified after upload, never public. */
  evidence: UploadFlow;
  now(): Date;
  newId(): string;
  /** The working-day calendar of the catalogue's holidays (rebuilt when they change). */
  calendar(): Promise<WorkingCalendar>;
}

export const feedbackContext = (deps: FeedbackDeps): FeedbackContext => {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  return {
    store: deps.store,
    catalogue: deps.catalogue,
    evidence: new UploadFlow({ files: deps.files, keyOf: attachmentKey, maxBytes: ATTACHMENT_MAX_BYTES, now, newId }),
    now,
    newId,
    calendar: latestCalendar(() => deps.catalogue.holidays()),
  };
};

export const platformDeps = (): FeedbackDeps => ({
  store: new DynamoFeedbackStore(dynamoClient, () => tableName('feedback')),
  files: new S3AttachmentStore(s3Client, () => bucketName('attachments')),
  catalogue: catalogueReader(),
});
