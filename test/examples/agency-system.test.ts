// The agency-system example (`npm run example:agency-system`) against the test runtime: every step
// a province's one-stop system takes — signed pushes of a desk dossier and status events (with a
// duplicate and an older one), the outbox pulled with cursors, a pushed delivery verified by its
// webhook handler (a tampered copy refused), its own health — with the outcomes asserted.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { run } from '../../examples/agency-system';
import { ensureAgencySystem } from '../../local/seed/agency-systems';
import { switchOffAgencySystems } from '../support/sync';

// A Hà Nội system of its own, answered by the local receiver like the demo system: other files
// sign the same requests as the demo system (the authorization matrix, the contract sweep), and two
// identical requests signed in the same second are one request and its replay to the portal.
const system = {
  keyId: `test-example-hn-${randomBytes(4).toString('hex')}`, name: 'Agency-system example test',
  agencyCodes: ['000.00.00.H26'], secret: randomBytes(24).toString('base64url'),
};
afterAll(() => switchOffAgencySystems((keyId) => keyId === system.keyId));

it('plays a one-stop system: dossier of record, ordered idempotent statuses, outbox, verified webhook, own health', async () => {
  const baseUrl = process.env.DVC_BASE_URL!;
  await ensureAgencySystem(system, { endpointUrl: `${baseUrl}/local/agency-receiver` });
  const lines: string[] = [];
  const outcome = await run({ baseUrl, keyId: system.keyId, secret: system.secret, log: (line) => lines.push(line) });

  expect(outcome.whoami).toEqual({ keyId: system.keyId, agencyCodes: ['000.00.00.H26'] });
  expect(outcome.batches.upsert).toMatchObject({ accepted: 1, rejected: 0 });
  expect(outcome.batches.first).toMatchObject({ accepted: 1, rejected: 0 });
  expect(outcome.batches.second).toMatchObject({ accepted: 3, rejected: 0 });

  // Applied once each, in order: one `done`, nothing moved back after it by the older event.
  const { status, steps } = outcome.dossierOfRecord;
  expect(status).toBe('returned');
  expect(steps.slice(-2)).toEqual(['done', 'returned']);
  expect(steps.filter((s) => s === 'done')).toHaveLength(1);
  expect(steps.lastIndexOf('processing')).toBeLessThan(steps.indexOf('done'));

  expect(outcome.outbox.eventId).toBe(`${outcome.online.id}:${outcome.outbox.item.event.version}`);
  expect(outcome.outbox.item.event).toMatchObject({ type: 'dossier.submitted', code: outcome.online.code, dossierId: outcome.online.id });

  expect(outcome.webhook).toEqual({
    type: 'dossier.submitted',
    genuine: { status: 200, body: { received: outcome.outbox.eventId, duplicate: false } },
    tampered: { status: 401, body: { refused: 'bad_signature' } },
  });

  expect(outcome.health).toMatchObject({ keyId: system.keyId, agencyCodes: ['000.00.00.H26'] });
  expect(outcome.health.inbound.applied).toBeGreaterThanOrEqual(3);

  const printed = lines.join('\n');
  for (const n of [1, 2, 3, 4, 5, 6, 7]) expect(printed).toMatch(new RegExp(`^${n}\\. `, 'm'));
  expect(printed).toMatch(/→ applied in order: .*done → returned/);
  expect(printed).toMatch(/^Done: .* is returned; event \S+ pulled and its push verified\.$/m);
}, 150_000);

it('its command line takes --base-url and says when no portal answers there', async () => {
  const failed = await promisify(execFile)('npx', ['tsx', 'examples/agency-system.ts', '--base-url', 'http://127.0.0.1:9'], { timeout: 60_000 })
    .then(() => null, (e: { code: number; stderr: string }) => e);
  expect(failed?.code).toBe(1);
  expect(failed?.stderr).toContain('No portal answers at http://127.0.0.1:9');
}, 90_000);
