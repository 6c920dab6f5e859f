// The public citizen pages in a real browser at phone size: procedure search (filters in the URL,
// the back button) and a procedure's page, tracking a real dossier (and the API's lateness), sending feedback and finding it
// in "my feedback", liking a published answer, the FAQ (seeded, through the real API); axe on each page.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { api, signIn } from '../support/auth';
import { CITIZEN_ID, HANOI_COMMUNE, must, PDF, PNG, submitted } from '../support/dossiers';
import { DESK_APPLICANT_ID, importDeskDossiers, lateDeskDossiers } from '../support/desk-dossiers';
import { axeScan, chooseAtVneidSandbox, describeViolations, launchBrowser, newContext, seriousViolations, signInThroughUi, watchErrors } from './browser';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const expectNoSeriousViolations = async (page: Page) => {
  const violations = await axeScan(page);
  expect(seriousViolations(violations), describeViolations(violations)).toEqual([]);
};
/** Waits as long as a loaded 2-core machine may need for an API round trip (vitest's default is 1 s). */
const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000, interval: 100 });
const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();

describe('procedures', () => {
  it('finds "Đăng ký khai sinh" without diacritics, narrows with filters kept in the URL, and opens its page', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/thu-tuc');
    await poll(() => heading(page)).toBe('Tra cứu thủ tục hành chính');
    await page.getByLabel('Tên hoặc mã thủ tục').fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\/thu-tuc\?q=dang\+ky\+khai\+sinh$/);
    const birth = page.getByRole('link', { name: 'Thủ tục đăng ký khai sinh', exact: true });
    await poll(() => birth.isVisible()).toBe(true);
    await poll(() => page.getByRole('status').filter({ hasText: 'thủ tục' }).textContent()).toMatch(/thủ tục/);
    await expectNoSeriousViolations(page);

    // A central-level filter leaves the commune-level birth registration out.
    await page.getByLabel('Cấp thực hiện').selectOption('central');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/level=central/);
    // The previous search's results stay on screen until the new ones arrive: wait for the new list, then its status.
    await poll(() => birth.count()).toBe(0);
    await poll(() => page.getByRole('status').filter({ hasText: /thủ tục/ }).textContent()).toMatch(/Không tìm thấy|Tìm thấy|Đang hiển thị/);
    expect(await birth.count()).toBe(0);
    // Back: the previous search, its results and its form.
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('level='));
    await poll(() => birth.isVisible()).toBe(true);
    expect(await page.getByLabel('Cấp thực hiện').inputValue()).toBe('');

    // Fully online, commune level: every result says so.
    await page.goto('/thu-tuc?online=full&level=commune');
    await poll(() => page.locator('.result').count()).toBeGreaterThan(0);
    const facts = await page.locator('.result dl').allTextContents();
    for (const f of facts) { expect(f).toContain('Toàn trình'); expect(f).toContain('Cấp Xã'); }
    expect(await page.getByLabel('Dịch vụ công trực tuyến').inputValue()).toBe('full');

    await page.goto('/thu-tuc?q=dang+ky+khai+sinh');
    await birth.click();
    await page.waitForURL('**/thu-tuc/1.001193');
    await poll(() => heading(page)).toBe('Thủ tục đăng ký khai sinh');
    const components = page.getByRole('region', { name: 'Thành phần hồ sơ' });
    await poll(() => components.textContent()).toContain('Giấy chứng sinh');
    expect(await components.textContent()).toContain('Bắt buộc');
    expect(await page.getByText('Thủ tục này không mất phí, lệ phí.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).getAttribute('href')).toBe('/nop-ho-so/1.001193');
    expect(await page.getByText('1 ngày làm việc').first().isVisible()).toBe(true);
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows fees in đồng, and where to go for a procedure not offered online', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await page.goto('/thu-tuc/3.000346');
    const fees = page.getByRole('table', { name: 'Phí, lệ phí' });
    await poll(() => fees.textContent()).toContain('135.000 đồng');
    expect(await fees.textContent()).toContain('Lệ phí cấp giấy phép lái xe');

    await page.goto('/thu-tuc/1.005090');
    await poll(() => page.getByText('chưa được nộp trực tuyến').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' }).count()).toBe(0);
    expect(await page.locator('.apply-box').getByText('Nộp trực tiếp tại Bộ phận Một cửa').isVisible()).toBe(true);
    // No horizontal scroll of the page at 360 px (wide tables scroll inside their box).
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);

    await page.goto('/thu-tuc/9.999999');
    await poll(() => heading(page)).toBe('Không tìm thấy thủ tục');
    await context.close();
  });
});

describe('public tracking', () => {
  it('tracks a real dossier with its code and the applicant\'s ID number, and refuses a wrong or malformed number', async () => {
    const dossier = await submitted(await signIn('citizen.demo'));
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    // As a notification e-mail links it: the code filled in.
    await page.goto(`/tra-cuu?code=${encodeURIComponent(dossier.code)}`);
    await poll(() => page.getByLabel('Mã hồ sơ').inputValue()).toBe(dossier.code);
    const idField = page.getByLabel('Số định danh cá nhân hoặc mã số doanh nghiệp');

    await idField.fill('12345');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('Số định danh cá nhân phải gồm đúng 12 chữ số');
    expect(await idField.getAttribute('aria-invalid')).toBe('true');
    await expectNoSeriousViolations(page);

    await idField.fill('001099099999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await poll(() => page.getByText('Không tìm thấy hồ sơ').isVisible()).toBe(true);
    expect(await page.getByRole('heading', { name: `Hồ sơ ${dossier.code}` }).count()).toBe(0);

    await idField.fill(CITIZEN_ID);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    const result = page.getByRole('heading', { name: `Hồ sơ ${dossier.code}` });
    await poll(() => result.isVisible()).toBe(true);
    const card = page.locator('section.card', { has: result });
    expect(await card.textContent()).toContain('Mới đăng ký');
    expect(await card.textContent()).toContain('Quá trình xử lý');
    expect(await page.getByText('Không tìm thấy hồ sơ').count()).toBe(0);
    await expectNoSeriousViolations(page);
    // The refused look-up is a 404 the browser logs as a failed resource; nothing else may fail.
    expect(errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await context.close();
  });
});

describe('public tracking: lateness', () => {
  it("shows the API's judgement: a dossier done on time after a pause, or withdrawn, is not late; a paused one says so", async () => {
    const { returnedOnTimeAfterPause, withdrawnAfterDue, pausedBeforeDue, processingPastDue } = lateDeskDossiers();
    await importDeskDossiers([returnedOnTimeAfterPause, withdrawnAfterDue, pausedBeforeDue, processingPastDue].map((c) => c.upsert));
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    const track = async ({ upsert }: { upsert: { code: string } }) => {
      await page.goto(`/tra-cuu?code=${encodeURIComponent(upsert.code)}`);
      await poll(() => page.getByLabel('Mã hồ sơ').inputValue()).toBe(upsert.code);
      await page.getByLabel('Số định danh cá nhân hoặc mã số doanh nghiệp').fill(DESK_APPLICANT_ID);
      await page.getByRole('button', { name: 'Tra cứu' }).click();
      const result = page.getByRole('heading', { name: `Hồ sơ ${upsert.code}` });
      await poll(() => result.isVisible()).toBe(true);
      return (await page.locator('section.card', { has: result }).textContent()) ?? '';
    };

    // Returned on 16/11 after the due date (12/11, moved by the pause) but done on 11/11: on time.
    const returned = await track(returnedOnTimeAfterPause);
    expect(returned).toContain('Đã trả kết quả');
    expect(returned).not.toMatch(/trễ hạn|Quá hạn/);
    expect(await track(withdrawnAfterDue)).not.toMatch(/trễ hạn|Quá hạn/);
    const paused = await track(pausedBeforeDue);
    expect(paused).toContain('tạm dừng trong khi chờ bổ sung');
    expect(paused).not.toMatch(/trễ hạn|Quá hạn/);
    expect(await track(processingPastDue)).toContain('Quá hạn');
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('feedback', () => {
  it('a citizen sends feedback through the form, sees its code and finds it in "my feedback"', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await signInThroughUi(page, 'citizen.demo', undefined, '/phan-anh/gui');
    await poll(() => heading(page)).toBe('Gửi phản ánh, kiến nghị');
    await expectNoSeriousViolations(page);

    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    const summary = page.locator('.error-summary');
    await poll(() => summary.textContent()).toContain('Chọn loại phản ánh, kiến nghị.');
    expect(await summary.textContent()).toContain('Nhập tiêu đề.');
    expect(await summary.textContent()).toContain('Nhập nội dung phản ánh, kiến nghị.');
    await expectNoSeriousViolations(page);

    const subject = `Thời gian chờ tại bộ phận một cửa ${randomUUID().slice(0, 8)}`;
    await page.getByLabel('Về thủ tục hành chính').check();
    await page.getByLabel('Tiêu đề').fill(subject);
    await page.getByLabel('Nội dung', { exact: true }).fill('Ngày 02/12 tôi chờ hơn hai giờ tại bộ phận một cửa phường Ba Đình để nộp hồ sơ khai sinh.');
    await page.getByLabel('Mã thủ tục liên quan').fill('1.001193');
    await page.getByLabel('Cơ quan liên quan').selectOption(HANOI_COMMUNE);
    // Evidence: a PNG renamed to .pdf is refused on the phone; a PDF and a photo are kept, a third
    // file removed again; both kept files are attached and verified once the feedback exists.
    const evidence = page.locator('#fb-evidence');
    await evidence.setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: PNG });
    await poll(() => page.locator('#fb-evidence-error').textContent()).toContain('không khớp với định dạng');
    await evidence.setInputFiles([
      { name: 'bien-nhan.pdf', mimeType: 'application/pdf', buffer: PDF },
      { name: 'hang-cho.png', mimeType: 'image/png', buffer: PNG },
      { name: 'thua.pdf', mimeType: 'application/pdf', buffer: PDF },
    ]);
    const chosen = page.getByRole('list', { name: 'Tệp sẽ gửi kèm' });
    await poll(() => chosen.getByRole('listitem').count()).toBe(3);
    await chosen.getByRole('button', { name: 'Bỏ tệp thua.pdf' }).click();
    await poll(() => chosen.getByRole('listitem').count()).toBe(2);
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    // On failure the page's text says why (an error summary, the API's refusal).
    await poll(async () => ((await heading(page)) === 'Đã gửi phản ánh, kiến nghị' ? 'sent' : page.locator('main').textContent())).toBe('sent');
    const code = /PAKN-\d{6}-\d{4}/.exec((await page.locator('.alert-success').textContent()) ?? '')?.[0];
    expect(code).toBeDefined();
    expect(await page.locator('.alert-warning').count()).toBe(0);
    const mine = must(await api('GET', '/v1/me/feedback?limit=20', { token: await signIn('citizen.demo') }), 200, 'mine')
      .items.find((f: { code: string }) => f.code === code) as { id: string; version: number; attachments: { fileName: string; status: string }[] };
    expect(mine.attachments.map((a) => `${a.fileName}:${a.status}`).sort()).toEqual(['bien-nhan.pdf:verified', 'hang-cho.png:verified']);

    await page.getByRole('link', { name: 'Phản ánh của tôi' }).click();
    await poll(() => heading(page)).toBe('Phản ánh của tôi');
    const row = page.getByRole('row').filter({ hasText: code! });
    await poll(() => row.textContent()).toContain(subject);
    expect(await row.textContent()).toContain('Đã gửi, chờ tiếp nhận');
    await expectNoSeriousViolations(page);
    // Its page: the sender sees it before publication.
    await row.getByRole('link', { name: subject }).click();
    await poll(() => heading(page)).toBe(subject);
    expect(await page.getByText('Chỉ bạn nhìn thấy trang này').isVisible()).toBe(true);
    const sentFiles = page.locator('.file-list li');
    await poll(() => sentFiles.allTextContents()).toEqual(['bien-nhan.pdf', 'hang-cho.png']);

    // The agency asks for more: the sender answers on the same page with one more photo, which is
    // attached before the answer goes (the feedback takes files only while it waits for it).
    const official = await signIn('official.hanoi');
    const accepted = must(await api('POST', `/v1/feedback/${mine.id}/actions`, { token: official, json: { action: 'accept', version: mine.version } }), 200, 'accept');
    must(await api('POST', `/v1/feedback/${mine.id}/actions`, { token: official, json: { action: 'request_info', version: accepted.version, note: 'Đề nghị gửi ảnh số thứ tự đã bốc.' } }), 200, 'request_info');
    await page.reload();
    await poll(() => page.getByRole('heading', { name: 'Bổ sung thông tin' }).isVisible()).toBe(true);
    await page.getByLabel('Thông tin bổ sung').fill('Gửi kèm ảnh phiếu số thứ tự 125.');
    await page.locator('#fb-evidence').setInputFiles({ name: 'so-thu-tu.png', mimeType: 'image/png', buffer: PNG });
    await poll(() => page.getByRole('list', { name: 'Tệp sẽ gửi kèm' }).getByRole('listitem').count()).toBe(1);
    await expectNoSeriousViolations(page);
    await page.getByRole('button', { name: 'Gửi', exact: true }).click();
    await poll(() => page.getByRole('heading', { name: 'Bổ sung thông tin' }).count()).toBe(0);
    await poll(() => sentFiles.allTextContents()).toEqual(['bien-nhan.pdf', 'hang-cho.png', 'so-thu-tu.png']);
    expect(await page.locator('.alert-warning').count()).toBe(0);
    const after = must(await api('GET', `/v1/agency/feedback/${mine.id}`, { token: official }), 200, 'after');
    expect(after.content).toContain('phiếu số thứ tự 125');
    expect(after.attachments.filter((a: { status: string }) => a.status === 'verified')).toHaveLength(3);
    await context.close();
  });

  it('a published answer is found by search, and a signed-in person likes it', async () => {
    const [citizen, official] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);
    const word = `kiemthu${randomUUID().slice(0, 6)}`;
    let f = must(await api('POST', '/v1/feedback', {
      token: citizen,
      json: { category: 'procedures', subject: `Hướng dẫn nộp phí ${word}`, content: 'Đề nghị hướng dẫn rõ cách nộp lệ phí trực tuyến cho thủ tục khai sinh.', agencyCode: HANOI_COMMUNE },
    }), 201, 'send');
    for (const [action, extra] of [['accept', {}], ['answer', { answer: 'Thủ tục đăng ký khai sinh đúng hạn được miễn lệ phí; không phải nộp phí trực tuyến.' }], ['publish', {}]] as const) {
      f = must(await api('POST', `/v1/feedback/${f.id}/actions`, { token: official, json: { action, version: f.version, ...extra } }), 200, action);
    }

    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/phan-anh');
    await page.getByRole('searchbox', { name: 'Tìm phản ánh, kiến nghị' }).fill(word);
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(new RegExp(`/phan-anh\\?q=${word}$`));
    const link = page.getByRole('link', { name: `Hướng dẫn nộp phí ${word}` });
    await poll(() => link.isVisible()).toBe(true);
    await expectNoSeriousViolations(page);
    await link.click();
    await poll(() => heading(page)).toBe(`Hướng dẫn nộp phí ${word}`);
    expect(await page.getByText('được miễn lệ phí').isVisible()).toBe(true);
    // Signed out: the counts and an invitation to sign in, no buttons.
    expect(await page.getByRole('button', { name: /Hài lòng/ }).count()).toBe(0);
    await page.getByRole('link', { name: /Đăng nhập để cho biết/ }).click();
    await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản định danh điện tử VNeID' }).click();
    await chooseAtVneidSandbox(page, '001099012345');
    await page.waitForURL(`**/phan-anh/${f.id}`);
    const like = page.getByRole('button', { name: /^Hài lòng/ });
    await like.click();
    await poll(() => page.getByRole('status').filter({ hasText: 'Đã ghi nhận' }).isVisible()).toBe(true);
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    expect(await like.textContent()).toContain('(1)');
    expect((await api('GET', `/v1/feedback/${f.id}`)).body.likes).toBe(1);
    await page.goto('/phan-anh/khong-co');
    await poll(() => heading(page)).toBe('Không tìm thấy phản ánh');
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('FAQ', () => {
  const BIRTH_QUESTION = 'Đăng ký khai sinh trực tuyến cần những giấy tờ gì?';

  it('searches the seeded questions without diacritics and opens an answer', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/hoi-dap');
    await poll(() => heading(page)).toBe('Hỏi đáp');
    // The seed holds more than a page: the first 20, and "load more".
    await poll(() => page.locator('.faq').count()).toBe(20);
    await poll(() => page.getByRole('status').filter({ hasText: 'câu hỏi' }).textContent()).toMatch(/^Đang hiển thị 20 câu hỏi đầu tiên/);
    await page.getByRole('searchbox', { name: 'Tìm câu hỏi' }).fill('dang ky khai sinh');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(/\/hoi-dap\?q=dang\+ky\+khai\+sinh$/);
    await poll(() => page.getByRole('status').filter({ hasText: 'câu hỏi' }).textContent()).toMatch(/^\d+ câu hỏi\.$/);
    const count = await page.locator('.faq').count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(20);
    // Best match first: a question holding the whole phrase.
    expect(await page.locator('.faq-question').first().textContent()).toMatch(/[Đđ]ăng ký khai sinh/);
    const answer = page.getByText('Cần Giấy chứng sinh (bản điện tử hoặc bản chụp)');
    expect(await answer.isVisible()).toBe(false);
    await page.getByText(BIRTH_QUESTION).click();
    await poll(() => answer.isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Thủ tục 1.001193' }).first().getAttribute('href')).toBe('/thu-tuc/1.001193');
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a procedure\'s questions on its page, and all of them on the FAQ page filtered by it', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto('/thu-tuc/1.001193');
    await poll(() => heading(page)).toBe('Thủ tục đăng ký khai sinh');
    const faq = page.getByRole('region', { name: 'Câu hỏi thường gặp' });
    await poll(() => faq.textContent()).toContain(BIRTH_QUESTION);
    const onPage = await faq.locator('.faq').count();
    await page.getByRole('link', { name: 'Hỏi đáp về thủ tục này' }).click();
    await page.waitForURL('**/hoi-dap?procedure=1.001193');
    await poll(() => page.getByText('Câu hỏi về thủ tục 1.001193.').isVisible()).toBe(true);
    await poll(() => page.locator('.faq').count()).toBe(onPage);
    expect(await page.getByText(BIRTH_QUESTION).isVisible()).toBe(true);
    await expectNoSeriousViolations(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
