import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../../shared/errors/domain-error';
import { attributesOf, claimsOf, groupOf, usernameOf } from './vneid-account';

const person = { sub: 'p-1', account_type: 'citizen', name: 'Nguyễn Văn An', eid_level: '2', id_number: '001099012345', birthdate: '1999-03-14', gender: 'male' };
const organisation = { sub: 'o-1', account_type: 'organization', name: 'Công ty TNHH Demo Việt', eid_level: '2', enterprise_code: '0101234567', legal_representative_id_number: '001099012345' };

describe('VNeID account', () => {
  it('maps a person to a citizen account keyed by the ID number', () => {
    const claims = claimsOf(person);
    expect(usernameOf(claims)).toBe('vneid-001099012345');
    expect(groupOf(claims)).toBe('citizen');
    expect(attributesOf(claims)).toEqual({
      name: 'Nguyễn Văn An', 'custom:id_number': '001099012345', 'custom:eid_level': '2', 'custom:vneid_verified': 'true',
    });
  });

  it('maps an organisation to a business account keyed by the enterprise code', () => {
    const claims = claimsOf(organisation);
    expect(usernameOf(claims)).toBe('vneid-org-0101234567');
    expect(groupOf(claims)).toBe('business');
    expect(attributesOf(claims)).toEqual({
      name: 'Công ty TNHH Demo Việt', 'custom:enterprise_code': '0101234567', 'custom:eid_level': '2', 'custom:vneid_verified': 'true',
    });
  });

  it('keys a branch by its enterprise code with the suffix', () => {
    expect(usernameOf(claimsOf({ ...organisation, enterprise_code: '0101234567-001' }))).toBe('vneid-org-0101234567-001');
  });

  it('gives the same username whatever else changed (one ID number, one account)', () => {
    expect(usernameOf(claimsOf({ ...person, sub: 'p-2', name: 'Nguyễn Văn Ân', eid_level: '1' }))).toBe(usernameOf(claimsOf(person)));
  });

  it('refuses an identity without the claims the portal needs', () => {
    for (const payload of [{ ...person, id_number: undefined }, { ...person, eid_level: '3' }, { ...organisation, enterprise_code: '12' }, { ...person, account_type: 'robot' }]) {
      try {
        claimsOf(payload);
        expect.unreachable();
      } catch (e) {
        expect(isDomainError(e) && e.code).toBe('VNEID_CLAIMS_INCOMPLETE');
      }
    }
  });
});
