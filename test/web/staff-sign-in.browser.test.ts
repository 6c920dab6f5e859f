// The officials' sign-in page through its challenges, in a real browser at phone size (docs/identity.md
// "Officials' second factor"): a new official sets a new password; an official with an
// authenticator app is asked for its code; and, where the pool requires the second factor as it
// does in AWS, the first sign-in enrols the app from the page's QR code or key. Codes come from an
// RFC 6238 authenticator of the test's own (test/support/totp.ts), as the official's phone would give them.
import {
  AssociateSoftwareTokenCommand, CognitoIdentityProviderClient, DeleteUserPoolCommand, InitiateAuthCommand, RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalConfig } from '../support/auth';
import { fileNamespace } from '../support/namespace';
import { CHOSEN_PASSWORD as CHOSEN, createOfficial as createOfficialIn, createPoolRequiringMfa, TEMPORARY_PASSWORD as TEMPORARY } from '../support/staff-accounts';
import { totpCode, wrongTotpCode } from '../support/totp';
import { axeScan, describeViolations, launchBrowser, newContext, seriousViolations, watchErrors } from './browser';

const ns = fileNamespace(import.meta.url);

let browser: Browser;
let idp: CognitoIdentityProviderClient;
let poolId = '';
let staffClientId = '';
let cognitoEndpoint = '';

beforeAll(async () => {
  const config = await portalConfig();
  cognitoEndpoint = config.cognitoEndpoint!;
  idp = new CognitoIdentityProviderClient({ region: config.region, endpoint: cognitoEndpoint });
  poolId = config.userPoolId;
  staffClientId = config.staffClientId;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  idp?.destroy();
});

/** An official of this file's own in `pool`, with a temporary password. */
const createOfficial = (pool: string, name: string) => createOfficialIn(idp, pool, ns.key(name).toLowerCase().slice(0, 60));

const expectAccessible = async (page: Page, where: string) => {
  const violations = await axeScan(page);
  expect(seriousViolations(violations), `${where}: ${describeViolations(violations)}`).toEqual([]);
  // Nothing scrolls sideways at 360 px.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${where}: no sideways scroll`).toBe(true);
};

/** The page's console errors, less Cognito's expected 400s (a wrong code, a refused password). */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 400/.test(e));

const typePassword = async (page: Page, username: string, password: string, next = '/') => {
  await page.goto(`/dang-nhap/can-bo?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
};

/** At the new-password step: types `password` and its repetition (`again`, by default the same) and confirms. */
const chooseNewPassword = async (page: Page, password: string, again = password) => {
  await page.getByLabel('Mật khẩu mới', { exact: true }).fill(password);
  await page.getByLabel('Nhập lại mật khẩu mới').fill(again);
  await page.getByRole('button', { name: 'Xác nhận' }).click();
};

/** At a code step: types the code under `label` and confirms. */
const typeCode = async (page: Page, label: string, code: string) => {
  await page.getByLabel(label).fill(code);
  await page.getByRole('button', { name: 'Xác nhận' }).click();
};

const signedInAs = (page: Page) => page.evaluate(() => {
  const raw = sessionStorage.getItem('dvc.session');
  return raw ? (JSON.parse(raw) as { user: { username: string; groups: string[] } }).user : null;
});

describe('officials\' sign-in page (local pool: the second factor optional)', () => {
  it('takes a new official through a new password that meets the policy to the console', async () => {
    const username = await createOfficial(poolId, 'ui-new-password');
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await typePassword(page, username, TEMPORARY, '/can-bo');

    await expect.poll(() => page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(page, 'new password');
    // Two different passwords: said before anything is sent. One the policy refuses: said by Cognito's answer.
    await chooseNewPassword(page, CHOSEN, `${CHOSEN}x`);
    await expect.poll(() => page.getByText('Hai mật khẩu không giống nhau.').first().isVisible()).toBe(true);
    await chooseNewPassword(page, 'ngan');
    await expect.poll(() => page.getByText(/Mật khẩu mới chưa đạt yêu cầu: ít nhất 8 ký tự/).first().isVisible(), { timeout: 20_000 }).toBe(true);

    await chooseNewPassword(page, CHOSEN);
    await page.waitForURL((url) => url.pathname === '/can-bo', { timeout: 20_000 });
    expect(await signedInAs(page)).toMatchObject({ username, groups: ['official'] });
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  }, 90_000);

  it('asks an official with an authenticator app for its code, says so of a wrong one, and signs in with the right one', async () => {
    const username = await createOfficial(poolId, 'ui-totp');
    // The account's own first steps, outside the page: a new password, then an app enrolled.
    const first = await idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: staffClientId, AuthParameters: { USERNAME: username, PASSWORD: TEMPORARY } }));
    const tokens = (await idp.send(new RespondToAuthChallengeCommand({
      ClientId: staffClientId, ChallengeName: 'NEW_PASSWORD_REQUIRED', Session: first.Session, ChallengeResponses: { USERNAME: username, NEW_PASSWORD: CHOSEN },
    }))).AuthenticationResult!;
    const { SecretCode } = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken }));
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken, UserCode: totpCode(SecretCode!) }));
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken: tokens.AccessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));

    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await typePassword(page, username, CHOSEN, '/can-bo');
    await expect.poll(() => page.getByRole('heading', { name: 'Xác thực hai bước' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expectAccessible(page, 'code');

    // Not six digits: said at once. A wrong code: said, and the official may type again.
    await typeCode(page, 'Mã xác thực', '12 34');
    await expect.poll(() => page.getByText('Mã xác thực gồm 6 chữ số.').first().isVisible()).toBe(true);
    await typeCode(page, 'Mã xác thực', wrongTotpCode(SecretCode!));
    await expect.poll(() => page.getByText(/Mã xác thực không đúng hoặc đã hết hạn/).first().isVisible(), { timeout: 20_000 }).toBe(true);
    await typeCode(page, 'Mã xác thực', totpCode(SecretCode!));
    await page.waitForURL((url) => url.pathname === '/can-bo', { timeout: 20_000 });
    expect(await signedInAs(page)).toMatchObject({ username, groups: ['official'] });
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('officials\' sign-in page where the pool requires the second factor (as in AWS)', () => {
  let requiredPool = '';
  let requiredClient = '';
  beforeAll(async () => {
    ({ poolId: requiredPool, clientId: requiredClient } = await createPoolRequiringMfa(idp, ns.key('ui-mfa-on')));
  });
  /** The pages of `context` sign officials in with the staff client of the pool that requires the second factor. */
  const useRequiredPool = (context: BrowserContext) => context.route('**/v1/config', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), staffClientId: requiredClient } });
  });
  afterAll(async () => { if (requiredPool) await idp.send(new DeleteUserPoolCommand({ UserPoolId: requiredPool })); });

  it('says so when the key cannot be made, and offers to start the sign-in over', async () => {
    const username = await createOfficial(requiredPool, 'ui-enrol-down');
    const context = await newContext(browser, 'phone');
    await useRequiredPool(context);
    // Cognito does not answer the enrolment's first call.
    await context.route(`${cognitoEndpoint.replace(/\/$/, '')}/**`, (route) =>
      /AssociateSoftwareToken$/.test(route.request().headers()['x-amz-target'] ?? '')
        ? route.fulfill({ status: 500, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: 'InternalErrorException', message: 'down' }) })
        : route.fallback());
    const page = await context.newPage();
    await typePassword(page, username, TEMPORARY);
    await expect.poll(() => page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await chooseNewPassword(page, CHOSEN);
    await expect.poll(() => page.getByText('Không kết nối được dịch vụ xác thực. Vui lòng thử lại sau.').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.locator('svg.qr-code').count()).toBe(0);
    await page.getByRole('button', { name: 'Đăng nhập lại' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Đăng nhập dành cho cán bộ' }).isVisible()).toBe(true);
    expect(await page.getByLabel('Mật khẩu', { exact: true }).inputValue()).toBe('');
    expect(await signedInAs(page)).toBeNull();
    await context.close();
  }, 90_000);

  it('enrols the authenticator app at the first sign-in from the page\'s QR code or key, then asks for its code', async () => {
    const username = await createOfficial(requiredPool, 'ui-enrol');
    const context = await newContext(browser, 'phone');
    await useRequiredPool(context);
    const page = await context.newPage();
    const errors = watchErrors(page);
    await typePassword(page, username, TEMPORARY);
    await expect.poll(() => page.getByRole('heading', { name: 'Đặt mật khẩu mới' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await chooseNewPassword(page, CHOSEN);

    // The enrolment: a QR code of an otpauth:// URI and the same key to type, grouped by four.
    await expect.poll(() => page.getByRole('heading', { name: 'Thiết lập xác thực hai bước' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => page.getByRole('img', { name: 'Mã QR để thêm tài khoản vào ứng dụng xác thực' }).isVisible(), { timeout: 20_000 }).toBe(true);
    const key = page.locator('code.totp-key');
    const secret = (await key.getAttribute('data-secret'))!;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect((await key.textContent())!.replace(/\s/g, '')).toBe(secret);
    expect(await page.locator('svg.qr-code path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(await signedInAs(page)).toBeNull();
    await expectAccessible(page, 'enrolment');

    await typeCode(page, 'Mã 6 chữ số ứng dụng đang hiển thị', wrongTotpCode(secret));
    await expect.poll(() => page.getByText(/Mã xác thực không đúng hoặc đã hết hạn/).first().isVisible(), { timeout: 20_000 }).toBe(true);
    await typeCode(page, 'Mã 6 chữ số ứng dụng đang hiển thị', totpCode(secret));
    await page.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
    expect(await signedInAs(page)).toMatchObject({ username, groups: ['official'] });

    // Signed out (a new tab's session), the next sign-in asks for the app's code.
    const again = await context.newPage();
    await typePassword(again, username, CHOSEN);
    await expect.poll(() => again.getByRole('heading', { name: 'Xác thực hai bước' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await typeCode(again, 'Mã xác thực', totpCode(secret));
    await again.waitForURL((url) => url.pathname === '/', { timeout: 20_000 });
    expect(await signedInAs(again)).toMatchObject({ username });
    expect(unexpected(errors)).toEqual([]);
    await context.close();
  }, 120_000);
});
