// The README's dossier walkthrough (`npm run demo:dossier`) runs as written against the local runtime.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('npm run demo:dossier walks a dossier to "returned", and official.hue gets 404 for it', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/demo-dossier.ts'], {
    env: { ...process.env, PORTAL_URL: process.env.DVC_BASE_URL },
    timeout: 60_000,
  });
  expect(stdout).toMatch(/status submitted \(1\)/);
  expect(stdout).toMatch(/status supplement_requested \(5\)/);
  expect(stdout).toMatch(/status returned \(10\)/);
  expect(stdout).toMatch(/official\.hue GET \/v1\/dossiers\/[0-9a-f-]+: 404/);
  expect(stdout).toMatch(/^Done:/m);
}, 90_000);
