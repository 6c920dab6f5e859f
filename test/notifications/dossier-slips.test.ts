// Which slips a dossier has after which transitions (functions/notifications/domain/dossier-slips.ts):
// the notifications' own decision (a message with a Circular 01/2018 form), plus the portal's
// acknowledgement of an online submission, which must never pass for the receipt slip.
import { describe, expect, it } from 'vitest';
import { findSlip, issuedSlips, slipFileOf } from '../../functions/notifications/domain/dossier-slips';
import { renderMessage } from '../../functions/notifications/domain/message';
import { renderSlipPdf } from '../../functions/notifications/pdf/slip-pdf';
import type { DossierEvent } from '../../functions/dossiers/public';
import { BASE_URL, dossier, event } from '../../functions/notifications/domain/fixtures.test-support';
import { extractText } from '../../functions/notifications/pdf/pdf-reader.test-support';

const SUBMITTED_AT = '2026-11-19T08:10:00.000Z';
const submit = (over: Partial<DossierEvent> = {}) =>
  event('submit', { at: SUBMITTED_AT, from: 'draft', to: 'submitted', actor: { kind: 'applicant' }, version: 2, ...over });
/** An instant on 21/11/2026, `hour` hours after midnight UTC. */
const at = (hour: number) => new Date(Date.UTC(2026, 10, 21, hour)).toISOString();
const kinds = (history: DossierEvent[], over: Parameters<typeof dossier>[0] = {}) => issuedSlips(dossier(over), history).map((s) => s.kind);

describe('issuedSlips', () => {
  it('an online dossier just submitted has only the submission acknowledgement (no form)', () => {
    const slips = issuedSlips(dossier({ status: 'submitted', receivedAt: null, dueAt: null }), [submit()]);
    expect(slips).toEqual([expect.objectContaining({ kind: 'submission_ack', form: null, issuedAt: SUBMITTED_AT, ordinal: 1 })]);
  });

  it('received: acknowledgement then the receipt slip (form 01); starting processing adds nothing', () => {
    const slips = issuedSlips(dossier(), [submit(), event('receive'), event('start', { at: at(1) })]);
    expect(slips.map((s) => [s.kind, s.form])).toEqual([['submission_ack', null], ['receipt', '01']]);
  });

  it('refused: the refusal slip (form 03), no receipt', () => {
    expect(kinds([submit(), event('refuse', { note: 'Không thuộc thẩm quyền' })], { status: 'not_received' })).toEqual(['submission_ack', 'refusal']);
  });

  it('every supplement request and apology is its own slip, numbered in its kind', () => {
    const history = [
      submit(), event('receive'), event('start', { at: at(1) }),
      event('request_supplement', { at: at(2) }), event('supplement', { at: at(3), from: 'supplement_requested', to: 'processing' }),
      event('request_supplement', { at: at(4) }), event('resume', { at: at(5), from: 'supplement_requested', to: 'processing' }),
      event('issue_apology', { at: at(6) }),
      event('request_payment', { at: at(7) }), event('finish', { at: at(8) }), event('return_result', { at: at(9) }),
    ];
    const slips = issuedSlips(dossier(), history);
    expect(slips.map((s) => `${s.kind}#${s.ordinal}`)).toEqual(['submission_ack#1', 'receipt#1', 'supplement_request#1', 'supplement_request#2', 'apology#1']);
    // Notices without a form (payment, result, return) are e-mails only, never slips.
    expect(findSlip(slips, 'supplement_request')?.issuedAt).toBe(at(4));
    expect(findSlip(slips, 'supplement_request', at(2))?.ordinal).toBe(1);
    expect(findSlip(slips, 'supplement_request', '2026-11-21T11:00:00+07:00')?.ordinal).toBe(2); // same instant, other offset
    expect(findSlip(slips, 'supplement_request', at(5))).toBeNull();
    expect(findSlip(slips, 'refusal')).toBeNull();
  });

  it('withdrawn or stopped dossiers keep the slips they had, and get none for the withdrawal', () => {
    expect(kinds([submit(), event('receive'), event('withdraw', { at: at(1) })], { status: 'withdrawn' })).toEqual(['submission_ack', 'receipt']);
  });

  it('a desk dossier has no submission acknowledgement; imported steps of a dossier of record give no slips', () => {
    expect(kinds([submit(), event('receive')], { channel: 'desk' })).toEqual(['receipt']);
    expect(kinds([submit({ imported: true }), event('receive', { imported: true })], { channel: 'desk', applicant: { sub: '', type: 'citizen', idNumber: null, enterpriseCode: null, vneidVerified: false } })).toEqual([]);
  });
});

describe('slipFileOf', () => {
  it('a form is exactly the notification\'s document (same subject and slip as the e-mail)', () => {
    const d = dossier();
    const [, receipt] = issuedSlips(d, [submit(), event('receive')]);
    const file = slipFileOf(receipt!, d, BASE_URL);
    const message = renderMessage(event('receive'), d, BASE_URL)!;
    expect(file.slip).toEqual(message.slip);
    expect(file.subject).toBe(message.subject);
    expect(file.fileName).toBe('giay-tiep-nhan-ho-so-000.00.00004.H26-261120-0007.pdf');
  });

  it('the acknowledgement is issued by the portal, has no form number, and says it is not the receipt slip', async () => {
    const d = dossier({ status: 'submitted', receivedAt: null, dueAt: null });
    const [ack] = issuedSlips(d, [submit()]);
    const file = slipFileOf(ack!, d, BASE_URL);
    expect(file.slip).toMatchObject({ kind: 'submission_ack', form: null, unitName: null, agencyName: 'CỔNG DỊCH VỤ CÔNG QUỐC GIA', title: 'XÁC NHẬN NỘP HỒ SƠ TRỰC TUYẾN' });
    expect(file.slip.title).not.toMatch(/TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ/);
    const text = extractText(await renderSlipPdf(file, file.slip)).replace(/\s+/g, ' ');
    expect(text).toContain('000.00.00004.H26-261120-0007');
    expect(text).toContain('không phải Giấy tiếp nhận hồ sơ và hẹn trả kết quả');
    expect(text).toContain('Tờ khai đăng ký khai sinh (2 tệp)');
    expect(file.fileName).toBe('xac-nhan-nop-ho-so-000.00.00004.H26-261120-0007.pdf');
  });

  it('the second apology\'s file name is numbered', () => {
    const d = dossier({ apologies: [{ issuedAt: at(1), newDueDate: '2026-12-01', reason: 'A' }, { issuedAt: at(2), newDueDate: '2026-12-04', reason: 'B' }] });
    const slips = issuedSlips(d, [submit(), event('receive'), event('issue_apology', { at: at(1) }), event('issue_apology', { at: at(2) })]);
    expect(slipFileOf(findSlip(slips, 'apology')!, d, BASE_URL).fileName).toBe('phieu-xin-loi-000.00.00004.H26-261120-0007-2.pdf');
    expect(slipFileOf(findSlip(slips, 'apology')!, d, BASE_URL).slip.blocks).toContainEqual({ type: 'field', label: 'Ngày hẹn trả kết quả mới', value: '04/12/2026' });
  });
});
