// Sign-in with the portal's Cognito user pool, straight from the browser (no SDK: two JSON calls).
// USER_PASSWORD_AUTH over TLS to Cognito; the session (ID and refresh tokens) lives in
// sessionStorage, so closing the tab signs out, as a public-computer user would expect.
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

interface Session { idToken: string; refreshToken?: string; expiresAt: number; user: User }

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
  constructor(readonly code: 'INVALID_CREDENTIALS' | 'CHALLENGE' | 'UNAVAILABLE', message: string) { super(message); }
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

export const signIn = async (username: string, password: string): Promise<User> => {
  const config = await loadConfig();
  const { data } = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.userPoolClientId,
    AuthParameters: { USERNAME: username.trim(), PASSWORD: password },
  });
  const result = data.AuthenticationResult as AuthResult | undefined;
  if (!result?.IdToken) throw new SignInError('CHALLENGE', String(data.ChallengeName ?? 'no token'));
  const user = userOf(result.IdToken);
  save({ idToken: result.IdToken, refreshToken: result.RefreshToken, expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000, user });
  return user;
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
        AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: config.userPoolClientId,
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
  save(null);
};

export const currentUser = (): User | null => session?.user ?? null;

export const onUserChange = (listener: (user: User | null) => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const isApplicant = (u: User | null) => Boolean(u?.groups.some((g) => g === 'citizen' || g === 'business'));
export const isOfficial = (u: User | null) => Boolean(u?.groups.some((g) => g === 'official' || g === 'admin'));
