// cognito-local 5.3: Cognito user pools on loopback, JSON files in `directory` (clients.json and
// one <poolId>.json per pool). Tokens are signed with the key bundled in cognito-local; the issuer
// is http://127.0.0.1:<port>/<poolId> and the JWKS is served at /<poolId>/.well-known/jwks.json.
// Its /.well-known/openid-configuration hard-codes localhost:9229, so verifiers must be given the
// JWKS URL directly instead of discovering it.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertPortFree, freePort } from './ports';
import { startRunner, type LogFn, type RunningEmulator } from './process';

export interface CognitoOptions {
  port?: number;
  /** Where user pools, users and app clients are stored. */
  directory: string;
  onLog?: LogFn;
  /**
   * Where the custom authentication triggers are invoked (POST, a Cognito trigger event, the
   * trigger's answer): the runner adds the flow cognito-local lacks (runners/cognito-custom-auth.mjs).
   */
  authChallengeUrl?: string;
}

export async function startCognito(options: CognitoOptions): Promise<RunningEmulator> {
  const port = options.port ?? (await freePort());
  await assertPortFree(port, 'cognito-local');
  const directory = resolve(options.directory);
  mkdirSync(directory, { recursive: true });
  return startRunner({ name: 'cognito', port, config: { directory, authChallengeUrl: options.authChallengeUrl }, onLog: options.onLog });
}

/** Token issuer of a pool served by this emulator (what API authorizers must accept locally). */
export const cognitoIssuer = (endpoint: string, userPoolId: string): string => `${endpoint}/${userPoolId}`;

/** JWKS URL of a pool served by this emulator. */
export const cognitoJwksUrl = (endpoint: string, userPoolId: string): string =>
  `${endpoint}/${userPoolId}/.well-known/jwks.json`;
