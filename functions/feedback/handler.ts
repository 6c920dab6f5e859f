// The feedback capability's routes (docs/requirements.md R-CAP-FEEDBACK): route → use case → HTTP
// result. The route stack has parsed and validated the request and checked the caller's group; the
// use cases decide who the caller is for the item (sender, official of its agency, administrator).
import { createApiHandler, created, implement, ok } from '../../shared/http/api';
import { feedbackRoutes as routes } from '../../shared/platform/api-routes/feedback';
import { actOnFeedback } from './act';
import { feedbackContext, platformDeps, type FeedbackDeps } from './deps';
import { completeEvidenceUpload, downloadEvidence, requestEvidenceUpload } from './evidence';
import { reactToFeedback } from './reactions';
import { agencyQueue, getForOffice, getPublished, listMine, listPublished } from './read';
import { submitFeedback } from './submit';

const PUBLIC_CACHE = { 'cache-control': 'public, max-age=60' };

export const makeHandler = (deps: FeedbackDeps) => {
  const ctx = feedbackContext(deps);
  return createApiHandler([
    implement(routes.submitFeedback, async ({ principal, body }) => created(await submitFeedback(ctx, principal, body))),
    implement(routes.listPublishedFeedback, async ({ query }) => ok(await listPublished(ctx, query), PUBLIC_CACHE)),
    implement(routes.getFeedback, async ({ params }) => ok(await getPublished(ctx, params.id), PUBLIC_CACHE)),
    implement(routes.listMyFeedback, async ({ principal, query }) => ok(await listMine(ctx, principal, query))),
    implement(routes.reactToFeedback, async ({ principal, params, body }) => ok(await reactToFeedback(ctx, principal, params.id, body.like))),
    implement(routes.agencyFeedbackQueue, async ({ principal, query }) => ok(await agencyQueue(ctx, principal, query))),
    implement(routes.getAgencyFeedback, async ({ principal, params }) => ok(await getForOffice(ctx, principal, params.id))),
    implement(routes.requestFeedbackUpload, async ({ principal, params, body }) => created(await requestEvidenceUpload(ctx, principal, params.id, body))),
    implement(routes.completeFeedbackUpload, async ({ principal, params }) => ok(await completeEvidenceUpload(ctx, principal, params.id, params.attachmentId))),
    implement(routes.downloadFeedbackAttachment, async ({ principal, params }) => ok(await downloadEvidence(ctx, principal, params.id, params.attachmentId))),
    implement(routes.actOnFeedback, async ({ principal, params, body }) => ok(await actOnFeedback(ctx, principal, params.id, body))),
  ]);
};

export const handler = makeHandler(platformDeps());
