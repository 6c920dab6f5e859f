// The Lambda REQUEST authorizer of the agency-system routes (HTTP API, payload 2.0, simple
// responses). No identity sources: a system presents either a client-credentials token or the three
// signature headers, so this is called for every request (never cached) and API Gateway answers 403
// when it returns isAuthorized: false; with no credentials the route's rule answers 401.
//
// HTTP API does not pass the request body to a Lambda authorizer, so the signature, which covers
// sha256(body), can be checked here only for requests without a body (GET, DELETE, HEAD). For the
// others this checks form, window and key, and hands over `signature: 'body-pending'` without a
// `keyId`: the handler's signed-body middleware completes the check with the body, or the request
// is an anonymous one and the route's auth rule answers 401. See docs/identity.md.
//
// Never throws: any failure (configuration, DynamoDB) is a denial, logged without request data.
// The decision: use-cases/authorize-request.ts.
import { configuredTokenVerifier } from './access-token';
import { AgencySystemRegistry } from './adapters/registry';
import { authorizeAgencyRequest, type AgencyAuthorizerEvent, type AgencyAuthorizerResult } from './use-cases/authorize-request';

// Its own registry, made on first use (the function holds nothing else).
let registry: AgencySystemRegistry | undefined;
const registryOf = () => (registry ??= new AgencySystemRegistry());

export const handler = (event: AgencyAuthorizerEvent): Promise<AgencyAuthorizerResult> =>
  authorizeAgencyRequest(registryOf, event, Date.now() / 1000, configuredTokenVerifier);
