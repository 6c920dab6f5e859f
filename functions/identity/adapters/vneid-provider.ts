// The VNeID OpenID provider as the portal's relying party sees it: discovery, the authorization
// URL, the token endpoint (client_secret_basic, PKCE) and the issuer's keys (JWKS, fetched and
// cached by jose). Plain fetch: no OpenID client library is installed (docs/identity.md).
import { createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import * as z from 'zod';
import { DomainError, unavailable } from '../../../shared/errors/domain-error';

const Discovery = z.object({
  issuer: z.string(),
  authorization_endpoint: z.url(),
  token_endpoint: z.url(),
  jwks_uri: z.url(),
});
type Discovery = z.infer<typeof Discovery>;

const TokenAnswer = z.object({ id_token: z.string().min(1), token_type: z.string().optional() });

export interface VneidClient {
  issuer: string;
  clientId: string;
  clientSecret: () => Promise<string>;
  redirectUri: string;
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeChallenge: string;
  loginHint?: string;
}

const REQUEST_TIMEOUT_MS = 8_000;

export class VneidProvider {
  private discovery?: Promise<Discovery>;
  private jwks?: JWTVerifyGetKey;

  constructor(readonly client: VneidClient, private readonly fetchFn: typeof fetch = fetch) {}

  private discover(): Promise<Discovery> {
    this.discovery ??= (async () => {
      const res = await this.call(`${this.client.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {});
      const parsed = Discovery.safeParse(await res.json().catch(() => undefined));
      if (!res.ok || !parsed.success) throw unavailable('VNEID_UNAVAILABLE', 'VNeID discovery answered no usable configuration');
      // OIDC Discovery §4.3: the document must name the issuer it was fetched for.
      if (parsed.data.issuer !== this.client.issuer) throw unavailable('VNEID_UNAVAILABLE', 'VNeID discovery names another issuer');
      return parsed.data;
    })();
    this.discovery.catch(() => { this.discovery = undefined; });
    return this.discovery;
  }

  private async call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    } catch (e) {
      throw unavailable('VNEID_UNAVAILABLE', `VNeID cannot be reached: ${(e as Error).message}`);
    }
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const { authorization_endpoint } = await this.discover();
    const url = new URL(authorization_endpoint);
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: this.client.clientId,
      redirect_uri: this.client.redirectUri,
      scope: 'openid profile',
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
      login_hint: request.loginHint,
    };
    for (const [name, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }

  /** The ID token for `code`; VNeID refusing the code (used, expired, wrong verifier) is a 401. */
  async exchangeCode(code: string, codeVerifier: string): Promise<string> {
    const { token_endpoint } = await this.discover();
    const basic = Buffer.from(`${encodeURIComponent(this.client.clientId)}:${encodeURIComponent(await this.client.clientSecret())}`).toString('base64');
    const res = await this.call(token_endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.client.redirectUri, code_verifier: codeVerifier }),
    });
    const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status === 400 || res.status === 401) {
      throw new DomainError('unauthenticated', 'VNEID_CODE_REFUSED', `VNeID refused the authorization code: ${String(body.error ?? res.status)}`);
    }
    const parsed = TokenAnswer.safeParse(body);
    if (!res.ok || !parsed.success) throw unavailable('VNEID_UNAVAILABLE', `VNeID's token endpoint answered ${res.status}`);
    return parsed.data.id_token;
  }

  /** The issuer's keys (JWKS from discovery; jose caches them and refetches on an unknown kid). */
  async keys(): Promise<JWTVerifyGetKey> {
    if (!this.jwks) {
      const { jwks_uri } = await this.discover();
      this.jwks = createRemoteJWKSet(new URL(jwks_uri));
    }
    return this.jwks;
  }
}
