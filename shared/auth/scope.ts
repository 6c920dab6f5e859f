// Agency scoping in one place (docs/requirements.md R-SCOPE): role is checked by the route's auth
// rule, scope here. A province People's Committee code (e.g. 000.00.00.H26) covers the province and
// its communes, whose parentCode is that code; since 1 July 2025 there are no districts in between.
import { forbidden, notFound } from '../errors/domain-error';
import type { Principal } from './principal';

export interface AgencyRef {
  code: string;
  parentCode: string | null;
}

const covers = (codes: readonly string[], agency: AgencyRef) =>
  codes.includes(agency.code) || (agency.parentCode !== null && codes.includes(agency.parentCode));

/** Whether the caller may see and act on things of this agency. */
export const agencyInScope = (principal: Principal, agency: AgencyRef): boolean => {
  switch (principal.kind) {
    case 'user':
      if (principal.groups.includes('admin')) return true;
      return principal.groups.includes('official') && covers(principal.agencyScope, agency);
    case 'agency-system':
      return covers(principal.agencyCodes, agency);
    default:
      return false;
  }
};

/** Whether the caller is the applicant who owns the resource (the token's `sub`). */
export const ownsResource = (principal: Principal, applicant: { sub: string }): boolean =>
  principal.kind === 'user' && principal.sub.length > 0 && principal.sub === applicant.sub;

export interface DenyAs {
  /**
   * `not-found` (404) where answering 403 would confirm that the thing exists, e.g. a dossier id
   * or a feedback id; `forbidden` (403) where existence is public, e.g. an agency's work queue.
   */
  deny: 'not-found' | 'forbidden';
  /** What is named in the 404 message, e.g. "Dossier". */
  what?: string;
}

const refuse = (opts: DenyAs) => (opts.deny === 'not-found' ? notFound(opts.what ?? 'Resource') : forbidden());

export const requireInScope = (principal: Principal, agency: AgencyRef, opts: DenyAs): void => {
  if (!agencyInScope(principal, agency)) throw refuse(opts);
};

/** The owner, or someone whose scope covers the agency (official, admin, agency system). */
export const requireOwnerOrInScope = (principal: Principal, resource: { applicant: { sub: string }; agency: AgencyRef }, opts: DenyAs): void => {
  if (!ownsResource(principal, resource.applicant) && !agencyInScope(principal, resource.agency)) throw refuse(opts);
};
