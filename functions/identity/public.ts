// What other capabilities may use of identity: the middleware that completes the signature check of
// body-carrying agency-system requests (every API function serving such a route uses it; the
// function then needs the identity table and the agency-secret-key secret, see signed-body.ts).
export { signedBodies } from './signed-body';
// Outbound sync: the systems speaking for an agency with the secret to sign with (identity table
// read + the agency-secret-key secret), and SPEC §2 signing and verification (pure).
export { agencySystemsFor, type OutboundSystem } from './outbound';
export { signRequest, verifySignedRequest } from './domain/signature';
