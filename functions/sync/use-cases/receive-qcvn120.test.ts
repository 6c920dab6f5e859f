// The QCVN 120 route's use case with the intake's stand-ins: the packet's items translated and
// handed to the JSON routes' intake (queued as the same messages, FIFO per dossier code,
// deduplicated per system and event id), the standard's answer per item, problems named by the
// standard's fields, and a packet that is not one refused whole with its reason.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Qcvn120Answer } from '../../../shared/contracts/qcvn120';
import { dedupIdOf, inboundMessageIds } from '../domain/inbound-message';
import { dossierFromQcvn120 } from '../domain/qcvn120/inbound';
import { COMMUNE, setup, system } from './intake.test-support';
import { receiveDossiers } from './receive-dossiers';
import { receiveQcvn120 } from './receive-qcvn120';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/qcvn120/${name}.json`, import.meta.url), 'utf8')) as { service: string; data: Record<string, unknown>[] };

describe('receiveQcvn120', () => {
  it('DongBoHoSoMC: the items the JSON route takes are queued as its own messages; the others refused at the standard\'s fields', async () => {
    const { deps, sent } = setup();
    const packet = fixture('dong-bo-ho-so-mc');
    const out = await receiveQcvn120(deps, system, packet);
    if (!out.ok) throw new Error(out.refused.message);
    expect(Qcvn120Answer.parse(out.answer)).toEqual(out.answer);
    expect(out.answer).toMatchObject({ error_code: '01', accepted: 2, rejected: 1 });
    expect(out.answer.results.map((r) => [r.index, r.MaHoSo, r.error_code])).toEqual([
      [0, `${COMMUNE}-261102-120001`, '00'], [1, `${COMMUNE}-261102-120002`, '00'], [2, `${COMMUNE}-261102-120003`, '99'],
    ]);
    // The catalogue's procedure takes neither post nor businesses: the JSON route's problems, by the standard's names.
    expect(out.answer.results[2]!.errors!.map((e) => e.path).sort()).toEqual(['data.2.KenhThucHien', 'data.2.LoaiDoiTuong']);
    expect(out.answer.results[2]!.message).toMatch(/data\.2\.KenhThucHien: /);
    expect(out.answer.results[0]!.notKept).toContain('DanhSachLePhi');

    // Exactly what the JSON route queues for the same upserts.
    const json = setup();
    await receiveDossiers(json.deps, system, packet.data.slice(0, 2).map((d) => (dossierFromQcvn120(d) as { item: unknown }).item));
    expect(sent).toEqual(json.sent);
    expect(sent[0]!.map((m) => inboundMessageIds(m).groupId)).toEqual([`${COMMUNE}-261102-120001`, `${COMMUNE}-261102-120002`]);
    expect(inboundMessageIds(sent[0]![0]!).dedupId).toBe(dedupIdOf('sys-a', out.answer.results[0]!.eventId!));
  });

  it('CapNhatTienDoHoSoMC: steps queued as status events; a step the adapter refuses never reaches the queue', async () => {
    const { deps, sent } = setup();
    const packet = fixture('cap-nhat-tien-do-ho-so-mc');
    const out = await receiveQcvn120(deps, system, { ...packet, data: [...packet.data, { ...packet.data[0], TrangThai: '5' }] });
    if (!out.ok) throw new Error(out.refused.message);
    expect(out.answer).toMatchObject({ error_code: '01', accepted: 3, rejected: 1 });
    expect(out.answer.results[3]).toMatchObject({ index: 3, error_code: '99', eventId: null, errors: [expect.objectContaining({ path: 'data.3.TrangThai' })] });
    expect(sent[0]!.map((m) => (m.kind === 'status' ? [m.event.code, m.event.status] : null))).toEqual([
      [`${COMMUNE}-261102-120003`, 9], [`${COMMUNE}-261102-120003`, 10], [`${COMMUNE}-261102-120002`, 7],
    ]);
  });

  it('a dossier of an agency the system does not speak for is refused at MaHoSo', async () => {
    const { deps } = setup();
    const packet = fixture('cap-nhat-tien-do-ho-so-mc');
    const out = await receiveQcvn120(deps, system, { ...packet, data: [{ ...packet.data[0], MaHoSo: '000.00.00009.H29-261102-0001' }] });
    expect(out.ok && out.answer).toMatchObject({ error_code: '01', results: [{ error_code: '99', errors: [{ path: 'data.0.MaHoSo' }] }] });
  });

  it.each([
    ['an unknown service', { service: 'LayThuTuc', data: [{}] }, 'service'],
    ['no items', { service: 'DongBoHoSoMC', data: [] }, 'data'],
    ['items that are not a list', { service: 'CapNhatTienDoHoSoMC', data: 'x' }, 'data'],
    ['over 100 items', { service: 'CapNhatTienDoHoSoMC', data: Array.from({ length: 101 }, () => ({})) }, 'data'],
    ['a list', [{ service: 'DongBoHoSoMC' }], ''],
  ])('refuses %s whole with "99" and the reason; nothing is queued', async (_, body, path) => {
    const { deps, sent } = setup();
    const out = await receiveQcvn120(deps, system, body);
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.refused).toMatchObject({ error_code: '99', error: { code: 'QCVN120_BAD_PACKET', details: [expect.objectContaining({ path })] } });
      expect(out.refused.message).toMatch(new RegExp(`^not a QCVN 120 packet: ${path || 'the body'}: `));
    }
    expect(sent).toEqual([]);
  });
});
