// The shell in a real browser: the home page served at `/` by the local runtime, the language
// switch, sign-in with a demo account and sign-out, page paths served by the SPA, and axe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeScan, describeViolations, launchBrowser, newContext, seriousViolations, signInThroughUi, watchErrors } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe('the web shell', () => {
  it('serves the home page in Vietnamese with a search that leads to procedures, and no axe violations', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dịch vụ công trực tuyến');
    expect(await page.title()).toContain('Cổng Dịch vụ công quốc gia');
    const violations = await axeScan(page);
    expect(seriousViolations(violations), describeViolations(violations)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to English and remembers it', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Online public services');
    // The page sets <html lang> in an effect after the render: wait for it as for the heading.
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Online public services');
    await context.close();
  });

  it('offers citizens VNeID only, the password form only as the officials\' sign-in, and refuses a wrong password', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto('/dang-nhap');
    await expect.poll(() => page.getByRole('button', { name: 'Đăng nhập bằng tài khoản định danh điện tử VNeID' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Mật khẩu').count()).toBe(0);
    await page.getByRole('link', { name: 'Đăng nhập dành cho cán bộ' }).click();
    await page.waitForURL('**/dang-nhap/can-bo');
    await page.getByLabel('Tên đăng nhập').fill('official.hanoi');
    await page.getByLabel('Mật khẩu').fill('wrong-password');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('không đúng');
    // A citizen has no password: the officials' form refuses citizen.demo's account whatever is typed.
    await page.getByLabel('Tên đăng nhập').fill('vneid-001099012345');
    await page.getByLabel('Mật khẩu').fill('Demo@2026!');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toContain('không đúng');
    const violations = await axeScan(page);
    expect(seriousViolations(violations), describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('signs a demo citizen in through VNeID (the sandbox\'s pages) and out', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await signInThroughUi(page, 'citizen.demo', undefined, '/');
    // Signed in as the person chosen at VNeID (the header shows the name from wider screens on).
    await expect.poll(() => page.getByText('Đã đăng nhập: Nguyễn Văn An').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Đăng xuất' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Đăng nhập' }).isVisible()).toBe(true);
    await context.close();
  });

  it('answers page paths with the app and a missing asset with 404', async () => {
    const page = await (await newContext(browser)).newPage();
    const res = await page.goto('/trang-khong-co');
    expect(res?.status()).toBe(200);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Không tìm thấy trang');
    const asset = await page.request.get('/assets/khong-co.js');
    expect(asset.status()).toBe(404);
    await page.context().close();
  });
});
