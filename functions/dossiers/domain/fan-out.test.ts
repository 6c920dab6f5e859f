import { describe, expect, it } from 'vitest';
import { rounds } from './fan-out';

describe('rounds', () => {
  it('puts each dossier once in a round, its events in stream order', () => {
    const events = [['a', 1], ['b', 1], ['a', 2], ['c', 1], ['a', 3], ['b', 2]] as const;
    expect(rounds(events, ([d]) => d)).toEqual([
      [['a', 1], ['b', 1], ['c', 1]],
      [['a', 2], ['b', 2]],
      [['a', 3]],
    ]);
  });
  it('is empty for no events', () => {
    expect(rounds([], String)).toEqual([]);
  });
});
