// Signing the demo accounts in from scripts and tests, each the way the portal signs them in:
// officials and admins with their password (staff client), citizens and businesses through VNeID —
// the real authorization code flow of the portal's API (POST /v1/auth/vneid, the sandbox followed
// with plain HTTP thanks to its login_hint shortcut, POST /v1/auth/vneid/token). Returns the ID token.
import { signIn as passwordSignIn, type PortalConfig } from '../client/sign-in';
import { DEMO_PASSWORD, demoAccount } from './seed/accounts';
import { followAuthorization } from './vneid/sign-in';

export interface PortalTokens { idToken: string; accessToken: string; refreshToken: string; expiresIn: number }

const postJson = async (url: string, body: unknown) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  return { status: res.status, body: json };
};

/** The authorization URL of a new sign-in at the portal (`POST /v1/auth/vneid`). */
export const startVneidSignIn = async (baseUrl: string, loginHint?: string): Promise<string> => {
  const started = await postJson(`${baseUrl}/v1/auth/vneid`, loginHint ? { loginHint } : {});
  if (started.status !== 200) throw new Error(`POST /v1/auth/vneid answered ${started.status}: ${JSON.stringify(started.body)}`);
  return String(started.body!.authorizationUrl);
};

/** The code and state VNeID sends the browser back with, for a seeded person or organisation. */
export const vneidCallback = async (authorizationUrl: string): Promise<{ code: string; state: string }> => {
  const back = await followAuthorization(authorizationUrl);
  const code = back.searchParams.get('code');
  const state = back.searchParams.get('state');
  if (!code || !state) throw new Error(`VNeID sent the browser back without a code: ${back.searchParams.get('error') ?? back.search}`);
  return { code, state };
};

/** A VNeID sign-in of the seeded identity `loginHint` (ID number or enterprise code): the portal's tokens. */
export const vneidSignIn = async (baseUrl: string, loginHint: string): Promise<PortalTokens> => {
  const callback = await vneidCallback(await startVneidSignIn(baseUrl, loginHint));
  const done = await postJson(`${baseUrl}/v1/auth/vneid/token`, callback);
  if (done.status !== 200) throw new Error(`POST /v1/auth/vneid/token answered ${done.status}: ${JSON.stringify(done.body)}`);
  return done.body as unknown as PortalTokens;
};

/** The ID token of a demo account (citizen.demo and business.demo through VNeID, the others by password). */
export const demoSignIn = async (baseUrl: string, config: PortalConfig, username: string, password: string = DEMO_PASSWORD): Promise<string> => {
  const hint = demoAccount(username)?.vneidLoginHint;
  if (hint) return (await vneidSignIn(baseUrl, hint)).idToken;
  return passwordSignIn(config, username, password);
};
