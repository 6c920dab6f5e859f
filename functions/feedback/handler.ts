// The feedback capability's routes (docs/requirements.md R-CAP-FEEDBACK): thin over
// FeedbackService. The route stack has parsed and validated the request and checked the caller's
// group; the service decides who the caller is for the item (sender, official of its agency,
// administrator).
import { dynamoClient, s3Client } from '../../shared/aws/clients';
import { bucketName, tableName } from '../../shared/config';
import { S3AttachmentStore } from '../../shared/uploads/upload-store';
import { createApiHandler, created, implement, ok } from '../../shared/http/api';
import { feedbackRoutes as routes } from '../../shared/platform/api-routes/feedback';
import { catalogueReader } from '../catalogue/public';
import { DynamoFeedbackStore } from './adapters/feedback-store';
import { FeedbackService, type FeedbackDeps } from './service';

export const defaultDeps = (): FeedbackDeps => ({
  store: new DynamoFeedbackStore(dynamoClient, () => tableName('feedback')),
  files: new S3AttachmentStore(s3Client, () => bucketName('attachments')),
  catalogue: catalogueReader(),
});

export const makeHandler = (deps: FeedbackDeps | FeedbackService) => {
  const service = deps instanceof FeedbackService ? deps : new FeedbackService(deps);
  return createApiHandler([
    implement(routes.submitFeedback, async ({ principal, body }) => created(await service.submit(principal, body))),
    implement(routes.listPublishedFeedback, async ({ query }) => ok(await service.listPublished(query), { 'cache-control': 'public, max-age=60' })),
    implement(routes.getFeedback, async ({ params }) => ok(await service.getPublic(params.id), { 'cache-control': 'public, max-age=60' })),
    implement(routes.listMyFeedback, async ({ principal, query }) => ok(await service.listMine(principal, query))),
    implement(routes.reactToFeedback, async ({ principal, params, body }) => ok(await service.react(principal, params.id, body.like))),
    implement(routes.agencyFeedbackQueue, async ({ principal, query }) => ok(await service.queue(principal, query))),
    implement(routes.getAgencyFeedback, async ({ principal, params }) => ok(await service.getForOffice(principal, params.id))),
    implement(routes.requestFeedbackUpload, async ({ principal, params, body }) => created(await service.requestUpload(principal, params.id, body))),
    implement(routes.completeFeedbackUpload, async ({ principal, params }) => ok(await service.completeUpload(principal, params.id, params.attachmentId))),
    implement(routes.downloadFeedbackAttachment, async ({ principal, params }) => ok(await service.download(principal, params.id, params.attachmentId))),
    implement(routes.actOnFeedback, async ({ principal, params, body }) => ok(await service.act(principal, params.id, body))),
  ]);
};

export const handler = makeHandler(defaultDeps());
