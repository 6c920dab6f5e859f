// The dossier status machine transcribed by hand, for the tests of the transition table
// (transitions.test.ts, sync-path.test.ts): test data, not read by the portal.
import type { DossierAction, DossierStatus } from '../../../shared/contracts/dossier-status';
import type { ActorKind, DossierState } from './transitions';

// The expected machine, transcribed by hand from docs/requirements.md R-DOSSIER-TRANSITIONS and
// R-DOSSIER-ACTIONS (not from the table), so that a wrong table row fails. Columns: action, from,
// to ("—" = no status change), actors. Required actors: applicant, official, system ("payment
// confirmed", "automatic when delivery is online"). agency_system is our addition (the agency
// systems' sync of desk-side progress, R-CAP-SYNC): it may do what an official may, plus withdraw
// (at the desk) and confirm_payment (collected at the desk).
const SPEC_MATRIX = `
submit              draft                 submitted             applicant
receive             submitted             received              official agency_system
refuse              submitted             not_received          official agency_system
start               received              processing            official agency_system
request_supplement  processing            supplement_requested  official agency_system
request_payment     processing            payment_required      official agency_system
finish              processing            done                  official agency_system
stop                processing            stopped               official agency_system
supplement          supplement_requested  processing            applicant
resume              supplement_requested  processing            official agency_system
confirm_payment     payment_required      processing            system agency_system
return_result       done                  returned              official system agency_system
withdraw            submitted             withdrawn             applicant agency_system
withdraw            received              withdrawn             applicant agency_system
withdraw            processing            withdrawn             applicant agency_system
withdraw            supplement_requested  withdrawn             applicant agency_system
withdraw            payment_required      withdrawn             applicant agency_system
issue_apology       received              —                     official agency_system
issue_apology       processing            —                     official agency_system
issue_apology       supplement_requested  —                     official agency_system
issue_apology       payment_required      —                     official agency_system
`;

export type Cell = { action: DossierAction; from: DossierStatus; to: DossierStatus; actor: ActorKind };
export const EXPECTED: Cell[] = SPEC_MATRIX.trim().split('\n').flatMap((line) => {
  const [action, from, to, ...actors] = line.trim().split(/\s+/) as [DossierAction, DossierStatus, string, ...ActorKind[]];
  return actors.map((actor) => ({ action, from, to: (to === '—' ? from : to) as DossierStatus, actor }));
});
export const key = (action: string, from: string, actor: string) => `${action}|${from}|${actor}`;
export const EXPECTED_BY_KEY = new Map(EXPECTED.map((c) => [key(c.action, c.from, c.actor), c.to]));

// Inputs that satisfy every action's required fields.
export const VALID_INPUT: Record<DossierAction, Record<string, unknown>> = {
  submit: {},
  receive: { note: 'Đã tiếp nhận' },
  refuse: { reason: 'Hồ sơ không thuộc thẩm quyền' },
  start: {},
  request_supplement: { missingComponents: ['TP02'], note: 'Bổ sung bản sao giấy chứng sinh' },
  resume: {},
  supplement: { note: 'Đã bổ sung', attachmentIds: ['att-1'] },
  request_payment: {},
  confirm_payment: {},
  finish: {},
  stop: { reason: 'Người nộp không đủ điều kiện' },
  return_result: {},
  withdraw: { reason: 'Không còn nhu cầu' },
  issue_apology: { newDueDate: '2026-03-20', reason: 'Cần xác minh thêm' },
};
export const NOW = new Date('2026-03-10T03:00:00Z'); // 10:00 Tuesday in Hà Nội
export const stateFor = (status: DossierStatus): DossierState => ({
  status, delivery: 'online', resultAttached: true, dueAt: '2026-03-12T17:00:00+07:00', apologies: [],
});

