// Outbound in the standard's format through the running portal (docs/sync.md "Outbound"): a system
// registered with the `qcvn120` protocol, whose endpoint is the local agency receiver
// (local/agency-receiver.ts), gets a citizen's submission as a signed `DongBoHoSoMC` packet and the
// withdrawal as a `CapNhatTienDoHoSoMC` step, by the same path as JSON systems: the receiver
// verifies the signature against the registry, the packets parse as the standard's and read back
// into the events the system's outbox keeps, and delivery is counted in the system's health.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAgencySystem } from '../../local/seed/agency-systems';
import { progressFromQcvn120 } from '../../functions/sync/domain/qcvn120/inbound';
import { qcvn120FromOutbound } from '../../functions/sync/domain/qcvn120/outbound';
import { verifySignedRequest } from '../../shared/auth/agency-signature';
import { Qcvn120Packet } from '../../shared/contracts/qcvn120';
import { Dossier } from '../../shared/contracts/dossiers';
import { SyncHealth, SyncOutboxPage } from '../../shared/contracts/sync';
import { api, signedApi, signIn } from '../support/auth';
import { expectBody } from '../support/body';
import { submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';
import { switchOffAgencySystems } from '../support/sync';

const ns = fileNamespace(import.meta.url);
const AGENCY = ns.agency();
const system = { keyId: ns.key('q120-push'), name: 'Hệ thống một cửa tỉnh (QCVN 120, thử)', agencyCodes: [AGENCY], secret: randomBytes(24).toString('base64url') };

interface Delivery { keyId: string | null; eventId: string | null; type: string | null; code: string | null; signatureValid: boolean; request: { pathWithQuery: string; headers: Record<string, string>; body: string } }

const settle = async () => {
  let res: Response | undefined;
  for (let i = 0; i < 2 && res?.status !== 200; i++) res = await fetch(`${process.env.DVC_BASE_URL}/local/events/settle?timeoutMs=60000`, { method: 'POST' });
  expect(res!.status).toBe(200);
};

describe('pushes to a QCVN 120 system', { timeout: 150_000 }, () => {
  let citizen: string;
  beforeAll(async () => {
    citizen = await signIn('citizen.demo');
    await ensureAgencySystem(system, { endpointUrl: `${process.env.DVC_BASE_URL}/local/agency-receiver`, protocol: 'qcvn120' });
  });
  afterAll(async () => {
    await switchOffAgencySystems((keyId) => keyId === system.keyId);
  });

  it('a submission and its withdrawal arrive as signed packets that read back into the outbox\'s events', async () => {
    const d = await submitted(citizen, { agencyCode: AGENCY });
    const withdrawn = expectBody(await api('POST', `/v1/dossiers/${d.id}/withdraw`, { token: citizen, json: { reason: 'Nộp nhầm thủ tục' } }), 200, Dossier, 'withdraw');
    await settle();

    const { items } = (await (await fetch(`${process.env.DVC_BASE_URL}/local/agency-receiver`)).json()) as { items: Delivery[] };
    const mine = items.filter((r) => r.keyId === system.keyId && r.eventId?.startsWith(`${d.id}:`)).reverse(); // oldest first
    expect(mine.map((r) => [r.eventId, r.type, r.code, r.signatureValid])).toEqual([
      [`${d.id}:${d.version}`, 'DongBoHoSoMC', d.code, true],
      [`${d.id}:${withdrawn.version}`, 'CapNhatTienDoHoSoMC', d.code, true],
    ]);
    for (const r of mine) {
      const verdict = verifySignedRequest({
        method: 'POST', pathWithQuery: r.request.pathWithQuery, body: r.request.body, timestamp: r.request.headers['x-dvc-timestamp']!,
        signature: r.request.headers['x-dvc-signature']!, now: Date.now() / 1000, secrets: [system.secret],
      });
      expect(verdict.ok).toBe(true);
    }

    // The outbox keeps the portal's events; each packet is exactly their rendering, and reads back into them.
    const outbox = expectBody(await signedApi('GET', '/v1/sync/outbox?limit=100', system), 200, SyncOutboxPage, 'outbox');
    const events = mine.map((r) => outbox.items.find((i) => i.event.eventId === r.eventId)!);
    expect(events.map((i) => i.delivery.state)).toEqual(['delivered', 'delivered']);
    const packets = mine.map((r) => Qcvn120Packet.parse(JSON.parse(r.request.body)));
    expect(packets).toEqual(events.map((i) => qcvn120FromOutbound(i.event)));
    const [submission, step] = packets;
    expect(submission!.data[0]).toMatchObject({ MaHoSo: d.code, KenhThucHien: '2', TrangThaiHoSo: '1', MaDoiTuong: '001099012345' });
    const back = progressFromQcvn120(step!.data[0]);
    if (!back.ok) throw new Error(JSON.stringify(back.problems));
    expect(back.item).toMatchObject({ code: d.code, status: 7, note: 'Nộp nhầm thủ tục' });
    expect(new Date(String(back.item.at)).getTime()).toBe(Math.floor(Date.parse(events[1]!.event.at) / 1000) * 1000);

    const health = expectBody(await api('GET', '/v1/sync/health', { token: await signIn('admin.demo') }), 200, SyncHealth, 'sync health');
    expect(health.systems.find((s) => s.keyId === system.keyId)?.outbound.delivered).toBe(2);
  });
});
