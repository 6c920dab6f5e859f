// The whole deployment: six stacks built from the one platform declaration, checked by cdk-nag.
import { Tags, type Stage } from 'aws-cdk-lib';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { platform as declared, type PlatformDecl } from '../shared/platform';
import { webDist } from '../shared/web/build';
import { readConfig, type PortalConfig } from './config';
import { addNagChecks } from './nag';
import { AlarmsStack } from './stacks/alarms-stack';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';
import { IdentityStack } from './stacks/identity-stack';
import { JobsStack } from './stacks/jobs-stack';
import { WebStack } from './stacks/web-stack';
import { REPO_ROOT } from './paths';

export interface PortalStacks {
  config: PortalConfig;
  data: DataStack;
  identity: IdentityStack;
  api: ApiStack;
  jobs: JobsStack;
  alarms: AlarmsStack;
  web: WebStack;
}

export interface BuildPortalOptions {
  /** Defaults to the platform declaration; tests pass extended ones. */
  platform?: PlatformDecl;
  /** Overrides of the context-derived configuration. */
  config?: Partial<PortalConfig>;
  /** Run cdk-nag AwsSolutions checks (default true). */
  nag?: boolean;
  /** The built front end to deploy (default web/dist; infra/app.ts builds it when stale). */
  webDist?: string;
}

export const buildPortal = (scope: Stage, options: BuildPortalOptions = {}): PortalStacks => {
  const platform = options.platform ?? declared;
  const config: PortalConfig = { ...readConfig(scope), ...options.config };
  const env = { account: config.account, region: config.region };
  const name = (s: string) => `${config.stackPrefix}${s}`;

  const data = new DataStack(scope, name('Data'), {
    env, platform, config,
    description: 'dvc-portal data: DynamoDB tables, S3 buckets, SQS queues with DLQs, the data KMS key',
    terminationProtection: config.retainData,
  });
  const identity = new IdentityStack(scope, name('Identity'), {
    env, config, platform, data,
    description: 'dvc-portal identity: Cognito user pool, groups, the web and staff clients, the custom sign-in triggers',
  });
  const api = new ApiStack(scope, name('Api'), {
    env, platform, config, data,
    userPool: identity.userPool,
    userPoolClient: identity.webClient,
    agencyTokenUrl: identity.tokenUrl,
    staffClient: identity.staffClient,
    description: 'dvc-portal API: HTTP API, JWT and agency-system authorizers, capability functions',
  });
  const functions = new Map([...api.functions, [identity.authChallenge.decl.name, identity.authChallenge] as const].map(([n, f]) => [n, f.fn] as const));
  const jobs = new JobsStack(scope, name('Jobs'), {
    env, platform, config, functions,
    description: 'dvc-portal jobs: EventBridge Scheduler schedules (Asia/Ho_Chi_Minh)',
  });
  const dlqs = new Map<string, sqs.IQueue>([...data.queues].map(([n, q]) => [n, q.dlq] as const));
  dlqs.set('schedules', jobs.dlq);
  for (const [table, dlq] of data.streamDlqs) dlqs.set(`${table}-stream`, dlq);
  const alarms = new AlarmsStack(scope, name('Alarms'), {
    env, config, dlqs, functions, api: api.api,
    iteratorAgeLimits: new Map(platform.tables.flatMap((t) => (t.streamConsumer ? [[t.streamConsumer.fn, t.streamConsumer.iteratorAgeAlarmSeconds] as const] : []))),
    description: 'dvc-portal alarms: DLQ depth, API 5xx, function errors and throttles, corrupt records skipped, stream iterator age',
  });

  // Last: it needs the API's endpoint, and nothing refers back to it — the API and upload CORS
  // name the web origin from configuration (config.ts), so there is no reference cycle.
  const web = new WebStack(scope, name('Web'), {
    env, config,
    api: api.api,
    uploadBuckets: platform.buckets.filter((b) => b.browserUploads).map((b) => data.buckets.get(b.name)!),
    webDist: options.webDist ?? webDist(REPO_ROOT),
    description: 'dvc-portal web: the front end in a private S3 bucket behind CloudFront, with /v1/* forwarded to the API',
  });

  Tags.of(scope).add('project', 'dvc-portal');
  if (config.stage) Tags.of(scope).add('stage', config.stage);
  // cdk-nag v3 is a policy-validation plugin: synthesis fails on any unacknowledged finding, and
  // acknowledgements are copied into the template metadata (`cdk_nag`) as an audit trail.
  if (options.nag ?? true) addNagChecks(scope);
  return { config, data, identity, api, jobs, alarms, web };
};
