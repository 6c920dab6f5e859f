import { describe, expect, it } from 'vitest';
import { agencyScopes } from './scopes';

describe('agencyScopes', () => {
  it('an agency covers itself and every agency below it, its own code first', () => {
    const scopes = agencyScopes([
      { code: 'P1', parentCode: null },
      { code: 'C1', parentCode: 'P1' },
      { code: 'C2', parentCode: 'P1' },
      { code: 'M1', parentCode: null },
      { code: 'M1-U1', parentCode: 'M1' },
      { code: 'M1-U1-X', parentCode: 'M1-U1' },
    ]);
    expect(scopes.get('P1')![0]).toBe('P1');
    expect([...scopes.get('P1')!].sort()).toEqual(['C1', 'C2', 'P1']);
    expect(scopes.get('C1')).toEqual(['C1']);
    expect([...scopes.get('M1')!].sort()).toEqual(['M1', 'M1-U1', 'M1-U1-X']);
  });

  it('a parent cycle in the data (an admin edit) ends, each agency once', () => {
    const scopes = agencyScopes([{ code: 'A', parentCode: 'B' }, { code: 'B', parentCode: 'A' }]);
    expect(scopes.get('A')).toEqual(['A', 'B']);
    expect(scopes.get('B')).toEqual(['B', 'A']);
  });
});
