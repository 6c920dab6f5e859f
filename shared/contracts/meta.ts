import * as z from 'zod';

export const PortalConfig = z
  .object({
    region: z.string(),
    userPoolId: z.string(),
    userPoolClientId: z.string(),
    cognitoEndpoint: z.string().optional().describe('Set only where Cognito is not the AWS default'),
    apiVersion: z.string(),
  })
  .meta({ id: 'PortalConfig' });
