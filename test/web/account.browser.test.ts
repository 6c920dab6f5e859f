// The applicant's own pages in a real browser at phone size, as citizen.demo: the submission wizard
// to the receipt (a form prefilled from the population database too; and what a level-1 e-ID
// account sees instead of the submit button), my dossiers, a dossier's timeline, paying fees through the sandbox provider,
// answering a supplement request, withdrawing and rating. Data the UI under test does not create
// is prepared through the API (officials' actions), and each test works on its own dossiers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeScan, describeViolations, launchBrowser, newContext, seriousViolations, watchErrors } from './browser';
import { craftToken, signIn } from '../support/auth';
import { act, completeDraft, HANOI_COMMUNE, PDF, PNG, PROCEDURE, procedure, sampleForm, submitted } from '../support/dossiers';
import { awaitingPayment } from '../support/payments';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let citizen: string;
let official: string;

beforeAll(async () => {
  [browser, citizen, official] = await Promise.all([launchBrowser(), signIn('citizen.demo'), signIn('official.hanoi')]);
  context = await newContext(browser, 'phone');
  page = await context.newPage();
  errors = watchErrors(page);
  // The journey starts at the VNeID sandbox, as a citizen's does: the portal's sign-in page, the
  // sandbox's choose and consent pages (each axe-clean at phone size, without sideways scrolling),
  // then back on the portal, signed in.
  await page.goto(`/dang-nhap?next=${encodeURIComponent('/ho-so')}`);
  await noSeriousViolations('sign-in page');
  await page.getByRole('button', { name: 'Đăng nhập bằng tài khoản định danh điện tử VNeID' }).click();
  await page.locator('#tk-001099012345').waitFor();
  await noSeriousViolations('VNeID sandbox: choose an account');
  expect(await noHorizontalScroll()).toBe(true);
  await page.locator('#tk-001099012345').check();
  await page.getByRole('button', { name: 'Tiếp tục' }).click();
  await page.getByRole('button', { name: 'Đồng ý chia sẻ thông tin' }).waitFor();
  await noSeriousViolations('VNeID sandbox: consent');
  expect(await noHorizontalScroll()).toBe(true);
  await page.getByRole('button', { name: 'Đồng ý chia sẻ thông tin' }).click();
  await page.waitForURL((url) => url.pathname === '/ho-so');
});
afterAll(async () => { await browser?.close(); });

/** Network, upload and verification take seconds on a busy machine: poll longer than vitest's 1 s default. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 20_000, interval: 200 });

const noSeriousViolations = async (where: string) => {
  const violations = await axeScan(page);
  expect(seriousViolations(violations), `${where}: ${describeViolations(violations)}`).toEqual([]);
};
const heading = () => page.getByRole('heading', { level: 1 }).textContent();
// Against the context's viewport, not window.innerWidth: a phone (isMobile) widens its layout
// viewport to content that sticks out, so innerWidth grows with the overflow it should reveal.
const noHorizontalScroll = async () => (await page.evaluate(() => document.documentElement.scrollWidth)) <= page.viewportSize()!.width;
const pdfFile = (name = 'to-khai.pdf') => ({ name, mimeType: 'application/pdf', buffer: PDF });

describe('the submission wizard', () => {
  it('takes a citizen from the agency to the receipt with the dossier code, with errors shown and no axe violations', async () => {
    const definition = await procedure(PROCEDURE);
    await page.goto(`/nop-ho-so/${PROCEDURE}`);
    await poll(heading).toContain('Nộp hồ sơ trực tuyến');
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toBe('Cơ quan tiếp nhận');

    // (a) agency: nothing chosen is an error in the summary
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('Vui lòng chọn Tỉnh, thành phố.');
    await page.getByLabel('Tỉnh, thành phố').selectOption('000.00.00.H26');
    await page.getByLabel('Cơ quan tiếp nhận').selectOption(HANOI_COMMUNE);
    await noSeriousViolations('wizard: agency');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (b) the form: required fields and a wrong ID number, in Vietnamese, linked from the summary
    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Tờ khai');
    await page.locator('#form-ownerIdNumber').fill('12345');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    const summary = page.locator('.error-summary');
    await poll(() => summary.textContent()).toContain('Vui lòng nhập Tên hộ kinh doanh.');
    expect(await summary.textContent()).toContain('Số định danh cá nhân của chủ hộ kinh doanh phải gồm đúng 12 chữ số.');
    expect(await page.locator('#form-ownerIdNumber').getAttribute('aria-invalid')).toBe('true');
    await noSeriousViolations('wizard: form with errors');
    for (const [name, value] of Object.entries(sampleForm(definition.form.fields))) {
      const input = page.locator(`#form-${name}`);
      if (await input.evaluate((el) => el.tagName === 'SELECT')) await input.selectOption(String(value));
      else await input.fill(String(value));
    }
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (c) delivery and contact
    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Nhận kết quả và liên hệ');
    await page.getByLabel('Nhận qua dịch vụ bưu chính').check();
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await poll(() => summary.textContent()).toContain('Vui lòng nhập Họ và tên người nhận.');
    await page.getByLabel('Nhận trực tuyến trên Cổng').check();
    await page.getByLabel('Thư điện tử nhận thông báo').fill('an.nguyen@example.vn');
    await noSeriousViolations('wizard: delivery');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (d) documents: a renamed file is refused before upload; a PDF uploads and is verified
    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Giấy tờ kèm theo');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await poll(() => summary.textContent()).toContain('Vui lòng tải lên giấy tờ');
    await page.locator('#file-TP01').setInputFiles({ name: 'anh.pdf', mimeType: 'application/pdf', buffer: PNG });
    await poll(() => page.locator('.upload').first().textContent()).toContain('không khớp với định dạng');
    await page.locator('#file-TP01').setInputFiles(pdfFile());
    await poll(() => page.getByRole('list', { name: 'Tệp đã tải lên cho TP01' }).textContent()).toContain('Hợp lệ');
    // A reload (a phone that dropped the page) resumes on the same draft with its file
    await page.reload();
    await poll(() => page.getByRole('list', { name: 'Tệp đã tải lên cho TP01' }).textContent()).toContain('to-khai.pdf');
    expect(await page.locator('.steps [aria-current="step"]').textContent()).toBe('Giấy tờ kèm theo');
    expect(await noHorizontalScroll()).toBe(true);
    await noSeriousViolations('wizard: documents');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    // (e) review, (f) submit: the declaration is required
    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Kiểm tra và nộp');
    expect(await page.locator('main').textContent()).toContain('to-khai.pdf');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await poll(() => summary.textContent()).toContain('Vui lòng đánh dấu cam đoan');
    await noSeriousViolations('wizard: review');
    await page.getByLabel(/Tôi xin cam đoan/).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();

    await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}\/bien-nhan$/);
    await poll(heading).toBe('Biên nhận nộp hồ sơ');
    const code = (await page.getByTestId('dossier-code').textContent())!.trim();
    expect(code).toMatch(new RegExp(`^${HANOI_COMMUNE.replace(/\./g, '\\.')}-\\d{6}-\\d{4}$`));
    expect(await page.locator('main').textContent()).toContain('Mới đăng ký');
    // Right after submission the slip is the portal's acknowledgement (not the receipt slip, Mẫu 01).
    const slipButton = page.getByRole('button', { name: 'Tải phiếu (PDF): Xác nhận nộp hồ sơ trực tuyến' });
    await poll(() => slipButton.isVisible()).toBe(true);
    const [slip] = await Promise.all([page.waitForEvent('download'), slipButton.click()]);
    expect(slip.suggestedFilename()).toBe(`xac-nhan-nop-ho-so-${code}.pdf`);
    expect(await noHorizontalScroll()).toBe(true);
    await noSeriousViolations('receipt');

    // My dossiers lists it; its page shows the timeline
    await page.goto('/ho-so');
    await poll(heading).toBe('Hồ sơ của tôi');
    const link = page.getByRole('link', { name: code });
    await poll(() => link.isVisible()).toBe(true);
    expect(await noHorizontalScroll()).toBe(true);
    await noSeriousViolations('my dossiers');
    await page.getByLabel('Trạng thái').selectOption('withdrawn');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/status=withdrawn/);
    await poll(() => page.getByRole('link', { name: code }).count()).toBe(0);
    await page.goto('/ho-so');
    await page.getByRole('link', { name: code }).click();
    await poll(heading).toContain(code);
    const timeline = page.locator('.timeline');
    await poll(() => timeline.textContent()).toContain('Mới đăng ký');
    expect(await page.getByRole('heading', { name: 'Quá trình xử lý' }).isVisible()).toBe(true);
    await poll(() => page.getByTestId('slips').textContent()).toContain('Xác nhận nộp hồ sơ trực tuyến');
    expect(await noHorizontalScroll()).toBe(true);
    await noSeriousViolations('dossier page');
    expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  }, 180_000); // the whole wizard with six axe scans: generous on a busy 2-core machine

  it("fills the requester's fields from the population database, read-only and labelled, and submits them", async () => {
    const BIRTH = '1.001193';
    const locked = ['requesterFullName', 'requesterIdNumber', 'requesterAddress'];
    const definition = await procedure(BIRTH);
    await page.goto(`/nop-ho-so/${BIRTH}`);
    await poll(heading).toContain('Nộp hồ sơ trực tuyến');
    await page.getByLabel('Tỉnh, thành phố').selectOption('000.00.00.H26');
    await page.getByLabel('Cơ quan tiếp nhận').selectOption(HANOI_COMMUNE);
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Tờ khai');
    const name = page.locator('#form-requesterFullName');
    await poll(() => name.inputValue()).toBe('Nguyễn Văn An');
    for (const field of locked) {
      const input = page.locator(`#form-${field}`);
      expect(await input.getAttribute('readonly'), field).not.toBeNull();
      expect(await page.locator(`#form-${field}-hint`).textContent(), field).toBe('Từ Cơ sở dữ liệu quốc gia về dân cư');
    }
    expect(await page.locator('#form-requesterIdNumber').inputValue()).toBe('001099012345');
    expect(await noHorizontalScroll()).toBe(true);
    await noSeriousViolations('wizard: prefilled form');
    for (const [field, value] of Object.entries(sampleForm(definition.form.fields)).filter(([f]) => !locked.includes(f))) {
      const input = page.locator(`#form-${field}`);
      if (await input.evaluate((el) => el.tagName === 'SELECT')) await input.selectOption(String(value));
      else await input.fill(String(value));
    }
    await page.getByRole('button', { name: 'Tiếp tục' }).click();
    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Nhận kết quả và liên hệ');
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Giấy tờ kèm theo');
    for (const c of definition.components.filter((x) => x.required)) {
      await page.locator(`#file-${c.code}`).setInputFiles(pdfFile(`${c.code}.pdf`));
      await poll(() => page.getByRole('list', { name: `Tệp đã tải lên cho ${c.code}` }).textContent()).toContain('Hợp lệ');
    }
    await page.getByRole('button', { name: 'Tiếp tục' }).click();

    await poll(() => page.locator('.steps [aria-current="step"]').textContent()).toBe('Kiểm tra và nộp');
    // Each locked field is marked as the State's data in the review.
    expect(await page.locator('#review-form ~ dl .badge').allTextContents()).toEqual(locked.map(() => 'Từ Cơ sở dữ liệu quốc gia về dân cư'));
    await noSeriousViolations('wizard: review of a prefilled form');
    await page.getByLabel(/Tôi xin cam đoan/).check();
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await page.waitForURL(/\/ho-so\/[0-9a-f-]{36}\/bien-nhan$/);
    await poll(heading).toBe('Biên nhận nộp hồ sơ');
  }, 180_000);

  it('at e-ID level 1 the review says why it cannot submit, in place of the submit button', async () => {
    // A VNeID account of level 1 (crafted token), resuming the wizard on its own complete draft.
    const claims = { 'cognito:groups': ['citizen'], 'custom:id_number': '001072003456', 'custom:vneid_verified': 'true', 'custom:eid_level': '1', name: 'Phạm Quang Vinh' };
    const token = await craftToken(claims);
    const draft = await completeDraft(token);
    const levelOne = await newContext(browser, 'phone');
    try {
      const session = {
        idToken: token, expiresAt: Date.now() + 3_600_000,
        user: { username: 'crafted.user', name: claims.name, groups: ['citizen'], idNumber: claims['custom:id_number'], vneidVerified: true, eidLevel: '1', agencyScope: [] },
      };
      const saved = {
        step: 'review', province: '000.00.00.H26', agencyCode: HANOI_COMMUNE, typed: {}, key: 'level-one-wizard-key',
        delivery: { delivery: 'online', recipient: '', postPhone: '', postAddress: '', contactPhone: '', contactEmail: '' },
        draftId: draft.id, draftBody: '',
      };
      await levelOne.addInitScript(([s, w, code]) => {
        const store = (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage;
        store.setItem('dvc.session', s);
        store.setItem(`dvc.wizard.${code}`, w);
      }, [JSON.stringify(session), JSON.stringify(saved), PROCEDURE] as const);
      const p = await levelOne.newPage();
      await p.goto(`/nop-ho-so/${PROCEDURE}`);
      await expect.poll(() => p.locator('.steps [aria-current="step"]').textContent(), { timeout: 20_000 }).toBe('Kiểm tra và nộp');
      await expect.poll(() => p.locator('main').textContent(), { timeout: 20_000 })
        .toContain('Tài khoản định danh điện tử mức độ 1 chưa được nộp hồ sơ trực tuyến; hãy nâng cấp lên mức độ 2 trên ứng dụng VNeID');
      expect(await p.getByRole('button', { name: 'Nộp hồ sơ' }).count()).toBe(0);
      const violations = await axeScan(p);
      expect(seriousViolations(violations), describeViolations(violations)).toEqual([]);
    } finally {
      await levelOne.close();
    }
  }, 120_000);
});

describe('a dossier\'s actions', () => {
  it('pays the fees through the provider page and comes back to a paid order with a receipt', async () => {
    const d = await awaitingPayment(citizen, official);
    await page.goto(`/ho-so/${d.id}`);
    await poll(() => page.getByRole('heading', { name: 'Phí, lệ phí' }).isVisible()).toBe(true);
    await poll(() => page.locator('.payment').textContent()).toContain('7.000 đồng');
    await noSeriousViolations('dossier awaiting payment');
    await page.getByRole('button', { name: 'Thanh toán trực tuyến' }).click();
    await page.waitForURL(/\/local\/payments\/sandbox\/checkout/);
    await page.getByRole('button', { name: 'Thanh toán', exact: true }).click();
    await page.waitForURL(new RegExp(`/ho-so/${d.id}\\?thanh-toan=`));
    await poll(() => page.locator('.payment').textContent()).toContain('Thanh toán thành công');
    await poll(() => page.locator('main .badge').first().textContent()).toBe('Đang xử lý');
    const receipt = page.getByRole('button', { name: /Tải biên lai/ });
    await poll(() => receipt.isVisible()).toBe(true);
    const [file] = await Promise.all([page.waitForEvent('download'), receipt.click()]);
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
  });

  it('answers a supplement request with the requested document and the dossier goes back to processing', async () => {
    const d = await act(official, await submitted(citizen), { action: 'receive' }, { action: 'start' },
      { action: 'request_supplement', missingComponents: ['TP01'], note: 'Tờ khai chưa có chữ ký' });
    await page.goto(`/ho-so/${d.id}`);
    await poll(() => page.getByRole('heading', { name: 'Bổ sung hồ sơ' }).isVisible()).toBe(true);
    expect(await page.locator('.supplement').textContent()).toContain('Tờ khai chưa có chữ ký');
    await noSeriousViolations('supplement request');
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await poll(() => page.locator('.supplement .error-summary').textContent()).toContain('Vui lòng tải lên giấy tờ');
    await page.locator('#file-TP01').setInputFiles(pdfFile('to-khai-da-ky.pdf'));
    await poll(() => page.locator('.supplement').textContent()).toContain('Hợp lệ');
    await page.getByLabel('Ghi chú gửi cơ quan').fill('Đã bổ sung tờ khai có chữ ký');
    await page.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await poll(() => page.locator('main .badge').first().textContent()).toBe('Đang xử lý');
    expect(await page.getByRole('heading', { name: 'Bổ sung hồ sơ' }).count()).toBe(0);
  });

  it('withdraws a dossier after confirming with a reason', async () => {
    const d = await submitted(citizen);
    await page.goto(`/ho-so/${d.id}`);
    await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await page.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('Vui lòng nhập Lý do rút hồ sơ.');
    await noSeriousViolations('withdrawal');
    await page.getByLabel('Lý do rút hồ sơ').fill('Nộp nhầm thủ tục');
    await page.getByRole('button', { name: 'Xác nhận rút hồ sơ' }).click();
    await poll(() => page.locator('main .badge').first().textContent()).toBe('Đã rút hồ sơ');
    expect(await page.locator('.timeline').textContent()).toContain('Đã rút hồ sơ');
  });

  it('rates a returned dossier', async () => {
    const d = await act(official, await submitted(citizen), { action: 'receive' }, { action: 'start' }, { action: 'finish' }, { action: 'return_result' });
    await page.goto(`/ho-so/${d.id}`);
    await poll(() => page.getByRole('heading', { name: 'Đánh giá mức độ hài lòng' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('Vui lòng chọn Mức độ hài lòng của bạn.');
    await noSeriousViolations('rating');
    await page.getByLabel('Hài lòng', { exact: true }).check();
    await page.getByLabel('Ý kiến khác').fill('Cán bộ hướng dẫn tận tình');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await poll(() => page.getByText('Cảm ơn bạn đã đánh giá').isVisible()).toBe(true);
    const res = await fetch(`${process.env.DVC_BASE_URL}/v1/dossiers/${d.id}/rating`, { headers: { authorization: `Bearer ${citizen}` } });
    expect(((await res.json()) as { overall: string }).overall).toBe('satisfied');
  });
});
