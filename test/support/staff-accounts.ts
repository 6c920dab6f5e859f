// Officials' accounts as an admin creates them (a temporary password, the group, an agency in
// scope), and a user pool that requires the second factor as AWS's does (userPool.mfa.aws), for the
// sign-in challenge tests (docs/identity.md "Officials' second factor").
import {
  AdminAddUserToGroupCommand, AdminCreateUserCommand, CreateGroupCommand, CreateUserPoolClientCommand, CreateUserPoolCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { cognitoPasswordPolicy } from '../../local/provision';
import { userPool } from '../../shared/platform/identity';

/** The temporary password an admin gives, and the one the official then chooses (both meet the policy). */
export const TEMPORARY_PASSWORD = 'Tam-thoi-2026!';
export const CHOSEN_PASSWORD = 'Mat-khau-moi-2026!';

/** Creates `username` in `pool` as an official of Hà Nội (000.00.00.H26) with the temporary password. */
export const createOfficial = async (idp: CognitoIdentityProviderClient, pool: string, username: string) => {
  await idp.send(new AdminCreateUserCommand({
    UserPoolId: pool, Username: username, TemporaryPassword: TEMPORARY_PASSWORD, MessageAction: 'SUPPRESS',
    UserAttributes: [{ Name: 'name', Value: 'Cán bộ thử nghiệm' }, { Name: 'custom:agency_scope', Value: '000.00.00.H26' }],
  }));
  await idp.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: username, GroupName: 'official' }));
  return username;
};

/** A pool named `name` whose MFA is AWS's (required, TOTP), with the declared groups and a staff client. */
export const createPoolRequiringMfa = async (idp: CognitoIdentityProviderClient, name: string) => {
  const created = await idp.send(new CreateUserPoolCommand({
    PoolName: name.slice(0, 100),
    MfaConfiguration: userPool.mfa.aws,
    Policies: { PasswordPolicy: cognitoPasswordPolicy() },
    Schema: [{ Name: 'agency_scope', AttributeDataType: 'String', Mutable: true }],
  }));
  const poolId = created.UserPool!.Id!;
  for (const group of userPool.groups) await idp.send(new CreateGroupCommand({ UserPoolId: poolId, GroupName: group }));
  const client = await idp.send(new CreateUserPoolClientCommand({
    UserPoolId: poolId, ClientName: userPool.staffClient.name, ExplicitAuthFlows: userPool.staffClient.authFlows.map((f) => `ALLOW_${f}` as const),
  }));
  return { poolId, clientId: client.UserPoolClient!.ClientId! };
};
