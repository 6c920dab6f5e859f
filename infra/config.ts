// Deployment settings, read from CDK context (`cdk.json`, `-c key=value`) here and nowhere else:
// `readConfig` gives the stacks everything they take from context. Nothing here performs a lookup,
// so `cdk synth` works offline without credentials.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, type AppProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { readEnv } from '../shared/config';
import { PAYMENT_RETURN_PATH, VNEID_CALLBACK_PATH } from '../shared/platform/environment';
import { REPO_ROOT } from './paths';

export { PAYMENT_RETURN_PATH };

export interface PortalConfig {
  /**
   * Web front-end origin allowed by API CORS and by browser uploads: `https://<webDomain>` when a
   * custom domain is set, else the `webOrigin` context, else `*` (trials; see docs/web.md).
   */
  webOrigin: string;
  /** Custom domain of the web distribution (e.g. `dichvucong.example.vn`). */
  webDomain?: string;
  /** ACM certificate (in us-east-1, as CloudFront requires) covering `webDomain`. */
  webCertificateArn?: string;
  /** Base of links to the portal (notifications, payment pages): context, else the web origin. */
  portalBaseUrl?: string;
  /** Where payment providers send the payer back: context, else the web origin's dossier page. */
  paymentReturnUrl?: string;
  /**
   * The payment gateways, JSON `[{ name, checkoutUrl, settlementUrl }]` (context `paymentProviders`:
   * the list itself or its JSON text; none by default). See docs/payments.md.
   */
  paymentProviders: string;
  /** The verified SES sender of notification e-mails (context `notifyEmailFrom`, docs/notifications.md). */
  notifyEmailFrom?: string;
  /**
   * The national data-sharing platform's population API the dossiers function reads sourced form
   * fields from (context `populationApiUrl`, docs/identity.md "Population data"); unset: no form is prefilled.
   */
  populationApiUrl?: string;
  /**
   * The VNeID OpenID provider the portal is registered with (docs/identity.md "Deploying with a
   * real VNeID"): its issuer, the portal's client id there, and the registered redirect URI (by
   * default the web origin's /dang-nhap/vneid page). The client secret is the Secrets Manager
   * secret of the declared secret vneid-client-secret, never context.
   */
  vneidIssuer?: string;
  vneidClientId?: string;
  vneidRedirectUri?: string;
  /** Optional stage name (e.g. `staging`): prefixes stack names and the physical names we choose. */
  stage?: string;
  /** Prefix of the physical names we choose (queues, API, user pool): `dvc` or `dvc-<stage>`. */
  namePrefix: string;
  /** Stack-name prefix: `Dvc` or `Dvc<Stage>`. */
  stackPrefix: string;
  region: string;
  /** Undefined = environment-agnostic account (resolved at deploy time). */
  account?: string;
  /** The stage's default per-route throttle (requests/s, burst), for routes not sized to the design rate. */
  apiRateLimit: number;
  apiBurstLimit: number;
  /**
   * National dossier submissions per second the deployment is sized for (docs/requirements.md
   * R-SCALE, docs/capacity.md): the routes of shared/platform/throttles.ts get throttles sized to it.
   */
  designRate: number;
  /** Apply the functions' declared reserved concurrency (shared/platform/functions.ts; default false). */
  reserveConcurrency: boolean;
  /** Subscribe this address to the alarm topic. */
  alarmEmail?: string;
  /** Retain tables, buckets, keys and the user pool on stack deletion (default true). */
  retainData: boolean;
}

export const DEFAULT_REGION = 'ap-southeast-1';

const pascal = (s: string) =>
  s.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

const context = (scope: Construct, key: string): unknown => scope.node.tryGetContext(key);
const str = (scope: Construct, key: string): string | undefined => {
  const v = context(scope, key);
  return v === undefined || v === null || v === '' ? undefined : String(v);
};
const num = (scope: Construct, key: string, fallback: number): number => {
  const v = str(scope, key);
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`Context ${key} must be a positive number, got ${v}`);
  return n;
};
/** A structured value (a list, an object) or its JSON text, as JSON text. */
const json = (scope: Construct, key: string, fallback: unknown): string => {
  const v = context(scope, key);
  return typeof v === 'string' ? v : JSON.stringify(v ?? fallback);
};
const bool = (scope: Construct, key: string, fallback: boolean): boolean => {
  const v = str(scope, key);
  return v === undefined ? fallback : v === 'true';
};

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_CERTIFICATE = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[\w-]+$/;
const ORIGIN = /^https?:\/\/[^/?#\s]+$/;

/** The web domain, its certificate and the origin they imply, checked together. */
const readWeb = (scope: Construct) => {
  const webDomain = str(scope, 'webDomain')?.toLowerCase();
  const webCertificateArn = str(scope, 'webCertificateArn');
  const explicitOrigin = str(scope, 'webOrigin');
  if (webDomain && !DOMAIN.test(webDomain)) throw new Error(`Context webDomain must be a domain name such as dichvucong.example.vn, got ${webDomain}`);
  if (Boolean(webDomain) !== Boolean(webCertificateArn)) {
    throw new Error('Context webDomain and webCertificateArn go together: the custom domain needs an ACM certificate in us-east-1 covering it (docs/web.md)');
  }
  if (webCertificateArn) {
    const region = ACM_CERTIFICATE.exec(webCertificateArn)?.[1];
    if (!region) throw new Error(`Context webCertificateArn must be an ACM certificate ARN, got ${webCertificateArn}`);
    if (region !== 'us-east-1') throw new Error(`Context webCertificateArn must be a certificate in us-east-1 (CloudFront only uses those), got one in ${region}`);
  }
  if (explicitOrigin && explicitOrigin !== '*' && !ORIGIN.test(explicitOrigin)) {
    throw new Error(`Context webOrigin must be an origin such as https://dichvucong.example.vn (no path, no trailing slash), got ${explicitOrigin}`);
  }
  const domainOrigin = webDomain ? `https://${webDomain}` : undefined;
  if (domainOrigin && explicitOrigin && explicitOrigin !== domainOrigin) {
    throw new Error(`Context webOrigin (${explicitOrigin}) contradicts webDomain (${webDomain}); give only webDomain`);
  }
  const webOrigin = domainOrigin ?? explicitOrigin ?? '*';
  const knownOrigin = webOrigin === '*' ? undefined : webOrigin;
  return {
    webOrigin,
    webDomain,
    webCertificateArn,
    portalBaseUrl: str(scope, 'portalBaseUrl') ?? knownOrigin,
    paymentReturnUrl: str(scope, 'paymentReturnUrl') ?? (knownOrigin ? `${knownOrigin}${PAYMENT_RETURN_PATH}` : undefined),
  };
};

/** The VNeID settings; an issuer must be an https origin (http only on loopback, for trials). */
const readVneid = (scope: Construct) => {
  const vneidIssuer = str(scope, 'vneidIssuer');
  if (vneidIssuer && !/^https:\/\/[^\s]+$/.test(vneidIssuer) && !/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(vneidIssuer)) {
    throw new Error(`Context vneidIssuer must be an https URL (the issuer VNeID's discovery names), got ${vneidIssuer}`);
  }
  const origin = readWeb(scope).webOrigin;
  return {
    vneidIssuer,
    vneidClientId: str(scope, 'vneidClientId'),
    vneidRedirectUri: str(scope, 'vneidRedirectUri') ?? (origin === '*' ? undefined : `${origin}${VNEID_CALLBACK_PATH}`),
  };
};

export const readConfig = (scope: Construct): PortalConfig => {
  const stage = str(scope, 'stage');
  if (stage && !/^[a-z][a-z0-9-]{0,15}$/.test(stage)) throw new Error(`Context stage must match [a-z][a-z0-9-]{0,15}, got ${stage}`);
  return {
    ...readWeb(scope),
    stage,
    namePrefix: stage ? `dvc-${stage}` : 'dvc',
    stackPrefix: stage ? `Dvc${pascal(stage)}` : 'Dvc',
    region: str(scope, 'region') ?? DEFAULT_REGION,
    account: str(scope, 'account') ?? readEnv('CDK_DEFAULT_ACCOUNT'),
    apiRateLimit: num(scope, 'apiRateLimit', 200),
    apiBurstLimit: num(scope, 'apiBurstLimit', 400),
    designRate: num(scope, 'designRate', 2000),
    reserveConcurrency: bool(scope, 'reserveConcurrency', false),
    alarmEmail: str(scope, 'alarmEmail'),
    retainData: bool(scope, 'retainData', true),
    paymentProviders: json(scope, 'paymentProviders', []),
    notifyEmailFrom: str(scope, 'notifyEmailFrom'),
    populationApiUrl: str(scope, 'populationApiUrl'),
    ...readVneid(scope),
  };
};

/**
 * Feature flags this app relies on, on top of those in cdk.json. Tests build the App through
 * `createApp` too, so the template they assert is the one `cdk synth` produces.
 */
export const FEATURE_FLAGS: Record<string, unknown> = {
  // Server access logs delivered through a bucket policy, not the legacy log-delivery ACL
  // (our buckets enforce bucket-owner object ownership, which disables ACLs).
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
  // Cross-stack references as exports/imports: CloudFormation then refuses to delete or replace a
  // table, bucket, queue or user pool that the API stack still uses.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};

const cdkJsonContext = (): Record<string, unknown> => {
  try {
    return (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
  } catch {
    return {};
  }
};

export const createApp = (props: AppProps = {}) =>
  new App({ ...props, context: { ...cdkJsonContext(), ...FEATURE_FLAGS, ...props.context } });
