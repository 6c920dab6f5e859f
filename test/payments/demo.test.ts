// The README's payment walkthrough (`npm run demo:payment -- --auto`) runs as written against the
// local runtime: the order is paid on the sandbox page, the callback confirms it, and the receipt is
// downloaded as JSON and PDF.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';

// The script saves the receipt PDF in its working directory.
const cwd = mkdtempSync(join(tmpdir(), 'demo-payment-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

it('npm run demo:payment -- --auto: ordered, paid through the sandbox, dossier back in processing, receipt saved', async () => {
  const { stdout } = await promisify(execFile)(resolve('node_modules/.bin/tsx'), [resolve('scripts/demo-payment.ts'), '--auto'], {
    cwd, env: { ...process.env, PORTAL_URL: process.env.DVC_BASE_URL }, timeout: 90_000,
  });
  expect(stdout).toMatch(/→ status payment_required/);
  expect(stdout).toMatch(/→ order [0-9a-f-]+: 7\.000\s₫ into /);
  expect(stdout).toMatch(/→ the sandbox answered 30\d/);
  expect(stdout).toMatch(/→ order paid, receipt \S+/);
  expect(stdout).toMatch(/is processing again \(confirm_payment by the system\)/);
  const saved = readdirSync(cwd).filter((f) => /^bien-lai-.+\.pdf$/.test(f));
  expect(saved).toHaveLength(1);
  expect(stdout).toContain(`saved ${saved[0]}`);
  expect(readFileSync(join(cwd, saved[0]!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}, 120_000);
