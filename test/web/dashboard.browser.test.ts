// The public dashboard in a real browser, without signing in: the index ranking (chart and table,
// the choice kept in the address), one agency's breakdown with every indicator, the statistics, and
// axe on each page at phone and desktop sizes. Data: last month and the running month recomputed
// (stored: final, provisional) by the admin through the API, and a dossier this file files in the
// running month at a commune of its own (test/support/namespace.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeScan, describeViolations, launchBrowser, newContext, seriousViolations, watchErrors, type ViewportName } from './browser';
import { Statistics } from '../../shared/contracts/evaluation';
import { api, signIn } from '../support/auth';
import { expectBody } from '../support/body';
import { submitted } from '../support/dossiers';
import { recomputeIndex } from '../support/evaluation';
import { fileNamespace } from '../support/namespace';
import { DEFINITIONS } from '../../web/src/dashboard/definitions';

const ns = fileNamespace(import.meta.url);
/** A Hà Nội commune of this file's own: this file's dossier goes there. */
const COMMUNE = ns.agency();
/** A past year of this file's own: nobody stores the index of its periods. */
const YEAR = ns.year();
const HANOI = '000.00.00.H26';

const localMonth = (shift = 0) => {
  const local = new Date(Date.now() + 7 * 3_600_000);
  const m = local.getUTCFullYear() * 12 + local.getUTCMonth() + shift;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
};
const LAST_MONTH = localMonth(-1);
const THIS_MONTH = localMonth();

let browser: Browser;

/** Waits for what the page shows. */
const poll = <T,>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000 });

beforeAll(async () => {
  const [admin, citizen] = await Promise.all([signIn('admin.demo'), signIn('citizen.demo')]);
  // Last month's results, stored as the monthly job would (the test runtime seeds no history).
  await recomputeIndex(admin, LAST_MONTH);
  await submitted(citizen, { agencyCode: COMMUNE });
  // The counters follow the dossier through the stream and a queue; the running month's provisional
  // results and statistics, as the refresh would store them, once they count it.
  for (const until = Date.now() + 120_000; ;) {
    await recomputeIndex(admin, THIS_MONTH);
    const stats = expectBody(await api('GET', `/v1/statistics?period=${THIS_MONTH}&agency=${COMMUNE}`), 200, Statistics, 'statistics');
    if (stats.dossiers >= 1) break;
    if (Date.now() > until) throw new Error(`the commune's statistics never counted the dossier: ${JSON.stringify(stats)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  browser = await launchBrowser();
});
afterAll(async () => { await browser?.close(); });

/** The ranking table's rows as rank, agency and total. */
const rankingRows = (page: Page) => page.locator('table.dash-table tbody tr').evaluateAll((rows) => rows.map((r) => {
  const cells = (r as unknown as { querySelectorAll(s: string): { textContent: string | null }[] }).querySelectorAll('td, th');
  const text = (i: number) => (cells[i]?.textContent ?? '').trim();
  return { rank: text(0), agency: text(1), total: text(2) };
}));

/** A Vietnamese decimal ("84,25") as a number. */
const vnNumber = (s: string) => Number(s.replace(/\./g, '').replace(',', '.'));

const expectNoSeriousViolations = async (page: Page, what: string) => {
  const violations = await axeScan(page);
  expect(seriousViolations(violations), `${what}\n${describeViolations(violations)}`).toEqual([]);
};

/** The page fits the window: nothing but tables (which scroll inside their frame) is wider. */
const horizontalOverflow = (page: Page) => page.evaluate(() => {
  const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
  return d.documentElement.scrollWidth - d.documentElement.clientWidth;
});

describe('the public dashboard', () => {
  it('ranks the provinces by total in a chart and a table, and keeps the level and period in the address', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);

    // Without parameters: last month, provinces.
    await page.goto('/chi-so');
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Chỉ số phục vụ người dân, doanh nghiệp');
    await poll(() => page.getByLabel('Tháng', { exact: true }).inputValue()).toBe(LAST_MONTH);
    expect(await page.getByLabel('Cấp đánh giá').inputValue()).toBe('province');
    await poll(() => page.locator('table.dash-table caption').first().textContent()).toContain('Tỉnh, thành phố');
    // Stored results of an ended month are final.
    await poll(() => page.getByText(/Kết quả chính thức tháng/).count()).toBe(1);

    const rows = await rankingRows(page);
    expect(rows).toHaveLength(34);
    expect(rows[0]!.rank).toBe('1');
    const totals = rows.map((r) => vnNumber(r.total));
    expect(totals.every((n) => Number.isFinite(n))).toBe(true);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    // The chart: an image with a summary, all 34 bars on a desktop, and its colour key.
    const chart = page.locator('canvas[role="img"]');
    await poll(() => chart.getAttribute('aria-label')).toContain('34 đơn vị');
    expect(await page.getByRole('list', { name: 'Chú giải màu theo xếp loại' }).count()).toBe(1);
    // Group columns name their groups.
    expect(await page.locator('thead abbr[title="Công khai, minh bạch"]').count()).toBe(1);

    // Switching the level: the address and the table follow.
    await page.getByLabel('Cấp đánh giá').selectOption('central');
    await page.waitForURL((url) => url.searchParams.get('level') === 'central' && url.searchParams.get('period') === LAST_MONTH);
    await poll(() => page.locator('table.dash-table caption').first().textContent()).toContain('Bộ, ngành');
    await poll(async () => (await rankingRows(page)).length).toBe(17);

    // Switching the period to the running month: provisional.
    await page.getByLabel('Tháng', { exact: true }).selectOption(THIS_MONTH);
    await page.waitForURL((url) => url.searchParams.get('period') === THIS_MONTH && url.searchParams.get('level') === 'central');
    await poll(() => page.getByText('Số liệu tạm tính').count()).toBe(1);
    await poll(async () => (await rankingRows(page)).length).toBe(17);

    // Back returns to the previous choice.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('period') === LAST_MONTH);
    await poll(() => page.getByLabel('Tháng', { exact: true }).inputValue()).toBe(LAST_MONTH);

    // Communes: a province first, then its communes.
    await page.getByLabel('Cấp đánh giá').selectOption('commune');
    await poll(() => page.getByText('Chọn tỉnh, thành phố để xem xếp hạng các xã, phường.').count()).toBe(1);
    await page.getByLabel('Tỉnh, thành phố', { exact: true }).selectOption(HANOI);
    await page.waitForURL((url) => url.searchParams.get('province') === HANOI && url.searchParams.get('level') === 'commune');
    await poll(() => page.locator('table.dash-table caption').first().textContent()).toContain('Hà Nội');
    expect((await rankingRows(page)).length).toBeGreaterThan(10);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when a period has not started, has no stored results, or the address is wrong', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto('/chi-so?period=2099-01');
    await poll(() => page.getByText('Kỳ chưa bắt đầu').count()).toBe(1);
    expect(await page.locator('table.dash-table').count()).toBe(0);
    await page.goto('/chi-so?period=2026-13');
    await poll(() => page.getByText(/không hợp lệ/).count()).toBe(1);
    await page.goto(`/chi-so/000.00.00.X99?period=${LAST_MONTH}`);
    await poll(() => page.getByText('Không tìm thấy cơ quan').count()).toBe(1);
    // An ended period nobody scored (the API answers 404 PERIOD_NOT_COMPUTED), ranking and breakdown.
    await page.goto(`/chi-so?period=${YEAR}-07&level=province`);
    await poll(() => page.getByText('Chưa có kết quả chấm điểm nào được lưu', { exact: false }).count()).toBe(1);
    await page.goto(`/chi-so/${HANOI}?period=${YEAR}-07`);
    await poll(() => page.getByText('Chưa có kết quả chấm điểm nào được lưu', { exact: false }).count()).toBe(1);
    expect(await page.getByText('Không tìm thấy cơ quan').count()).toBe(0);
    await context.close();
  });

  it("opens a province's breakdown with its groups and every indicator, and links to its statistics", async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/chi-so?period=${LAST_MONTH}&level=province`);
    const first = page.locator('table.dash-table tbody tr').first().getByRole('link');
    const name = (await first.textContent())!.trim();
    await first.click();
    await page.waitForURL((url) => url.pathname.startsWith('/chi-so/') && url.searchParams.get('period') === LAST_MONTH);
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    await poll(() => page.locator('tr[data-indicator]').count()).toBe(DEFINITIONS[0]!.indicators.length);
    expect(await page.title()).toContain(name);
    const codes = await page.locator('tr[data-indicator]').evaluateAll((rows) => rows.map((r) => (r as unknown as { dataset: { indicator: string } }).dataset.indicator));
    expect(codes).toEqual(DEFINITIONS[0]!.indicators.map((i) => i.code));
    // Unmeasured indicators say why they do not count.
    await poll(() => page.locator('tr[data-indicator="4.3"]').textContent()).toContain('Cổng chưa đo được chỉ số này');
    await poll(() => page.locator('tr[data-indicator="2.2"]').textContent()).toContain('không tính điểm');
    // Groups: a chart and a table of the six groups against their maxima.
    expect(await page.locator('canvas[role="img"]').count()).toBe(1);
    await poll(() => page.getByRole('table', { name: /Điểm theo nhóm chỉ số/ }).locator('tbody tr').count()).toBe(6);

    await page.getByRole('link', { name: 'Xem thống kê hồ sơ' }).click();
    await page.waitForURL((url) => url.pathname === '/thong-ke' && url.searchParams.get('period') === LAST_MONTH && Boolean(url.searchParams.get('agency')));
    await poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Thống kê giải quyết hồ sơ');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows the statistics of a commune and of its province: figures, charts and tables', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`/thong-ke?period=${THIS_MONTH}&agency=${COMMUNE}`);
    await poll(() => page.locator('[data-figure="dossiers"] .dash-figure-value').textContent()).toMatch(/^[1-9]/);
    // The scope pickers show the province and the commune.
    await poll(() => page.getByLabel('Phạm vi').inputValue()).toBe(HANOI);
    await poll(() => page.getByLabel('Đơn vị trực thuộc').inputValue()).toBe(COMMUNE);
    await poll(() => page.getByRole('table', { name: 'Hồ sơ theo tình trạng' }).textContent()).toContain('Mới đăng ký');
    expect(await page.getByRole('table', { name: 'Hồ sơ theo kênh nộp' }).textContent()).toContain('Trực tuyến');
    expect(await page.getByRole('table', { name: /Số hồ sơ theo thủ tục/ }).locator('tbody tr').count()).toBeGreaterThanOrEqual(1);
    await poll(() => page.locator('canvas[role="img"]').count()).toBe(3);
    expect(await page.getByText('Số liệu tạm tính').count()).toBe(1);

    // The whole province, then the whole country.
    await page.getByLabel('Đơn vị trực thuộc').selectOption('');
    await page.waitForURL((url) => url.searchParams.get('agency') === HANOI);
    await poll(() => page.getByRole('heading', { level: 2, name: /^UBND Thành phố Hà Nội — / }).count()).toBe(1);
    await page.getByLabel('Phạm vi').selectOption('');
    await page.waitForURL((url) => !url.searchParams.get('agency'));
    await poll(() => page.getByRole('heading', { level: 2, name: /Cả nước/ }).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`passes axe on the three pages at ${viewport} size, without sideways scrolling`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      const errors = watchErrors(page);

      await page.goto(`/chi-so?period=${LAST_MONTH}`);
      await poll(() => page.locator('canvas[role="img"]').count()).toBe(1);
      if (viewport === 'phone') await poll(() => page.getByText(/Biểu đồ hiển thị 10 đơn vị đứng đầu/).count()).toBe(1);
      await expectNoSeriousViolations(page, 'ranking');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await page.goto(`/chi-so/${HANOI}?period=${LAST_MONTH}`);
      await poll(() => page.locator('tr[data-indicator]').count()).toBeGreaterThan(20);
      await expectNoSeriousViolations(page, 'breakdown');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await page.goto(`/thong-ke?period=${THIS_MONTH}&agency=${HANOI}`);
      await poll(() => page.locator('[data-figure="dossiers"]').count()).toBe(1);
      await expectNoSeriousViolations(page, 'statistics');
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
