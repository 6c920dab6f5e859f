import { describe, expect, it } from 'vitest';
import {
  hasNestedQuantifier, isEnterpriseCode, isPersonalIdNumber, validateForm, type FormField,
} from './form';

const field = (type: FormField['type'], extra: Partial<FormField> = {}): FormField => ({
  name: 'f', label: 'Trường', type, required: true, ...extra,
});
const one = (f: FormField, value: unknown) => validateForm({ fields: [f] }, { [f.name]: value });

describe('validateForm: per type', () => {
  // [type, field extras, given value, normalised value | undefined when invalid]
  const select = { options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] };
  const decomposed = 'Nguye\u0302\u0303n Va\u0306n A'; // NFD "Nguyễn Văn A"
  it.each([
    ['text', {}, '  Nguyễn Văn A ', 'Nguyễn Văn A'],
    ['text', {}, decomposed, 'Nguyễn Văn A'],
    ['text', {}, 'dòng 1\ndòng 2', 'dòng 1\ndòng 2'],
    ['text', {}, 'ệ'.repeat(2000), 'ệ'.repeat(2000)],
    ['text', {}, 'a'.repeat(2001), undefined],
    ['text', {}, 'bad\u0000byte', undefined],
    ['text', {}, 12, undefined],
    ['text', {}, ['a'], undefined],
    ['number', {}, 3, 3],
    ['number', {}, 0, 0],
    ['number', {}, -2.5, -2.5],
    ['number', {}, ' 42 ', 42],
    ['number', {}, '-3.75', -3.75],
    ['number', {}, '1,5', undefined],
    ['number', {}, '1e3', undefined],
    ['number', {}, '12abc', undefined],
    ['number', {}, Infinity, undefined],
    ['number', {}, true, undefined],
    ['date', {}, '2024-02-29', '2024-02-29'],
    ['date', {}, ' 2026-11-22 ', '2026-11-22'],
    ['date', {}, '2026-02-29', undefined],
    ['date', {}, '2026-13-01', undefined],
    ['date', {}, '22/11/2026', undefined],
    ['date', {}, '2026-11-22T00:00:00Z', undefined],
    ['select', select, 'nu', 'nu'],
    ['select', select, ' nam ', 'nam'],
    ['select', select, 'Nam', undefined],
    ['select', select, 'khac', undefined],
    ['idNumber', {}, '001099012345', '001099012345'],
    ['idNumber', {}, '079 203 000 123', '079203000123'],
    ['idNumber', {}, '096185012345', '096185012345'],
    ['idNumber', {}, '003099012345', undefined], // 003 is no province
    ['idNumber', {}, '097099012345', undefined],
    ['idNumber', {}, '000099012345', undefined],
    ['idNumber', {}, '123456789', undefined], // old 9-digit CMND
    ['idNumber', {}, '00109901234a', undefined],
    ['idNumber', {}, 1099012345, undefined],
    ['phone', {}, '0912345678', '0912345678'],
    ['phone', {}, '091 234 5678', '0912345678'],
    ['phone', {}, '0912.345.678', '0912345678'],
    ['phone', {}, '+84912345678', '0912345678'],
    ['phone', {}, '+84 (24) 3825 1234', '02438251234'],
    ['phone', {}, '02438251234', '02438251234'],
    ['phone', {}, '091234567', undefined], // too short
    ['phone', {}, '091234567890', undefined], // too long
    ['phone', {}, '+840912345678', undefined],
    ['phone', {}, '0012345678', undefined],
    ['phone', {}, '912345678', undefined],
    ['phone', {}, '+1 202 555 0100', undefined],
    ['email', {}, ' Cong.Dan+dvc@Example.GOV.vn ', 'Cong.Dan+dvc@example.gov.vn'],
    ['email', {}, 'a@b.vn', 'a@b.vn'],
    ['email', {}, 'no-at-sign.vn', undefined],
    ['email', {}, 'a@localhost', undefined],
    ['email', {}, 'a b@c.vn', undefined],
    ['email', {}, 'a..b@c.vn', undefined],
    ['email', {}, 'a@-c.vn', undefined],
    ['address', {}, ' Số 1 Hoàng Hoa Thám, phường Ba Đình, Hà Nội ', 'Số 1 Hoàng Hoa Thám, phường Ba Đình, Hà Nội'],
    ['address', {}, 'Số 1', undefined],
    ['address', {}, 'x'.repeat(501), undefined],
  ] as const)('%s %j: %j → %j', (type, extra, value, normalised) => {
    const r = one(field(type, extra as Partial<FormField>), value);
    if (normalised === undefined) {
      expect(r.ok).toBe(false);
      expect(r.errors).toEqual([{ path: 'form.f', message: expect.any(String) }]);
      expect(r.values).toEqual({});
    } else {
      expect(r).toEqual({ ok: true, errors: [], warnings: [], values: { f: normalised } });
    }
  });
});

describe('validateForm: presence and shape', () => {
  const fields: FormField[] = [
    field('text', { name: 'hoTen', label: 'Họ tên' }),
    field('date', { name: 'ngaySinh', label: 'Ngày sinh' }),
    field('phone', { name: 'dienThoai', label: 'Điện thoại', required: false }),
  ];

  it('requires required fields: absent, null and blank alike', () => {
    const r = validateForm({ fields }, { hoTen: '   ', ngaySinh: null });
    expect(r.errors).toEqual([
      { path: 'form.hoTen', message: 'is required' },
      { path: 'form.ngaySinh', message: 'is required' },
    ]);
  });

  it('leaves optional fields out when not given', () => {
    expect(validateForm({ fields }, { hoTen: 'A', ngaySinh: '2020-01-01', dienThoai: '' })).toEqual({
      ok: true, errors: [], warnings: [], values: { hoTen: 'A', ngaySinh: '2020-01-01' },
    });
  });

  it('rejects unknown fields', () => {
    const r = validateForm({ fields }, { hoTen: 'A', ngaySinh: '2020-01-01', isAdmin: true, __proto__x: 1 });
    expect(r.errors.map((e) => e.path)).toEqual(['form.isAdmin', 'form.__proto__x']);
  });

  it('rejects a "__proto__" key as unknown without polluting anything', () => {
    const r = validateForm({ fields }, JSON.parse('{"hoTen":"A","ngaySinh":"2020-01-01","__proto__":{"polluted":1}}'));
    expect(r.errors.map((e) => e.path)).toEqual(['form.__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([[[]], ['text'], [42]])('rejects a form that is not an object: %j', (values) => {
    expect(validateForm({ fields }, values)).toMatchObject({ ok: false, errors: [{ path: 'form' }] });
  });

  it('treats a missing form as empty', () => {
    expect(validateForm({ fields }, undefined).errors.map((e) => e.path)).toEqual(['form.hoTen', 'form.ngaySinh']);
    expect(validateForm({ fields: [] }, undefined)).toEqual({ ok: true, errors: [], warnings: [], values: {} });
  });

  it('reports every problem at once', () => {
    const r = validateForm({ fields }, { hoTen: 'A', ngaySinh: '2020-02-30', dienThoai: '123', x: 1 });
    expect(r.errors.map((e) => e.path)).toEqual(['form.x', 'form.ngaySinh', 'form.dienThoai']);
  });
});

describe('validateForm: pattern', () => {
  it.each([
    ['^\\d{6}$', '100000', true],
    ['\\d{6}', '100000', true],
    ['\\d{6}', 'a100000', false], // the whole value must match
    ['[A-Z]{2}\\d+', 'HN123', true],
    ['\\p{Lu}\\p{Ll}+', 'Đà', true], // compiled with the u flag
  ])('%s against %j → %s', (pattern, value, ok) => {
    expect(one(field('text', { pattern }), value).ok).toBe(ok);
  });

  it('applies to the normalised value of other types', () => {
    expect(one(field('phone', { pattern: '09\\d+' }), '+84912345678').ok).toBe(true);
    expect(one(field('phone', { pattern: '09\\d+' }), '0312345678').ok).toBe(false);
    expect(one(field('number', { pattern: '\\d{1,3}' }), '1234').ok).toBe(false);
  });

  it.each(['[unclosed', '(?<', '*', '(a+)+', '(\\w+\\s?)*$', '((ab)*)+', '(a{2,})*', '(?:x+y?)+'])(
    'skips the catalogue pattern %j with a warning, never throwing',
    (pattern) => {
      const r = one(field('text', { pattern }), 'anything');
      expect(r.ok).toBe(true);
      expect(r.values).toEqual({ f: 'anything' });
      expect(r.warnings).toEqual([{ path: 'form.f', message: expect.stringMatching(/^pattern skipped/) }]);
    },
  );

  it.each([
    ['(ab)+', false], ['(a|b){2}', false], ['a+b+', false], ['(a+)', false], ['[(a+)]+', false], ['\\(a+\\)+', false],
    ['(a+)+', true], ['(a+){2,}', true], ['(a*)*', true], ['((a+)b)+', true], ['((ab)+)+', true],
  ])('hasNestedQuantifier(%j) = %s', (src, nested) => {
    expect(hasNestedQuantifier(src)).toBe(nested);
  });
});

describe('validateForm: definition problems are warnings', () => {
  it('a select without options accepts any value and warns', () => {
    const r = one(field('select'), 'x');
    expect(r).toMatchObject({ ok: true, values: { f: 'x' }, warnings: [{ path: 'form.f' }] });
  });

  it('a duplicate field name: the first definition wins', () => {
    const r = validateForm({ fields: [field('number'), field('text')] }, { f: 'abc' });
    expect(r).toMatchObject({ ok: false, errors: [{ path: 'form.f' }], warnings: [{ path: 'form.f' }] });
  });

  it('an unknown type is checked as text', () => {
    const r = one(field('color' as FormField['type']), ' red ');
    expect(r).toMatchObject({ ok: true, values: { f: 'red' }, warnings: [{ path: 'form.f' }] });
  });
});

describe('identifiers', () => {
  it.each([
    ['001099012345', true], ['079203000123', true], ['048301000001', true],
    ['003099012345', false], ['01099012345', false], ['0010990123456', false], ['00109901234x', false], [1099012345, false],
  ])('isPersonalIdNumber(%j) = %s', (s, ok) => {
    expect(isPersonalIdNumber(s)).toBe(ok);
  });

  it.each([
    ['0100109106', true], ['0100109106-001', true], ['0312345678-123', true],
    ['0100109106-000', false], ['010010910', false], ['01001091061', false], ['0100109106-01', false],
    ['0100109106001', false], ['0100109106 -001', false], [100109106, false],
  ])('isEnterpriseCode(%j) = %s', (s, ok) => {
    expect(isEnterpriseCode(s)).toBe(ok);
  });
});
