// The authorization rules routes are declared with, and `defineRoute` (docs/requirements.md R-API-ROUTES, R-SCOPE).
import type { AuthRule, RouteDecl, RouteRequest } from '../types';

export const PUBLIC: AuthRule = { kind: 'public' };
/** A payment provider's callback: no authorizer; the handler verifies the provider's HMAC signature. */
export const PAYMENT_PROVIDER: AuthRule = { kind: 'public', signature: 'payment-provider' };
export const ADMIN: AuthRule = { kind: 'user', groups: ['admin'] };
/** Agency systems that send data (a token needs `dvc/sync.write`). */
export const AGENCY_SYSTEM: AuthRule = { kind: 'agency-system', scope: 'sync.write' };
/** Agency systems reading their own outbox, health and identity (`dvc/sync.read`). */
export const AGENCY_SYSTEM_READ: AuthRule = { kind: 'agency-system', scope: 'sync.read' };
/** Agency systems reading the catalogue and looking dossiers up (`dvc/catalogue.read`). */
export const AGENCY_CATALOGUE_READ: AuthRule = { kind: 'agency-system', scope: 'catalogue.read' };
export const APPLICANT: AuthRule = { kind: 'user', groups: ['citizen', 'business'] };
export const OFFICIAL: AuthRule = { kind: 'user', groups: ['official'] };
/** Applicants (their own dossiers), officials (in scope) and admins: the handler checks which. */
export const DOSSIER_READER: AuthRule = { kind: 'user', groups: ['citizen', 'business', 'official', 'admin'] };
/** Anyone signed in: the handler decides what the caller may do. */
export const SIGNED_IN: AuthRule = { kind: 'user', groups: ['citizen', 'business', 'official', 'admin'] };
/** Officials (their agencies) and the portal's administrators. */
export const OFFICE: AuthRule = { kind: 'user', groups: ['official', 'admin'] };
/** Applicants (own dossier) and officials (in scope, result files). */
export const DOSSIER_PARTY: AuthRule = { kind: 'user', groups: ['citizen', 'business', 'official'] };

/** The `too_large` error of a route without a body that writes a record whose size is checked before the write (shared/aws/item-size.ts). */
export const RECORD_TOO_LARGE = '`ITEM_TOO_LARGE`: the stored record would pass DynamoDB\'s 400 KB item limit';

/** Keeps each route's schema types so handlers get typed input. */
export const defineRoute = <Req extends RouteRequest>(route: RouteDecl<Req>) => route;
