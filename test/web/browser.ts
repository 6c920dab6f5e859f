// Browser tests' harness: the npm-packaged Chromium (test/web/chromium.ts) driven by playwright-core,
// pages of the local runtime at phone and desktop sizes, sign-in through the UI, and axe-core's
// WCAG 2.1 A/AA scan.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD, demoAccount } from '../../local/seed/accounts';
import { chromiumLaunch } from './chromium';

const require = createRequire(import.meta.url);

export const VIEWPORTS = {
  phone: { width: 360, height: 780 },
  desktop: { width: 1280, height: 900 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export const baseUrl = () => {
  const url = process.env.DVC_BASE_URL;
  if (!url) throw new Error('DVC_BASE_URL is not set: the browser tests run against the test runtime');
  return url;
};

/** Headless Chromium: the executable, flags and environment test/web/chromium.ts decides. */
export const launchBrowser = async (): Promise<Browser> => chromium.launch(await chromiumLaunch());

export const newContext = (browser: Browser, viewport: ViewportName = 'desktop'): Promise<BrowserContext> =>
  browser.newContext({
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    baseURL: baseUrl(),
  });

/** Collects what the page reports as broken: uncaught errors and console errors. */
export const watchErrors = (page: Page): string[] => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  return errors;
};

/**
 * At the VNeID sandbox's pages (the browser is there): chooses the seeded person or organisation
 * `key` (ID number or enterprise code) and agrees to share, as a person would.
 */
export const chooseAtVneidSandbox = async (page: Page, key: string) => {
  await page.locator(`#tk-${key}`).check();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Đồng ý chia sẻ thông tin' }).click();
};

/**
 * Signs in through the sign-in pages and waits until the app has left them: citizen.demo and
 * business.demo with the VNeID button and the sandbox's pages, officials and admins with the
 * officials' password form.
 */
export const signInThroughUi = async (page: Page, username: string, password = DEMO_PASSWORD, next?: string) => {
  const query = next ? `?next=${encodeURIComponent(next)}` : '';
  const vneidKey = demoAccount(username)?.vneidLoginHint;
  if (vneidKey) {
    await page.goto(`/dang-nhap${query}`);
    await page.getByRole('button', { name: /VNeID/ }).click();
    await chooseAtVneidSandbox(page, vneidKey);
  } else {
    await page.goto(`/dang-nhap/can-bo${query}`);
    await page.getByLabel(/Tên đăng nhập|Username/).fill(username);
    await page.getByLabel(/Mật khẩu|Password/).fill(password);
    await page.getByRole('button', { name: /^(Đăng nhập|Sign in)$/ }).click();
  }
  await page.waitForURL((url) => url.origin === new URL(baseUrl()).origin && !url.pathname.startsWith('/dang-nhap'));
};

let axeCode: string | undefined;
const axeSource = () => (axeCode ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }

/** axe-core's scan of the current page against WCAG 2.0/2.1 A and AA. */
export const axeScan = async (page: Page): Promise<AxeViolation[]> => {
  // The callbacks below run in the page (this file is compiled without the DOM library).
  const loaded = await page.evaluate(() => typeof (globalThis as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated through the DevTools protocol: the page's own CSP (script-src 'self') stays in force.
  if (!loaded) await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
};

/** The violations a test fails on: serious and critical (minor and moderate are reported, not fatal). */
export const seriousViolations = (violations: AxeViolation[]) => violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

export const describeViolations = (violations: AxeViolation[]) =>
  violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`).join('\n');
