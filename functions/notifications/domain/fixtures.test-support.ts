// A received dossier and the events that notify its applicant, shaped as the dossiers capability
// stores and emits them (functions/dossiers/domain/dossier.ts).
import type { DossierEvent, DossierRecord } from '../../dossiers/public';

export const BASE_URL = 'https://dichvucong.example.vn';
export const ID_NUMBER = '001099012345';
export const RECEIVED_AT = '2026-11-20T02:15:00.000Z'; // 09:15 in Hà Nội
export const DUE_AT = '2026-11-27T09:30:00.000Z'; // 16:30 in Hà Nội

export const dossier = (over: Partial<DossierRecord> = {}): DossierRecord => ({
  id: 'd-0001',
  code: '000.00.00004.H26-261120-0007',
  procedureCode: '1.001193',
  procedureName: 'Đăng ký khai sinh',
  processingTime: { value: 3, unit: 'working_day' },
  components: [
    { code: 'TP01', name: 'Tờ khai đăng ký khai sinh', required: true, accept: ['application/pdf'], maxFiles: 2 },
    { code: 'TP02', name: 'Giấy chứng sinh', required: true, accept: ['application/pdf'], maxFiles: 1 },
    { code: 'TP03', name: 'Văn bản ủy quyền', required: false, accept: ['application/pdf'], maxFiles: 1 },
  ],
  agencyCode: '000.00.00004.H26',
  agencyName: 'Ủy ban nhân dân phường Ba Đình',
  agencyParentCode: '000.00.00.H26',
  status: 'received',
  version: 3,
  channel: 'online',
  delivery: 'online',
  postalAddress: null,
  contact: { phone: '0912345678', email: 'an.nguyen@example.vn' },
  applicant: { sub: 'sub-1', type: 'citizen', idNumber: ID_NUMBER, enterpriseCode: null, vneidVerified: true },
  form: { requesterFullName: 'Nguyễn Văn An', requesterIdNumber: ID_NUMBER, childFullName: 'Nguyễn Minh Khôi' },
  attachments: [
    attachment('a1', 'TP01', 'verified'),
    attachment('a2', 'TP01', 'verified'),
    attachment('a3', 'TP02', 'verified'),
    attachment('a4', 'TP02', 'rejected'),
    attachment('a5', 'TP03', 'pending'),
  ],
  createdAt: '2026-11-19T08:00:00.000Z',
  updatedAt: RECEIVED_AT,
  submittedAt: '2026-11-19T08:10:00.000Z',
  receivedAt: RECEIVED_AT,
  dueAt: DUE_AT,
  pausedAt: null,
  finishedAt: null,
  returnedAt: null,
  supplementRequest: null,
  supplementRounds: 0,
  apologies: [],
  ...over,
});

function attachment(id: string, componentCode: string, status: 'pending' | 'verified' | 'rejected') {
  return {
    id, kind: 'application' as const, componentCode, fileName: `${id}.pdf`, contentType: 'application/pdf', size: 1000, status,
    rejectedReason: null, createdAt: '2026-11-19T08:05:00.000Z', verifiedAt: status === 'verified' ? '2026-11-19T08:06:00.000Z' : null, round: 0,
  };
}

const TRANSITION: Record<string, [DossierEvent['from'], DossierEvent['to']]> = {
  receive: ['submitted', 'received'],
  refuse: ['submitted', 'not_received'],
  request_supplement: ['processing', 'supplement_requested'],
  issue_apology: ['processing', 'processing'],
  request_payment: ['processing', 'payment_required'],
  finish: ['processing', 'done'],
  stop: ['processing', 'stopped'],
  return_result: ['done', 'returned'],
  withdraw: ['processing', 'withdrawn'],
  start: ['received', 'processing'],
};

export const event = (action: string, over: Partial<DossierEvent> = {}): DossierEvent => {
  const [from, to] = TRANSITION[action] ?? ['processing', 'processing'];
  return {
    type: 'dossier.transitioned', dossierId: 'd-0001', version: 3, code: '000.00.00004.H26-261120-0007',
    agencyCode: '000.00.00004.H26', procedureCode: '1.001193', channel: 'online', statusCode: 2,
    at: RECEIVED_AT, actor: { kind: 'official', id: 'o-1' }, action: action as DossierEvent['action'], from, to, note: null, ...over,
  };
};
