// The QCVN 120 sharing services' fixtures (test/fixtures/qcvn120: built from the standard's field
// lists) and the dossier record the `TraCuuHoSo` fixture describes, for the domain's and the use
// case's unit tests.
import { readFileSync } from 'node:fs';
import type { Procedure } from '../../../../shared/contracts/catalogue';
import type { DossierRecord } from '../../../dossiers/public-shapes';

export const shareFixture = <T = Record<string, unknown>>(name: 'lay-thu-tuc' | 'lay-danh-sach-tthc' | 'tra-cuu-ho-so') =>
  JSON.parse(readFileSync(new URL(`../../../../test/fixtures/qcvn120/${name}.json`, import.meta.url), 'utf8')) as T;

export interface ThuTucFixture {
  request: Record<string, unknown>;
  procedure: Procedure;
  names: { sector: string; resultTypes: Record<string, string>; agencies: Record<string, string> };
  answer: { result: Record<string, unknown> };
}

/** A dossier received by post at a Hà Nội commune, now awaiting a supplement (the TraCuuHoSo fixture). */
export const postedDossier = (): DossierRecord => ({
  id: 'd-120007', code: '000.00.00004.H26-261102-120007', procedureCode: '1.001266', procedureName: 'Đăng ký khai sinh',
  processingTime: { value: 3, unit: 'working_day' }, components: [],
  agencyCode: '000.00.00004.H26', agencyName: 'UBND phường Hoàn Kiếm', agencyParentCode: '000.00.00.H26',
  status: 'supplement_requested', version: 4, channel: 'post', delivery: 'post',
  postalAddress: { recipient: 'Nguyễn Văn An', phone: '0912345678', address: '12 Tràng Tiền, Hoàn Kiếm, Hà Nội' },
  contact: { phone: '0912345678', email: 'an.nguyen@example.vn' },
  applicant: { sub: '', type: 'citizen', idNumber: '001199000222', enterpriseCode: null, vneidVerified: false, name: 'Nguyễn Văn An' },
  form: { TrichYeuHoSo: 'Đăng ký khai sinh cho con' },
  attachments: [
    { id: 'att-1', kind: 'application', componentCode: 'TP01', fileName: 'to-khai.pdf', contentType: 'application/pdf', size: 1000, status: 'verified', rejectedReason: null, createdAt: '2026-11-02T02:00:00.000Z', verifiedAt: '2026-11-02T02:00:01.000Z', round: 0 },
    { id: 'att-2', kind: 'application', componentCode: 'TP02', fileName: 'mo.jpg', contentType: 'image/jpeg', size: 1000, status: 'rejected', rejectedReason: 'blurred', createdAt: '2026-11-02T02:00:00.000Z', verifiedAt: null, round: 0 },
  ],
  createdAt: '2026-11-02T02:00:00.000Z', updatedAt: '2026-11-03T03:00:00.000Z', submittedAt: null,
  receivedAt: '2026-11-02T02:00:00.000Z', dueAt: '2026-11-06T10:00:00.000Z', pausedAt: '2026-11-03T03:00:00.000Z',
  finishedAt: null, returnedAt: null,
  supplementRequest: { missingComponents: ['TP02'], note: 'Bản chụp không rõ', requestedAt: '2026-11-03T03:00:00.000Z' },
  supplementRounds: 1, apologies: [],
});
