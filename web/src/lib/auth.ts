// Sign-in to the portal, straight from the browser (no SDK: a few JSON calls). Citizens and
// businesses sign in through VNeID: the portal's API starts the sign-in (the VNeID page to go to)
// and, when VNeID sends the browser back to /dang-nhap/vneid, turns its code into the portal's
// Cognito tokens (docs/identity.md). Officials and admins sign in with their password
// (USER_PASSWORD_AUTH over TLS to Cognito, the staff client), then answer what Cognito asks: a new
// password, an authenticator app to enrol, its code (docs/identity.md "Officials' second factor").
// The session (ID and refresh tokens, and the client they belong to) lives in sessionStorage, so
// closing the tab signs out, as a public-computer user would expect; signing out revokes the
// refresh token.
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

export type SignInErrorCode =
  | 'INVALID_CREDENTIALS' | 'CHALLENGE' | 'UNAVAILABLE' | 'VNEID_REFUSED' | 'VNEID_EXPIRED'
  /** A challenge's answers: a wrong authenticator code, a new password the policy refuses, a challenge timed out. */
  | 'CODE_MISMATCH' | 'PASSWORD_POLICY' | 'SESSION_EXPIRED';

export class SignInError extends Error {
  constructor(readonly code: SignInErrorCode, message: string) { super(message); }
}

/** What a Cognito error means on the officials' password form. */
const passwordFailure = (type: string): SignInErrorCode | null =>
  // Real Cognito answers NotAuthorizedException for a wrong password; cognito-local, InvalidPasswordException.
  (/NotAuthorized|UserNotFound|InvalidPassword|InvalidParameter/.test(type) ? 'INVALID_CREDENTIALS' : null);

/** What a Cognito error means while answering a challenge (the password was right). */
const challengeFailure = (type: string): SignInErrorCode | null =>
  /CodeMismatch|EnableSoftwareTokenMFA/.test(type) ? 'CODE_MISMATCH'
    : /InvalidPassword/.test(type) ? 'PASSWORD_POLICY'
      : /NotAuthorized|ExpiredCode/.test(type) ? 'SESSION_EXPIRED'
        : null;

const cognito = async (target: string, body: unknown, failure: (type: string) => SignInErrorCode | null = passwordFailure) => {
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
    throw new SignInError(failure(type) ?? 'UNAVAILABLE', String(data.message ?? type ?? res.status));
  }
  return { data, clientId: config.userPoolClientId };
};

interface AuthResult { IdToken?: string; RefreshToken?: string; ExpiresIn?: number }

const startSession = (result: { IdToken: string; RefreshToken?: string; ExpiresIn?: number }, clientId: string): User => {
  const user = userOf(result.IdToken);
  save({ idToken: result.IdToken, refreshToken: result.RefreshToken, clientId, expiresAt: Date.now() + (result.ExpiresIn ?? 3600) * 1000, user });
  return user;
};

/**
 * A step Cognito asks an official for before it gives tokens (docs/identity.md "Officials' second
 * factor"): a new password for an account an admin created, an authenticator app to enrol where the
 * pool requires one and none is set up yet (AWS), or the app's current code. `session` is Cognito's,
 * valid for three minutes.
 */
export interface StaffChallenge {
  kind: 'new-password' | 'totp-setup' | 'totp';
  username: string;
  session: string;
}

/** Where an official's sign-in stands: signed in, or a challenge to answer. */
export type StaffSignInStep = { user: User; challenge?: undefined } | { challenge: StaffChallenge; user?: undefined };

const CHALLENGES: Record<string, StaffChallenge['kind']> = {
  NEW_PASSWORD_REQUIRED: 'new-password',
  MFA_SETUP: 'totp-setup',
  SOFTWARE_TOKEN_MFA: 'totp',
};

/** The step a Cognito answer leads to (tokens start the session). */
const stepOf = (data: Record<string, unknown>, username: string, clientId: string): StaffSignInStep => {
  const result = data.AuthenticationResult as AuthResult | undefined;
  if (result?.IdToken) return { user: startSession({ ...result, IdToken: result.IdToken }, clientId) };
  const kind = CHALLENGES[String(data.ChallengeName)];
  if (!kind || typeof data.Session !== 'string') throw new SignInError('CHALLENGE', String(data.ChallengeName ?? 'no token'));
  // Cognito names the account in its answers (the username an alias signed in as).
  const named = (data.ChallengeParameters as Record<string, unknown> | undefined)?.USER_ID_FOR_SRP;
  return { challenge: { kind, username: typeof named === 'string' && named ? named : username, session: data.Session } };
};

/** Officials' and admins' sign-in (the staff client): citizens and businesses have no password. */
export const signIn = async (username: string, password: string): Promise<StaffSignInStep> => {
  const config = await loadConfig();
  const { data } = await cognito('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: config.staffClientId,
    AuthParameters: { USERNAME: username.trim(), PASSWORD: password },
  });
  return stepOf(data, username.trim(), config.staffClientId);
};

const respond = async (challenge: StaffChallenge, name: string, responses: Record<string, string>, session = challenge.session) => {
  const config = await loadConfig();
  const { data } = await cognito('RespondToAuthChallenge', {
    ChallengeName: name, ClientId: config.staffClientId, Session: session,
    ChallengeResponses: { USERNAME: challenge.username, ...responses },
  }, challengeFailure);
  return stepOf(data, challenge.username, config.staffClientId);
};

/** Answers NEW_PASSWORD_REQUIRED; the second factor may follow. */
export const setNewPassword = (challenge: StaffChallenge, newPassword: string) =>
  respond(challenge, 'NEW_PASSWORD_REQUIRED', { NEW_PASSWORD: newPassword });

/** Answers SOFTWARE_TOKEN_MFA with the app's current code (a mistyped code may be tried again). */
export const answerTotp = (challenge: StaffChallenge, code: string) =>
  respond(challenge, 'SOFTWARE_TOKEN_MFA', { SOFTWARE_TOKEN_MFA_CODE: code.replace(/\s/g, '') });

/** What an authenticator app is set up with: the secret (base32), and the same as an otpauth:// URI for its QR code. */
export interface TotpEnrolment {
  secret: string;
  uri: string;
  /** The challenge to finish the enrolment with (Cognito gives a new session). */
  challenge: StaffChallenge;
}

/** The otpauth:// URI an authenticator app reads (Key Uri Format): the portal as issuer, the official as account. */
export const otpauthUri = (issuer: string, account: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}&algorithm=SHA1&digits=6&period=30`;

/** Starts MFA_SETUP: a new secret for the official's authenticator app. */
export const startTotpEnrolment = async (challenge: StaffChallenge, issuer: string): Promise<TotpEnrolment> => {
  const { data } = await cognito('AssociateSoftwareToken', { Session: challenge.session }, challengeFailure);
  const secret = String(data.SecretCode ?? '');
  if (!secret || typeof data.Session !== 'string') throw new SignInError('UNAVAILABLE', 'no secret');
  return { secret, uri: otpauthUri(issuer, challenge.username, secret), challenge: { ...challenge, session: data.Session } };
};

/** Finishes MFA_SETUP with the app's first code: the app is verified, then the sign-in completes. */
export const finishTotpEnrolment = async (enrolment: TotpEnrolment, code: string, deviceName: string): Promise<StaffSignInStep> => {
  const { data } = await cognito('VerifySoftwareToken', {
    Session: enrolment.challenge.session, UserCode: code.replace(/\s/g, ''), FriendlyDeviceName: deviceName,
  }, challengeFailure);
  if (data.Status !== 'SUCCESS' || typeof data.Session !== 'string') throw new SignInError('CODE_MISMATCH', String(data.Status));
  return respond(enrolment.challenge, 'MFA_SETUP', {}, data.Session);
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
