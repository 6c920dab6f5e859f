import * as z from 'zod';

/** The version of the API: `apiVersion` in GET /v1/config and `info.version` of the OpenAPI document. */
export const API_VERSION = '1.0.0';

export const PortalConfig = z
  .object({
    region: z.string(),
    userPoolId: z.string(),
    userPoolClientId: z.string().describe('The web client: citizens and businesses (tokens from the VNeID sign-in, refresh)'),
    staffClientId: z.string().describe('The officials\' and admins\' client: password sign-in (MFA in AWS), refresh'),
    cognitoEndpoint: z.string().optional().describe('Set only where Cognito is not the AWS default'),
    apiVersion: z.string(),
  })
  .meta({ id: 'PortalConfig' });
