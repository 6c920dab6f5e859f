// Every text of the front end exists in Vietnamese and English, with the same placeholders.
import { describe, expect, it } from 'vitest';
import { AREAS, translate } from '../../web/src/i18n';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it.each(Object.entries(AREAS))('%s: the same keys in vi and en, none empty, the same placeholders', (_area, dict) => {
    expect(Object.keys(dict.en).sort()).toEqual(Object.keys(dict.vi).sort());
    for (const [key, vi] of Object.entries(dict.vi)) {
      const en = dict.en[key]!;
      expect(vi.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(vi));
    }
  });

  it('no key is declared by two areas (one would silently win)', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const [area, dict] of Object.entries(AREAS)) {
      for (const key of Object.keys(dict.vi)) {
        if (seen.has(key)) clashes.push(`${key}: ${seen.get(key)} and ${area}`);
        seen.set(key, area);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('interpolates parameters and falls back to the key for an unknown text', () => {
    expect(translate('vi', 'form.required', { label: 'Họ và tên' })).toBe('Họ và tên là bắt buộc.');
    expect(translate('en', 'form.required', { label: 'Full name' })).toBe('Full name is required.');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
