// Signing in at the VNeID sandbox with plain HTTP requests, for scripts and tests: the real
// authorization code flow, with the sandbox's `login_hint` shortcut standing in for the person who
// would choose an account and consent (docs/identity.md "VNeID sandbox (local)").
import { createHash, randomBytes } from 'node:crypto';

const MAX_HOPS = 10;

interface StoredCookie { name: string; value: string; path: string }

/** Cookies as a browser keeps them for one host: by name and path, sent where the path matches. */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  store(setCookies: readonly string[]) {
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const at = pair.indexOf('=');
      if (at < 1) continue;
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const attribute = (key: string) => attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const path = attribute('path') ?? '/';
      const expires = attribute('expires');
      const gone = value === '' || (expires !== undefined && Date.parse(expires) <= Date.now()) || attribute('max-age') === '0';
      if (gone) this.cookies.delete(`${name};${path}`);
      else this.cookies.set(`${name};${path}`, { name, value, path });
    }
  }

  header(url: URL) {
    const matching = [...this.cookies.values()].filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`));
    // The most specific path first, as browsers send them.
    return matching.sort((a, b) => b.path.length - a.path.length).map((c) => `${c.name}=${c.value}`).join('; ');
  }
}

/**
 * Follows an authorization request through the sandbox (its redirects and cookies, by hand) to the
 * redirect back to the client, and returns that URL: `code` and `state`, or `error`. The request
 * must carry a `login_hint` naming a seeded account; otherwise the sandbox would show its page
 * for a person, and this fails saying so.
 */
export const followAuthorization = async (authorizationUrl: string | URL): Promise<URL> => {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  const provider = url.origin;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    const cookie = jar.header(url);
    const res = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    jar.store(res.headers.getSetCookie());
    const location = res.headers.get('location');
    if (res.status < 300 || res.status >= 400 || !location) {
      const html = await res.text();
      // The page's message (its alert, else its heading), as text.
      const message = /role="alert">([^<]*)</.exec(html)?.[1] ?? /<h1>([^<]*)</.exec(html)?.[1] ?? html.slice(0, 200);
      throw new Error(`The VNeID sandbox answered ${res.status} at ${url.pathname} instead of redirecting back: ${message}`);
    }
    await res.arrayBuffer().catch(() => undefined);
    url = new URL(location, url);
    if (url.origin !== provider) return url;
  }
  throw new Error(`The VNeID sandbox did not redirect back within ${MAX_HOPS} hops`);
};

/** An authorization request as the portal makes it: PKCE S256, state and nonce. */
export interface AuthorizationRequest {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

const token = () => randomBytes(32).toString('base64url');

/** The provider's discovery document (the fields read here). */
export const discover = async (issuer: string) => {
  const res = await fetch(new URL('/.well-known/openid-configuration', issuer));
  if (!res.ok) throw new Error(`No discovery document at ${issuer} (${res.status})`);
  return await res.json() as { issuer: string; authorization_endpoint: string; token_endpoint: string; jwks_uri: string; userinfo_endpoint: string };
};

export const authorizationRequest = async (opts: {
  issuer: string; clientId: string; redirectUri: string; loginHint?: string; scope?: string;
}): Promise<AuthorizationRequest> => {
  const state = token();
  const nonce = token();
  const codeVerifier = token();
  const url = new URL((await discover(opts.issuer)).authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: opts.clientId, redirect_uri: opts.redirectUri, response_type: 'code', scope: opts.scope ?? 'openid profile',
    state, nonce, code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'), code_challenge_method: 'S256',
    ...(opts.loginHint ? { login_hint: opts.loginHint } : {}),
  }).toString();
  return { url, state, nonce, codeVerifier };
};

/** Signs in as a seeded person or organisation: the authorization URL with this `login_hint`, followed. */
export const signInWithLoginHint = async (authorizationUrl: string | URL, loginHint: string): Promise<URL> => {
  const url = new URL(authorizationUrl);
  url.searchParams.set('login_hint', loginHint);
  return followAuthorization(url);
};
