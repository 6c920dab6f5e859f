// The web front end (docs/requirements.md R-DEPLOY-WEB, S3 + CloudFront): one public origin, like
// the real portal. CloudFront serves the built SPA (web/dist) from a private bucket and forwards
// /v1/* to the HTTP API, so the pages call the API on their own origin — the same build runs
// locally and in AWS. Design and trade-offs: docs/web.md.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { logBucket } from '../constructs/log-bucket';
import type { Construct } from 'constructs';
import { apiReferenceSecurityHeaders, webCacheControl, webSecurityHeaders } from '../../shared/web/security-headers';
import { API_REFERENCE_PATH } from '../../shared/web/spa';
import type { PortalConfig } from '../config';
import { acknowledgeWildcardResource } from '../nag';
import { API_PATH_PREFIX, spaRoutesFunctionCode } from '../web/spa-routes';
import { responseHeadersBehaviour } from '../web/response-headers';

export interface WebStackProps extends StackProps {
  config: PortalConfig;
  /** The HTTP API that `/v1/*` forwards to. */
  api: apigw.IHttpApi;
  /** Buckets the browser posts files to (presigned POST): allowed in the page's connect-src. */
  uploadBuckets: readonly s3.IBucket[];
  /** The built front end (web/dist): index.html at its root, hashed files under assets/. */
  webDist: string;
}

/** Vite's build manifest: used by the build and the tests, not by browsers. */
const NOT_DEPLOYED = ['.vite', '.vite/**'];

/** The origins the page may call besides its own: Cognito's API (sign-in) and the upload buckets. */
export const webConnectOrigins = (region: string, uploadBuckets: readonly s3.IBucket[]) => [
  `https://cognito-idp.${region}.amazonaws.com`,
  ...uploadBuckets.map((b) => `https://${b.bucketRegionalDomainName}`),
];

export class WebStack extends Stack {
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly spaRoutes: cloudfront.Function;
  /** `https://<webDomain>` or `https://<id>.cloudfront.net`. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);
    const { config } = props;
    if (!existsSync(join(props.webDist, 'index.html'))) {
      throw new Error(`The web front end is not built (${props.webDist}/index.html is missing): run \`npm run build:web\` first`);
    }
    const removalPolicy = config.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // CloudFront's standard logs are written with an ACL, so this bucket accepts ACLs (owner
    // preferred); it also receives the site bucket's server access logs (through its policy).
    this.logs = logBucket(this, 'Logs', {
      removalPolicy, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      holds: "the web stack's logs (CloudFront and site-bucket access logs)",
    });

    // The built SPA: public content, but reachable only through CloudFront (OAC). SSE-S3, not the
    // data key: nothing secret is in it, and OAC reads of SSE-KMS objects would need a key grant.
    this.bucket = new s3.Bucket(this, 'Site', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'site/',
      lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      removalPolicy,
    });

    this.spaRoutes = new cloudfront.Function(this, 'SpaRoutes', {
      comment: 'dvc-portal: page paths to their HTML document, files of the build as they are',
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      code: cloudfront.FunctionCode.fromInline(spaRoutesFunctionCode()),
    });

    // Each object says how long it may be kept (the BucketDeployments below set Cache-Control
    // from webCacheControl): hashed assets a year, the rest revalidated. Nothing without a
    // Cache-Control is cached. The query string is not part of the key: pages read it in the browser.
    const siteCache = new cloudfront.CachePolicy(this, 'SiteCache', {
      comment: 'dvc-portal web: as each object\'s Cache-Control says',
      minTtl: Duration.seconds(0),
      defaultTtl: Duration.seconds(0),
      maxTtl: Duration.days(365),
      enableAcceptEncodingGzip: true,
      enableAcceptEncodingBrotli: true,
      headerBehavior: cloudfront.CacheHeaderBehavior.none(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.none(),
    });

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'WebHeaders', {
      comment: 'dvc-portal web: CSP and security headers (shared/web/security-headers.ts)',
      ...responseHeadersBehaviour(webSecurityHeaders(webConnectOrigins(this.region, props.uploadBuckets))),
    });
    // The API reference (Redoc) needs two things the portal's pages must not allow: its own policy,
    // on its own paths only.
    const referenceHeaders = new cloudfront.ResponseHeadersPolicy(this, 'ApiReferenceHeaders', {
      comment: 'dvc-portal API reference: its CSP and the security headers (shared/web/security-headers.ts)',
      ...responseHeadersBehaviour(apiReferenceSecurityHeaders()),
    });

    const certificate = config.webCertificateArn
      ? acm.Certificate.fromCertificateArn(this, 'Certificate', config.webCertificateArn)
      : undefined;

    // The API's own host (`<id>.execute-api.<region>.amazonaws.com`) from its endpoint URL.
    const apiHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));

    // The built site from S3: the default behaviour, and the API reference's paths (other headers).
    const siteBehaviour = {
      // LIST lets S3 answer 404 for a missing file (without it S3 answers 403 to CloudFront).
      origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket, {
        originAccessLevels: [cloudfront.AccessLevel.READ, cloudfront.AccessLevel.LIST],
      }),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      compress: true,
      cachePolicy: siteCache,
      functionAssociations: [{ function: this.spaRoutes, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
    } satisfies cloudfront.BehaviorOptions;

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `${config.namePrefix} web front end and API`,
      domainNames: config.webDomain ? [config.webDomain] : undefined,
      certificate,
      // Only a custom certificate has a choosable TLS floor (the default one's is fixed: CFR4 below).
      minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      // The function already sends `/` to index.html; this keeps `/` from ever listing the bucket
      // (the origin access may LIST) should the function be detached.
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: this.logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: { ...siteBehaviour, responseHeadersPolicy: headers },
      additionalBehaviors: {
        // Everything the API answers passes through uncached: most of it is personal (signed-in
        // users' dossiers), and the public, cacheable answers carry their own Cache-Control for the
        // browser. With caching disabled, AllViewerExceptHostHeader also forwards Authorization.
        [`${API_PATH_PREFIX}/*`]: {
          origin: new origins.HttpOrigin(apiHost, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          // A redirect would turn a POST into a GET: plain HTTP to the API is refused instead.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          compress: true,
        },
        // The reference's document and anything under its path: the site, with the reference's headers.
        [API_REFERENCE_PATH]: { ...siteBehaviour, responseHeadersPolicy: referenceHeaders },
        [`${API_REFERENCE_PATH}/*`]: { ...siteBehaviour, responseHeadersPolicy: referenceHeaders },
      },
    });
    Annotations.of(this.distribution).acknowledgeWarning('@aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
      'LIST only turns a missing file into 404 instead of 403; `/` is index.html (function and default root object), so no listing is ever requested.');
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR1',
      reason: 'A national public-service portal serves citizens and businesses wherever they are (Vietnamese abroad included); no country is blocked.',
    });
    Validations.of(this.distribution).acknowledge({
      id: 'AwsSolutions-CFR2',
      reason:
        'WAF is per-deployment policy and billing: attach a web ACL (scope CLOUDFRONT, us-east-1) with the AWS managed common, ' +
        'known-bad-inputs and IP-reputation rule groups and a rate-based rule on /v1 (docs/web.md). The API stage throttles meanwhile.',
    });
    if (!certificate) {
      Validations.of(this.distribution).acknowledge({
        id: 'AwsSolutions-CFR4',
        reason:
          'Without a custom domain the distribution uses the default *.cloudfront.net certificate, whose minimum TLS version ' +
          'CloudFront fixes; a shared deployment sets webDomain/webCertificateArn, which enforces TLSv1.2_2021.',
      });
    }

    // Hashed files first, never pruned: a tab opened before this deploy still loads its lazy
    // chunks. Then index.html and the other root files, pruned, and the cache invalidated.
    const content = s3deploy.Source.asset(props.webDist, { exclude: NOT_DEPLOYED });
    const deployAssets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [content],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: ['assets/*'],
      prune: false,
      cacheControl: [s3deploy.CacheControl.fromString(webCacheControl('/assets/'))],
      memoryLimit: 512,
    });
    const deployPages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      sources: [content],
      destinationBucket: this.bucket,
      exclude: ['assets/*'],
      prune: true,
      cacheControl: [s3deploy.CacheControl.fromString(webCacheControl('/index.html'))],
      memoryLimit: 512,
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    deployPages.node.addDependency(deployAssets);
    this.acknowledgeDeploymentHandler([deployAssets, deployPages]);

    this.url = config.webDomain ? `https://${config.webDomain}` : `https://${this.distribution.distributionDomainName}`;
    if (config.webOrigin === '*') {
      Annotations.of(this).addWarningV2('dvc:web-origin-any',
        'API and upload-bucket CORS allow any origin. Redeploy with -c webOrigin=<WebUrl output> (or set webDomain/webCertificateArn): docs/web.md.');
    }

    new CfnOutput(this, 'WebUrl', { value: this.url, description: 'The portal (web front end and /v1 API)' });
    new CfnOutput(this, 'DistributionDomainName', {
      value: this.distribution.distributionDomainName,
      description: config.webDomain ? `Point ${config.webDomain} here (CNAME, or alias A/AAAA in Route 53)` : 'The distribution\'s own domain',
    });
    new CfnOutput(this, 'DistributionId', { value: this.distribution.distributionId });
    new CfnOutput(this, 'SiteBucketName', { value: this.bucket.bucketName });
  }

  /**
   * The BucketDeployment's handler is CDK's own singleton Lambda (one for both deployments);
   * acknowledge exactly what cdk-nag finds in it, finding by finding.
   */
  private acknowledgeDeploymentHandler(deployments: s3deploy.BucketDeployment[]) {
    const handler = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!handler) throw new Error('BucketDeployment handler not found');
    const acks: [string, string][] = [
      ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK\'s BucketDeployment handler role: basic execution (writing its own logs) is its only managed policy, attached by CDK.'],
      ['AwsSolutions-L1',
        'CDK\'s BucketDeployment handler: aws-cdk-lib chooses its runtime together with the AWS CLI layer it runs, and bumps both.'],
      ['AwsSolutions-IAM5[Resource::*]',
        'cloudfront:CreateInvalidation/GetInvalidation, which CDK grants on * for the invalidation after each deploy of index.html.'],
    ];
    const grant = 'CDK grant of the BucketDeployment handler: read the build from the CDK asset bucket, sync it into the site bucket';
    for (const action of ['s3:GetObject*', 's3:GetBucket*', 's3:List*', 's3:DeleteObject*', 's3:Abort*']) {
      acks.push([`AwsSolutions-IAM5[Action::${action}]`, `${grant} (${action}: the object/version variants of one operation).`]);
    }
    for (const [id, reason] of acks) Validations.of(handler).acknowledge({ id, reason });
    acknowledgeWildcardResource(handler, this.bucket.bucketArn, '/*', `${grant}: every object of the site bucket (sync with prune).`);
    const asset = deployments.flatMap((d) => d.node.findAll()).find((c): c is s3assets.Asset => c instanceof s3assets.Asset);
    if (!asset) throw new Error('BucketDeployment source asset not found');
    acknowledgeWildcardResource(handler, asset.bucket.bucketArn, '/*', `${grant}: objects of the CDK asset bucket (the zipped build).`);
  }
}
