// The province-system example (`npm run example:province-system`) against the test runtime: a
// province's one-stop system registered by an admin, with a client-credentials token only, syncs a
// desk dossier and its progress as QCVN 120 packets, sees it returned in public tracking, reads the
// catalogue and looks the dossier up, and receives a citizen's new dossier both pulled from its
// outbox and pushed to the local receiver as a QCVN 120 packet.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { run } from '../../examples/province-system';
import { ensureAgencySystem } from '../../local/seed/agency-systems';
import { RegisteredAgencySystem } from '../../shared/contracts/identity';
import { api, signIn } from '../support/auth';
import { expectBody } from '../support/body';
import { switchOffAgencySystems } from '../support/sync';

const keyId = `test-province-${randomBytes(4).toString('hex')}`;
afterAll(() => switchOffAgencySystems((k) => k === keyId));

it('plays a province system: token, QCVN 120 dossier and progress, tracking, the event pulled and pushed', async () => {
  const baseUrl = process.env.DVC_BASE_URL!;
  const system = { keyId, name: 'Province-system example test', agencyCodes: ['000.00.00.H26'] };
  const registered = expectBody(await api('POST', '/v1/admin/agency-systems', {
    token: await signIn('admin.demo'), json: { ...system, endpointUrl: 'https://motcua.example.vn/dvc/events', protocol: 'qcvn120' },
  }), 201, RegisteredAgencySystem, 'registration');
  // Its pushes go to the local receiver (an admin can register only https endpoints).
  await ensureAgencySystem({ ...system, secret: registered.secret.secret }, { endpointUrl: `${baseUrl}/local/agency-receiver`, protocol: 'qcvn120' });

  const lines: string[] = [];
  const { clientId, clientSecret, tokenUrl } = registered.oauthClient!;
  const outcome = await run({ baseUrl, credentials: { keyId, clientId, clientSecret, tokenUrl }, log: (line) => lines.push(line) });

  expect(outcome.whoami).toEqual({ keyId, agencyCodes: ['000.00.00.H26'] });
  expect(outcome.answers.dossier).toMatchObject({ error_code: '00', accepted: 1, rejected: 0 });
  expect(outcome.answers.progress).toMatchObject({ error_code: '00', accepted: 2, rejected: 0 });
  expect(outcome.tracked.slice(-2)).toEqual(['done', 'returned']);
  expect(outcome.pulled).toMatchObject({ type: 'dossier.submitted' });
  expect(outcome.catalogue.listed).toBeGreaterThan(0);
  expect(outcome.catalogue.procedureName).not.toBe('');
  expect(outcome.catalogue.lookedUp).toMatchObject({ MaHoSo: outcome.code });
  // Pushed as the standard's packet, signed as every push is.
  expect(outcome.pushed).toMatchObject({ keyId, signatureValid: true, type: 'DongBoHoSoMC', code: outcome.online.code });

  const printed = lines.join('\n');
  for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(printed).toMatch(new RegExp(`^${n}\\. `, 'm'));
  expect(printed).toMatch(/^Done: .* is returned; event \S+ received\.$/m);
}, 150_000);

it('its command line takes --base-url and says when no portal answers there', async () => {
  const failed = await promisify(execFile)('npx', ['tsx', 'examples/province-system.ts', '--base-url', 'http://127.0.0.1:9'], { timeout: 60_000 })
    .then(() => null, (e: { code: number; stderr: string }) => e);
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toContain('No portal answers at http://127.0.0.1:9');
}, 90_000);
