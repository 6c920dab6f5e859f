import { describe, expect, it } from 'vitest';
import { counterKey, formatDossierCode, parseDossierCode } from './dossier-code';

const H26 = '000.00.00.H26';

describe('formatDossierCode: {agencyCode}-{YYMMDD}-{NNNN}, date in Asia/Ho_Chi_Minh', () => {
  it.each([
    ['2026-11-22T03:00:00Z', 7, `${H26}-261122-0007`], // the example of docs/requirements.md R-DOSSIER-CODE
    ['2026-11-22T16:59:59.999Z', 1, `${H26}-261122-0001`], // 23:59:59.999 in Hà Nội
    ['2026-11-22T17:00:00Z', 1, `${H26}-261123-0001`], // midnight in Hà Nội
    ['2026-11-22T23:30:00Z', 12, `${H26}-261123-0012`], // 23:30 UTC is 06:30 the next day
    ['2026-11-22T00:30:00+07:00', 3, `${H26}-261122-0003`], // 17:30 UTC the day before
    ['2026-12-31T17:00:00Z', 1, `${H26}-270101-0001`], // new year in Hà Nội first
    ['2028-02-28T18:00:00Z', 1, `${H26}-280229-0001`], // leap day
  ])('%s #%i → %s', (at, seq, code) => {
    expect(formatDossierCode(H26, new Date(at), seq)).toBe(code);
  });

  it.each([
    [9998, '9998'], [9999, '9999'], [10000, '10000'], [10001, '10001'], [123456, '123456'],
  ])('sequence %i → %s (widening, never failing)', (seq, suffix) => {
    expect(formatDossierCode(H26, new Date('2026-11-22T03:00:00Z'), seq)).toBe(`${H26}-261122-${suffix}`);
  });

  it.each([
    ['', 1, '2026-11-22T03:00:00Z'],
    ['000.00.00 H26', 1, '2026-11-22T03:00:00Z'],
    ['H26#x', 1, '2026-11-22T03:00:00Z'],
    [H26, 0, '2026-11-22T03:00:00Z'],
    [H26, -1, '2026-11-22T03:00:00Z'],
    [H26, 1.5, '2026-11-22T03:00:00Z'],
    [H26, 1, 'not a date'],
  ])('rejects agency %j, sequence %s, instant %s', (agency, seq, at) => {
    expect(() => formatDossierCode(agency, new Date(at), seq)).toThrow(RangeError);
  });
});

describe('counterKey: one counter per agency per Hà Nội day', () => {
  it('rolls over at Hà Nội midnight, not UTC midnight', () => {
    const before = counterKey(H26, new Date('2026-11-22T16:59:59Z'));
    const after = counterKey(H26, new Date('2026-11-22T17:00:00Z'));
    expect(before).toBe(`DOSSIER_SEQ#${H26}#2026-11-22`);
    expect(after).toBe(`DOSSIER_SEQ#${H26}#2026-11-23`);
    expect(counterKey(H26, new Date('2026-11-22T23:30:00Z'))).toBe(after);
    expect(counterKey(H26, new Date('2026-11-23T09:59:00Z'))).toBe(after);
  });

  it('separates agencies', () => {
    const at = new Date('2026-11-22T03:00:00Z');
    expect(counterKey(H26, at)).not.toBe(counterKey('000.00.00.H29', at));
  });

  it('names the same day as the code', () => {
    const at = new Date('2026-11-22T23:30:00Z');
    const code = parseDossierCode(formatDossierCode(H26, at, 1))!;
    expect(counterKey(H26, at)).toBe(`DOSSIER_SEQ#${H26}#${code.date}`);
  });
});

describe('parseDossierCode', () => {
  it.each([
    [`${H26}-261122-0007`, { agencyCode: H26, date: '2026-11-22', sequence: 7 }],
    [`${H26}-261122-10000`, { agencyCode: H26, date: '2026-11-22', sequence: 10000 }],
    ['G12-03-280229-0001', { agencyCode: 'G12-03', date: '2028-02-29', sequence: 1 }],
    [` ${H26}-261122-0007 `, { agencyCode: H26, date: '2026-11-22', sequence: 7 }],
  ])('%s', (code, parsed) => {
    expect(parseDossierCode(code)).toEqual(parsed);
  });

  it.each([
    `${H26}-261122-007`, // too short
    `${H26}-261122-00007`, // widened with a leading zero: not what format produces
    `${H26}-261122-0000`,
    `${H26}-261131-0001`, // 31 November
    `${H26}-270229-0001`, // not a leap year
    `${H26}-26112-0001`,
    '-261122-0001',
    `${H26}261122-0001`,
    '',
  ])('%j is not a dossier code', (code) => {
    expect(parseDossierCode(code)).toBeNull();
  });

  it('round-trips', () => {
    for (const seq of [1, 42, 9999, 10000, 987654]) {
      const code = formatDossierCode(H26, new Date('2026-01-01T00:00:00+07:00'), seq);
      const p = parseDossierCode(code)!;
      expect(formatDossierCode(p.agencyCode, new Date(`${p.date}T00:00:00+07:00`), p.sequence)).toBe(code);
    }
  });
});
