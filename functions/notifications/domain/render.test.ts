// Rendering (pure): which event owes which message, the slip content of Circular 01/2018's forms,
// HTML escaping of what people typed, and SMS that fit one GSM segment without personal numbers.
import { describe, expect, it } from 'vitest';
import { kindOf, MESSAGE_KINDS, type MessageKind } from './slip';
import { composeSms, renderMessage, SMS_MAX } from './message';
import { formatDate, formatDateTime, isGsmBasic, maskEmail, maskPhone, stripDiacritics, toGsm } from './text';
import { BASE_URL, dossier, DUE_AT, event, ID_NUMBER } from './fixtures.test-support';

const CODE = '000.00.00004.H26-261120-0007';
const TRACKING = `${BASE_URL}/tra-cuu?code=${CODE}`;
const SUPPLEMENT_AT = '2026-11-23T03:00:00.000Z';
const APOLOGY_AT = '2026-11-26T04:00:00.000Z';

/** One row per message kind: the event, the dossier as it is then, and what the message must say. */
const CASES: {
  kind: MessageKind; action: string; note?: string; at?: string;
  over?: Parameters<typeof dossier>[0];
  subject: RegExp; form: string | null; text: string[]; sms: RegExp;
}[] = [
  {
    kind: 'receipt', action: 'receive', subject: /^Giấy tiếp nhận hồ sơ và hẹn trả kết quả – hồ sơ /, form: '01',
    text: [
      'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', `Mã hồ sơ: ${CODE}`, 'Tiếp nhận hồ sơ của: Nguyễn Văn An',
      'Nội dung yêu cầu giải quyết: Đăng ký khai sinh', 'Ủy ban nhân dân phường Ba Đình',
      '1) Tờ khai đăng ký khai sinh (2 tệp)', '2) Giấy chứng sinh (1 tệp)',
      '3. Thời gian giải quyết hồ sơ theo quy định: 3 ngày làm việc',
      '4. Thời gian nhận hồ sơ: 20/11/2026 09:15', '5. Thời gian trả kết quả giải quyết hồ sơ: 27/11/2026 16:30',
      '6. Đăng ký nhận kết quả tại: Trực tuyến trên Cổng Dịch vụ công quốc gia',
    ],
    sms: /^DVCQG: Ho so 000\.00\.00004\.H26-261120-0007 da duoc tiep nhan, hen tra 27\/11\/2026\. /,
  },
  {
    kind: 'supplement_request', action: 'request_supplement', at: SUPPLEMENT_AT, note: 'Bản sao giấy chứng sinh bị mờ',
    over: { status: 'supplement_requested', supplementRequest: { missingComponents: ['TP02', 'TP09'], note: 'Bản sao giấy chứng sinh bị mờ', requestedAt: SUPPLEMENT_AT } },
    subject: /^Yêu cầu bổ sung, hoàn thiện hồ sơ /, form: '02',
    text: ['PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', '1) Giấy chứng sinh', '2) TP09', 'Nội dung cần bổ sung, hoàn thiện: Bản sao giấy chứng sinh bị mờ'],
    sms: /^DVCQG: Ho so .* can bo sung, hoan thien\./,
  },
  {
    kind: 'refusal', action: 'refuse', note: 'Thủ tục không thuộc thẩm quyền của phường', over: { status: 'not_received', receivedAt: null, dueAt: null },
    subject: /^Từ chối tiếp nhận hồ sơ /, form: '03',
    text: ['PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ', 'Lý do: Thủ tục không thuộc thẩm quyền của phường', 'Xin thông báo để Ông/Bà được biết và thực hiện./.'],
    sms: /^DVCQG: Ho so .* khong duoc tiep nhan\./,
  },
  {
    kind: 'apology', action: 'issue_apology', at: APOLOGY_AT, note: 'Cần xác minh thông tin với nơi sinh',
    over: { status: 'processing', apologies: [{ issuedAt: APOLOGY_AT, newDueDate: '2026-12-04', reason: 'Cần xác minh thông tin với nơi sinh' }] },
    subject: /^Thư xin lỗi và hẹn lại ngày trả kết quả – hồ sơ /, form: '04',
    text: [
      'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Lý do: Cần xác minh thông tin với nơi sinh', 'Ngày hẹn trả kết quả mới: 04/12/2026',
      'Thời hạn giải quyết hồ sơ theo quy định: 27/11/2026 16:30', 'Ủy ban nhân dân phường Ba Đình xin lỗi Ông/Bà/Tổ chức và hẹn trả kết quả vào ngày 04/12/2026.',
    ],
    sms: /^DVCQG: Xin loi: ho so .* tre han, hen tra lai 04\/12\/2026\./,
  },
  {
    kind: 'result_ready', action: 'finish', at: '2026-11-25T08:00:00.000Z', over: { status: 'done', delivery: 'desk' },
    subject: /^Hồ sơ .* đã có kết quả giải quyết$/, form: null,
    text: ['THÔNG BÁO CÓ KẾT QUẢ GIẢI QUYẾT HỒ SƠ', 'Thời gian có kết quả: 25/11/2026 15:00', 'Mời Ông/Bà đến Bộ phận tiếp nhận và trả kết quả của Ủy ban nhân dân phường Ba Đình'],
    sms: /^DVCQG: Ho so .* da co ket qua\./,
  },
  {
    kind: 'payment_required', action: 'request_payment', note: 'Lệ phí cấp bản sao trích lục: 8.000 ₫', over: { status: 'payment_required' },
    subject: /yêu cầu thực hiện nghĩa vụ tài chính$/, form: null,
    text: ['THÔNG BÁO THỰC HIỆN NGHĨA VỤ TÀI CHÍNH', 'Ghi chú: Lệ phí cấp bản sao trích lục: 8.000 ₫'],
    sms: /^DVCQG: Ho so .* can nop phi, le phi\./,
  },
  {
    kind: 'stopped', action: 'stop', note: 'Người yêu cầu không bổ sung hồ sơ', over: { status: 'stopped' },
    subject: /đã dừng xử lý$/, form: null,
    text: ['THÔNG BÁO DỪNG XỬ LÝ HỒ SƠ', 'Lý do: Người yêu cầu không bổ sung hồ sơ'],
    sms: /^DVCQG: Ho so .* da dung xu ly\./,
  },
  {
    kind: 'returned', action: 'return_result', over: { status: 'returned', delivery: 'post' },
    subject: /^Đã trả kết quả hồ sơ /, form: null,
    text: ['THÔNG BÁO ĐÃ TRẢ KẾT QUẢ GIẢI QUYẾT HỒ SƠ', 'Hình thức nhận kết quả: Qua dịch vụ bưu chính công ích', 'đánh giá mức độ hài lòng'],
    sms: /^DVCQG: Da tra ket qua ho so /,
  },
  {
    kind: 'withdrawn', action: 'withdraw', note: 'Đã nộp tại nơi khác', over: { status: 'withdrawn' },
    subject: /đã được rút$/, form: null,
    text: ['THÔNG BÁO RÚT HỒ SƠ', 'Lý do: Đã nộp tại nơi khác'],
    sms: /^DVCQG: Ho so .* da duoc rut\./,
  },
];

describe('kindOf (the transition table decides who is told)', () => {
  it.each([
    ['receive', 'receipt'], ['refuse', 'refusal'], ['request_supplement', 'supplement_request'], ['issue_apology', 'apology'],
    ['finish', 'result_ready'], ['request_payment', 'payment_required'], ['stop', 'stopped'], ['return_result', 'returned'],
    ['withdraw', 'withdrawn'], ['submit', null], ['start', null], ['resume', null], ['supplement', null], ['confirm_payment', null], ['nonsense', null],
  ])('%s → %s', (action, kind) => {
    expect(kindOf(action)).toBe(kind);
  });

  it('covers every message kind', () => {
    expect(new Set(CASES.map((c) => c.kind))).toEqual(new Set(MESSAGE_KINDS));
  });
});

describe.each(CASES)('$kind', (c) => {
  const render = () => renderMessage(event(c.action, { note: c.note ?? null, ...(c.at ? { at: c.at } : {}) }), dossier(c.over), BASE_URL)!;

  it('has its subject, slip form and tracking link', () => {
    const m = render();
    expect(m.kind).toBe(c.kind);
    expect(m.subject).toMatch(c.subject);
    expect(m.subject).toContain(CODE);
    expect(m.slip.form).toBe(c.form);
    expect(m.attachPdf).toBe(c.form !== null);
    expect(m.trackingUrl).toBe(TRACKING);
    expect(m.text).toContain(`Tra cứu hồ sơ: ${TRACKING}`);
    expect(m.html).toContain(`href="${TRACKING}"`);
  });

  it('says what the form says, in the text and the HTML', () => {
    const m = render();
    for (const line of c.text) expect(m.text).toContain(line);
    for (const line of c.text) expect(m.html).toContain(line.replace(/^.*?: /, '').replace(/^\d\) /, ''));
  });

  it('fits one SMS: GSM alphabet, no diacritics, ≤ 160 characters, no personal number', () => {
    const m = render();
    expect(m.sms).toMatch(c.sms);
    expect(m.sms.length).toBeLessThanOrEqual(SMS_MAX);
    expect(isGsmBasic(m.sms)).toBe(true);
    expect(m.sms).not.toMatch(/[À-ỹđĐ]/u);
    expect(m.sms).not.toContain(ID_NUMBER);
    expect(m.sms).not.toContain('0912345678');
  });
});

describe('the receipt lists only verified application files', () => {
  it('counts files per component; rejected and pending files are not received documents', () => {
    const m = renderMessage(event('receive'), dossier(), BASE_URL)!;
    const list = m.slip.blocks.find((b) => b.type === 'list');
    expect(list).toEqual({ type: 'list', heading: '1. Thành phần hồ sơ nộp gồm', items: ['Tờ khai đăng ký khai sinh (2 tệp)', 'Giấy chứng sinh (1 tệp)'] });
  });

  it('a dossier received at the desk without files says so', () => {
    const m = renderMessage(event('receive'), dossier({ attachments: [] }), BASE_URL)!;
    expect(m.text).toContain('Hồ sơ giấy nộp tại Bộ phận tiếp nhận và trả kết quả');
  });
});

describe('escaping and personal data', () => {
  const hostile = '<script>alert("x")</script> & <b>';

  it('escapes a note, a name, a procedure and an agency name in the HTML; the text keeps them as typed', () => {
    const m = renderMessage(
      event('refuse', { note: hostile }),
      dossier({ form: { requesterFullName: `<img src=x onerror=alert(1)>` }, procedureName: 'A<b>', agencyName: 'UBND "X" & Y' }),
      BASE_URL,
    )!;
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<img');
    expect(m.html).not.toContain('A<b>');
    expect(m.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;');
    expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(m.html).toContain('UBND &quot;X&quot; &amp; Y');
    expect(m.text).toContain(`Lý do: ${hostile}`);
  });

  it('never puts the ID number, phone or e-mail in the message, even when an official quotes them in a note', () => {
    const m = renderMessage(event('stop', { note: `Sai số định danh ${ID_NUMBER}` }), dossier({ status: 'stopped' }), BASE_URL)!;
    expect(m.sms).not.toContain(ID_NUMBER);
    // The note is the official's words to the applicant: the e-mail carries it, the SMS never does.
    for (const part of [m.subject, m.sms]) expect(part).not.toMatch(/\d{9,}/);
    for (const part of [m.text, m.html, m.sms]) {
      expect(part).not.toContain('an.nguyen@example.vn');
      expect(part).not.toContain('0912345678');
    }
  });

  it('a business is addressed by its name', () => {
    const m = renderMessage(
      event('receive'),
      dossier({ applicant: { sub: 's', type: 'business', idNumber: null, enterpriseCode: '0101234567', vneidVerified: false }, form: { enterpriseName: 'Công ty TNHH Sao Mai' } }),
      BASE_URL,
    )!;
    expect(m.text).toContain('Kính gửi: Công ty TNHH Sao Mai');
    expect(m.sms).not.toContain('0101234567');
  });

  it('an action that owes no message renders none', () => {
    expect(renderMessage(event('start'), dossier(), BASE_URL)).toBeNull();
  });
});

describe('supplement request after the dossier moved on', () => {
  it('falls back to the event note when the request was already answered', () => {
    const m = renderMessage(event('request_supplement', { note: 'Thiếu bản sao', at: SUPPLEMENT_AT }), dossier({ status: 'processing', supplementRequest: null }), BASE_URL)!;
    expect(m.text).toContain('Nội dung cần bổ sung, hoàn thiện: Thiếu bản sao');
    expect(m.slip.blocks.some((b) => b.type === 'list')).toBe(false);
  });
});

describe('text helpers', () => {
  it('formats instants in Asia/Ho_Chi_Minh and calendar dates as written', () => {
    expect(formatDateTime(DUE_AT)).toBe('27/11/2026 16:30');
    expect(formatDateTime('2026-12-31T17:05:00Z')).toBe('01/01/2027 00:05');
    expect(formatDate('2026-12-04')).toBe('04/12/2026');
    expect(formatDate('2026-12-31T17:05:00Z')).toBe('01/01/2027');
  });

  it('strips Vietnamese diacritics for SMS (đ → d)', () => {
    expect(stripDiacritics('Đăng ký khai sinh – Ủy ban nhân dân Phường Đống Đa')).toBe('Dang ky khai sinh – Uy ban nhan dan Phuong Dong Da');
    expect(toGsm('Hồ sơ ưu tiên – “đã nhận”')).toBe('Ho so uu tien ? ?da nhan?');
  });

  it('an over-long SMS drops the link, then is cut, but never exceeds one segment', () => {
    const long = composeSms('x'.repeat(200), 'https://example.vn/tra-cuu?code=A');
    expect(long).toHaveLength(SMS_MAX);
    expect(composeSms('Ngắn.', 'https://example.vn/t')).toBe('DVCQG: Ngan. Tra cuu: https://example.vn/t');
    expect(composeSms(`Hồ sơ mã ${ID_NUMBER}`, 'https://e.vn')).not.toContain(ID_NUMBER);
  });

  it('masks addresses for operators', () => {
    expect(maskEmail('an.nguyen@example.vn')).toBe('a***@example.vn');
    expect(maskPhone('0912 345 678')).toBe('09******78');
  });
});
