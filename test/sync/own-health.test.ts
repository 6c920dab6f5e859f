// GET /v1/sync/health/me through the running portal, with the typed client: an agency system reads
// its own sync health — the same figures admins see for it in GET /v1/sync/health — and nothing of
// another system's.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencySigning, bearerToken, createPortalClient, unwrap, type Schema } from '../../client';
import { ensureAgencySystem } from '../../local/seed/agency-systems';
import { signIn } from '../support/auth';
import { fileNamespace } from '../support/namespace';
import { switchOffAgencySystems } from '../support/sync';
import { uniqueDossierCode } from '../support/dossier-codes';

const ns = fileNamespace(import.meta.url);
/** A Hà Nội commune of this file's own: no other file's dossier moves this system's figures. */
const COMMUNE = ns.agency();

const baseUrl = process.env.DVC_BASE_URL!;
const registered: string[] = [];
/** A system of its own (the demo system's figures move with every other file's events). */
const register = async (label: string, agencyCodes: string[]) => {
  const system = { keyId: ns.key(`health-${label}`), name: `Own health test ${label}`, agencyCodes, secret: randomBytes(24).toString('base64url') };
  // The local receiver answers the pushes for its agencies (a dead endpoint would hold other files' settles).
  await ensureAgencySystem(system, { endpointUrl: `${baseUrl}/local/agency-receiver` });
  registered.push(system.keyId);
  return { ...system, client: createPortalClient({ baseUrl, auth: agencySigning(system) }) };
};
const ownHealth = async (system: { client: ReturnType<typeof createPortalClient> }) => unwrap(await system.client.GET('/v1/sync/health/me'), 'own health');

let admin: ReturnType<typeof createPortalClient>;
beforeAll(async () => {
  admin = createPortalClient({ baseUrl, auth: bearerToken(await signIn('admin.demo')) });
});
afterAll(async () => {
  await switchOffAgencySystems((keyId) => registered.includes(keyId));
});

describe('GET /v1/sync/health/me', () => {
  it("is the calling system's own health: its events, errors and deliveries, as admins see them", async () => {
    const hanoi = await register('hn', [COMMUNE]);
    const hue = await register('hue', ['000.00.00.H57']);
    const fresh = await ownHealth(hanoi);
    expect(fresh).toMatchObject({
      keyId: hanoi.keyId, name: hanoi.name, agencyCodes: [COMMUNE],
      inbound: { events: 0, applied: 0, errors: 0, lastEventAt: null, lastAppliedAt: null, lastErrorAt: null }, recentErrors: [],
    });

    // A desk dossier of record (applied), then a status going back (impossible: the error report).
    const code = uniqueDossierCode(COMMUNE, '261120');
    const upsert = {
      eventId: `evt-${randomUUID()}`, code, procedureCode: '1.001266', channel: 'desk' as const,
      applicant: { type: 'citizen' as const, name: 'Trần Thị B', idNumber: '001199000111' },
      receivedAt: '2026-11-20T09:00:00+07:00', status: 9, at: '2026-11-21T10:00:00+07:00',
    };
    const back = { eventId: `evt-${randomUUID()}`, code, status: 4, at: '2026-11-22T10:00:00+07:00' };
    expect(unwrap(await hanoi.client.POST('/v1/sync/dossiers', { body: { items: [upsert] } }), 'dossiers', 202)).toMatchObject({ accepted: 1 });
    await expect.poll(async () => (await ownHealth(hanoi)).inbound, { timeout: 60_000, interval: 250 }).toMatchObject({ events: 1, applied: 1, errors: 0 });
    expect(unwrap(await hanoi.client.POST('/v1/sync/statuses', { body: { items: [back] } }), 'statuses', 202)).toMatchObject({ accepted: 1 });
    await expect.poll(async () => (await ownHealth(hanoi)).inbound.errors, { timeout: 60_000, interval: 250 }).toBe(1);
    const after = await ownHealth(hanoi);

    expect(after.inbound).toMatchObject({ events: 2, applied: 1, errors: 1 });
    expect(after.inbound.lastAppliedAt).not.toBeNull();
    expect(after.inbound.lastErrorAt).not.toBeNull();
    expect(after.recentErrors).toEqual([expect.objectContaining({ eventId: back.eventId, code })]);
    const seenByAdmin = unwrap(await admin.GET('/v1/sync/health'), 'health').systems.find((s: Schema<'SyncSystemHealth'>) => s.keyId === hanoi.keyId);
    expect(seenByAdmin).toMatchObject({ keyId: hanoi.keyId, name: hanoi.name, inbound: after.inbound, recentErrors: after.recentErrors });

    // Another system sees its own figures only.
    expect(await ownHealth(hue)).toMatchObject({
      keyId: hue.keyId, agencyCodes: ['000.00.00.H57'], inbound: { events: 0, applied: 0, errors: 0 }, recentErrors: [],
    });
  }, 150_000);

  it('answers signed agency-system requests only', async () => {
    expect((await createPortalClient({ baseUrl }).GET('/v1/sync/health/me')).response.status).toBe(401);
    expect((await admin.GET('/v1/sync/health/me')).response.status).toBe(401);
    const forged = createPortalClient({ baseUrl, auth: agencySigning({ keyId: 'demo-hanoi-system', secret: 'guessed' }) });
    expect((await forged.GET('/v1/sync/health/me')).response.status).toBe(403);
  });
});
