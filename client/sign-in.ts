// Signing an official or admin in for the bearer token (docs/api.md "Conventions"): Cognito's
// InitiateAuth with USER_PASSWORD_AUTH against the user pool and the staff client the portal
// reports at GET /v1/config, returning the ID token (custom attributes and groups are only in ID
// tokens). Citizens and businesses have no password: they sign in through VNeID (POST /v1/auth/vneid,
// docs/identity.md).
import type { Schema } from './portal';

export type PortalConfig = Schema<'PortalConfig'>;

export const signIn = async (config: PortalConfig, username: string, password: string): Promise<string> => {
  const { CognitoIdentityProviderClient, InitiateAuthCommand } = await import('@aws-sdk/client-cognito-identity-provider');
  const idp = new CognitoIdentityProviderClient({
    region: config.region,
    ...(config.cognitoEndpoint ? { endpoint: config.cognitoEndpoint } : {}),
  });
  try {
    const out = await idp.send(new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.staffClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }));
    const idToken = out.AuthenticationResult?.IdToken;
    if (!idToken) throw new Error(`sign-in of ${username} returned no ID token (challenge ${out.ChallengeName ?? 'none'})`);
    return idToken;
  } finally {
    idp.destroy();
  }
};
