// The README's feedback walkthrough (`npm run demo:feedback`) runs as written against the local runtime.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('npm run demo:feedback: sent, answered, published without personal data, liked, and a returned dossier rated', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/demo-feedback.ts'], {
    env: { ...process.env, PORTAL_URL: process.env.DVC_BASE_URL },
    timeout: 60_000,
  });
  expect(stdout).toMatch(/PAKN-\d{6}-\d{4}, status submitted/);
  expect(stdout).toMatch(/publish: published/);
  expect(stdout).toContain('[đã ẩn]');
  expect(stdout).not.toMatch(/"[^"]*0912345678[^"]*"/);
  expect(stdout).toMatch(/finds it: true/);
  expect(stdout).toMatch(/likes \d+, dislikes 0/);
  expect(stdout).toMatch(/done → returned/);
  expect(stdout).toMatch(/rated satisfied/);
  expect(stdout).toMatch(/^Done:/m);
}, 90_000);
