// The API reference (/tai-lieu-api/, Redoc rendering GET /v1/openapi.json) in a real browser, under
// its own CSP: it renders the portal's document with no console error (a CSP violation is one) and
// no request leaving the origin, passes axe, fits a phone, and the portal's footer leads to it
// with a full page load (the app does not route it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiReferenceContentSecurityPolicy } from '../../shared/web/security-headers';
import { API_REFERENCE_PATH } from '../../shared/web/spa';
import { axeScan, baseUrl, describeViolations, launchBrowser, newContext, seriousViolations, VIEWPORTS, watchErrors } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** Every request the page makes to another origin (data: URLs are the page's own). */
const watchOtherOrigins = (page: Page): string[] => {
  const origin = new URL(baseUrl()).origin;
  const others: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith('data:') && new URL(url).origin !== origin) others.push(url);
  });
  return others;
};

/** The reference's title heading, once Redoc has read the document. */
const title = (page: Page) => page.getByRole('heading', { level: 1, name: /dvc-portal API/ });

describe('the API reference', () => {
  it('renders the portal\'s OpenAPI document under its own CSP, with no error, nothing fetched elsewhere and no axe violations', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);
    const others = watchOtherOrigins(page);
    const res = await page.goto(`${API_REFERENCE_PATH}/`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toBe(apiReferenceContentSecurityPolicy());
    await title(page).waitFor();
    // Operations of several capabilities, read from /v1/openapi.json.
    await expect.poll(() => page.getByText('/v1/openapi.json').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('/v1/procedures').first().isVisible()).toBe(true);
    // Its search works (the index is built in the page: no worker or eval the CSP would refuse).
    await page.getByText(/^Search/).first().click();
    await page.keyboard.type('feedback');
    await expect.poll(() => page.getByText('/v1/me/feedback').first().isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    const violations = await axeScan(page);
    expect(seriousViolations(violations), describeViolations(violations)).toEqual([]);
    expect(errors).toEqual([]);
    expect(others).toEqual([]);
    await context.close();
  });

  it('fits a phone without sideways scrolling', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(API_REFERENCE_PATH);
    await title(page).waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth))
      .toBeLessThanOrEqual(VIEWPORTS.phone.width);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is linked from the portal\'s footer, and the link loads it rather than the app\'s "not found" page', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.getByRole('link', { name: 'Tài liệu API (cho nhà phát triển)' }).click();
    await page.waitForURL(`**${API_REFERENCE_PATH}/`);
    await title(page).waitFor();
    expect(await page.title()).toContain('API reference');
    await page.goBack();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dịch vụ công trực tuyến');
    expect(errors).toEqual([]);
    await context.close();
  });
});
