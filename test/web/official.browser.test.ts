// The officials' console in a real browser, as official.hanoi: a citizen's dossier (prepared through
// the API) found in the work queue and taken through receive → start → supplement request → the
// citizen answers on their own pages → result upload → finish → return, both at phone size; a refusal;
// only allowed actions offered; a stale version; a feedback item answered and published; axe.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { Dossier } from '../../shared/contracts/dossiers';
import { api, signIn } from '../support/auth';
import { expectBody } from '../support/body';
import { act, asSubmitted, attach, must, PDF, procedure, sampleForm } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';
import { axeScan, describeViolations, launchBrowser, newContext, seriousViolations, signInThroughUi, watchErrors } from './browser';

/** A Hà Nội commune of this file's own (test/support/namespace.ts), so its queue stays short. */
const COMMUNE = fileNamespace(import.meta.url).agency();
const PROCEDURE_CODE = '1.001266';

let browser: Browser;
let citizen: string;
let official: string;

beforeAll(async () => {
  [browser, citizen, official] = await Promise.all([launchBrowser(), signIn('citizen.demo'), signIn('official.hanoi')]);
});
afterAll(async () => { await browser?.close(); });

/** A submitted dossier at the commune, collecting its result at the desk unless told otherwise. */
const submittedDossier = async (delivery: 'desk' | 'online' = 'desk') => {
  const p = await procedure(PROCEDURE_CODE);
  const draft = expectBody(await api('POST', '/v1/dossiers', {
    token: citizen,
    headers: { 'idempotency-key': randomUUID() },
    json: { procedureCode: PROCEDURE_CODE, agencyCode: COMMUNE, form: sampleForm(p.form.fields), delivery },
  }), 201, Dossier, 'create draft');
  for (const c of p.components.filter((x) => x.required)) await attach(citizen, draft.id, c.code);
  return asSubmitted(expectBody(await api('POST', `/v1/dossiers/${draft.id}/submit`, { token: citizen }), 200, Dossier, 'submit'), 'submit');
};

/** The shared runtime is busy when the whole suite runs: wait up to 20 s for what the page shows. */
const poll = <T,>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000 });

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });
const statusText = (page: Page) => page.locator('.dossier-status .badge').textContent();

/** Opens an action's form, fills it, sends it (confirming when asked) and waits for the new status. */
const perform = async (page: Page, action: string, status: string, fill?: () => Promise<void>, confirm = false) => {
  await button(page, action).click();
  await fill?.();
  await button(page, 'Thực hiện').click();
  if (confirm) await button(page, 'Đồng ý thực hiện').click();
  await poll(() => statusText(page)).toBe(status);
  await poll(() => page.getByRole('status').filter({ hasText: `Đã thực hiện “${action}”` }).count()).toBe(1);
};

/** No horizontal page scroll on a phone (wide tables scroll inside their .table-wrap); names what sticks out. */
const expectNoSidewaysScroll = async (page: Page) => {
  const report = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { right: number }; closest(s: string): unknown; tagName: string; className: string; textContent: string | null }> } }).document;
    const width = doc.documentElement.clientWidth;
    const wide = Array.from(doc.querySelectorAll('body *'))
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest('.table-wrap tbody'))
      .slice(0, 5).map((el) => `${el.tagName}.${el.className}: ${(el.textContent ?? '').slice(0, 40)}`);
    return { scroll: doc.documentElement.scrollWidth, width, wide };
  });
  expect(report.scroll, report.wide.join('\n')).toBeLessThanOrEqual(report.width);
};

const offeredActions = (page: Page) => page.getByRole('group', { name: 'Xử lý' }).getByRole('button').allTextContents();

describe("the officials' console", () => {
  it('takes a dossier from the queue through receipt, a supplement, the result and its return, on a phone', async () => {
    const dossier = await submittedDossier('desk');
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInThroughUi(page, 'official.hanoi', undefined, '/can-bo');
    await poll(() => heading(page)).toBe('Hồ sơ cần xử lý');
    await poll(() => page.locator('.scope-note').textContent()).toContain('UBND Thành phố Hà Nội');

    // Filters: agency, status and procedure go to the URL.
    await page.getByLabel('Cơ quan').selectOption(COMMUNE);
    await page.waitForURL((u) => u.searchParams.get('agency') === COMMUNE);
    await page.getByLabel('Trạng thái').selectOption('submitted');
    await page.getByLabel('Mã thủ tục').fill('1.0012');
    await button(page, 'Lọc').click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('Mã thủ tục không đúng định dạng');
    await page.getByLabel('Mã thủ tục').fill(PROCEDURE_CODE);
    await button(page, 'Lọc').click();
    await page.waitForURL((u) => u.searchParams.get('status') === 'submitted' && u.searchParams.get('procedure') === PROCEDURE_CODE);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: dossier.code }) });
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Mới đăng ký');
    await expectNoSidewaysScroll(page);
    const queueViolations = await axeScan(page);
    expect(seriousViolations(queueViolations), describeViolations(queueViolations)).toEqual([]);

    await page.getByRole('link', { name: dossier.code }).click();
    await poll(() => heading(page)).toBe(`Hồ sơ ${dossier.code}`);
    expect(await offeredActions(page)).toEqual(['Tiếp nhận hồ sơ', 'Từ chối tiếp nhận']);

    await perform(page, 'Tiếp nhận hồ sơ', 'Được tiếp nhận');
    await perform(page, 'Bắt đầu xử lý', 'Đang xử lý');

    // A supplement request: the form's checks first, then a component chosen.
    const p = await procedure(PROCEDURE_CODE);
    const component = p.components.find((c) => c.required)! as { code: string; name?: string };
    await button(page, 'Yêu cầu bổ sung').click();
    await button(page, 'Thực hiện').click();
    const summary = page.locator('.error-summary');
    await poll(() => summary.textContent()).toContain('Chọn ít nhất một giấy tờ cần bổ sung.');
    expect(await summary.textContent()).toContain('Nhập nội dung.');
    const formViolations = await axeScan(page);
    expect(seriousViolations(formViolations), describeViolations(formViolations)).toEqual([]);
    const componentName = (await api('GET', `/v1/dossiers/${dossier.id}`, { token: official })).body.components.find((c: { code: string }) => c.code === component.code).name as string;
    await page.getByRole('checkbox', { name: componentName }).check();
    await page.getByLabel('Nội dung yêu cầu bổ sung').fill('Bản chụp giấy tờ bị mờ, đề nghị chụp lại rõ nét.');
    await button(page, 'Thực hiện').click();
    await poll(() => statusText(page)).toBe('Yêu cầu bổ sung');

    // The citizen answers on their own phone: the request's note, the document uploaded again, sent.
    const citizenContext = await newContext(browser, 'phone');
    const citizenPage = await citizenContext.newPage();
    const citizenErrors = watchErrors(citizenPage);
    await signInThroughUi(citizenPage, 'citizen.demo', undefined, `/ho-so/${dossier.id}`);
    const request = citizenPage.locator('.supplement');
    await poll(() => request.textContent()).toContain('Bản chụp giấy tờ bị mờ, đề nghị chụp lại rõ nét.');
    await citizenPage.locator(`#file-${component.code}`).setInputFiles({ name: 'ban-chup-lai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await poll(() => request.textContent()).toContain('Hợp lệ');
    await citizenPage.getByLabel('Ghi chú gửi cơ quan').fill('Đã chụp lại giấy tờ rõ nét.');
    await citizenPage.getByRole('button', { name: 'Gửi bổ sung' }).click();
    await poll(() => citizenPage.locator('main .badge').first().textContent()).toBe('Đang xử lý');

    // Back in the queue it is processing again.
    await page.goto(`/can-bo?agency=${COMMUNE}&status=processing`);
    const again = page.getByRole('row').filter({ has: page.getByRole('link', { name: dossier.code }) });
    await poll(() => again.textContent()).toContain('Đang xử lý');
    await page.getByRole('link', { name: dossier.code }).click();
    await poll(() => statusText(page)).toBe('Đang xử lý');

    // The result file, uploaded with progress, then finish (confirmed) and return (confirmed).
    await page.getByLabel('Chọn tệp kết quả').setInputFiles({ name: 'ket-qua.pdf', mimeType: 'application/pdf', buffer: PDF });
    await button(page, 'Tải lên kết quả').click();
    await poll(() => page.getByRole('status').filter({ hasText: 'Đã tải lên tệp kết quả.' }).count()).toBe(1);
    await poll(() => page.getByRole('row').filter({ hasText: 'ket-qua.pdf' }).textContent()).toContain('Hợp lệ');
    await perform(page, 'Hoàn thành xử lý', 'Đã xử lý xong', undefined, true);
    expect(await offeredActions(page)).toEqual(['Trả kết quả']);
    await perform(page, 'Trả kết quả', 'Đã trả kết quả', () => page.getByLabel('Ghi chú').fill('Trả tại Bộ phận một cửa'), true);
    expect(await page.getByText('Không có thao tác nào ở trạng thái hiện tại.').isVisible()).toBe(true);

    const history = await page.locator('ol.history').textContent();
    for (const step of ['Nộp hồ sơ', 'Tiếp nhận hồ sơ', 'Bắt đầu xử lý', 'Yêu cầu bổ sung', 'Người nộp bổ sung hồ sơ', 'Hoàn thành xử lý', 'Trả kết quả']) {
      expect(history).toContain(step);
    }
    expect(history).toContain('Trả tại Bộ phận một cửa');
    await expectNoSidewaysScroll(page);
    const after = must(await api('GET', `/v1/dossiers/${dossier.id}`, { token: official }), 200, 'read');
    expect(after.status).toBe('returned');
    expect(after.history.map((h: { action: string }) => h.action)).toEqual(['submit', 'receive', 'start', 'request_supplement', 'supplement', 'finish', 'return_result']);
    expect(errors).toEqual([]);

    // The citizen sees the result returned on their dossier's timeline.
    await citizenPage.reload();
    await poll(() => citizenPage.locator('main .badge').first().textContent()).toBe('Đã trả kết quả');
    expect(await citizenPage.locator('.timeline').textContent()).toContain('Đã trả kết quả');
    // A returned dossier offers its rating: the page first asks for the applicant's rating, and "not
    // rated yet" is a 404 the browser logs as a failed resource. Wait for that answer (the form shows)
    // so the check below does not race it; nothing else may fail.
    await citizenPage.locator('section[aria-labelledby="rating-title"] form').waitFor();
    expect(citizenErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    await citizenContext.close();
    await context.close();
  });

  it('refuses a dossier with a reason, asked for and confirmed, and then offers nothing', async () => {
    const dossier = await submittedDossier();
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await signInThroughUi(page, 'official.hanoi', undefined, `/can-bo/ho-so/${dossier.id}`);
    await poll(() => heading(page)).toBe(`Hồ sơ ${dossier.code}`);
    expect(await offeredActions(page)).not.toContain('Trả kết quả');
    await button(page, 'Từ chối tiếp nhận').click();
    await button(page, 'Thực hiện').click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('Nhập lý do.');
    await page.getByLabel('Lý do').fill('Hồ sơ không thuộc thẩm quyền của UBND phường.');
    await button(page, 'Thực hiện').click();
    await poll(() => page.getByRole('alertdialog').textContent()).toContain('Thao tác này không thể hoàn tác.');
    await button(page, 'Đồng ý thực hiện').click();
    await poll(() => statusText(page)).toBe('Không được tiếp nhận');
    expect(await page.getByText('Không có thao tác nào ở trạng thái hiện tại.').isVisible()).toBe(true);
    // The refusal slip (Mẫu 03) is listed and downloads as a PDF.
    await poll(() => page.getByTestId('slips').textContent()).toContain('Phiếu từ chối tiếp nhận giải quyết hồ sơ');
    const [slip] = await Promise.all([page.waitForEvent('download'), button(page, 'Tải PDF Phiếu từ chối tiếp nhận giải quyết hồ sơ').click()]);
    expect(slip.suggestedFilename()).toBe(`phieu-tu-choi-tiep-nhan-${dossier.code}.pdf`);
    const after = must(await api('GET', `/v1/dossiers/${dossier.id}`, { token: official }), 200, 'read');
    expect(after.status).toBe('not_received');
    expect(after.history.at(-1)).toMatchObject({ action: 'refuse', note: 'Hồ sơ không thuộc thẩm quyền của UBND phường.' });
    await context.close();
  });

  it('offers a done dossier only its return, and says so when another official acted first (stale version)', async () => {
    const done = await act(official, await submittedDossier(), { action: 'receive' }, { action: 'start' }, { action: 'finish' });
    const stale = await submittedDossier();
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    await signInThroughUi(page, 'official.hanoi', undefined, `/can-bo/ho-so/${done.id}`);
    await poll(() => statusText(page)).toBe('Đã xử lý xong');
    expect(await offeredActions(page)).toEqual(['Trả kết quả']);

    await page.goto(`/can-bo/ho-so/${stale.id}`);
    await poll(() => statusText(page)).toBe('Mới đăng ký');
    // Someone else receives it meanwhile.
    await act(official, stale, { action: 'receive' });
    await button(page, 'Tiếp nhận hồ sơ').click();
    await button(page, 'Thực hiện').click();
    const alert = page.getByRole('alert').filter({ hasText: 'Hồ sơ đã thay đổi' });
    await poll(() => alert.textContent()).toContain('vừa được cập nhật bởi người khác');
    await button(page, 'Tải lại hồ sơ').click();
    await poll(() => statusText(page)).toBe('Được tiếp nhận');
    expect(await offeredActions(page)).toEqual(['Bắt đầu xử lý', 'Phát hành phiếu xin lỗi']);
    // The apology form explains when it is owed, and checks the new date.
    await button(page, 'Phát hành phiếu xin lỗi').click();
    expect(await page.locator('#action-form').textContent()).toContain('trước khi hết hạn xử lý');
    await button(page, 'Thực hiện').click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('Nhập ngày hẹn trả kết quả mới.');
    const violations = await axeScan(page);
    expect(seriousViolations(violations), describeViolations(violations)).toEqual([]);
    await context.close();
  });

  it('answers and publishes a feedback item through the console', async () => {
    const subject = `Niêm yết thủ tục chưa đầy đủ ${randomUUID().slice(0, 8)}`;
    const sent = must(await api('POST', '/v1/feedback', {
      token: citizen,
      json: { category: 'procedures', subject, content: 'Bảng niêm yết thủ tục tại bộ phận một cửa phường thiếu mức lệ phí.', agencyCode: COMMUNE },
    }), 201, 'send feedback') as { id: string; code: string };
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await signInThroughUi(page, 'official.hanoi', undefined, `/can-bo/phan-anh?agency=${COMMUNE}`);
    await poll(() => heading(page)).toBe('Phản ánh, kiến nghị cần xử lý');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: sent.code }) });
    await poll(() => row.textContent()).toContain('Tiếp nhận hoặc từ chối');
    const violations = await axeScan(page);
    expect(seriousViolations(violations), describeViolations(violations)).toEqual([]);

    await page.getByRole('link', { name: sent.code }).click();
    await poll(() => heading(page)).toBe(`Phản ánh ${sent.code}`);
    // The sender's details are for officials only (the public view never has them).
    expect(await page.getByRole('region', { name: 'Người gửi' }).textContent()).toContain('001099012345');
    await expectNoSidewaysScroll(page);
    const badge = () => page.locator('main .badge').first().textContent();
    await button(page, 'Tiếp nhận').click();
    await button(page, 'Thực hiện').click();
    await poll(badge).toBe('Đã tiếp nhận');
    await button(page, 'Trả lời').click();
    await page.getByLabel('Nội dung trả lời').fill('Ngắn');
    await button(page, 'Thực hiện').click();
    await poll(() => page.locator('.error-summary').textContent()).toContain('ít nhất 10 ký tự');
    await page.getByLabel('Nội dung trả lời').fill('UBND phường đã bổ sung mức lệ phí vào bảng niêm yết. Cảm ơn ông/bà đã phản ánh.');
    await button(page, 'Thực hiện').click();
    await poll(badge).toBe('Đã trả lời');
    await button(page, 'Công khai').click();
    await button(page, 'Thực hiện').click();
    await button(page, 'Đồng ý thực hiện').click();
    await poll(badge).toBe('Đã công khai');
    expect(await page.getByText('Không có thao tác nào ở trạng thái hiện tại.').isVisible()).toBe(true);

    const published = must(await api('GET', `/v1/feedback/${sent.id}`), 200, 'public read');
    expect(published.status).toBe('published');
    expect(published.answer.text).toContain('đã bổ sung mức lệ phí');

    // The item's address loaded afresh (a reload, a bookmark; the session lives in the tab): the
    // page reads the item itself, not the queue, and an official of another province gets "not found".
    await page.goto('/');
    await page.goto(`/can-bo/phan-anh/${sent.id}`);
    await poll(() => heading(page)).toBe(`Phản ánh ${sent.code}`);
    expect(await page.locator('main .badge').first().textContent()).toBe('Đã công khai');
    const other = await newContext(browser, 'phone');
    const hue = await other.newPage();
    await signInThroughUi(hue, 'official.hue', undefined, `/can-bo/phan-anh/${sent.id}`);
    await poll(() => heading(hue)).toBe('Không tìm thấy phản ánh');
    await other.close();
    expect(errors).toEqual([]);
    await context.close();
  });
});
