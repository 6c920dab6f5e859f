// Sign-in to the portal, straight from the browser (no SDK: a few JSON calls). Citizens and
// businesses sign in through VNeID: the portal's API starts the sign-in (the VNeID page to go to)
// and, when VNeID sends the browser back to /dang-nhap/vneid, turns its code into the portal's
// Cognito tokens (docs/identity.md). Officials and admins sign in with their password
// (USER_PASSWORD_AUTH over TLS to Cognito, the staff client). The session (ID and refresh tokens,
// and the client they belong to) lives in sessionStorage, so closing the tab signs out, as a
// public-computer user would expect; signing out revokes the refresh token.
import { cognitoUrl, loadConfig } from './config';

export type Group = 'citizen' | 'business' | 'official' | 'admin';

export interface User {
  username: string;
  name?: string;
  groups: Group[];
  idNumber?: string;
  enterpriseCode?: string;
  vneidVerified: boolean;
  /** The VNeID e-ID level ("1" | "2") of an account signed in with VNeID; absent for password accounts. */
  eidLevel?: string;
  /** Agency codes an official serves. */
  agencyScope: string[];
}

interface Session {
  idToken: string;
  refreshToken?: string;
  /** The app client the tokens were issued to (refresh and revocation name it). */
  clientId?: string;
  expiresAt: number;
  user: User;
}

const STORAGE_KEY = 'dvc.session';
const listeners = new Set<(user: User | null) => void>();
let session: Session | null = read();

function read(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

const save = (next: Session | null) => {
  session = next;
  try {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch { /* storage disabled: the session lasts as long as the page */ }
  for (const listener of listeners) listener(next?.user ?? null);
};

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map(String)
    : typeof value === 'string' && value ? value.split(/[,\s]+/).filter(Boolean)
      : [];

/** The claims of an ID token (already verified by the API on every call; read here for display). */
export const userOf = (idToken: string): User => {
  const payload = idToken.split('.')[1] ?? '';
  const json = decodeURIComponent(
    atob(payload.replace(/-/g, '+').replace(/_/g, '/')).split('').map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join(''),
  );
  const claims = JSON.parse(json) as Record<string, unknown>;
  return {
    username: String(claims['cognito:username'] ?? claims.sub ?? ''),
    name: typeof claims.name === 'string' ? claims.name : undefined,
    groups: list(claims['cognito:groups']).filter((g): g is Group => ['citizen', 'business', 'official', 'admin'].includes(g)),
    idNumber: typeof claims['custom:id_number'] === 'string' ? claims['custom:id_number'] : undefined,
    enterpriseCode: typeof claims['custom:enterprise_code'] === 'string' ? claims['custom:enterprise_code'] : undefined,
    vneidVerified: String(claims['custom:vneid_verified']) === 'true',
    eidLevel: typeof claims['custom:eid_level'] === 'string' ? claims['custom:eid_level'] : undefined,
    agencyScope: list(claims['custom:agency_scope']),
  };
};

export class SignInError extends Error {
  constructor(readonly code: 'INVALID_CREDENTIALS' | 'CHALLENGE' | 'UNAVAILABLE' | 'VNEID_REFUSED' | 'VNEID_EXPIRED', message: string) { super(message); }
}

const cognito = async (target: string, body: unknown) => {
  const config = await loadConfig();
  let res: Response;
  try {
    res = await fetch(cognitoUrl(config), {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new SignInError('UNAVAILABLE', (e as Error).message);
  }
  const data = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) {
    const type = String(data.__type ?? data.code ?? '');
    // Real Cognito answers NotAuthorizedException for a wrong password; cognito-local, InvalidPasswordException.
    if (/NotAuthorized|UserNotFound|InvalidPassword|InvalidParameter/.test(type)) throw new SignInError('INVALID_CREDENTIALS', String(data.message ?? type));
    throw new SignInError('UNAVAILABLE', String(data.message ?? type ?? res.status));
  }
  return { data, clientId: config.userPoolClientId };
};

interface AuthResult { IdToken?: string; RefreshToken?: string; ExpiresIn?: number }

const startSession = (result: { IdToken: string; RefreshToken?: string; ExpiresIn?: number }, clientId: string): User => {
  const user = userOf(result.IdToken);
  save({ idToken: result.IdToken, refreshToken: result.RefreshToken, clientId, expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000, user });
  return user;
};

/** Officials' and admins' sign-in (the staff client): citizens and businesses have no password. */
export const signIn = async (username: string, password: string): Promise<User> => {
  const config = await loadConfig();
  const { data } = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.staffClientId,
    AuthParameters: { USERNAME: username.trim(), PASSWORD: password },
  });
  const result = data.AuthenticationResult as AuthResult | undefined;
  if (!result?.IdToken) throw new SignInError('CHALLENGE', String(data.ChallengeName ?? 'no token'));
  return startSession({ ...result, IdToken: result.IdToken }, config.staffClientId);
};

const NEXT_KEY = 'dvc.signin.next';

/** What the portal's sign-in routes answer: their success fields, or the error envelope. */
interface PortalAnswer {
  authorizationUrl?: unknown;
  idToken?: unknown;
  refreshToken?: string;
  expiresIn?: number;
  error?: { code?: string; message?: string };
}

const postJson = async (path: string, body: unknown) => {
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    throw new SignInError('UNAVAILABLE', (e as Error).message);
  }
  const data = (await res.json().catch(() => ({}))) as PortalAnswer;
  return { status: res.status, data };
};

/**
 * Starts a VNeID sign-in: the address of VNeID's page to send the browser to. `next` (a path of
 * this site) is where the callback page returns to.
 */
export const startVneidSignIn = async (next: string): Promise<string> => {
  const { status, data } = await postJson('/v1/auth/vneid', {});
  if (status !== 200 || typeof data.authorizationUrl !== 'string') throw new SignInError('UNAVAILABLE', String(data.error?.message ?? status));
  try { sessionStorage.setItem(NEXT_KEY, next); } catch { /* storage disabled: back to the default page */ }
  return data.authorizationUrl;
};

/** Completes a VNeID sign-in with what VNeID sent the browser back with; returns the user and where to go. */
export const completeVneidSignIn = async (code: string, state: string): Promise<{ user: User; next: string | null }> => {
  const [config, { status, data }] = await Promise.all([loadConfig(), postJson('/v1/auth/vneid/token', { code, state })]);
  if (status !== 200 || typeof data.idToken !== 'string') {
    const code = String(data.error?.code ?? '');
    throw new SignInError(code === 'SIGN_IN_STATE_INVALID' ? 'VNEID_EXPIRED' : status === 401 ? 'VNEID_REFUSED' : 'UNAVAILABLE', String(data.error?.message ?? status));
  }
  const user = startSession({ IdToken: data.idToken, RefreshToken: data.refreshToken, ExpiresIn: data.expiresIn }, config.userPoolClientId);
  let next: string | null = null;
  try {
    next = sessionStorage.getItem(NEXT_KEY);
    sessionStorage.removeItem(NEXT_KEY);
  } catch { /* storage disabled */ }
  return { user, next };
};

let refreshing: Promise<string | null> | undefined;

/** The ID token to send, refreshed shortly before it expires; null when signed out. */
export const currentToken = async (): Promise<string | null> => {
  if (!session) return null;
  if (session.expiresAt - Date.now() > 60_000) return session.idToken;
  if (!session.refreshToken) { save(null); return null; }
  refreshing ??= (async () => {
    try {
      const config = await loadConfig();
      const { data } = await cognito('InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: session!.clientId ?? config.userPoolClientId,
        AuthParameters: { REFRESH_TOKEN: session!.refreshToken! },
      });
      const result = data.AuthenticationResult as AuthResult | undefined;
      if (!result?.IdToken) { save(null); return null; }
      save({ ...session!, idToken: result.IdToken, expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000, user: userOf(result.IdToken) });
      return result.IdToken;
    } catch {
      save(null);
      return null;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
};

export let sessionExpired = false;

export const signOut = (opts: { expired?: boolean } = {}) => {
  sessionExpired = Boolean(opts.expired && session);
  const ending = session;
  save(null);
  // The refresh token dies with the session (Cognito RevokeToken); best effort, the tab is already signed out.
  if (ending?.refreshToken && ending.clientId) {
    cognito('RevokeToken', { Token: ending.refreshToken, ClientId: ending.clientId }).catch(() => undefined);
  }
};

export const currentUser = (): User | null => session?.user ?? null;

export const onUserChange = (listener: (user: User | null) => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const isApplicant = (u: User | null) => Boolean(u?.groups.some((g) => g === 'citizen' || g === 'business'));
export const isOfficial = (u: User | null) => Boolean(u?.groups.some((g) => g === 'official' || g === 'admin'));
