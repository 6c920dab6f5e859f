// The portal's accounts of VNeID users in the Cognito user pool: created on the first sign-in
// (no password: AdminCreateUser with MessageAction SUPPRESS), updated on later ones, then signed
// in through the pool's custom authentication (CUSTOM_AUTH), whose challenge only a proof of the
// identity function answers (functions/identity/auth-challenge.ts).
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { onceAsync } from '../../../shared/aws/clients';
import { readEnv } from '../../../shared/config';
import { DomainError } from '../../../shared/errors/domain-error';

const cognitoLib = onceAsync(() => import('@aws-sdk/client-cognito-identity-provider'));
const cognitoClient = onceAsync(async () => new (await cognitoLib()).CognitoIdentityProviderClient({}));

export interface PortalTokens {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  /** Seconds the ID and access tokens live. */
  expiresIn: number;
}

export interface AccountChange {
  username: string;
  attributes: Record<string, string>;
  group: string;
}

const required = (name: 'USER_POOL_ID' | 'USER_POOL_CLIENT_ID') => {
  const value = readEnv(name);
  if (!value) throw new Error(`${name} is not configured`);
  return value;
};

export class CognitoAccounts {
  constructor(
    private readonly client: () => Promise<CognitoIdentityProviderClient> = cognitoClient,
    private readonly pool = { userPoolId: () => required('USER_POOL_ID'), clientId: () => required('USER_POOL_CLIENT_ID') },
  ) {}

  /**
   * Creates the account, or updates it when it exists (a later sign-in, or the loser of a race to
   * create it: the username is deterministic, so both land on the one account), and puts it in its group.
   */
  async upsert(change: AccountChange): Promise<'created' | 'updated'> {
    const [idp, lib] = await Promise.all([this.client(), cognitoLib()]);
    const UserPoolId = this.pool.userPoolId();
    const UserAttributes = Object.entries(change.attributes).map(([Name, Value]) => ({ Name, Value }));
    let outcome: 'created' | 'updated' = 'created';
    try {
      await idp.send(new lib.AdminCreateUserCommand({ UserPoolId, Username: change.username, MessageAction: 'SUPPRESS', UserAttributes }));
    } catch (e) {
      if ((e as Error).name !== 'UsernameExistsException') throw e;
      outcome = 'updated';
      await idp.send(new lib.AdminUpdateUserAttributesCommand({ UserPoolId, Username: change.username, UserAttributes }));
    }
    // Idempotent: adding a member again changes nothing.
    await idp.send(new lib.AdminAddUserToGroupCommand({ UserPoolId, Username: change.username, GroupName: change.group }));
    return outcome;
  }

  /** The portal's tokens for `username`, by answering the custom challenge with `proof`. */
  async signIn(username: string, proof: string): Promise<PortalTokens> {
    const [idp, lib] = await Promise.all([this.client(), cognitoLib()]);
    const UserPoolId = this.pool.userPoolId();
    const ClientId = this.pool.clientId();
    const started = await idp.send(new lib.AdminInitiateAuthCommand({
      UserPoolId, ClientId, AuthFlow: 'CUSTOM_AUTH', AuthParameters: { USERNAME: username },
    }));
    if (started.ChallengeName !== 'CUSTOM_CHALLENGE') throw new Error(`Custom sign-in of ${username} began with ${started.ChallengeName ?? 'no challenge'}`);
    const answered = await idp.send(new lib.AdminRespondToAuthChallengeCommand({
      UserPoolId, ClientId, ChallengeName: 'CUSTOM_CHALLENGE', Session: started.Session,
      ChallengeResponses: { USERNAME: username, ANSWER: proof },
    }));
    const result = answered.AuthenticationResult;
    if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) {
      throw new DomainError('internal', 'SIGN_IN_INCOMPLETE', 'The user pool issued no tokens for the VNeID sign-in');
    }
    return { idToken: result.IdToken, accessToken: result.AccessToken, refreshToken: result.RefreshToken, expiresIn: result.ExpiresIn ?? 3600 };
  }
}
