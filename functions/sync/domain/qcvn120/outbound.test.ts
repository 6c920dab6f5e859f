// Pushes per protocol (docs/sync.md "Outbound"): a `json` system gets the outbound event itself, a
// `qcvn120` system its packet — a new dossier as `DongBoHoSoMC`, a later event as a
// `CapNhatTienDoHoSoMC` step — compared field by field with the fixtures built from the standard's
// field lists (test/fixtures/qcvn120/push-*.json), and read back into the same event.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Qcvn120Packet } from '../../../../shared/contracts/qcvn120';
import { OutboundEvent } from '../../../../shared/contracts/sync';
import { progressFromQcvn120 } from './inbound';
import { pushBody, qcvn120FromOutbound } from './outbound';
import { isoFromQcvn120 } from './time';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../../test/fixtures/qcvn120/${name}.json`, import.meta.url), 'utf8')) as
  { event: OutboundEvent; packet: { service: string; data: Record<string, unknown>[] } & Record<string, unknown> };
const submitted = fixture('push-dong-bo-ho-so-mc');
const withdrawn = fixture('push-cap-nhat-tien-do-ho-so-mc');

describe('pushBody', () => {
  it('json: the event itself, byte for byte as before protocols', () => {
    for (const f of [submitted, withdrawn]) expect(pushBody('json', OutboundEvent.parse(f.event))).toBe(JSON.stringify(f.event));
  });

  it.each([['a new dossier → DongBoHoSoMC', submitted], ['a withdrawal → CapNhatTienDoHoSoMC', withdrawn]])('qcvn120: %s, field by field, a packet of the standard', (_, f) => {
    const packet = JSON.parse(pushBody('qcvn120', OutboundEvent.parse(f.event))) as typeof f.packet;
    expect(Qcvn120Packet.parse(packet)).toEqual(packet);
    const { data, ...envelope } = packet;
    const { data: expectedData, ...expectedEnvelope } = f.packet;
    expect(envelope).toEqual(expectedEnvelope);
    for (const [field, value] of Object.entries(expectedData[0]!)) expect(data[0]![field], field).toEqual(value);
    expect(Object.keys(data[0]!).sort()).toEqual(Object.keys(expectedData[0]!).sort());
  });
});

describe('read back', () => {
  it('a progress step parses into the same status event', () => {
    const e = withdrawn.event;
    const t = progressFromQcvn120(qcvn120FromOutbound(e).data[0]);
    if (!t.ok) throw new Error(JSON.stringify(t.problems));
    expect(t.item).toMatchObject({ code: e.code, status: e.statusCode, note: e.note });
    expect(new Date(String(t.item.at)).toISOString()).toBe(e.at);
  });

  it('a new dossier\'s item carries the event\'s dossier: code, procedure, channel, status, applicant, files', () => {
    const e = submitted.event;
    const item = qcvn120FromOutbound(e).data[0] as Record<string, unknown>;
    expect([item.MaHoSo, item.MaTTHC, item.KenhThucHien, Number(item.TrangThaiHoSo)]).toEqual([e.code, e.procedureCode, '2', e.statusCode]);
    expect([item.MaDoiTuong, item.SoDienThoai, item.Email]).toEqual([e.dossier!.applicant.idNumber, e.dossier!.contact!.phone, e.dossier!.contact!.email]);
    expect(item.TaiLieuNop).toEqual(e.dossier!.attachments.map((a) => ({ TepDinhKemId: a.id, TenTepDinhKem: a.fileName, MaThanhPhanHoSo: a.componentCode })));
    expect(isoFromQcvn120((qcvn120FromOutbound(withdrawn.event).data[0] as { ThoiDiemXuLy: string }).ThoiDiemXuLy)).toBe('2026-12-03T09:30:00+07:00');
  });

  it('a confirmed payment is the portal\'s step, not the applicant\'s', () => {
    const paid = OutboundEvent.parse({ ...withdrawn.event, eventId: 'd-1:4', type: 'dossier.payment_confirmed', action: 'confirm_payment', status: 'processing', statusCode: 4, actor: 'system', note: null });
    expect(qcvn120FromOutbound(paid).data[0]).toEqual({ MaHoSo: paid.code, NguoiXuLy: 'Cổng Dịch vụ công quốc gia', ThoiDiemXuLy: '20261203093000', TrangThai: '4' });
  });
});
