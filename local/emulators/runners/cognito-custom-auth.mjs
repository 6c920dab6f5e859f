// What cognito-local 5.3 lacks and the portal needs (docs/identity.md "What cognito-local lacks"):
//   - AdminInitiateAuth with AuthFlow CUSTOM_AUTH and AdminRespondToAuthChallenge: the custom
//     authentication flow, driven by the user pool's Define, Create and Verify auth challenge
//     triggers. The triggers are the REAL declared function (functions/identity/auth-challenge.ts),
//     invoked with Cognito-shaped events through the local runtime (POST <triggerUrl>), as Cognito
//     invokes the Lambda in AWS; tokens are minted by cognito-local's own token generator, exactly
//     as for a password sign-in (same claims, groups and custom attributes), and its refresh token
//     stored so REFRESH_TOKEN_AUTH works.
//   - The app client's allowed flows (ExplicitAuthFlows): cognito-local ignores them; AWS refuses
//     a flow the client does not allow, so the web client refuses passwords here too.
// A password sign-in's own challenges (a temporary password, the second factor) are
// cognito-sign-in-challenges.mjs's, the next layer.
import { randomUUID } from 'node:crypto';

/** A custom-auth session lives as long as Cognito's (3 minutes). */
const SESSION_MS = 3 * 60_000;

/**
 * @param {{ services: any, errors: any, triggerUrl?: string }} options
 * @returns {Record<string, (ctx: any, req: any) => Promise<any>>} replacement targets by name
 */
export function customAuthTargets({ services, errors, triggerUrl }) {
  const sessions = new Map();

  const flowAllowed = (client, flow) => (client.ExplicitAuthFlows ?? []).includes(`ALLOW_${flow}`);

  const invokeTrigger = async (event) => {
    if (!triggerUrl) throw new errors.InvalidParameterError('CUSTOM_AUTH: the local runtime configured no auth challenge triggers');
    const res = await fetch(triggerUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    if (!res.ok) throw new errors.UnexpectedLambdaExceptionError();
    return res.json();
  };

  const attributesOf = (user) => ({
    ...Object.fromEntries((user?.Attributes ?? []).map((a) => [a.Name, a.Value])),
    ...(user ? { 'cognito:user_status': user.UserStatus } : {}),
  });

  const eventOf = (triggerSource, pool, client, username, request) => ({
    version: '1',
    triggerSource,
    region: 'local',
    userPoolId: pool.options.Id,
    userName: username,
    callerContext: { awsSdkVersion: 'cognito-local', clientId: client.ClientId },
    request,
    response: {},
  });

  /** Define decides; a new challenge is created and kept in a session; tokens when it says so. */
  const advance = async (ctx, req, { pool, client, user, username, session }) => {
    const userAttributes = attributesOf(user);
    const defined = await invokeTrigger(eventOf('DefineAuthChallenge_Authentication', pool, client, username, {
      userAttributes, session, clientMetadata: req.ClientMetadata, userNotFound: !user,
    }));
    const decision = defined.response ?? {};
    if (decision.failAuthentication || !user) throw new errors.NotAuthorizedError('Incorrect username or password.');
    if (decision.issueTokens) {
      const groups = await pool.listUserGroupMembership(ctx, user);
      const tokens = await services.tokenGenerator.generate(ctx, user, groups, client, req.ClientMetadata, 'Authentication');
      await pool.storeRefreshToken(ctx, tokens.RefreshToken, user);
      return {
        ChallengeParameters: {},
        AuthenticationResult: {
          AccessToken: tokens.AccessToken, IdToken: tokens.IdToken, RefreshToken: tokens.RefreshToken,
          ExpiresIn: 3600, TokenType: 'Bearer',
        },
      };
    }
    if (decision.challengeName !== 'CUSTOM_CHALLENGE') throw new errors.NotAuthorizedError(`Unsupported challenge ${decision.challengeName}`);
    const created = await invokeTrigger(eventOf('CreateAuthChallenge_Authentication', pool, client, username, {
      userAttributes, challengeName: 'CUSTOM_CHALLENGE', session, clientMetadata: req.ClientMetadata, userNotFound: false,
    }));
    const id = randomUUID();
    sessions.set(id, {
      username, clientId: client.ClientId, session,
      privateChallengeParameters: created.response?.privateChallengeParameters ?? {},
      challengeMetadata: created.response?.challengeMetadata,
      expires: Date.now() + SESSION_MS,
    });
    return {
      ChallengeName: 'CUSTOM_CHALLENGE',
      Session: id,
      ChallengeParameters: { USERNAME: username, ...(created.response?.publicChallengeParameters ?? {}) },
    };
  };

  const poolAndClient = async (ctx, clientId) => {
    const pool = await services.cognito.getUserPoolForClientId(ctx, clientId);
    const client = await services.cognito.getAppClient(ctx, clientId);
    if (!client) throw new errors.NotAuthorizedError();
    return { pool, client };
  };

  return {
    /** CUSTOM_AUTH here; every other flow as cognito-local does it, if the client allows it. */
    AdminInitiateAuth: async (ctx, req, fallback) => {
      const { pool, client } = await poolAndClient(ctx, req.ClientId);
      if (req.AuthFlow !== 'CUSTOM_AUTH') {
        const flow = req.AuthFlow === 'ADMIN_USER_PASSWORD_AUTH' ? 'ADMIN_USER_PASSWORD_AUTH' : 'REFRESH_TOKEN_AUTH';
        if (!flowAllowed(client, flow)) throw new errors.InvalidParameterError(`${req.AuthFlow} flow not enabled for this client`);
        return fallback(ctx, req);
      }
      if (!flowAllowed(client, 'CUSTOM_AUTH')) throw new errors.InvalidParameterError('CUSTOM_AUTH flow not enabled for this client');
      const username = req.AuthParameters?.USERNAME;
      if (!username) throw new errors.InvalidParameterError('AuthParameters USERNAME is required');
      const user = await pool.getUserByUsername(ctx, username);
      return advance(ctx, req, { pool, client, user, username, session: [] });
    },

    AdminRespondToAuthChallenge: async (ctx, req) => {
      if (req.ChallengeName !== 'CUSTOM_CHALLENGE') throw new errors.InvalidParameterError(`${req.ChallengeName} is not supported locally`);
      const pending = sessions.get(req.Session);
      // A session answers once: Cognito starts a new one for each further challenge.
      sessions.delete(req.Session);
      if (!pending || pending.expires < Date.now() || pending.clientId !== req.ClientId || pending.username !== req.ChallengeResponses?.USERNAME) {
        throw new errors.NotAuthorizedError('Invalid session for the user.');
      }
      const { pool, client } = await poolAndClient(ctx, req.ClientId);
      const user = await pool.getUserByUsername(ctx, pending.username);
      if (!user) throw new errors.NotAuthorizedError();
      const verified = await invokeTrigger(eventOf('VerifyAuthChallengeResponse_Authentication', pool, client, pending.username, {
        userAttributes: attributesOf(user),
        privateChallengeParameters: pending.privateChallengeParameters,
        challengeAnswer: req.ChallengeResponses?.ANSWER ?? '',
        clientMetadata: req.ClientMetadata,
        userNotFound: false,
      }));
      const session = [...pending.session, {
        challengeName: 'CUSTOM_CHALLENGE',
        challengeResult: verified.response?.answerCorrect === true,
        challengeMetadata: pending.challengeMetadata,
      }];
      return advance(ctx, req, { pool, client, user, username: pending.username, session });
    },

    /** Password and refresh flows, only where the client allows them. */
    InitiateAuth: async (ctx, req, fallback) => {
      const { client } = await poolAndClient(ctx, req.ClientId);
      const flow = req.AuthFlow === 'REFRESH_TOKEN' ? 'REFRESH_TOKEN_AUTH' : req.AuthFlow;
      if (!flowAllowed(client, flow)) throw new errors.InvalidParameterError(`${req.AuthFlow} flow not enabled for this client`);
      return fallback(ctx, req);
    },
  };
}
