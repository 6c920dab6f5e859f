// The challenges of a password sign-in as Cognito answers them, where cognito-local 5.3 differs
// (docs/identity.md "What cognito-local lacks"). Officials and admins meet them: a new password
// after an admin created the account, then the second factor (TOTP).
//   - MFA_SETUP: with the pool's MFA required (MfaConfiguration ON) and no authenticator app yet,
//     Cognito asks the user to enrol one: AssociateSoftwareToken and VerifySoftwareToken with the
//     challenge's Session, then RespondToAuthChallenge MFA_SETUP issues the tokens. cognito-local
//     refuses such a sign-in and both calls without an access token.
//   - Sessions: Cognito binds a challenge's Session to its user, client and challenge, for three
//     minutes; a wrong TOTP code may be retried on it a few times. cognito-local accepts any string,
//     so a challenge could be answered for another user or without the password.
//   - NEW_PASSWORD_REQUIRED: a user in FORCE_CHANGE_PASSWORD (an admin's temporary password, or
//     none, as VNeID accounts have) is asked only after the right temporary password, where
//     cognito-local asks without checking it; the new password must meet the pool's policy, and
//     the second factor still follows (enrolment or code) before tokens; cognito-local skips both.
// Everything else (the TOTP codes themselves, the user records, the tokens) is cognito-local's own.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(createRequire(import.meta.url).resolve('cognito-local'));
const totp = require('cognito-local/lib/services/totp');

/** A challenge's Session lives as long as Cognito's (3 minutes). */
const SESSION_MS = 3 * 60_000;
/** Wrong codes a challenge session takes before it is spent. */
const CODE_ATTEMPTS = 5;

/**
 * @param {{ services: any, errors: any }} options
 * @returns {Record<string, (ctx: any, req: any, fallback: (ctx: any, req: any) => Promise<any>) => Promise<any>>}
 */
export function signInChallengeTargets({ services, errors }) {
  /** Session id → { username, clientId, challenge, expires, attempts, secret?, verified? } */
  const sessions = new Map();

  const open = (state) => {
    const id = randomUUID();
    sessions.set(id, { ...state, attempts: 0, expires: Date.now() + SESSION_MS });
    return id;
  };

  const expired = () => new errors.NotAuthorizedError('Invalid session for the user, session is expired.');

  /** The live session `id` for this client and challenge (and user, when named), or the error Cognito gives. */
  const sessionFor = (id, { clientId, challenge, username }) => {
    const s = id ? sessions.get(id) : undefined;
    if (!s || s.expires < Date.now() || s.clientId !== clientId || !challenge.includes(s.challenge) || (username !== undefined && s.username !== username)) {
      if (id) sessions.delete(id);
      throw expired();
    }
    return s;
  };

  const poolOf = async (ctx, clientId) => {
    const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
    const client = await services.cognito.getAppClient(ctx, clientId);
    if (!client) throw new errors.NotAuthorizedError();
    return { pool, client };
  };

  const hasTotp = (user) => user.SoftwareTokenMfaConfiguration?.Verified === true && (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
  const mfaRequired = (pool) => pool.options.MfaConfiguration === 'ON';
  const mfaUsed = (pool, user) => pool.options.MfaConfiguration === 'ON' || (pool.options.MfaConfiguration === 'OPTIONAL' && hasTotp(user));

  /** The pool's password policy, as Cognito applies it to a new password. */
  const meetsPolicy = (pool, password) => {
    const p = pool.options.Policies?.PasswordPolicy ?? {};
    return typeof password === 'string'
      && password.length >= (p.MinimumLength ?? 8)
      && (!p.RequireLowercase || /[a-z]/.test(password))
      && (!p.RequireUppercase || /[A-Z]/.test(password))
      && (!p.RequireNumbers || /[0-9]/.test(password))
      && (!p.RequireSymbols || /[^A-Za-z0-9]/.test(password));
  };

  /** The second factor's challenge after a correct password, or null when tokens are due. */
  const secondFactor = (pool, user, clientId) => {
    if (!mfaUsed(pool, user)) return null;
    if (hasTotp(user)) {
      return {
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        ChallengeParameters: { USER_ID_FOR_SRP: user.Username },
        Session: open({ username: user.Username, clientId, challenge: 'SOFTWARE_TOKEN_MFA' }),
      };
    }
    if (!mfaRequired(pool)) return null;
    return {
      ChallengeName: 'MFA_SETUP',
      ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']), USER_ID_FOR_SRP: user.Username },
      Session: open({ username: user.Username, clientId, challenge: 'MFA_SETUP' }),
    };
  };

  const tokensFor = async (ctx, pool, client, user, clientMetadata) => {
    const groups = await pool.listUserGroupMembership(ctx, user);
    const tokens = await services.tokenGenerator.generate(ctx, user, groups, client, clientMetadata, 'Authentication');
    await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
    return {
      ChallengeParameters: {},
      AuthenticationResult: { AccessToken: tokens.AccessToken, IdToken: tokens.IdToken, RefreshToken: tokens.RefreshToken, ExpiresIn: 3600, TokenType: 'Bearer' },
    };
  };

  return {
    InitiateAuth: async (ctx, req, fallback) => {
      if (req.AuthFlow !== 'USER_PASSWORD_AUTH') return fallback(ctx, req);
      const { pool } = await poolOf(ctx, req.ClientId);
      const user = await pool.getUserByUsername(ctx, req.AuthParameters?.USERNAME ?? '');
      if (user?.UserStatus === 'FORCE_CHANGE_PASSWORD') {
        if (user.Password !== req.AuthParameters?.PASSWORD) throw new errors.NotAuthorizedError('Incorrect username or password.');
        return {
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          ChallengeParameters: { USER_ID_FOR_SRP: user.Username, requiredAttributes: '[]', userAttributes: '{}' },
          Session: open({ username: user.Username, clientId: req.ClientId, challenge: 'NEW_PASSWORD_REQUIRED' }),
        };
      }
      if (user && user.UserStatus === 'CONFIRMED' && user.Enabled !== false && user.Password === req.AuthParameters?.PASSWORD) {
        const challenge = secondFactor(pool, user, req.ClientId);
        if (challenge) return challenge;
      }
      return fallback(ctx, req);
    },

    RespondToAuthChallenge: async (ctx, req) => {
      const username = req.ChallengeResponses?.USERNAME;
      const s = sessionFor(req.Session, { clientId: req.ClientId, challenge: [req.ChallengeName], username });
      const { pool, client } = await poolOf(ctx, req.ClientId);
      const user = await pool.getUserByUsername(ctx, s.username);
      if (!user) throw expired();

      if (req.ChallengeName === 'NEW_PASSWORD_REQUIRED') {
        const password = req.ChallengeResponses?.NEW_PASSWORD;
        if (!meetsPolicy(pool, password)) throw new errors.InvalidPasswordError('Password does not conform to policy');
        sessions.delete(req.Session);
        const confirmed = { ...user, Password: password, UserStatus: 'CONFIRMED', UserLastModifiedDate: new Date() };
        await pool.saveUser(ctx, confirmed);
        return secondFactor(pool, confirmed, req.ClientId) ?? tokensFor(ctx, pool, client, confirmed, req.ClientMetadata);
      }
      if (req.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
        const secret = user.SoftwareTokenMfaConfiguration?.Secret;
        if (!secret || !totp.verify(secret, String(req.ChallengeResponses?.SOFTWARE_TOKEN_MFA_CODE ?? ''))) {
          if (++s.attempts >= CODE_ATTEMPTS) sessions.delete(req.Session);
          throw new errors.CodeMismatchError();
        }
        sessions.delete(req.Session);
        return tokensFor(ctx, pool, client, user, req.ClientMetadata);
      }
      // MFA_SETUP: answered once the app is verified on this session (VerifySoftwareToken).
      if (!s.verified || !hasTotp(user)) throw new errors.InvalidParameterError('The software token has not been verified for this session.');
      sessions.delete(req.Session);
      return tokensFor(ctx, pool, client, user, req.ClientMetadata);
    },

    /** With a Session: the MFA_SETUP enrolment's secret. With an access token: cognito-local's own. */
    AssociateSoftwareToken: async (ctx, req, fallback) => {
      if (req.AccessToken || !req.Session) return fallback(ctx, req);
      const s = sessionFor(req.Session, { clientId: sessions.get(req.Session)?.clientId, challenge: ['MFA_SETUP'] });
      const client = await services.cognito.getAppClient(ctx, s.clientId);
      const pool = await services.cognito.getUserPoolForClientId(ctx, client.ClientId);
      const user = await pool.getUserByUsername(ctx, s.username);
      if (!user) throw expired();
      const secret = totp.generateSecret();
      await pool.saveUser(ctx, { ...user, SoftwareTokenMfaConfiguration: { Secret: secret, Verified: false } });
      sessions.delete(req.Session);
      return { SecretCode: secret, Session: open({ username: s.username, clientId: s.clientId, challenge: 'MFA_SETUP' }) };
    },

    /** With a Session: verifies the enrolling app's first code and turns TOTP on for the user. */
    VerifySoftwareToken: async (ctx, req, fallback) => {
      if (req.AccessToken || !req.Session) return fallback(ctx, req);
      const s = sessionFor(req.Session, { clientId: sessions.get(req.Session)?.clientId, challenge: ['MFA_SETUP'] });
      const pool = await services.cognito.getUserPoolForClientId(ctx, s.clientId);
      const user = await pool.getUserByUsername(ctx, s.username);
      const secret = user?.SoftwareTokenMfaConfiguration?.Secret;
      if (!user || !secret) throw new errors.InvalidParameterError('User has not associated a software token');
      if (!totp.verify(secret, String(req.UserCode ?? ''))) {
        if (++s.attempts >= CODE_ATTEMPTS) sessions.delete(req.Session);
        throw new errors.CodeMismatchError();
      }
      const methods = user.UserMFASettingList ?? [];
      await pool.saveUser(ctx, {
        ...user,
        SoftwareTokenMfaConfiguration: { Secret: secret, Verified: true, FriendlyDeviceName: req.FriendlyDeviceName },
        UserMFASettingList: methods.includes('SOFTWARE_TOKEN_MFA') ? methods : [...methods, 'SOFTWARE_TOKEN_MFA'],
        PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      });
      sessions.delete(req.Session);
      return { Status: 'SUCCESS', Session: open({ username: s.username, clientId: s.clientId, challenge: 'MFA_SETUP', verified: true }) };
    },
  };
}
