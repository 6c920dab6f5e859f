// The portal's outbound events → QCVN 120 packets, for systems registered with the `qcvn120`
// protocol (docs/sync.md "Outbound"): a new dossier is a `DongBoHoSoMC` packet with its item
// (share.ts, the same item `TraCuuHoSo` gives), every later event a `CapNhatTienDoHoSoMC` step
// (render.ts). The event id stays in the `x-dvc-event-id` header, the packet has no field for it.
import type { AgencyProtocol } from '../../../../shared/contracts/identity';
import type { Qcvn120Dossier, Qcvn120Progress } from '../../../../shared/contracts/qcvn120';
import type { OutboundEvent } from '../../../../shared/contracts/sync';
import type { DossierStatus } from '../../../../shared/contracts/dossier-status';
import { qcvn120FromStatusEvent } from './render';
import { qcvn120FromRecord } from './share';

export type Qcvn120Push =
  | { service: 'DongBoHoSoMC'; isUpdating: 'False'; data: [Qcvn120Dossier] }
  | { service: 'CapNhatTienDoHoSoMC'; data: [Qcvn120Progress] };

/** Who acted, as `NguoiXuLy` names it: the applicant, or the portal (a payment the provider confirmed). */
export const ACTOR_NAME: Record<OutboundEvent['actor'], string> = { applicant: 'Người nộp hồ sơ', system: 'Cổng Dịch vụ công quốc gia' };

export const qcvn120FromOutbound = (e: OutboundEvent): Qcvn120Push => {
  if (e.dossier) {
    const d = e.dossier;
    return {
      service: 'DongBoHoSoMC',
      isUpdating: 'False',
      data: [qcvn120FromRecord({
        code: e.code, procedureCode: e.procedureCode, procedureName: d.procedureName, agencyName: d.agencyName,
        channel: e.channel, delivery: d.delivery, postalAddress: d.postalAddress, contact: d.contact, form: d.form,
        status: e.status as DossierStatus, receivedAt: null, dueAt: null, finishedAt: null, returnedAt: null, supplementRequest: null,
        applicant: { ...d.applicant, name: undefined },
        attachments: d.attachments.map((a) => ({ ...a, kind: 'application', status: 'verified' })),
      })],
    };
  }
  return {
    service: 'CapNhatTienDoHoSoMC',
    data: [qcvn120FromStatusEvent({ eventId: e.eventId, code: e.code, status: e.statusCode ?? e.status, at: e.at, actor: ACTOR_NAME[e.actor], note: e.note ?? undefined })],
  };
};

/** The body pushed to a system: the event itself (`json`) or its QCVN 120 packet. */
export const pushBody = (protocol: AgencyProtocol, e: OutboundEvent): string =>
  JSON.stringify(protocol === 'qcvn120' ? qcvn120FromOutbound(e) : e);
