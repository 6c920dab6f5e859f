import { describe, expect, it } from 'vitest';
import { FormField } from './catalogue';

describe('FormField.source', () => {
  const field = (type: string, source: string) => ({ name: 'f', label: 'Trường', type, required: true, source });

  it.each([
    ['date', 'population.dateOfBirth'], ['text', 'population.dateOfBirth'], ['select', 'population.sex'], ['idNumber', 'population.idNumber'],
    ['address', 'population.currentAddress'], ['text', 'enterprise.name'], ['address', 'enterprise.address'],
  ])('a %s field may come from %s', (type, source) => {
    expect(FormField.safeParse(field(type, source)).success).toBe(true);
  });

  it.each([
    ['number', 'population.dateOfBirth'], ['date', 'population.fullName'], ['phone', 'population.idNumber'], ['select', 'enterprise.address'],
  ])('a %s field may not come from %s: the value would never fit it', (type, source) => {
    expect(FormField.safeParse(field(type, source)).error?.issues.map((i) => i.path.join('.'))).toEqual(['source']);
  });

  it('names only declared sources', () => {
    expect(FormField.safeParse(field('text', 'population.religion')).success).toBe(false);
  });
});
