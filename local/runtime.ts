// The whole portal on this machine: emulators, resources from the platform declaration, seed data
// and the gateway. `npm start` and the test suite's global setup both start it through here.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { freePort } from './emulators/ports';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { envAsSet } from '../shared/config';
import { platform } from '../shared/platform';
import { userPool } from '../shared/platform/identity';
import { localValue, PAYMENT_RETURN_PATH, VNEID_CALLBACK_PATH } from '../shared/platform/environment';
import { localEnvironment } from './environment';
import { startEmulators, type Emulators } from './emulators';
import { jobsRoute } from './jobs';
import { agencyReceiver, RECEIVER_PATH } from './agency-receiver';
import { localTokenEndpoint, OAUTH_PATH } from './oauth';
import { settleRoute, startEventDelivery, type EventDelivery } from './events';
import { createGateway } from './gateway/server';
import { createJwtVerifier } from './gateway/jwt';
import { provision } from './provision';
import { indexRunsQueue } from '../functions/evaluation/adapters/index-runs-queue';
import { seedLocalData } from './seed';
import { localAgencySecretKey } from './seed/agency-systems';
import { paymentSandbox, sandboxProviderEnv, sandboxSecret } from './payments-sandbox';
import { startVneidSandbox, type VneidSandbox } from './vneid/sandbox';
import { USER_POOL_TRIGGERS_PATH, userPoolTriggersRoute } from './user-pool-triggers';
import { ensureWebBuild, webDist, webRoute } from './web';

export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export interface RuntimeOptions {
  /** Persistent state root; omit for in-memory (tests). */
  stateDir?: string;
  /** Delete the state first (`npm start -- --fresh`). */
  fresh?: boolean;
  /** Gateway port; 0 picks a free one. */
  port: number;
  log?: (line: string) => void;
  accessLog?: (line: string) => void;
  /**
   * Seed months of generated activity for the service index (default true, as `npm start` does).
   * The test runtime leaves it out: no test reads those months, and it costs every start seconds.
   */
  seedActivity?: boolean;
}

export interface Runtime {
  url: string;
  emulators: Emulators;
  /** Everything a handler (or a test) needs in process.env to reach the local resources. */
  env: Record<string, string>;
  userPoolId: string;
  userPoolClientId: string;
  /** The officials' and admins' client (password sign-in). */
  userPoolStaffClientId: string;
  /** Table streams and queues delivered to their consumers, as Lambda event source mappings do. */
  events: EventDelivery;
  /** The VNeID sandbox: OpenID Connect provider and population data (docs/identity.md). */
  vneid: VneidSandbox;
  stop(): Promise<void>;
}

export const startRuntime = async (opts: RuntimeOptions): Promise<Runtime> => {
  const log = opts.log ?? (() => undefined);
  if (opts.stateDir && opts.fresh) rmSync(resolve(opts.stateDir), { recursive: true, force: true });
  // The gateway's address is fixed first: cognito-local invokes the user pool's triggers through it.
  const port = opts.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const emulators = await startEmulators({
    ...(opts.stateDir ? { stateDir: opts.stateDir } : { inMemory: true }),
    authChallengeUrl: `${url}${USER_POOL_TRIGGERS_PATH}/${userPool.authChallengeFunction}`,
  });
  let events: EventDelivery | undefined;
  let vneid: VneidSandbox | undefined;
  // Declared variables only (shared/platform/environment.ts), written as each becomes known.
  const environment = localEnvironment(platform);
  const env = environment.values;
  try {
    environment.set(emulators.env());
    log(`emulators up: ${Object.entries(emulators.endpoints).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    const provisioned = await provision(platform);
    environment.setResources(provisioned.resources);
    environment.set({
      USER_POOL_ID: provisioned.userPoolId,
      USER_POOL_CLIENT_ID: provisioned.userPoolClientId,
      USER_POOL_STAFF_CLIENT_ID: provisioned.userPoolStaffClientId,
      // Proofs live a minute: a key per start is enough (in AWS, the declared secret's value).
      SIGN_IN_PROOF_KEY: randomBytes(32).toString('base64url'),
      PUBLIC_COGNITO_ENDPOINT: emulators.endpoints.cognito,
      CORS_ORIGINS: localValue('CORS_ORIGINS'),
      POWERTOOLS_SERVICE_NAME: localValue('POWERTOOLS_SERVICE_NAME'),
      LOG_LEVEL: envAsSet('LOG_LEVEL') ?? localValue('LOG_LEVEL'),
      WARM_CACHE_SECONDS: localValue('WARM_CACHE_SECONDS'),
      // Seals agency-system secrets; in AWS the identity stack provides it (docs/identity.md).
      AGENCY_SECRET_KEY: localAgencySecretKey(opts.stateDir && resolve(opts.stateDir)),
    });
    log('resources provisioned from the platform declaration');
    // The local payment gateway, configured for the portal as a real one would be (docs/payments.md).
    const sandboxKey = sandboxSecret(opts.stateDir && resolve(opts.stateDir));
    const sandbox = paymentSandbox({
      portalUrl: () => url, secret: sandboxKey, log,
      stateFile: opts.stateDir && resolve(opts.stateDir, 'payments-sandbox.json'),
    });
    // Agency systems' client-credentials tokens: cognito-local has no /oauth2/token, the gateway
    // issues them with Cognito's claims (local/oauth.ts, docs/identity.md).
    environment.set({ AGENCY_TOKEN_ISSUER: `${url}${OAUTH_PATH}`, AGENCY_TOKEN_URL: `${url}${OAUTH_PATH}/token` });
    const tokenEndpoint = await localTokenEndpoint({
      issuer: () => `${url}${OAUTH_PATH}`, userPoolId: provisioned.userPoolId, stateDir: opts.stateDir && resolve(opts.stateDir),
    });
    // The payer comes back to the dossier's page of the web front end, as in AWS (docs/payments.md).
    environment.set({ ...sandboxProviderEnv(url, sandboxKey), PAYMENT_RETURN_URL: `${url}${PAYMENT_RETURN_PATH}` });
    // The national e-ID stand-in; the portal is its client, registered with the web origin's
    // sign-in page under both local host names (docs/identity.md "VNeID sandbox (local)").
    vneid = await startVneidSandbox({
      stateDir: opts.stateDir && resolve(opts.stateDir), log,
      redirectUris: [url, `http://localhost:${port}`].map((origin) => `${origin}${VNEID_CALLBACK_PATH}`),
    });
    environment.set({ ...vneid.env(), VNEID_REDIRECT_URI: `${url}${VNEID_CALLBACK_PATH}` });
    await seedLocalData({ userPoolId: provisioned.userPoolId, agencyReceiverUrl: `${url}${RECEIVER_PATH}`, log, activity: opts.seedActivity ?? true });

    const verifyJwt = createJwtVerifier({
      issuer: `${emulators.endpoints.cognito}/${provisioned.userPoolId}`,
      audience: [provisioned.userPoolClientId, provisioned.userPoolStaffClientId],
    });
    // The same authorizer code API Gateway runs; loaded now that the environment is set.
    const { handler: agencyAuthorizer } = await import('../functions/identity/authorizer');
    // Consumers run with the same environment as the API handlers (the process's, set above).
    events = startEventDelivery({ platform, root: REPO_ROOT, env, stateDir: opts.stateDir && resolve(opts.stateDir), log });
    // What the `index-refresh` schedule would do by now: the running periods' index, computed in the
    // background by the jobs function (the schedules are run on demand here, `npm run job`).
    if (opts.seedActivity ?? true) await indexRunsQueue().send({ job: 'index-refresh' });
    await ensureWebBuild(REPO_ROOT, log);
    const server = createGateway({
      platform, root: REPO_ROOT, verifyJwt, accessLog: opts.accessLog,
      // The browser talks to Cognito and to the upload bucket directly (presigned POST).
      staticFiles: webRoute({ distDir: webDist(REPO_ROOT), connectOrigins: [emulators.endpoints.cognito, emulators.endpoints.s3] }),
      // API Gateway gives a REQUEST authorizer no body.
      agencyAuthorizer: ({ body: _body, isBase64Encoded: _b64, ...event }) => agencyAuthorizer(event as never),
      localRoutes: [userPoolTriggersRoute(platform, REPO_ROOT), jobsRoute(platform, REPO_ROOT), settleRoute(events), sandbox.route, agencyReceiver().route, tokenEndpoint.route],
    });
    await new Promise<void>((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));
    // Tracking links in notifications point at this portal (AWS: the portalBaseUrl context).
    environment.set({ DVC_BASE_URL: url, PORTAL_BASE_URL: url });
    let stopped = false;
    return {
      url, emulators, env, events, vneid, userPoolId: provisioned.userPoolId, userPoolClientId: provisioned.userPoolClientId,
      userPoolStaffClientId: provisioned.userPoolStaffClientId,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        server.closeAllConnections();
        await new Promise<void>((ok) => server.close(() => ok()));
        await events!.stop();
        await vneid!.stop();
        await emulators.stop();
      },
    };
  } catch (e) {
    await events?.stop();
    await vneid?.stop();
    await emulators.stop();
    throw e;
  }
};
