// The QCVN 120 sharing services' packets on the fixtures built from the standard's field lists
// (test/fixtures/qcvn120): a procedure → `LayThuTuc` and `LayDanhSachTTHC`, a dossier →
// `TraCuuHoSo`, every field compared; the lookup's dossier read back by the inbound adapter gives
// the dossier's own fields (docs/sync.md "QCVN 120 sharing services").
import { describe, expect, it } from 'vitest';
import { Procedure } from '../../../../shared/contracts/catalogue';
import { Qcvn120Dossier } from '../../../../shared/contracts/qcvn120';
import { Qcvn120LookupAnswer, Qcvn120ProcedureAnswer, Qcvn120ProcedureList } from '../../../../shared/contracts/qcvn120-share';
import { dossierFromQcvn120 } from './inbound';
import { qcvn120FromRecord, qcvn120Listed, qcvn120Procedure } from './share';
import { postedDossier, shareFixture, type ThuTucFixture } from './share.test-support';
import { isoFromQcvn120 } from './time';

describe('LayThuTuc', () => {
  const f = shareFixture<ThuTucFixture>('lay-thu-tuc');
  const names = { sector: f.names.sector, resultTypes: new Map(Object.entries(f.names.resultTypes)), agencies: new Map(Object.entries(f.names.agencies)) };

  it('the fixture is a procedure of the catalogue and an answer of the contract', () => {
    expect(Procedure.parse(f.procedure)).toEqual(f.procedure);
    expect(Qcvn120ProcedureAnswer.parse(f.answer)).toEqual(f.answer);
  });

  it('renders the procedure field by field', () => {
    const packet = qcvn120Procedure(f.procedure, names);
    for (const [field, value] of Object.entries(f.answer.result)) expect(packet[field as keyof typeof packet], field).toEqual(value);
    expect(Object.keys(packet).sort()).toEqual(Object.keys(f.answer.result).sort());
  });

  it('a channel\'s own reduction lowers its fee; an applicant\'s reduction is named, not applied', () => {
    const fees = qcvn120Procedure(f.procedure, names).CACHTHUCTHUCHIEN.map((c) => [c.KENH, c.THOIGIAN[0]!.PHILEPHI[0]!.SOTIEN]);
    expect(fees).toEqual([['1', 100000], ['2', 50000]]);
  });

  it('names the catalogue does not hold are empty, not invented', () => {
    const packet = qcvn120Procedure(f.procedure, { resultTypes: new Map(), agencies: new Map() });
    expect(packet.LINHVUCTHUCHIEN).toEqual([{ MALINHVUC: 'BTC_QLT', TENLINHVUC: '' }]);
    expect(packet.KETQUATHUCHIEN).toEqual([{ MAKETQUA: 'GIAY_PHEP', TENKETQUA: '' }]);
    expect(packet.COQUANTHUCHIEN).toEqual([{ MADONVI: '000.00.00.G12', TENDONVI: '' }]);
  });
});

describe('LayDanhSachTTHC', () => {
  const f = shareFixture<{ procedures: Parameters<typeof qcvn120Listed>[0][]; answer: { result: unknown[] } }>('lay-danh-sach-tthc');
  it('renders each procedure of the list field by field', () => {
    expect(f.procedures.map(qcvn120Listed)).toEqual(f.answer.result);
    expect(Qcvn120ProcedureList.parse({ ...f.answer, nextCursor: null }).result).toEqual(f.answer.result);
  });
});

describe('TraCuuHoSo', () => {
  const f = shareFixture<{ answer: { result: Record<string, unknown> } }>('tra-cuu-ho-so');

  it('renders the dossier field by field, only verified files', () => {
    const item = qcvn120FromRecord(postedDossier());
    for (const [field, value] of Object.entries(f.answer.result)) expect(item[field as keyof typeof item], field).toEqual(value);
    expect(Object.keys(item).sort()).toEqual(Object.keys(f.answer.result).sort());
    expect(Qcvn120LookupAnswer.parse({ ...f.answer, result: item }).result).toEqual(item);
  });

  it('reads back through the inbound adapter as the same dossier', () => {
    const d = postedDossier();
    const t = dossierFromQcvn120(qcvn120FromRecord(d));
    if (!t.ok) throw new Error(JSON.stringify(t.problems));
    expect(t.item).toMatchObject({
      code: d.code, procedureCode: d.procedureCode, channel: d.channel, delivery: d.delivery,
      applicant: { type: 'citizen', name: d.applicant.name, idNumber: d.applicant.idNumber, contact: d.contact },
      postalAddress: { address: d.postalAddress!.address },
      status: 5, note: d.supplementRequest!.note, missingComponents: d.supplementRequest!.missingComponents,
      form: { TrichYeuHoSo: d.form.TrichYeuHoSo },
    });
    const instant = (iso: unknown) => new Date(String(iso)).toISOString();
    expect(instant(t.item.receivedAt)).toBe(d.receivedAt);
    expect(instant(t.item.dueDate)).toBe(d.dueAt);
    expect(instant(t.item.at)).toBe(d.supplementRequest!.requestedAt);
  });

  it('an online dossier: channel 2, no receipt yet, a returned one its dates', () => {
    const submitted = qcvn120FromRecord({ ...postedDossier(), channel: 'online', delivery: 'online', status: 'submitted', receivedAt: null, dueAt: null, supplementRequest: null });
    expect(submitted).toMatchObject({ KenhThucHien: '2', TrangThaiHoSo: '1', NgayTiepNhan: '' });
    expect(submitted).not.toHaveProperty('HinhThuc');
    expect(submitted).not.toHaveProperty('DanhSachHoSoBoSung');
    const returned = qcvn120FromRecord({ ...postedDossier(), status: 'returned', supplementRequest: null, finishedAt: '2026-11-05T03:00:00.000Z', returnedAt: '2026-11-06T03:00:00.000Z' });
    expect(returned).toMatchObject({ TrangThaiHoSo: '10', NgayKetThucXuLy: '20261105100000', NgayTra: '20261106100000' });
    expect(isoFromQcvn120(returned.NgayTra!)).toBe('2026-11-06T10:00:00+07:00');
    expect(Qcvn120Dossier.parse(returned)).toEqual(returned);
  });
});
