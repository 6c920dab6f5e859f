// A draft of the sample procedure, for the dossiers capability's unit tests: test data, not read
// by the portal.
import type { DossierRecord } from './dossier';

export const aDraft = (over: Partial<DossierRecord> = {}): DossierRecord => ({
  id: 'd-1', code: null, procedureCode: '1.001266', procedureName: 'Thủ tục mẫu',
  processingTime: { value: 3, unit: 'working_day' },
  components: [{ code: 'TP01', name: 'Tờ khai', required: true, accept: ['application/pdf'], maxFiles: 2 }],
  agencyCode: '000.00.00004.H26', agencyName: 'UBND Phường Ba Đình', agencyParentCode: '000.00.00.H26',
  status: 'draft', version: 1, channel: 'online', delivery: 'online', postalAddress: null, contact: null,
  applicant: { sub: 'u-1', type: 'citizen', idNumber: '001099012345', enterpriseCode: null, vneidVerified: true },
  form: {}, attachments: [], createdAt: '2026-11-20T01:00:00.000Z', updatedAt: '2026-11-20T01:00:00.000Z',
  submittedAt: null, receivedAt: null, dueAt: null, pausedAt: null, finishedAt: null, returnedAt: null,
  supplementRequest: null, supplementRounds: 0, apologies: [],
  ...over,
});
