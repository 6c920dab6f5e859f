// Screenshots of the main pages at phone (360 × 780) and desktop (1280 × 900) sizes, for the README
// (docs/screenshots/), each page also scanned by axe-core (every finding printed, not only serious). Starts its own portal as `npm start` does (fresh state in a temp dir, with
// the months of generated index activity), prepares a dossier through the API, and photographs
// each page in Vietnamese with the browser tests' Chromium (test/web/chromium.ts: the npm-packaged
// one, or CHROMIUM_PATH's).
//
//   npm run screenshots
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ViewportName } from '../test/web/browser';

process.env.LOG_LEVEL ??= 'ERROR';
const { REPO_ROOT, startRuntime } = await import('../local/runtime');
const stateDir = mkdtempSync(join(tmpdir(), 'dvc-shots-'));
const runtime = await startRuntime({ stateDir, port: 0, log: (l) => console.log(`[local] ${l}`) });
Object.assign(process.env, runtime.env, { DVC_BASE_URL: runtime.url });

const { signIn, api } = await import('../test/support/auth');
const { submitted, act, must } = await import('../test/support/dossiers');
const { axeScan, launchBrowser, newContext, signInThroughUi, VIEWPORTS } = await import('../test/web/browser');

const out = resolve(REPO_ROOT, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

// A dossier in the official's queue and one the official has moved on (a history to show).
const [citizen, official] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);
const waiting = await submitted(citizen);
const moving = await act(official, await submitted(citizen), { action: 'receive', note: 'Đã tiếp nhận' }, { action: 'start' });
const local = new Date(Date.now() + 7 * 3_600_000);
const m = local.getUTCFullYear() * 12 + local.getUTCMonth() - 1;
const lastMonth = `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
must(await api('GET', `/v1/indices?period=${lastMonth}&level=province`), 200, 'ranking');

interface Shot { name: string; path: string; as?: string }
const SHOTS: Shot[] = [
  { name: 'home', path: '/' },
  { name: 'procedure-search', path: '/thu-tuc?q=dang%20ky%20khai%20sinh' },
  { name: 'procedure', path: '/thu-tuc/1.001193' },
  { name: 'wizard', path: '/nop-ho-so/1.001266', as: 'citizen.demo' },
  { name: 'my-dossiers', path: '/ho-so', as: 'citizen.demo' },
  { name: 'dossier', path: `/ho-so/${moving.id}`, as: 'citizen.demo' },
  { name: 'tracking', path: `/tra-cuu?code=${encodeURIComponent(waiting.code)}` },
  { name: 'feedback', path: '/phan-anh' },
  { name: 'faq', path: '/hoi-dap?q=khai%20sinh' },
  { name: 'console-queue', path: '/can-bo', as: 'official.hanoi' },
  { name: 'console-dossier', path: `/can-bo/ho-so/${waiting.id}`, as: 'official.hanoi' },
  { name: 'index-ranking', path: `/chi-so?period=${lastMonth}&level=province` },
  { name: 'index-breakdown', path: `/chi-so/000.00.00.H26?period=${lastMonth}` },
  { name: 'statistics', path: `/thong-ke?period=${lastMonth}` },
];

let browser: Browser | undefined;
const axeFindings: string[] = [];
try {
  browser = await launchBrowser();
  for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
    // One tab per account: the session lives in the tab (sessionStorage), as it does for a user.
    const tabs = new Map<string, Page>();
    for (const shot of SHOTS) {
      const who = shot.as ?? 'anonymous';
      let page = tabs.get(who);
      if (!page) {
        page = await (await newContext(browser, viewport)).newPage();
        tabs.set(who, page);
        if (shot.as) await signInThroughUi(page, shot.as);
      }
      await page.goto(shot.path, { waitUntil: 'networkidle' });
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      // Charts draw after their data; give them their frame.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(500);
      const file = join(out, `${shot.name}-${viewport}.png`);
      await page.screenshot({ path: file });
      // The same page through axe-core (WCAG 2.0/2.1 A and AA): every finding, whatever its impact.
      const violations = await axeScan(page);
      for (const v of violations) axeFindings.push(`${shot.name} (${viewport}): ${v.impact} ${v.id} — ${v.help} (${v.nodes.length})`);
      console.log(`[shots] ${shot.name} (${viewport}) → ${file.slice(REPO_ROOT.length + 1)} · axe: ${violations.length ? violations.map((v) => `${v.impact} ${v.id}`).join(', ') : 'no violations'}`);
    }
    for (const page of tabs.values()) await page.context().close();
  }
  console.log(`[axe] ${SHOTS.length * Object.keys(VIEWPORTS).length} page views, ${axeFindings.length} violation(s)${axeFindings.length ? `:\n  ${axeFindings.join('\n  ')}` : ''}`);
} finally {
  await browser?.close();
  await runtime.stop();
  rmSync(stateDir, { recursive: true, force: true });
}
