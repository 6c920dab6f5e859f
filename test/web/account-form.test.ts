// The wizard's form checks (the server's rules, the reader's language) and how the API's error
// details land on the wizard's inputs.
import { describe, expect, it } from 'vitest';
import { translate } from '../../web/src/i18n';
import { checkDelivery, checkForm, fieldId, INPUT, issueText, mapApiDetails, type FormField } from '../../web/src/account/form-rules';
import { validateForm } from '../../functions/dossiers/domain/form';

const vi = (key: string, params?: Record<string, string | number>) => translate('vi', key, params);
const en = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

const FIELDS: FormField[] = [
  { name: 'fullName', label: 'Họ và tên', type: 'text', required: true },
  { name: 'count', label: 'Số lượng', type: 'number', required: false },
  { name: 'born', label: 'Ngày sinh', type: 'date', required: true },
  { name: 'sex', label: 'Giới tính', type: 'select', required: true, options: [{ value: 'nam', label: 'Nam' }, { value: 'nu', label: 'Nữ' }] },
  { name: 'idNo', label: 'Số định danh cá nhân', type: 'idNumber', required: true },
  { name: 'phone', label: 'Số điện thoại', type: 'phone', required: false },
  { name: 'email', label: 'Thư điện tử', type: 'email', required: false },
  { name: 'address', label: 'Địa chỉ', type: 'address', required: false },
  { name: 'taxCode', label: 'Mã số thuế', type: 'text', required: false, pattern: '^[0-9]{10}(-?[0-9]{3})?$' },
];

const VALID = { fullName: 'Nguyễn Văn An', born: '1990-05-17', sex: 'nam', idNo: '001099012345' };

describe('checkForm', () => {
  it('accepts a valid form and returns the values the server will store', () => {
    const r = checkForm(FIELDS, { ...VALID, count: '3', phone: '+84 912.345.678', email: 'An@Example.VN', idNo: '001 099 012 345' }, vi);
    expect(r.errors).toEqual({});
    expect(r.values).toMatchObject({ count: 3, phone: '0912345678', email: 'An@example.vn', idNo: '001099012345' });
  });

  it('names every missing required field in Vietnamese, "chọn" for a list, in the form\'s order', () => {
    const r = checkForm(FIELDS, { fullName: '   ' }, vi);
    expect(r.errors).toEqual({
      [fieldId('fullName')]: 'Vui lòng nhập Họ và tên.',
      [fieldId('born')]: 'Vui lòng nhập Ngày sinh.',
      [fieldId('sex')]: 'Vui lòng chọn Giới tính.',
      [fieldId('idNo')]: 'Vui lòng nhập Số định danh cá nhân.',
    });
    expect(Object.keys(r.errors)).toEqual(['form-fullName', 'form-born', 'form-sex', 'form-idNo']);
  });

  it.each([
    ['count', 'ba', 'Số lượng phải là một số (dùng dấu chấm cho phần thập phân).'],
    ['born', '2025-02-30', 'Ngày sinh phải là một ngày có thật.'],
    ['sex', 'khac', 'Vui lòng chọn Giới tính trong danh sách.'],
    ['idNo', '12345', 'Số định danh cá nhân phải gồm đúng 12 chữ số.'],
    ['idNo', '003099012345', 'Số định danh cá nhân không hợp lệ: 003 không phải mã tỉnh nơi đăng ký khai sinh.'],
    ['phone', '12345', 'Số điện thoại phải là số điện thoại Việt Nam: số 0 và 9–10 chữ số, hoặc +84.'],
    ['email', 'an@', 'Thư điện tử không phải địa chỉ thư điện tử hợp lệ.'],
    ['address', 'Huế', 'Địa chỉ phải có từ 5 đến 500 ký tự.'],
    ['fullName', 'x'.repeat(2001), 'Họ và tên không được dài quá 2000 ký tự.'],
    ['fullName', 'An\u0007', 'Họ và tên chứa ký tự không hợp lệ.'],
    ['taxCode', '01012345', 'Mã số thuế không đúng định dạng.'],
  ])('%s = %j is refused: %s', (name, value, message) => {
    const r = checkForm(FIELDS, { ...VALID, [name]: value }, vi);
    expect(r.errors).toEqual({ [fieldId(name)]: message });
  });

  it('agrees with the server on every case above (same module, same verdict)', () => {
    for (const [name, value] of [['count', 'ba'], ['idNo', '12345'], ['taxCode', '0101234567-001']] as const) {
      const server = validateForm({ fields: FIELDS }, { ...VALID, [name]: value });
      const client = checkForm(FIELDS, { ...VALID, [name]: value }, vi);
      expect(Object.keys(client.errors).length === 0).toBe(server.ok);
    }
  });

  it('speaks English when asked', () => {
    expect(checkForm(FIELDS, { ...VALID, idNo: '' }, en).errors).toEqual({ 'form-idNo': 'Enter Số định danh cá nhân.' });
  });

  it('leaves optional blanks out of the values', () => {
    expect(checkForm(FIELDS, { ...VALID, phone: '  ', email: '' }, vi).values).not.toHaveProperty('phone');
  });
});

describe('issueText', () => {
  it('falls back to "không hợp lệ" for an unknown message', () => {
    expect(issueText({ label: 'Tên', type: 'text' }, 'something new', vi)).toBe('Tên không hợp lệ.');
  });
});

describe('mapApiDetails', () => {
  const ctx = { fields: FIELDS, components: [{ code: 'TP01', name: 'Tờ khai' }] };

  it('puts form, component, agency, postal and contact paths on their inputs and names the earliest step', () => {
    const r = mapApiDetails([
      { path: 'components.TP01', message: 'this required document has no verified attachment' },
      { path: 'body.form.idNo', message: 'must be a 12-digit personal ID number (số định danh cá nhân)' },
      { path: 'body.postalAddress.phone', message: 'expected a Vietnamese phone number' },
      { path: 'body.contact.email', message: 'Invalid email address' },
      { path: 'body.agencyCode', message: 'expected an agency of level commune' },
    ], ctx, vi);
    expect(r.fields).toEqual({
      'file-TP01': 'Vui lòng tải lên giấy tờ: Tờ khai',
      'form-idNo': 'Số định danh cá nhân phải gồm đúng 12 chữ số.',
      [INPUT.postPhone]: 'Số điện thoại người nhận phải là số điện thoại Việt Nam: số 0 và 9–10 chữ số, hoặc +84.',
      [INPUT.contactEmail]: 'Thư điện tử nhận thông báo không phải địa chỉ thư điện tử hợp lệ.',
      [INPUT.agency]: 'Cơ quan đã chọn không giải quyết thủ tục này. Vui lòng chọn cơ quan khác.',
    });
    expect(r.step).toBe('agency');
    expect(r.general).toEqual([]);
  });

  it('keeps what names no input as a general message, and a missing postal address on the address', () => {
    const r = mapApiDetails([{ path: 'body.form.nope', message: 'is not a field of this form' }, { path: 'body.postalAddress', message: 'is required when delivery is post' }, { path: 'query.x', message: 'bad' }], ctx, vi);
    expect(r.general).toEqual(['Mục nope không thuộc tờ khai của thủ tục này.', 'query.x: bad']);
    expect(r.fields[INPUT.postAddress]).toBe('Vui lòng nhập địa chỉ nhận kết quả qua bưu chính.');
    expect(r.step).toBe('delivery');
  });

  it('says "too many files" for a component over its limit', () => {
    expect(mapApiDetails([{ path: 'components.TP01', message: 'at most 2 file(s)' }], ctx, vi).fields['file-TP01']).toBe('Quá số tệp cho phép của giấy tờ: Tờ khai');
  });
});

describe('checkDelivery', () => {
  const base = { delivery: 'online' as const, recipient: '', postPhone: '', postAddress: '', contactPhone: '', contactEmail: '' };
  it('needs nothing for online delivery', () => expect(checkDelivery(base, vi)).toEqual({}));
  it('needs recipient, phone and address for post', () => {
    expect(checkDelivery({ ...base, delivery: 'post' }, vi)).toEqual({
      [INPUT.recipient]: 'Vui lòng nhập Họ và tên người nhận.',
      [INPUT.postPhone]: 'Vui lòng nhập Số điện thoại người nhận.',
      [INPUT.postAddress]: 'Vui lòng nhập Địa chỉ nhận.',
    });
    expect(checkDelivery({ ...base, delivery: 'post', recipient: 'An', postPhone: '0912 345 678', postAddress: '12 Tràng Tiền, Hà Nội' }, vi)).toEqual({});
  });
  it('checks optional contact details when given', () => {
    expect(checkDelivery({ ...base, contactPhone: '12', contactEmail: 'a@b' }, vi)).toEqual({
      [INPUT.contactPhone]: 'Số điện thoại nhận thông báo phải là số điện thoại Việt Nam: số 0 và 9–10 chữ số, hoặc +84.',
      [INPUT.contactEmail]: 'Thư điện tử nhận thông báo không phải địa chỉ thư điện tử hợp lệ.',
    });
  });
});
