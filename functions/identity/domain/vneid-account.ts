// From a verified VNeID identity to the portal's account (docs/identity.md "VNeID claims"): which
// claims are required, the one username per ID number or enterprise code, the group, and the
// attributes the declared mapping (shared/platform/identity.ts) writes.
import * as z from 'zod';
import { DomainError } from '../../../shared/errors/domain-error';
import { VNEID_VERIFIED, vneidAttributeMapping, vneidGroupOf } from '../../../shared/platform/identity';

const common = {
  sub: z.string().min(1),
  name: z.string().min(1).max(256),
  eid_level: z.enum(['1', '2']),
};

export const VneidClaims = z.discriminatedUnion('account_type', [
  z.object({
    ...common,
    account_type: z.literal('citizen'),
    id_number: z.string().regex(/^\d{12}$/),
    birthdate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    gender: z.enum(['male', 'female']).optional(),
  }),
  z.object({
    ...common,
    account_type: z.literal('organization'),
    enterprise_code: z.string().regex(/^\d{10}(-?\d{3})?$/),
    legal_representative_id_number: z.string().regex(/^\d{12}$/).optional(),
  }),
]);
export type VneidClaims = z.infer<typeof VneidClaims>;

export const claimsOf = (payload: Record<string, unknown>): VneidClaims => {
  const parsed = VneidClaims.safeParse(payload);
  if (!parsed.success) {
    throw new DomainError('unauthenticated', 'VNEID_CLAIMS_INCOMPLETE', 'The VNeID identity lacks a claim the portal needs',
      parsed.error.issues.map((i) => ({ path: `idToken.${i.path.join('.')}`, message: i.message })));
  }
  return parsed.data;
};

/**
 * The account's username: one per ID number (people) or enterprise code (organisations), so two
 * sign-ins of the same person always reach the same account, and a race to create it has one winner.
 */
export const usernameOf = (claims: VneidClaims): string =>
  claims.account_type === 'citizen' ? `vneid-${claims.id_number}` : `vneid-org-${claims.enterprise_code}`;

export const groupOf = (claims: VneidClaims) => vneidGroupOf[claims.account_type];

/** The user pool attributes a sign-in writes, by the declared mapping, plus the VNeID mark. */
export const attributesOf = (claims: VneidClaims): Record<string, string> => {
  const mapping: Record<string, string> = vneidAttributeMapping[claims.account_type];
  const values = claims as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [attribute, claim] of Object.entries(mapping)) {
    const value = values[claim];
    if (typeof value === 'string' && value !== '') out[attribute] = value;
  }
  return { ...out, ...VNEID_VERIFIED };
};
