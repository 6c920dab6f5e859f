// GET /v1/config: what the web app needs to sign users in (the user pool, its two clients: the
// citizens' and businesses' (VNeID, refresh) and the officials' (password), the region, locally
// the Cognito emulator's endpoint) and the API version.
import { readEnv } from '../../../shared/config';
import { API_VERSION } from '../../../shared/contracts/meta';
import { DomainError } from '../../../shared/errors/domain-error';

const requiredEnv = (name: 'AWS_REGION' | 'USER_POOL_ID' | 'USER_POOL_CLIENT_ID' | 'USER_POOL_STAFF_CLIENT_ID') => {
  const value = readEnv(name);
  if (!value) throw new DomainError('internal', 'NOT_CONFIGURED', `${name} is not configured`);
  return value;
};

export const publicConfig = () => {
  const cognitoEndpoint = readEnv('PUBLIC_COGNITO_ENDPOINT');
  return {
    region: requiredEnv('AWS_REGION'),
    userPoolId: requiredEnv('USER_POOL_ID'),
    userPoolClientId: requiredEnv('USER_POOL_CLIENT_ID'),
    staffClientId: requiredEnv('USER_POOL_STAFF_CLIENT_ID'),
    ...(cognitoEndpoint ? { cognitoEndpoint } : {}),
    apiVersion: API_VERSION,
  };
};
