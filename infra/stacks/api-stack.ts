// The single public endpoint: one HTTP API, one Lambda function per declared capability function,
// one route per declared route. Authorization per route comes from the declaration's auth rule.
import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import type { PlatformDecl, RouteDecl } from '../../shared/platform';
import { CORS } from '../../shared/platform/cors';
import { routeKey } from '../../shared/platform/naming';
import { routeThrottle } from '../../shared/platform/throttles';
import type { PortalConfig } from '../config';
import { CapabilityFunction, LOG_RETENTION, type DeploymentValues } from '../constructs/capability-function';
import { pascal } from '../names';
import { REPO_ROOT } from '../paths';
import type { DataStack } from './data-stack';

/** The declared function that verifies agency-system signatures (docs/requirements.md R-SIGN-VERIFY). */
export const AGENCY_AUTHORIZER_FN = 'agency-authorizer';

/** Access log line: no headers, no query string (it may carry an ID number), no body. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

/**
 * The declared settings whose values are the deployment's configuration (infra/config.ts): the
 * web origin for CORS, the portal's public address (links in slips, notifications, receipts), the
 * payment gateways and their return page, the notification sender.
 */
export const settingsOf = (config: PortalConfig): DeploymentValues => ({
  CORS_ORIGINS: config.webOrigin,
  PORTAL_BASE_URL: config.portalBaseUrl,
  PAYMENT_PROVIDERS: config.paymentProviders,
  PAYMENT_RETURN_URL: config.paymentReturnUrl,
  NOTIFY_EMAIL_FROM: config.notifyEmailFrom,
  POPULATION_API_URL: config.populationApiUrl,
  VNEID_ISSUER: config.vneidIssuer,
  VNEID_CLIENT_ID: config.vneidClientId,
  VNEID_REDIRECT_URI: config.vneidRedirectUri,
});

export interface ApiStackProps extends StackProps {
  platform: PlatformDecl;
  config: PortalConfig;
  data: DataStack;
  userPool: cognito.IUserPool;
  userPoolClient: cognito.IUserPoolClient;
  /** The user pool domain's token endpoint for agency systems (identity stack). */
  agencyTokenUrl: string;
  /** Officials' and admins' client: its tokens are accepted too. */
  staffClient: cognito.IUserPoolClient;
}

export class ApiStack extends Stack {
  readonly functions = new Map<string, CapabilityFunction>();
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly routes = new Map<string, apigw.HttpRoute>();

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const { platform, config, data } = props;

    const queues = new Map([...data.queues].map(([name, q]) => [name, q.queue] as const));
    const deadLetterQueues = new Map([...data.queues].map(([name, q]) => [name, q.dlq] as const));
    const settings: DeploymentValues = {
      ...settingsOf(config),
      USER_POOL_ID: props.userPool.userPoolId,
      USER_POOL_CLIENT_ID: props.userPoolClient.userPoolClientId,
      AGENCY_TOKEN_ISSUER: `https://cognito-idp.${this.region}.amazonaws.com/${props.userPool.userPoolId}`,
      AGENCY_TOKEN_URL: props.agencyTokenUrl,
      USER_POOL_STAFF_CLIENT_ID: props.staffClient.userPoolClientId,
    };
    // User-pool triggers live next to the pool (identity stack); every other function here.
    for (const decl of platform.functions.filter((f) => !f.userPoolTrigger)) {
      if (this.functions.has(decl.name)) throw new Error(`Function ${decl.name} is declared twice`);
      const fn = new CapabilityFunction(this, `Fn${pascal(decl.name)}`, {
        decl,
        repoRoot: REPO_ROOT,
        settings,
        tables: data.tables,
        buckets: data.buckets,
        queues,
        deadLetterQueues,
        secrets: data.secrets,
        secretDecls: platform.secrets,
        userPool: props.userPool,
      });
      Validations.of(fn.fn).acknowledge({
        id: 'AwsSolutions-L1',
        reason: 'docs/requirements.md R-DEPLOY-FUNCTIONS fixes the runtime at nodejs22.x (the Node.js LTS the code and its local runtime are tested on); moving to a newer runtime is a change of requirements.',
      });
      // Off by default: a new account's 1,000 concurrent executions cannot hold the reservations
      // sized for the national rate (docs/capacity.md "Quotas to request before launch").
      if (config.reserveConcurrency && decl.reservedConcurrency) {
        (fn.fn.node.defaultChild as lambda.CfnFunction).reservedConcurrentExecutions = decl.reservedConcurrency;
      }
      this.functions.set(decl.name, fn);
    }
    const fnOf = (name: string, what: string) => {
      const fn = this.functions.get(name);
      if (!fn) throw new Error(`${what} refers to function ${name}, which the platform does not declare`);
      return fn;
    };

    for (const q of platform.queues) {
      if (!q.consumer) continue;
      fnOf(q.consumer.fn, `Queue ${q.name}`).consume(data.queues.get(q.name)!.queue, {
        name: q.name,
        batchSize: q.consumer.batchSize,
        maxConcurrency: q.consumer.maxConcurrency,
        batchingWindowSeconds: q.consumer.batchingWindowSeconds,
        fifo: q.fifo,
        visibilityTimeoutSeconds: q.visibilityTimeoutSeconds,
      });
    }

    for (const t of platform.tables) {
      if (!t.streamConsumer) continue;
      const { fn, iteratorAgeAlarmSeconds: _alarm, ...settings } = t.streamConsumer;
      fnOf(fn, `Table ${t.name} stream`).consumeStream(data.tables.get(t.name)!, data.streamDlqs.get(t.name)!, {
        ...settings, sortKey: t.sortKey?.name,
      });
    }

    // One integration per function; the permission covers the API, not each route, so that a
    // function serving many routes keeps a small resource policy.
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationOf = (name: string, what: string) => {
      let integration = integrations.get(name);
      if (!integration) {
        integration = new HttpLambdaIntegration(`Integration${pascal(name)}`, fnOf(name, what).fn, {
          scopePermissionToRoute: false,
        });
        integrations.set(name, integration);
      }
      return integration;
    };

    this.api = new apigw.HttpApi(this, 'HttpApi', {
      apiName: `${config.namePrefix}-portal`,
      description: 'dvc-portal public API (docs/requirements.md R-API-BASE)',
      createDefaultStage: false,
      // API Gateway answers preflights and adds these headers to every response (shared/platform/cors.ts).
      corsPreflight: {
        allowOrigins: [config.webOrigin],
        allowMethods: CORS.allowMethods.map((m) => apigw.CorsHttpMethod[m]),
        allowHeaders: [...CORS.allowHeaders],
        exposeHeaders: [...CORS.exposeHeaders],
        maxAge: Duration.seconds(CORS.maxAgeSeconds),
      },
    });
    // `$default`: paths no route declares get the portal's 404/405 envelope, not API Gateway's.
    const defaultRoute = new apigw.HttpRoute(this, 'RouteDefault', {
      httpApi: this.api,
      routeKey: apigw.HttpRouteKey.DEFAULT,
      integration: integrationOf(platform.defaultRouteFn, '$default route'),
      authorizer: new apigw.HttpNoneAuthorizer(),
    });
    Validations.of(defaultRoute).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: '$default only answers 404/405 for undeclared paths (the error envelope of docs/requirements.md R-API-ERRORS); it exposes no data.',
    });

    const jwtAuthorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${this.region}.amazonaws.com/${props.userPool.userPoolId}`,
      { authorizerName: 'cognito-jwt', jwtAudience: [props.userPoolClient.userPoolClientId, props.staffClient.userPoolClientId] },
    );

    const agencyRoutes = platform.routes.filter((r) => r.auth.kind === 'agency-system');
    const authorizerDecl = platform.functions.find((f) => f.name === AGENCY_AUTHORIZER_FN);
    if (agencyRoutes.length > 0 && !authorizerDecl) {
      throw new Error(
        `Routes ${agencyRoutes.map((r) => r.id).join(', ')} are for agency systems but no "${AGENCY_AUTHORIZER_FN}" function is declared`,
      );
    }
    const agencyAuthorizer = authorizerDecl
      ? new HttpLambdaAuthorizer('AgencySystemAuthorizer', fnOf(AGENCY_AUTHORIZER_FN, 'agency-system authorizer').fn, {
          authorizerName: 'agency-system',
          responseTypes: [HttpLambdaResponseType.SIMPLE],
          // None: a system presents either a bearer token or the signature headers
          // (AGENCY_IDENTITY_HEADERS of shared/auth/agency-signature.ts), so API Gateway cannot require one; the authorizer decides.
          identitySource: [],
          // Signatures are single-use (replay check): never serve a cached decision.
          resultsCacheTtl: Duration.seconds(0),
        })
      : undefined;

    const authorizerFor = (route: RouteDecl): apigw.IHttpRouteAuthorizer => {
      switch (route.auth.kind) {
        case 'public':
          return new apigw.HttpNoneAuthorizer();
        case 'user':
          return jwtAuthorizer;
        case 'agency-system':
          return agencyAuthorizer!;
      }
    };

    for (const route of platform.routes) {
      if (this.routes.has(route.id)) throw new Error(`Route id ${route.id} is declared twice`);
      const httpRoute = new apigw.HttpRoute(this, `Route${pascal(route.id)}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(route.path, apigw.HttpMethod[route.method]),
        integration: integrationOf(route.fn, `Route ${route.id}`),
        authorizer: authorizerFor(route),
      });
      if (route.auth.kind === 'public') {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: `${route.method} ${route.path} is public by docs/requirements.md R-API-PUBLIC (no token); the stage throttles it.`,
        });
      }
      this.routes.set(route.id, httpRoute);
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: LOG_RETENTION });
    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.apiRateLimit, burstLimit: config.apiBurstLimit },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
    // Routes that carry a share of every dossier get throttles sized to the design rate
    // (shared/platform/throttles.ts); the others keep the stage default above.
    const routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};
    for (const route of platform.routes) {
      const throttle = routeThrottle(route.id, config);
      if (throttle.rateLimit === config.apiRateLimit) continue;
      routeSettings[routeKey(route.method, route.path)] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
    }
    (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = routeSettings;

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint });
  }
}
