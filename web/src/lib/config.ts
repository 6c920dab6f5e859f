// Run-time configuration: the same build serves `npm start` and AWS. The API is the page's own
// origin (the local gateway serves both; in AWS CloudFront routes /v1/* to the HTTP API), and
// GET /v1/config says where Cognito is.
import type * as z from 'zod';
import type { PortalConfig as PortalConfigSchema } from '../../../shared/contracts/meta';

/** What `GET /v1/config` answers (the contract's type only: no zod in the bundle). */
export type PortalConfig = z.infer<typeof PortalConfigSchema>;

let loaded: Promise<PortalConfig> | undefined;

export const loadConfig = (): Promise<PortalConfig> =>
  (loaded ??= fetch('/v1/config', { headers: { accept: 'application/json' } }).then(async (res) => {
    if (!res.ok) throw new Error(`GET /v1/config answered ${res.status}`);
    return (await res.json()) as PortalConfig;
  }).catch((e: unknown) => {
    loaded = undefined; // let the next call try again
    throw e;
  }));

export const cognitoUrl = (config: PortalConfig) =>
  config.cognitoEndpoint ?? `https://cognito-idp.${config.region}.amazonaws.com/`;
