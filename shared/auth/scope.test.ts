// Agency scoping (docs/requirements.md R-SCOPE): role and scope, a province code covering its communes.
import { describe, expect, it } from 'vitest';
import { agencyInScope, ownsResource, requireInScope, requireOwnerOrInScope, type AgencyRef } from './scope';
import type { Principal } from './principal';
import type { Group } from '../platform';
import { DomainError } from '../errors/domain-error';
import { httpStatusOf } from '../http/error-status';

const HANOI = '000.00.00.H26';
const HUE = '000.00.00.H57';
const user = (groups: Group[], extra: Partial<Extract<Principal, { kind: 'user' }>> = {}): Principal => ({
  kind: 'user', sub: 'sub-1', username: 'u', groups, vneidVerified: false, agencyScope: [], ...extra,
});
const official = (...scope: string[]) => user(['official'], { agencyScope: scope });
const system = (...codes: string[]): Principal => ({ kind: 'agency-system', keyId: 'k', agencyCodes: codes, scopes: [] });

const hanoiCity: AgencyRef = { code: HANOI, parentCode: null };
const hanoiCommune: AgencyRef = { code: '000.21.26.H26', parentCode: HANOI };
const hanoiDepartment: AgencyRef = { code: '000.01.00.H26', parentCode: HANOI };
const hueCommune: AgencyRef = { code: '000.11.57.H57', parentCode: HUE };
const ministry: AgencyRef = { code: 'G09', parentCode: null };
const lookalike: AgencyRef = { code: `${HANOI}.X`, parentCode: `${HANOI}X` };

describe('agencyInScope', () => {
  const cases: [string, Principal, AgencyRef, boolean][] = [
    ['admin, any agency', user(['admin']), hueCommune, true],
    ['admin, a ministry', user(['admin']), ministry, true],
    ['Hà Nội official, the city', official(HANOI), hanoiCity, true],
    ['Hà Nội official, a commune of the city', official(HANOI), hanoiCommune, true],
    ['Hà Nội official, a department of the city', official(HANOI), hanoiDepartment, true],
    ['Hà Nội official, a commune of Huế', official(HANOI), hueCommune, false],
    ['Hà Nội official, a ministry', official(HANOI), ministry, false],
    ['Hà Nội official, a code that only looks alike', official(HANOI), lookalike, false],
    ['commune official, own commune', official(hanoiCommune.code), hanoiCommune, true],
    ['commune official, the province above', official(hanoiCommune.code), hanoiCity, false],
    ['commune official, a sibling commune', official(hanoiCommune.code), hanoiDepartment, false],
    ['official of two provinces, Huế', official(HANOI, HUE), hueCommune, true],
    ['official with an empty scope', official(), hanoiCity, false],
    ['citizen carrying a scope claim', user(['citizen'], { agencyScope: [HANOI] }), hanoiCity, false],
    ['business', user(['business']), hanoiCity, false],
    ['user in no group', user([]), hanoiCity, false],
    ['Hà Nội agency system, a commune', system(HANOI), hanoiCommune, true],
    ['Hà Nội agency system, the city', system(HANOI), hanoiCity, true],
    ['Hà Nội agency system, Huế', system(HANOI), hueCommune, false],
    ['agency system with no codes', system(), hanoiCity, false],
    ['anonymous', { kind: 'anonymous' }, hanoiCity, false],
  ];
  it.each(cases)('%s → %s', (_label, principal, agency, expected) => {
    expect(agencyInScope(principal, agency)).toBe(expected);
  });
});

describe('ownsResource', () => {
  const cases: [string, Principal, string, boolean][] = [
    ['the applicant', user(['citizen'], { sub: 'abc' }), 'abc', true],
    ['another citizen', user(['citizen'], { sub: 'xyz' }), 'abc', false],
    ['an admin', user(['admin'], { sub: 'adm' }), 'abc', false],
    ['an agency system', system(HANOI), 'abc', false],
    ['anonymous', { kind: 'anonymous' }, 'abc', false],
    ['an empty sub on both sides', user(['citizen'], { sub: '' }), '', false],
  ];
  it.each(cases)('%s → %s', (_label, principal, owner, expected) => {
    expect(ownsResource(principal, { sub: owner })).toBe(expected);
  });
});

describe('requireInScope', () => {
  const statusOf = (fn: () => void) => {
    try { fn(); return 200; } catch (e) { return httpStatusOf(e as DomainError); }
  };
  const cases: [string, Principal, 'not-found' | 'forbidden', number][] = [
    ['in scope', official(HANOI), 'not-found', 200],
    ['out of scope, existence hidden', official(HUE), 'not-found', 404],
    ['out of scope, existence public', official(HUE), 'forbidden', 403],
    ['anonymous, existence hidden', { kind: 'anonymous' }, 'not-found', 404],
  ];
  it.each(cases)('%s → %i', (_label, principal, deny, status) => {
    expect(statusOf(() => requireInScope(principal, hanoiCommune, { deny, what: 'Dossier' }))).toBe(status);
  });

  it('names the thing in the 404 message, the same whether it exists or not', () => {
    try {
      requireInScope(official(HUE), hanoiCommune, { deny: 'not-found', what: 'Dossier' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('NOT_FOUND');
      expect((e as DomainError).message).toBe('Dossier was not found');
    }
  });

  it('lets the owner or a scoped caller through, and nobody else', () => {
    const dossier = { applicant: { sub: 'abc' }, agency: hanoiCommune };
    expect(statusOf(() => requireOwnerOrInScope(user(['citizen'], { sub: 'abc' }), dossier, { deny: 'not-found' }))).toBe(200);
    expect(statusOf(() => requireOwnerOrInScope(official(HANOI), dossier, { deny: 'not-found' }))).toBe(200);
    expect(statusOf(() => requireOwnerOrInScope(user(['citizen'], { sub: 'zzz' }), dossier, { deny: 'not-found' }))).toBe(404);
    expect(statusOf(() => requireOwnerOrInScope(system(HUE), dossier, { deny: 'forbidden' }))).toBe(403);
  });
});
