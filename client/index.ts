// The dvc-portal client kit (docs/integrating.md): a typed client over the OpenAPI contract, its
// authentication middlewares, user sign-in, and the verifier of the portal's signed pushes.
//
//   const portal = createPortalClient({ baseUrl, auth: agencySigning({ keyId, secret }) });
//   const page = unwrap(await portal.GET('/v1/sync/outbox', { params: { query: { limit: 50 } } }));
export { createPortalClient, PortalError, unwrap, type components, type operations, type paths, type PortalClient, type PortalClientOptions, type Schema } from './portal';
export { agencySigning, bearerToken, uniqueSigningSeconds, type AgencyCredentials } from './auth';
export { signIn, type PortalConfig } from './sign-in';
export type { DossierUpsert, StatusEvent } from './sync';
export { verifyWebhook, type OutboundEvent, type WebhookDelivery, type WebhookVerdict } from './webhooks';
export { canonicalString, SIGNATURE_HEADERS, sign, signRequest } from '../shared/auth/agency-signature';
