// The VNeID sandbox (local runtime only, never deployed): an OpenID Connect provider built on
// oidc-provider, standing in for the national electronic identification (docs/identity.md
// "VNeID sandbox (local)"). Its own server at `http://127.0.0.1:<port>`, the issuer:
//   /.well-known/openid-configuration, /jwks, /auth, /token, /me   the library's endpoints
//   /interaction/{uid}                                              choose an account, then consent
//   /population/v1/...                                              the population data sandbox
// Authorization code flow only, PKCE S256, `state` and `nonce` required, one confidential client
// (the portal). `login_hint` carrying a seeded ID number or enterprise code skips both pages and
// consents (the sandbox's shortcut for scripts and tests; the real VNeID has none).
/// <reference path="./oidc-provider.d.ts" />
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, interactionPolicy, type Interaction, type KoaContextWithOIDC } from 'oidc-provider';
import { localValue } from '../../shared/platform/environment';
import type { LocalSettings } from '../environment';
import { identities as loadIdentities, subjectOf, type Identities, type SeedAccount } from './identities';
import { choosePage, consentPage, errorPage, pageHeaders, SANDBOX_TITLE } from './pages';
import { POPULATION_PATH, populationRoute } from './population';
import { SIGNING_ALG, sandboxState } from './state';

/** The portal's client at VNeID, as the declared setting names it locally. */
const VNEID_CLIENT_ID = localValue('VNEID_CLIENT_ID');
const CLIENT_NAME = 'Cổng Dịch vụ công quốc gia';
/** How long an authorization code may wait for its redemption, seconds. */
export const CODE_TTL_SECONDS = 60;

export interface VneidSandboxOptions {
  /** Where the keys and secrets are kept (`.local/`); omitted, they live as long as the process. */
  stateDir?: string;
  /** 0 or omitted: a free port. */
  port?: number;
  /** The portal's registered redirect URIs: its web origin's `/dang-nhap/vneid`. */
  redirectUris: readonly string[];
  log?: (line: string) => void;
}

export interface VneidSandbox {
  issuer: string;
  clientId: string;
  clientSecret: string;
  populationUrl: string;
  populationApiKey: string;
  /** The signing key's id (it persists with the state dir). */
  kid: string;
  identities: Identities;
  /** The portal's configuration for this provider, as for a real VNeID registration. */
  env(): LocalSettings;
  stop(): Promise<void>;
}

const CLAIMS = {
  openid: ['sub', 'account_type', 'eid_level'],
  profile: ['name', 'birthdate', 'gender', 'id_number', 'enterprise_code', 'legal_representative_id_number'],
};

/** Authorization requests without this parameter are refused (invalid_request back to the client). */
const required = (name: string) => async (_ctx: unknown, value: unknown) => {
  if (typeof value !== 'string' || value === '') throw new errors.InvalidRequest(`${name} is required by this provider`);
};

/**
 * The sandbox asks who signs in on every authorization request, even with a session: testers
 * switch between seeded people in one browser. The login the interaction just finished counts.
 */
const interactions = () => {
  const policy = interactionPolicy.base();
  policy.get('login')!.checks.push(new interactionPolicy.Check('sandbox_choose_account', 'the sandbox asks for the account every time',
    (ctx: KoaContextWithOIDC) => !ctx.oidc.result?.login));
  return policy;
};

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

export const startVneidSandbox = async (opts: VneidSandboxOptions): Promise<VneidSandbox> => {
  const log = opts.log ?? (() => undefined);
  const state = await sandboxState(opts.stateDir);
  const ids = loadIdentities();
  const formTargets = [...new Set(opts.redirectUris.map((u) => new URL(u).origin))];
  const headers = pageHeaders(formTargets);
  const html = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, headers);
    res.end(body);
  };

  let provider: Provider | undefined;
  let population: ReturnType<typeof populationRoute> | undefined;

  /** Signs the account in; a previous sign-in of this browser is ended first (no "switch account?" step). */
  const finishLogin = async (req: IncomingMessage, res: ServerResponse, details: Interaction, account: SeedAccount) => {
    if (details.session) {
      await (await provider!.Session.findByUid(details.session.uid))?.destroy();
      details.session = undefined;
      await details.persist();
    }
    await provider!.interactionFinished(req, res, { login: { accountId: subjectOf(account) } }, { mergeWithLastSubmission: false });
  };

  const finishConsent = async (req: IncomingMessage, res: ServerResponse, details: Interaction) => {
    const grant = (details.grantId && (await provider!.Grant.find(details.grantId)))
      || new provider!.Grant({ accountId: details.session!.accountId, clientId: details.params.client_id });
    const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = details.prompt.details;
    if (missingOIDCScope?.length) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (missingOIDCClaims?.length) grant.addOIDCClaims(missingOIDCClaims);
    for (const [resource, scopes] of Object.entries(missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
    await provider!.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
  };

  const interaction = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const [, , uid, step] = url.pathname.split('/');
    let details: Interaction;
    try {
      details = await provider!.interactionDetails(req, res);
    } catch {
      return html(res, 400, errorPage('Phiên đăng nhập không còn hiệu lực', 'Phiên đăng nhập đã hết hạn hoặc không tồn tại. Vui lòng quay lại Cổng Dịch vụ công và bấm đăng nhập lại.'));
    }
    if (details.uid !== uid) return html(res, 400, errorPage('Yêu cầu không hợp lệ', 'Đường dẫn không khớp với phiên đăng nhập.'));
    const hinted = typeof details.params.login_hint === 'string' ? ids.byKey(details.params.login_hint) : undefined;
    const method = req.method ?? 'GET';
    const signedIn = details.session && ids.bySubject(details.session.accountId);

    if (details.prompt.name === 'login') {
      if (method === 'POST' && step === 'login') {
        const key = (await readBody(req)).get('account') ?? '';
        const chosen = ids.byKey(key);
        if (!chosen) return html(res, 400, choosePage(uid, ids, 'Vui lòng chọn một tài khoản trong danh sách.'));
        return finishLogin(req, res, details, chosen);
      }
      if (hinted) return finishLogin(req, res, details, hinted);
      const hint = details.params.login_hint;
      const problem = typeof hint === 'string' && hint !== ''
        ? `Không tìm thấy tài khoản có số định danh cá nhân hoặc mã số doanh nghiệp "${hint}" trong dữ liệu thử nghiệm. Vui lòng chọn một tài khoản dưới đây.`
        : undefined;
      return html(res, 200, choosePage(uid, ids, problem));
    }
    if (details.prompt.name === 'consent' && signedIn) {
      if (method === 'POST' && step === 'consent') {
        const decision = (await readBody(req)).get('decision');
        if (decision === 'allow') return finishConsent(req, res, details);
        return provider!.interactionFinished(req, res, { error: 'access_denied', error_description: 'the user declined to share their information' }, { mergeWithLastSubmission: false });
      }
      if (hinted && subjectOf(hinted) === details.session!.accountId) return finishConsent(req, res, details);
      return html(res, 200, consentPage(uid, CLIENT_NAME, ids.claims(signedIn)));
    }
    return html(res, 400, errorPage('Yêu cầu không hợp lệ', `Bước "${details.prompt.name}" không được hỗ trợ.`));
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const handled = (async () => {
      if (!provider || !population) return html(res, 503, errorPage('Chưa sẵn sàng', 'VNeID thử nghiệm đang khởi động.'));
      if (url.pathname === POPULATION_PATH || url.pathname.startsWith(`${POPULATION_PATH}/`)) return population(req, res, url);
      if (url.pathname.startsWith('/interaction/')) return interaction(req, res, url);
      return provider.callback()(req, res);
    })();
    handled.catch((error: Error) => {
      log(`vneid sandbox: ${req.method} ${url.pathname} failed: ${error.message}`);
      if (!res.headersSent) html(res, 500, errorPage('Lỗi hệ thống', 'VNeID thử nghiệm gặp lỗi; xem nhật ký của npm start.'));
      else res.end();
    });
  });
  await new Promise<void>((ok, fail) => server.once('error', fail).listen(opts.port ?? 0, '127.0.0.1', ok));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  provider = new Provider(issuer, {
    clients: [{
      client_id: VNEID_CLIENT_ID, client_secret: state.clientSecret, client_name: CLIENT_NAME,
      redirect_uris: [...opts.redirectUris], response_types: ['code'], grant_types: ['authorization_code'],
      token_endpoint_auth_method: 'client_secret_basic', id_token_signed_response_alg: SIGNING_ALG,
    }],
    jwks: { keys: [state.signingKey] },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = ids.bySubject(sub);
      return account && { accountId: sub, claims: () => ids.claims(account) };
    },
    claims: CLAIMS,
    scopes: ['openid', 'profile'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    extraParams: { state: required('state'), nonce: required('nonce') },
    // The scopes' claims go in the ID token too (the portal reads the ID token; docs/identity.md).
    conformIdTokenClaims: false,
    allowOmittingSingleRegisteredRedirectUri: false,
    interactions: { policy: interactions(), url: (_ctx: unknown, i: { uid: string }) => `/interaction/${i.uid}` },
    // Cookies are per host, not per port: named apart from anything else on 127.0.0.1.
    cookies: { keys: [randomBytes(32).toString('hex')], names: { session: 'vneid_session', interaction: 'vneid_interaction', resume: 'vneid_interaction_resume' } },
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: false } },
    ttl: { AuthorizationCode: CODE_TTL_SECONDS, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    clientBasedCORS: () => false,
    renderError: (ctx: KoaContextWithOIDC & { set(h: Record<string, string>): void }, out: Record<string, string>) => {
      ctx.set(headers);
      ctx.body = errorPage('Không thể đăng nhập', [out.error, out.error_description].filter(Boolean).join(': '));
    },
  });
  provider.on('server_error', (_ctx: unknown, error: Error) => log(`vneid sandbox: ${error.message}`));
  population = populationRoute(ids, state.populationApiKey);
  log(`vneid sandbox: ${SANDBOX_TITLE} at ${issuer} (client ${VNEID_CLIENT_ID}, ${ids.seed.people.length} people, ${ids.seed.organizations.length} organisations)`);

  const populationUrl = `${issuer}${POPULATION_PATH}`;
  let stopped = false;
  return {
    issuer, clientId: VNEID_CLIENT_ID, clientSecret: state.clientSecret, populationUrl, populationApiKey: state.populationApiKey,
    kid: state.signingKey.kid as string, identities: ids,
    env: () => ({
      VNEID_ISSUER: issuer, VNEID_CLIENT_ID, VNEID_CLIENT_SECRET: state.clientSecret,
      POPULATION_API_URL: populationUrl, POPULATION_API_KEY: state.populationApiKey,
    }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
};
