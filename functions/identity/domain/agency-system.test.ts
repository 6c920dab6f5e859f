// The secret rules of an agency system: at most two active (a rotation revokes the oldest), a
// revoked secret keeps only its id and dates, the revoked entries kept are the latest eight.
import { describe, expect, it } from 'vitest';
import { activeOf, MAX_REVOKED_KEPT, replacedSecrets, rotatedSecrets, sameDetails, summarize, withRevoked, type AgencySystemRecord, type SecretEntry } from './agency-system';

const AT = '2026-12-01T03:00:00.000Z';
const secret = (id: string, status: SecretEntry['status'] = 'active'): SecretEntry =>
  status === 'active' ? { id, sealed: `sealed-${id}`, createdAt: '2026-11-01T00:00:00.000Z', status } : { id, createdAt: '2026-11-01T00:00:00.000Z', status, revokedAt: '2026-11-02T00:00:00.000Z' };
const system = (secrets: SecretEntry[]) => ({ secrets });

describe('agency-system secrets', () => {
  it('a rotation keeps the newest two active and revokes the oldest, material dropped', () => {
    const once = rotatedSecrets(system([secret('a')]), secret('b'), AT);
    expect(once.retiredIds).toEqual([]);
    expect(activeOf(once).map((s) => s.id)).toEqual(['a', 'b']);
    const twice = rotatedSecrets(once, secret('c'), AT);
    expect(twice.retiredIds).toEqual(['a']);
    expect(activeOf(twice).map((s) => s.id)).toEqual(['b', 'c']);
    expect(twice.secrets.find((s) => s.id === 'a')).toEqual({ id: 'a', createdAt: '2026-11-01T00:00:00.000Z', status: 'revoked', revokedAt: AT });
  });

  it('keeps only the latest revoked entries', () => {
    const revoked = Array.from({ length: MAX_REVOKED_KEPT + 3 }, (_, i) => secret(`r${i}`, 'revoked'));
    const out = withRevoked(system([...revoked, secret('a'), secret('b')]), 'a', AT);
    expect(out.filter((s) => s.status === 'revoked')).toHaveLength(MAX_REVOKED_KEPT);
    expect(out.map((s) => s.id)).toEqual([...revoked.slice(4).map((s) => s.id), 'a', 'b']);
    expect(activeOf(system(out)).map((s) => s.id)).toEqual(['b']);
  });

  it('seeding replaces every active secret with the given one', () => {
    const out = replacedSecrets(system([secret('a'), secret('b')]), secret('seed'), AT);
    expect(activeOf(system(out)).map((s) => s.id)).toEqual(['seed']);
    expect(out.filter((s) => s.status === 'revoked').map((s) => s.id)).toEqual(['a', 'b']);
  });

  it('an admin sees no secret material; details compare by value', () => {
    const record = {
      pk: 'SYSTEM#sys', sk: 'META', gsi1pk: 'SYSTEM', gsi1sk: 'sys', keyId: 'sys', name: 'Một cửa', agencyCodes: ['A', 'B'],
      endpointUrl: 'https://agency.example/hook', secrets: [secret('a'), secret('r', 'revoked')], createdAt: AT, updatedAt: AT, version: 3,
    } satisfies AgencySystemRecord;
    expect(JSON.stringify(summarize(record))).not.toMatch(/sealed/);
    expect(sameDetails(record, { keyId: 'sys', name: 'Một cửa', agencyCodes: ['A', 'B'], endpointUrl: 'https://agency.example/hook' })).toBe(true);
    expect(sameDetails(record, { keyId: 'sys', name: 'Một cửa', agencyCodes: ['B', 'A'], endpointUrl: 'https://agency.example/hook' })).toBe(false);
  });

  it('a system registered before protocols speaks json; a changed protocol is a changed detail', () => {
    const record = {
      pk: 'SYSTEM#sys', sk: 'META', gsi1pk: 'SYSTEM', gsi1sk: 'sys', keyId: 'sys', name: 'Một cửa', agencyCodes: ['A'],
      endpointUrl: 'https://agency.example/hook', secrets: [secret('a')], createdAt: AT, updatedAt: AT, version: 1,
    } satisfies AgencySystemRecord;
    expect(summarize(record).protocol).toBe('json');
    expect(summarize({ ...record, protocol: 'qcvn120' }).protocol).toBe('qcvn120');
    const input = { keyId: 'sys', name: 'Một cửa', agencyCodes: ['A'], endpointUrl: 'https://agency.example/hook' };
    expect(sameDetails(record, { ...input, protocol: 'json' })).toBe(true);
    expect(sameDetails(record, { ...input, protocol: 'qcvn120' })).toBe(false);
  });
});
