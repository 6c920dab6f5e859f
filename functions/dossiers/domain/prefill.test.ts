import { describe, expect, it } from 'vitest';
import type { FormField } from './form';
import { eidLevelAllowsSubmission } from './eid-level';
import {
  changedLockedFields, filledFields, prefilledRecords, registerFor, tamperedLockedFields,
  withFilledValues, type CitizenRecord, type EnterpriseRecord,
} from './prefill';

const SEX = [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }];
const FIELDS: FormField[] = [
  { name: 'requesterFullName', label: 'Họ và tên', type: 'text', required: true, source: 'population.fullName' },
  { name: 'requesterDateOfBirth', label: 'Ngày sinh', type: 'date', required: true, source: 'population.dateOfBirth' },
  { name: 'requesterSex', label: 'Giới tính', type: 'select', required: true, options: SEX, source: 'population.sex' },
  { name: 'requesterIdNumber', label: 'Số định danh', type: 'idNumber', required: true, source: 'population.idNumber' },
  { name: 'requesterAddress', label: 'Nơi cư trú', type: 'address', required: true, source: 'population.currentAddress' },
  { name: 'enterpriseName', label: 'Tên doanh nghiệp', type: 'text', required: false, source: 'enterprise.name' },
  { name: 'reason', label: 'Lý do', type: 'text', required: true },
];

const CITIZEN: CitizenRecord = {
  idNumber: '001099012345', fullName: 'Nguyễn Văn An', dateOfBirth: '1999-03-14', sex: 'male',
  permanentAddress: { provinceCode: '01', communeCode: '00004', detail: 'Số 1 phố Phan Đình Phùng', text: 'Số 1 phố Phan Đình Phùng, Phường Ba Đình, Thành phố Hà Nội' },
  currentAddress: { provinceCode: '01', communeCode: '00004', detail: 'Số 8 phố Đội Cấn', text: 'Số 8 phố Đội Cấn, Phường Ba Đình, Thành phố Hà Nội' },
};
const ENTERPRISE: EnterpriseRecord = {
  enterpriseCode: '0101234567', name: 'Công ty TNHH Demo Việt', address: 'Số 2 Tràng Tiền, Phường Hoàn Kiếm, Hà Nội',
  legalRepresentativeIdNumber: '001099012345', legalRepresentativeName: 'Nguyễn Văn An',
};
const citizen = { register: 'population', record: CITIZEN } as const;

describe('filledFields (P1)', () => {
  it("fills a citizen's fields from the population record, the sex as the select's option, an address as its text", () => {
    expect(filledFields(FIELDS, citizen)).toEqual([
      { name: 'requesterFullName', source: 'population.fullName', value: 'Nguyễn Văn An' },
      { name: 'requesterDateOfBirth', source: 'population.dateOfBirth', value: '1999-03-14' },
      { name: 'requesterSex', source: 'population.sex', value: 'nam' },
      { name: 'requesterIdNumber', source: 'population.idNumber', value: '001099012345' },
      { name: 'requesterAddress', source: 'population.currentAddress', value: CITIZEN.currentAddress.text },
    ]);
  });

  it("fills a business's fields from the business register only (a string or structured address alike)", () => {
    const fields: FormField[] = [...FIELDS, { name: 'headOffice', label: 'Trụ sở', type: 'address', required: true, source: 'enterprise.address' }];
    expect(filledFields(fields, { register: 'enterprise', record: ENTERPRISE })).toEqual([
      { name: 'enterpriseName', source: 'enterprise.name', value: 'Công ty TNHH Demo Việt' },
      { name: 'headOffice', source: 'enterprise.address', value: ENTERPRISE.address },
    ]);
    expect(filledFields(fields, { register: 'enterprise', record: { ...ENTERPRISE, address: { text: 'Số 3 Hàng Bài, Hà Nội' } } })[1]!.value).toBe('Số 3 Hàng Bài, Hà Nội');
  });

  it('female is the option "nu"; without options the Vietnamese word', () => {
    const female = { register: 'population', record: { ...CITIZEN, sex: 'female' } } as const;
    expect(filledFields(FIELDS, female).find((f) => f.name === 'requesterSex')!.value).toBe('nu');
    const textSex: FormField[] = [{ name: 'sex', label: 'Giới tính', type: 'text', required: true, source: 'population.sex' }];
    expect(filledFields(textSex, female)).toEqual([{ name: 'sex', source: 'population.sex', value: 'Nữ' }]);
  });

  it("leaves a value the field's own rules refuse to the applicant (unlocked)", () => {
    const short = { register: 'population', record: { ...CITIZEN, currentAddress: { text: 'HN' } } } as const;
    expect(filledFields(FIELDS, short).map((f) => f.name)).not.toContain('requesterAddress');
  });

  it('the register follows the applicant', () => {
    expect(registerFor('citizen')).toBe('population');
    expect(registerFor('business')).toBe('enterprise');
  });
});

describe('changedLockedFields (P2)', () => {
  const filled = filledFields(FIELDS, citizen);

  it('accepts a form that leaves the locked fields out or sends the same values (normalised)', () => {
    expect(changedLockedFields(FIELDS, { reason: 'x' }, filled)).toEqual([]);
    expect(changedLockedFields(FIELDS, { requesterFullName: '  Nguye\u0302\u0303n Va\u0306n An ', requesterIdNumber: '001 099 012 345', requesterAddress: '' }, filled)).toEqual([]);
  });

  it('names every locked field sent with another value, valid or not', () => {
    expect(changedLockedFields(FIELDS, {
      requesterFullName: 'Nguyễn Văn Bình', requesterDateOfBirth: '1999-03-15', requesterSex: 'nu', requesterIdNumber: 'abc', reason: 'x',
    }, filled)).toEqual(['requesterFullName', 'requesterDateOfBirth', 'requesterSex', 'requesterIdNumber']);
  });

  it("puts the State's values in the locked fields and keeps the others", () => {
    expect(withFilledValues({ reason: 'x', requesterFullName: '' }, filled)).toMatchObject({ reason: 'x', requesterFullName: 'Nguyễn Văn An', requesterSex: 'nam' });
  });
});

describe('tamperedLockedFields (P3)', () => {
  const filled = filledFields(FIELDS, citizen);
  const kept = prefilledRecords(filled, '2026-12-06T08:00:00.000Z');
  const form = Object.fromEntries(filled.map((f) => [f.name, f.value]));

  it('keeps a hash, never the value again', () => {
    expect(kept[0]).toEqual({ name: 'requesterFullName', source: 'population.fullName', readAt: '2026-12-06T08:00:00.000Z', valueHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.stringify(kept)).not.toContain('Nguyễn');
  });

  it('finds nothing in the form as filled, and each changed or removed locked field otherwise', () => {
    expect(tamperedLockedFields(kept, form)).toEqual([]);
    expect(tamperedLockedFields(undefined, form)).toEqual([]);
    const { requesterSex: _removed, ...withoutSex } = form;
    expect(tamperedLockedFields(kept, { ...withoutSex, requesterFullName: 'Trần Thị Cúc' })).toEqual(['requesterFullName', 'requesterSex']);
  });

  it('a number and its digits as text are different values', () => {
    const numeric = prefilledRecords([{ name: 'n', source: 'population.idNumber', value: 12 }], 'x');
    expect(tamperedLockedFields(numeric, { n: '12' })).toEqual(['n']);
  });
});

describe('eidLevelAllowsSubmission (P4)', () => {
  it.each([['2', true], ['3', true], [undefined, false], ['1', false], ['0', false], ['', false], ['two', false]] as const)('level %s → %s', (level, allowed) => {
    expect(eidLevelAllowsSubmission(level)).toBe(allowed);
  });
});
