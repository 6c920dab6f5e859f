// The app client of each agency system in the user pool (docs/identity.md "Client-credentials
// tokens"): made when the system is registered, with a generated secret, the client-credentials
// flow only and the portal's scopes, so Cognito's /oauth2/token issues it access tokens. In AWS the
// identity function may create and delete clients of its own pool only (functions.ts cognitoActions);
// locally cognito-local keeps the clients and the local token endpoint reads them.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { onceAsync } from '../../../shared/aws/clients';
import { readEnv } from '../../../shared/config';
import { fullScope, machineClients, MACHINE_SCOPES } from '../../../shared/platform/identity';

export interface IssuedClient {
  clientId: string;
  /** Shown once, in the registration's answer. */
  clientSecret: string;
  scopes: string[];
}

export interface MachineClients {
  create(keyId: string): Promise<IssuedClient>;
  remove(clientId: string): Promise<void>;
}

const cognitoLib = onceAsync(() => import('@aws-sdk/client-cognito-identity-provider'));
const cognitoClient = onceAsync(async (): Promise<CognitoIdentityProviderClient> => new (await cognitoLib()).CognitoIdentityProviderClient({}));

/** Every scope of the resource server: a system's agencies, not its scopes, bound what it may touch. */
export const systemScopes = () => MACHINE_SCOPES.map(fullScope);

export const cognitoMachineClients = (userPoolId: string): MachineClients => ({
  async create(keyId) {
    const [lib, idp] = await Promise.all([cognitoLib(), cognitoClient()]);
    const out = await idp.send(new lib.CreateUserPoolClientCommand({
      UserPoolId: userPoolId,
      ClientName: `agency-${keyId}`,
      GenerateSecret: true,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthScopes: systemScopes(),
      ExplicitAuthFlows: [],
      AccessTokenValidity: machineClients.accessTokenValidityMinutes,
      TokenValidityUnits: { AccessToken: 'minutes' },
      EnableTokenRevocation: true,
      PreventUserExistenceErrors: 'ENABLED',
    }));
    const client = out.UserPoolClient;
    if (!client?.ClientId || !client.ClientSecret) throw new Error('The user pool made no client with a secret');
    return { clientId: client.ClientId, clientSecret: client.ClientSecret, scopes: systemScopes() };
  },
  async remove(clientId) {
    const [lib, idp] = await Promise.all([cognitoLib(), cognitoClient()]);
    await idp.send(new lib.DeleteUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }));
  },
});

/** The configured pool's clients; undefined where no user pool or token endpoint is configured (HMAC only). */
export const configuredMachineClients = (): MachineClients | undefined => {
  const pool = readEnv('USER_POOL_ID');
  return pool && readEnv('AGENCY_TOKEN_URL') ? cognitoMachineClients(pool) : undefined;
};
