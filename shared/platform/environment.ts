// The environment variables of the portal, declared once: what each one is, which functions get
// it, its default, and where its value comes from in AWS (the CDK stacks) and on this machine (the
// local runtime). Code reads them through one reader (shared/config.ts `readEnv`), the CDK stacks
// set them through `deployedEnvironment`, the local runtime writes only declared names.
//
// Resource variables are not listed here: their names follow from the tables, buckets, queues and
// secrets declarations (naming.ts: TABLE_<NAME>, BUCKET_<NAME>, QUEUE_URL_<NAME>[_DLQ], the
// streams' variables, a secret's variable and its `_SECRET_ARN`).
import type { functions } from './functions';
import type { FunctionDecl } from './types';

type DeclaredFunctionName = (typeof functions)[number]['name'];

/**
 * The functions a variable is for: every one, those a declaration flag marks, the ones listed, or
 * none (a variable of the AWS SDK's or of the tooling: local runtime, tests, CDK app).
 */
export type EnvAudience = 'all' | 'sendsMessages' | 'usesPaymentProviders' | readonly DeclaredFunctionName[] | 'none';

/** Where a variable's value comes from in AWS. */
export type AwsSource =
  /** The CDK stacks, from the deployment's settings (infra/config.ts; `context` names the CDK context key). */
  | { cdk: 'setting'; context: string }
  /** The CDK stacks, from a resource they create. */
  | { cdk: 'resource'; resource: string }
  /** The CDK stacks, this value. */
  | { cdk: 'value'; value: string }
  /** The CDK stacks, the function's declared name. */
  | { cdk: 'function-name' }
  /** The Lambda runtime sets it. */
  | 'lambda'
  /** Nothing sets it: the default applies (an operator may set it on the function). */
  | 'unset';

export interface EnvVarDecl {
  description: string;
  /** Who gets it; the CDK stacks set a variable whose `aws` is a CDK source on exactly these functions. */
  functions: EnvAudience;
  /** What a reader assumes when it is unset or empty. */
  default?: string;
  aws: AwsSource;
  /** What the local runtime sets: this value, or a value it derives (described); absent, nothing. */
  local?: { value: string } | { from: string };
}

/** The portal's public address when none is configured: the national portal's. */
export const DEFAULT_PORTAL_BASE_URL = 'https://dichvucong.gov.vn';
/** The web front end's page a payment provider sends the payer back to (web/src: `/ho-so/:id?thanh-toan=`). */
export const PAYMENT_RETURN_PATH = '/ho-so/{dossierId}?thanh-toan={orderId}';

/** The web front end's page VNeID sends the browser back to (web/src: `/dang-nhap/vneid`). */
export const VNEID_CALLBACK_PATH = '/dang-nhap/vneid';

const retryVariable = (fn: DeclaredFunctionName, what: string) => ({
  description: `${what} (docs/sync.md); unset or invalid: the function's policy`,
  functions: [fn],
  aws: 'unset',
}) as const;

const emulatorEndpoint = (service: string) => ({
  description: `AWS SDK: the endpoint of ${service} (the local emulator)`,
  functions: 'none',
  aws: 'unset',
  local: { from: 'the emulator started on 127.0.0.1 (local/emulators)' },
}) as const;

const sdkCredential = {
  description: 'AWS SDK: credentials (the function role\'s in AWS; any value for the emulators)',
  functions: 'all',
  aws: 'lambda',
  local: { value: 'local' },
} as const;

const checksumsWhenRequired = (what: string) => ({
  description: `AWS SDK: ${what} only when an operation requires it (s3rver stores aws-chunked bodies verbatim)`,
  functions: 'none',
  aws: 'unset',
  local: { value: 'WHEN_REQUIRED' },
}) as const;

export const environment = {
  // ---- read by the portal's code ---------------------------------------------------------------
  AWS_REGION: {
    description: 'The region the function runs in: GET /v1/config reports it (and the AWS SDK uses it)',
    functions: 'all',
    aws: 'lambda',
    local: { value: 'ap-southeast-1' },
  },
  USER_POOL_ID: {
    description: 'The Cognito user pool: GET /v1/config reports it to the web front end',
    functions: 'all',
    aws: { cdk: 'resource', resource: 'the identity stack\'s user pool' },
    local: { from: 'the user pool provisioned in cognito-local' },
  },
  USER_POOL_CLIENT_ID: {
    description: 'The user pool\'s web client: GET /v1/config reports it to the web front end',
    functions: 'all',
    aws: { cdk: 'resource', resource: 'the identity stack\'s web client' },
    local: { from: 'the web client provisioned in cognito-local' },
  },
  AGENCY_TOKEN_ISSUER: {
    description: 'Who issues agency systems\' client-credentials tokens (the `iss` the agency authorizer accepts; its JWKS is `<issuer>/.well-known/jwks.json`, docs/identity.md)',
    functions: ['agency-authorizer', 'identity'],
    aws: { cdk: 'resource', resource: 'the identity stack\'s user pool (https://cognito-idp.<region>.amazonaws.com/<pool id>)' },
    local: { from: 'the local gateway\'s token endpoint: <gateway>/oauth2 (local/oauth.ts)' },
  },
  AGENCY_TOKEN_URL: {
    description: 'Where agency systems ask for client-credentials tokens: shown when a system is registered (docs/identity.md)',
    functions: ['identity'],
    aws: { cdk: 'resource', resource: 'the identity stack\'s user pool domain (https://<prefix>.auth.<region>.amazoncognito.com/oauth2/token)' },
    local: { from: 'the local gateway: <gateway>/oauth2/token (local/oauth.ts)' },
  },
  USER_POOL_STAFF_CLIENT_ID: {
    description: 'The user pool\'s officials\' and admins\' client (password sign-in): GET /v1/config reports it',
    functions: 'all',
    aws: { cdk: 'resource', resource: 'the identity stack\'s staff client' },
    local: { from: 'the staff client provisioned in cognito-local' },
  },
  VNEID_ISSUER: {
    description: 'The VNeID OpenID provider\'s issuer (discovery at <issuer>/.well-known/openid-configuration; docs/identity.md)',
    functions: ['identity'],
    aws: { cdk: 'setting', context: 'vneidIssuer' },
    local: { from: 'the VNeID sandbox of the local runtime' },
  },
  VNEID_CLIENT_ID: {
    description: 'The portal\'s client id at VNeID (its secret is the declared secret vneid-client-secret)',
    functions: ['identity'],
    default: 'dvc-portal',
    aws: { cdk: 'setting', context: 'vneidClientId' },
    local: { value: 'dvc-portal' },
  },
  VNEID_REDIRECT_URI: {
    description: 'Where VNeID sends the browser back with the code: the web front end\'s /dang-nhap/vneid page, as registered at VNeID',
    functions: ['identity'],
    aws: { cdk: 'setting', context: 'vneidRedirectUri' },
    local: { from: 'the local gateway\'s /dang-nhap/vneid page' },
  },
  PUBLIC_COGNITO_ENDPOINT: {
    description: 'Where browsers reach Cognito when it is not AWS\'s (GET /v1/config); unset in AWS',
    functions: ['meta'],
    aws: 'unset',
    local: { from: 'the cognito-local endpoint' },
  },
  CORS_ORIGINS: {
    description: 'Origins the API answers with CORS headers, comma-separated (shared/http/cors.ts)',
    functions: 'all',
    default: '*',
    aws: { cdk: 'setting', context: 'webOrigin' },
    local: { value: '*' },
  },
  POWERTOOLS_SERVICE_NAME: {
    description: 'The service name of every log line (shared/http/logger.ts)',
    functions: 'all',
    default: 'dvc-portal',
    aws: { cdk: 'function-name' },
    local: { value: 'dvc-portal-local' },
  },
  LOG_LEVEL: {
    description: 'The lowest level logged: DEBUG, INFO, WARN or ERROR (shared/http/logger.ts); the local runtime keeps the caller\'s',
    functions: 'all',
    default: 'INFO',
    aws: 'unset',
    local: { value: 'WARN' },
  },
  PORTAL_BASE_URL: {
    description: 'The portal\'s public address: tracking links and QR codes of slips, notifications and receipts',
    functions: 'all',
    default: DEFAULT_PORTAL_BASE_URL,
    aws: { cdk: 'setting', context: 'portalBaseUrl' },
    local: { from: 'the local gateway\'s address' },
  },
  PAYMENT_PROVIDERS: {
    description: 'The payment gateways, JSON [{ name, checkoutUrl, settlementUrl }]; the first is the default (docs/payments.md)',
    functions: 'usesPaymentProviders',
    default: '[]',
    aws: { cdk: 'setting', context: 'paymentProviders' },
    local: { from: 'the payment sandbox (local/payments-sandbox.ts)' },
  },
  PAYMENT_RETURN_URL: {
    description: 'Where a payment provider sends the payer back ({dossierId}, {orderId} filled in)',
    functions: 'usesPaymentProviders',
    default: `${DEFAULT_PORTAL_BASE_URL}${PAYMENT_RETURN_PATH}`,
    aws: { cdk: 'setting', context: 'paymentReturnUrl' },
    local: { from: 'the local gateway\'s dossier page' },
  },
  NOTIFY_DELIVERY: {
    description: 'How applicants are notified: aws (SES e-mail, SNS SMS) or outbox (recorded only, docs/notifications.md)',
    functions: 'sendsMessages',
    default: 'outbox',
    aws: { cdk: 'value', value: 'aws' },
  },
  NOTIFY_EMAIL_FROM: {
    description: 'The verified SES sender address of notification e-mails',
    functions: 'sendsMessages',
    aws: { cdk: 'setting', context: 'notifyEmailFrom' },
  },
  POPULATION_API_URL: {
    description: 'The base URL of the national data-sharing platform\'s population API (GET /v1/citizens/{idNumber}, /v1/enterprises/{code}) sourced form fields are filled from (docs/identity.md "Population data"); its key is the `population-api-key` secret; unset: no form is prefilled',
    functions: ['dossiers'],
    aws: { cdk: 'setting', context: 'populationApiUrl' },
    local: { from: 'the VNeID sandbox\'s /population' },
  },
  NOTIFY_SES_CONFIGURATION_SET: {
    description: 'The SES configuration set notification e-mails are sent with (sending events); optional',
    functions: ['notifications'],
    aws: 'unset',
  },
  WARM_CACHE_SECONDS: {
    description: 'How long a warm function serves the agency-system registry and procedures it read, seconds: the staleness bound of their readers in other functions (shared/cache/warm-cache.ts, docs/operations.md "Warm caches"); 0: no caching',
    functions: 'all',
    default: '0',
    aws: { cdk: 'value', value: '60' },
    // 0: tests write the registry and procedures from their own process and expect the next request to see it.
    local: { value: '0' },
  },
  SYNC_INBOUND_RETRY_BASE_SECONDS: retryVariable('sync-inbound', 'First retry delay ceiling of a failed inbound sync message, seconds'),
  SYNC_INBOUND_RETRY_CAP_SECONDS: retryVariable('sync-inbound', 'Largest retry delay ceiling of a failed inbound sync message, seconds'),
  SYNC_OUTBOUND_BACKOFF_BASE_SECONDS: retryVariable('sync-outbound', 'First retry delay ceiling of a failed push to an agency system, seconds'),
  SYNC_OUTBOUND_BACKOFF_CAP_SECONDS: retryVariable('sync-outbound', 'Largest retry delay ceiling of a failed push to an agency system, seconds'),
  S3_FORCE_PATH_STYLE: {
    description: 'true: S3 requests use path-style addresses (S3-compatible stores such as s3rver)',
    functions: 'all',
    aws: 'unset',
    local: { value: 'true' },
  },

  // ---- read by the runtime and the AWS SDK -----------------------------------------------------
  NODE_OPTIONS: {
    description: 'Node.js options: stack traces through the bundles\' source maps',
    functions: 'all',
    aws: { cdk: 'value', value: '--enable-source-maps' },
  },
  AWS_ENDPOINT_URL_DYNAMODB: emulatorEndpoint('DynamoDB'),
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: emulatorEndpoint('DynamoDB Streams'),
  AWS_ENDPOINT_URL_S3: emulatorEndpoint('S3'),
  AWS_ENDPOINT_URL_SQS: emulatorEndpoint('SQS'),
  AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulatorEndpoint('Cognito'),
  AWS_ACCESS_KEY_ID: sdkCredential,
  AWS_SECRET_ACCESS_KEY: sdkCredential,
  AWS_REQUEST_CHECKSUM_CALCULATION: checksumsWhenRequired('compute request checksums'),
  AWS_RESPONSE_CHECKSUM_VALIDATION: checksumsWhenRequired('validate response checksums'),

  // ---- read by the tooling: local runtime, tests, scripts, CDK app -----------------------------
  DVC_BASE_URL: {
    description: 'The running local portal\'s address, for tests and scripts',
    functions: 'none',
    aws: 'unset',
    local: { from: 'the local gateway\'s address' },
  },
  PORT: {
    description: 'The port `npm start` (and `npm run job`, to find it) uses',
    functions: 'none',
    default: '3000',
    aws: 'unset',
  },
  DVC_STATE_DIR: {
    description: 'Where `npm start` keeps the emulators\' state, relative to the repository',
    functions: 'none',
    default: '.local',
    aws: 'unset',
  },
  CDK_DEFAULT_ACCOUNT: {
    description: 'The account the CDK CLI deploys to (infra/config.ts), unless the `account` context says',
    functions: 'none',
    aws: 'unset',
  },
} as const satisfies Record<string, EnvVarDecl>;

export type EnvName = keyof typeof environment;

/** Declared with a default: reading it always gives a value. */
export type EnvNameWithDefault = { [N in EnvName]: (typeof environment)[N] extends { default: string } ? N : never }[EnvName];

/** The variables the CDK stacks set from the deployment's settings and resources (their values are the deployment's). */
export type DeploymentEnvName = {
  [N in EnvName]: (typeof environment)[N]['aws'] extends { cdk: 'setting' | 'resource' } ? N : never;
}[EnvName];

/** Variables the local runtime sets to a declared value. */
export type LocalValueName = { [N in EnvName]: (typeof environment)[N] extends { local: { value: string } } ? N : never }[EnvName];

export const isEnvName = (name: string): name is EnvName => Object.hasOwn(environment, name);

const declOf = (name: EnvName): EnvVarDecl => environment[name];

/** Whether a deployment gives the variable to the function. */
export const isFor = (audience: EnvAudience, fn: FunctionDecl): boolean => {
  switch (audience) {
    case 'all': return true;
    case 'none': return false;
    case 'sendsMessages': return fn.sendsMessages === true;
    case 'usesPaymentProviders': return fn.usesPaymentProviders === true;
    default: return (audience as readonly string[]).includes(fn.name);
  }
};

/**
 * The variables the CDK stacks set on a function, resource variables aside: every declared one
 * with a CDK source that is for this function. `values` holds the deployment's settings and
 * resources; one left undefined (an optional setting) is not set.
 */
export const deployedEnvironment = (fn: FunctionDecl, values: Partial<Record<DeploymentEnvName, string>>): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const name of Object.keys(environment) as EnvName[]) {
    const { aws, functions: audience } = declOf(name);
    if (typeof aws !== 'object' || !isFor(audience, fn)) continue;
    const value = aws.cdk === 'value' ? aws.value : aws.cdk === 'function-name' ? fn.name : values[name as DeploymentEnvName];
    if (value !== undefined) out[name] = value;
  }
  return out;
};

/** The declared local value of a variable the local runtime sets to a fixed value. */
export const localValue = (name: LocalValueName): string => (environment[name].local as { value: string }).value;
