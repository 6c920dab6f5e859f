import { describe, expect, it } from 'vitest';
import {
  attachmentProblems, liveFileCount, missingComponents, unknownComponents, type AttachmentRef, type Component,
} from './components';

const comp = (code: string, required: boolean, extra: Partial<Component> = {}): Component => ({
  code, name: `Thành phần ${code}`, required, maxFiles: 2, accept: ['application/pdf', 'image/jpeg'], ...extra,
});
const COMPONENTS = [comp('TP01', true), comp('TP02', true), comp('TP03', false)];
const att = (componentCode: string, status: AttachmentRef['status']): AttachmentRef => ({ componentCode, status });

describe('missingComponents: required components with no verified attachment', () => {
  it.each([
    ['nothing attached', [], ['TP01', 'TP02']],
    ['all required verified', [att('TP01', 'verified'), att('TP02', 'verified')], []],
    ['optional ones never missing', [att('TP01', 'verified'), att('TP02', 'verified'), att('TP03', 'rejected')], []],
    ['pending does not count', [att('TP01', 'pending'), att('TP02', 'verified')], ['TP01']],
    ['rejected does not count', [att('TP01', 'rejected'), att('TP02', 'verified')], ['TP01']],
    ['one verified among rejected counts', [att('TP01', 'rejected'), att('TP01', 'verified'), att('TP02', 'verified')], []],
    ['another component does not count', [att('TP03', 'verified'), att('TPX', 'verified')], ['TP01', 'TP02']],
  ] as const)('%s', (_, attachments, expected) => {
    expect(missingComponents(COMPONENTS, attachments)).toEqual(expected);
  });
});

describe('attachmentProblems', () => {
  it('reports missing, too many and unknown', () => {
    const problems = attachmentProblems(COMPONENTS, [
      att('TP01', 'verified'), att('TP03', 'verified'), att('TP03', 'pending'), att('TP03', 'verified'), att('TP03', 'rejected'),
      att('TP99', 'verified'),
    ]);
    expect(problems.map((p) => p.path)).toEqual(['components.TP02', 'components.TP03', 'components.TP99']);
    expect(problems[1]!.message).toMatch(/at most 2/);
  });

  it('is empty for a complete dossier', () => {
    expect(attachmentProblems(COMPONENTS, [att('TP01', 'verified'), att('TP02', 'verified'), att('TP02', 'rejected')])).toEqual([]);
  });

  it('liveFileCount counts a component\'s pending and verified files, not rejected ones nor other components\'', () => {
    expect(liveFileCount('TP01', [att('TP01', 'verified'), att('TP01', 'rejected'), att('TP02', 'verified')])).toBe(1);
    expect(liveFileCount('TP01', [att('TP01', 'verified'), att('TP01', 'pending')])).toBe(2);
  });
});

describe('unknownComponents: what a supplement request may name', () => {
  it('lists the codes that are not the procedure’s (trimmed before comparing), in the order named', () => {
    expect(unknownComponents(COMPONENTS, ['TP01', ' TP02 ', 'TP09', 'XX'])).toEqual(['TP09', 'XX']);
    expect(unknownComponents(COMPONENTS, ['TP03'])).toEqual([]);
  });
  it('judges only a list of codes: the input schema refuses any other shape', () => {
    expect(unknownComponents(COMPONENTS, undefined)).toEqual([]);
    expect(unknownComponents(COMPONENTS, 'TP09')).toEqual([]);
    expect(unknownComponents(COMPONENTS, [42, 'TP09'])).toEqual(['TP09']);
  });
});
