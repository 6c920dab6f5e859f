// The web stack (docs/requirements.md R-DEPLOY-WEB, S3 + CloudFront): a private bucket behind CloudFront with the SPA
// routing function, the shared security headers, the API reference's paths with their own headers
// and the API under /v1 on the same origin; the API's and the upload bucket's CORS name the web
// origin. Synthesized offline with a fixture of web/dist.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platform } from '../../shared/platform';
import { API_REFERENCE_PATH, isAssetPath, pageDocument } from '../../shared/web/spa';
import { apiReferenceContentSecurityPolicy, apiReferenceSecurityHeaders, contentSecurityPolicy, webCacheControl, webSecurityHeaders } from '../../shared/web/security-headers';
import { createApp, PAYMENT_RETURN_PATH, readConfig } from '../../infra/config';
import { nagFindings } from '../../infra/nag';
import { TAG } from '../../infra/names';
import { buildPortal } from '../../infra/portal';
import { HSTS_MAX_AGE } from '../../infra/web/response-headers';
import { spaRoutesFunctionCode } from '../../infra/web/spa-routes';
import { byTag, exportsOf, resources, synthPortal, WEB_DIST_FIXTURE, type Json, type Synthesized } from './helpers';

const DOMAIN = 'dichvucong.example.vn';
const ORIGIN = `https://${DOMAIN}`;
const CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0';
const REGION = 'ap-southeast-1';

let custom: Synthesized;
let plain: Synthesized;
beforeAll(() => {
  custom = synthPortal({ context: { webDomain: DOMAIN, webCertificateArn: CERTIFICATE } });
  plain = synthPortal();
}, 300_000);
afterAll(() => {
  custom?.dispose();
  plain?.dispose();
});

const one = (template: Json, type: string): [string, Json] => {
  const found = resources(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const distributionOf = (s: Synthesized) => one(s.json.web, 'AWS::CloudFront::Distribution')[1].Properties.DistributionConfig as Json;
const siteBucketId = (s: Synthesized) => {
  const [id] = resources(s.json.web, 'AWS::S3::Bucket').find(([id]) => id.startsWith('Site'))!;
  return id;
};

/** The response headers policy whose logical id starts with `prefix`: `WebHeaders` (the portal's) or `ApiReferenceHeaders`. */
const headersPolicy = (s: Synthesized, prefix: 'WebHeaders' | 'ApiReferenceHeaders'): [string, Json] => {
  const found = resources(s.json.web, 'AWS::CloudFront::ResponseHeadersPolicy').filter(([id]) => id.startsWith(prefix));
  expect(found, prefix).toHaveLength(1);
  return found[0]!;
};

/** Renders a CloudFormation string (Fn::Join of literals and references) with references as `<ref>`. */
const render = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const join = (value as Json)['Fn::Join'];
  if (join) return (join[1] as unknown[]).map((p) => (typeof p === 'string' ? p : '<ref>')).join(join[0]);
  return '<ref>';
};

/** The viewer-request function's code, evaluated as CloudFront would run it. */
const spaHandler = (code: string) => new Function(`${code}\nreturn handler;`)() as (event: Json) => Json;
const viewerRequest = (uri: string, querystring: Json = {}) => ({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '198.51.100.7' }, request: { method: 'GET', uri, querystring, headers: {}, cookies: {} } });

describe('site bucket', () => {
  it('is private, encrypted, versioned, TLS-only and access-logged', () => {
    const bucket = custom.json.web.Resources[siteBucketId(custom)].Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({ BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true });
    expect(bucket.BucketEncryption.ServerSideEncryptionConfiguration[0].ServerSideEncryptionByDefault.SSEAlgorithm).toBe('AES256');
    expect(bucket.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.OwnershipControls.Rules).toEqual([{ ObjectOwnership: 'BucketOwnerEnforced' }]);
    expect(bucket.LoggingConfiguration).toMatchObject({ DestinationBucketName: { Ref: expect.stringMatching(/^Logs/) }, LogFilePrefix: 'site/' });
    expect(bucket.WebsiteConfiguration).toBeUndefined();
  });

  it('is read by the distribution only, through Origin Access Control', () => {
    const [oacId, oac] = one(custom.json.web, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const [distributionId] = one(custom.json.web, 'AWS::CloudFront::Distribution');
    const policy = resources(custom.json.web, 'AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === siteBucketId(custom))![1];
    const statements = policy.Properties.PolicyDocument.Statement as Json[];
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const allows = statements.filter((st) => st.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const st of allows) {
      expect(st.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
      expect(JSON.stringify(st.Condition.StringEquals['AWS:SourceArn'])).toContain(distributionId);
    }
    expect(allows.flatMap((st) => [st.Action].flat()).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
    const origin = distributionOf(custom).Origins.find((o: Json) => o.S3OriginConfig);
    expect(origin.OriginAccessControlId).toEqual({ 'Fn::GetAtt': [oacId, 'Id'] });
    expect(origin.DomainName).toEqual({ 'Fn::GetAtt': [siteBucketId(custom), 'RegionalDomainName'] });
  });
});

describe('distribution', () => {
  it('serves the SPA from S3 by default: HTTPS, compressed, the routing function, the headers policy, the cache policy', () => {
    const d = distributionOf(custom);
    const s3Origin = d.Origins.find((o: Json) => o.S3OriginConfig);
    const b = d.DefaultCacheBehavior;
    expect(b.TargetOriginId).toBe(s3Origin.Id);
    expect(b).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true, AllowedMethods: ['GET', 'HEAD'] });
    const [fnId] = one(custom.json.web, 'AWS::CloudFront::Function');
    expect(b.FunctionAssociations).toEqual([{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [fnId, 'FunctionARN'] } }]);
    expect(resources(custom.json.web, 'AWS::CloudFront::ResponseHeadersPolicy')).toHaveLength(2);
    const [headersId] = headersPolicy(custom, 'WebHeaders');
    expect(b.ResponseHeadersPolicyId).toEqual({ Ref: headersId });
    const [cacheId] = one(custom.json.web, 'AWS::CloudFront::CachePolicy');
    expect(b.CachePolicyId).toEqual({ Ref: cacheId });
    // No blanket error → index.html mapping: a missing file must stay a 404.
    expect(d.CustomErrorResponses).toBeUndefined();
    expect(d.DefaultRootObject).toBe('index.html'); // `/` never lists the bucket
    expect(d.Logging).toMatchObject({ Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^Logs/), 'RegionalDomainName'] }, Prefix: 'cloudfront/' });
  });

  it('forwards /v1/* to the HTTP API: all methods, Authorization and query strings forwarded, nothing cached', () => {
    const d = distributionOf(custom);
    expect(d.CacheBehaviors.map((b: Json) => b.PathPattern)).toEqual(['/v1/*', API_REFERENCE_PATH, `${API_REFERENCE_PATH}/*`]);
    const v1 = d.CacheBehaviors[0];
    expect(v1.AllowedMethods.sort()).toEqual(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    expect(v1.ViewerProtocolPolicy).toBe('https-only');
    // Caching disabled: an authenticated answer is never served to anyone else. With caching
    // disabled, AllViewerExceptHostHeader forwards every viewer header (Authorization included),
    // cookies and query strings; the Host is the API's own, as API Gateway requires.
    expect(v1.CachePolicyId).toBe(cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId);
    expect(v1.OriginRequestPolicyId).toBe(cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId);
    expect(v1.FunctionAssociations).toBeUndefined();
    const origin = d.Origins.find((o: Json) => o.Id === v1.TargetOriginId);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    // The host of the API's endpoint (https://<id>.execute-api.<region>.amazonaws.com), imported from the API stack.
    expect(origin.DomainName['Fn::Select'][0]).toBe(2);
    const imported = JSON.stringify(origin.DomainName);
    const [apiId] = one(custom.json.api, 'AWS::ApiGatewayV2::Api');
    const exported = exportsOf(custom.json.api);
    const importName = /"Fn::ImportValue":"([^"]+)"/.exec(imported)?.[1];
    expect(importName && exported.get(importName)).toBe(apiId);
  });

  it('serves the API reference\'s paths from S3 like the default behaviour, with the reference\'s headers policy', () => {
    const d = distributionOf(custom);
    const { ResponseHeadersPolicyId: portalHeaders, ...site } = d.DefaultCacheBehavior;
    const [referenceId] = headersPolicy(custom, 'ApiReferenceHeaders');
    expect(portalHeaders).not.toEqual({ Ref: referenceId });
    for (const pattern of [API_REFERENCE_PATH, `${API_REFERENCE_PATH}/*`]) {
      const { PathPattern, ResponseHeadersPolicyId, ...behaviour } = d.CacheBehaviors.find((b: Json) => b.PathPattern === pattern);
      expect(PathPattern).toBe(pattern);
      expect(ResponseHeadersPolicyId, pattern).toEqual({ Ref: referenceId });
      // Same origin (the site bucket, OAC), routing function, cache policy, methods, HTTPS, compression.
      expect(behaviour, pattern).toEqual(site);
    }
  });

  it('answers on the custom domain with its us-east-1 certificate, TLS 1.2 at least', () => {
    const d = distributionOf(custom);
    expect(d.Aliases).toEqual([DOMAIN]);
    expect(d.ViewerCertificate).toEqual({ AcmCertificateArn: CERTIFICATE, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(custom.json.web.Outputs.WebUrl.Value).toBe(ORIGIN);
  });

  it('without a custom domain: the generated domain, and a warning that CORS is still open', () => {
    const d = distributionOf(plain);
    expect(d.Aliases).toBeUndefined();
    const [distributionId] = one(plain.json.web, 'AWS::CloudFront::Distribution');
    expect(plain.json.web.Outputs.WebUrl.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] });
    const warnings = (s: Synthesized) => s.app.synth().getStackArtifact(s.stacks.web.artifactId).messages
      .filter((m) => m.level === 'warning').map((m) => String(m.entry.data));
    expect(warnings(plain)).toContainEqual(expect.stringMatching(/CORS allow any origin.*-c webOrigin=/));
    expect(warnings(plain)).toHaveLength(1);
    expect(warnings(custom)).toEqual([]); // CDK's own advisories are handled too
  });
});

describe('SPA routing function (viewer request)', () => {
  const code = () => one(custom.json.web, 'AWS::CloudFront::Function')[1];

  it('is the declared code on the cloudfront-js-2.0 runtime', () => {
    expect(code().Properties.FunctionConfig.Runtime).toBe('cloudfront-js-2.0');
    expect(code().Properties.FunctionCode).toBe(spaRoutesFunctionCode());
    expect(code().Properties.AutoPublish).toBe(true);
  });

  const cases: [string, string][] = [
    ['/', '/index.html'],
    ['/ho-so/abc', '/index.html'],
    ['/ho-so', '/index.html'],
    ['/tra-cuu', '/index.html'],
    ['/thu-tuc/1.001193', '/index.html'], // procedure codes contain dots: still a page
    ['/chi-so/000.00.00.H26', '/index.html'],
    ['/can-bo/ho-so/0f8e/', '/index.html'],
    ['/assets/x.js', '/assets/x.js'],
    ['/assets/index-Bq3x9.css', '/assets/index-Bq3x9.css'],
    ['/assets/missing-chunk.js', '/assets/missing-chunk.js'], // stays a real 404 at S3
    ['/favicon.svg', '/favicon.svg'],
    ['/index.html', '/index.html'],
    ['/robots.txt', '/robots.txt'],
    ['/v1/config', '/v1/config'],
    ['/v1/dossiers/abc/attachments', '/v1/dossiers/abc/attachments'],
    // The API reference is its own document, not the app's.
    [API_REFERENCE_PATH, `${API_REFERENCE_PATH}/index.html`],
    [`${API_REFERENCE_PATH}/`, `${API_REFERENCE_PATH}/index.html`],
    [`${API_REFERENCE_PATH}/index.html`, `${API_REFERENCE_PATH}/index.html`],
    [`${API_REFERENCE_PATH}/missing.js`, `${API_REFERENCE_PATH}/missing.js`],
    [`${API_REFERENCE_PATH}x`, '/index.html'],
  ];
  it.each(cases)('%s → %s', (uri, expected) => {
    const handler = spaHandler(code().Properties.FunctionCode);
    const query = { 'thanh-toan': { value: 'ord-1' } };
    const out = handler(viewerRequest(uri, query));
    expect(out.uri).toBe(expected);
    expect(out.querystring).toEqual(query); // /ho-so/{id}?thanh-toan= keeps its query for the page
  });

  it('applies the local runtime\'s rule (shared/web/spa.ts): a page path gets its document, assets and /v1 pass', () => {
    const handler = spaHandler(spaRoutesFunctionCode());
    const paths = [...cases.map(([p]) => p), '/phan-anh/gui', '/manifest.webmanifest', '/assets/font.woff2', '/a.PNG', '/x.map', '/thong-ke',
      `${API_REFERENCE_PATH}/anything`, '/thu-tuc/tai-lieu-api'];
    for (const path of paths) {
      const page = !isAssetPath(path) && !path.startsWith('/v1');
      expect(handler(viewerRequest(path)).uri, path).toBe(page ? pageDocument(path) : path);
    }
  });
});

describe('caching', () => {
  it('the site cache policy keeps each object as long as its own Cache-Control says, keyed on the path only', () => {
    const [, policy] = one(custom.json.web, 'AWS::CloudFront::CachePolicy');
    const c = policy.Properties.CachePolicyConfig;
    expect(c).toMatchObject({ MinTTL: 0, DefaultTTL: 0, MaxTTL: 365 * 24 * 3600 });
    expect(c.ParametersInCacheKeyAndForwardedToOrigin).toMatchObject({
      EnableAcceptEncodingGzip: true, EnableAcceptEncodingBrotli: true,
      HeadersConfig: { HeaderBehavior: 'none' }, CookiesConfig: { CookieBehavior: 'none' }, QueryStringsConfig: { QueryStringBehavior: 'none' },
    });
  });

  it('deploys hashed assets immutable for a year (kept across deploys), then the pages no-cache with an invalidation', () => {
    const deployments = resources(custom.json.web, 'Custom::CDKBucketDeployment');
    expect(deployments).toHaveLength(2);
    const [assetsId, assets] = deployments.find(([id]) => id.startsWith('DeployAssets'))!;
    const [, pages] = deployments.find(([id]) => id.startsWith('DeployPages'))!;
    expect(assets.Properties).toMatchObject({
      Include: ['assets/*'], Exclude: ['*'], Prune: false,
      SystemMetadata: { 'cache-control': webCacheControl('/assets/index-Fx1xture.js') },
    });
    expect(assets.Properties.DistributionId).toBeUndefined();
    expect(pages.Properties).toMatchObject({
      Exclude: ['assets/*'], DistributionPaths: ['/*'],
      SystemMetadata: { 'cache-control': webCacheControl('/index.html') },
    });
    expect(pages.Properties.Prune).not.toBe(false);
    expect(pages.Properties.DistributionId).toEqual({ Ref: one(custom.json.web, 'AWS::CloudFront::Distribution')[0] });
    expect(pages.DependsOn).toContain(assetsId); // assets first: a new index.html never names a missing file
    expect(webCacheControl('/assets/index-Fx1xture.js')).toContain('immutable');
    expect(webCacheControl('/index.html')).toBe('no-cache');
  });

  it('ships the build without Vite\'s manifest', () => {
    const staged = readdirSync(custom.outdir).map((d) => join(custom.outdir, d)).filter((d) => existsSync(join(d, 'index.html')));
    expect(staged).toHaveLength(1);
    expect(readdirSync(staged[0]!).sort()).toEqual(['assets', 'index.html', 'tai-lieu-api']);
    expect(existsSync(join(WEB_DIST_FIXTURE, '.vite', 'manifest.json'))).toBe(true);
  });
});

describe('response headers policy', () => {
  it('sends the CSP the local runtime sends, with Cognito and the upload bucket as the only other origins', () => {
    const [, policy] = headersPolicy(custom, 'WebHeaders');
    const csp = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy;
    expect(csp.Override).toBe(true);
    expect(render(csp.ContentSecurityPolicy)).toBe(contentSecurityPolicy([`https://cognito-idp.${REGION}.amazonaws.com`, 'https://<ref>']));
    // The reference is the browser-upload bucket's regional domain, exported by the data stack.
    const uploads = platform.buckets.filter((b) => 'browserUploads' in b && b.browserUploads);
    expect(uploads).toHaveLength(1);
    const [bucketId] = byTag(custom.json.data, 'AWS::S3::Bucket', TAG.bucket, uploads[0]!.name);
    const importName = /"Fn::ImportValue":"([^"]+)"/.exec(JSON.stringify(csp.ContentSecurityPolicy))![1]!;
    const output = Object.values(custom.json.data.Outputs as Record<string, Json>).find((o) => o.Export?.Name === importName)!;
    expect(output.Value).toEqual({ 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] });
  });

  it.each([
    ['WebHeaders', webSecurityHeaders([])],
    ['ApiReferenceHeaders', apiReferenceSecurityHeaders()],
  ] as const)('%s sends every other shared header too, plus HSTS', (prefix, shared) => {
    const [, policy] = headersPolicy(custom, prefix);
    const config = policy.Properties.ResponseHeadersPolicyConfig;
    const sec = config.SecurityHeadersConfig;
    expect(sec.ContentTypeOptions).toEqual({ Override: true });
    expect(shared['x-content-type-options']).toBe('nosniff');
    expect(sec.FrameOptions).toEqual({ FrameOption: shared['x-frame-options'], Override: true });
    expect(sec.ReferrerPolicy).toEqual({ ReferrerPolicy: shared['referrer-policy'], Override: true });
    expect(sec.StrictTransportSecurity).toEqual({ AccessControlMaxAgeSec: HSTS_MAX_AGE.toSeconds(), IncludeSubdomains: false, Preload: false, Override: true });
    const custom_ = Object.fromEntries((config.CustomHeadersConfig.Items as Json[]).map((h) => [h.Header, h.Value]));
    const typed = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy'];
    expect(custom_).toEqual(Object.fromEntries(Object.entries(shared).filter(([name]) => !typed.includes(name))));
    expect(custom_['permissions-policy']).toBe(shared['permissions-policy']);
  });

  it('sends the API reference its own CSP (the portal\'s, plus an empty inline style and data: fonts; its own origin only)', () => {
    const [, policy] = headersPolicy(custom, 'ApiReferenceHeaders');
    const csp = policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy;
    expect(csp).toEqual({ ContentSecurityPolicy: apiReferenceContentSecurityPolicy(), Override: true });
    expect(csp.ContentSecurityPolicy).toContain("connect-src 'self';");
    expect(csp.ContentSecurityPolicy).not.toMatch(/unsafe-/);
  });
});

describe('the web origin in CORS and links', () => {
  it('with a custom domain, API CORS, upload-bucket CORS and CORS_ORIGINS name https://<webDomain>', () => {
    const [, api] = one(custom.json.api, 'AWS::ApiGatewayV2::Api');
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([ORIGIN]);
    const [, bucket] = byTag(custom.json.data, 'AWS::S3::Bucket', TAG.bucket, 'attachments');
    expect(bucket.Properties.CorsConfiguration.CorsRules).toEqual([expect.objectContaining({ AllowedMethods: ['POST'], AllowedOrigins: [ORIGIN] })]);
    for (const [, fn] of resources(custom.json.api, 'AWS::Lambda::Function').filter(([, f]) => f.Properties.Tags)) {
      expect(fn.Properties.Environment.Variables.CORS_ORIGINS).toBe(ORIGIN);
    }
  });

  it('payment return and portal links point at the web front end\'s pages', () => {
    const payments = platform.functions.filter((f) => 'usesPaymentProviders' in f && f.usesPaymentProviders);
    const senders = platform.functions.filter((f) => 'sendsMessages' in f && f.sendsMessages);
    expect(payments.length).toBeGreaterThan(0);
    expect(senders.length).toBeGreaterThan(0);
    for (const decl of payments) {
      const vars = byTag(custom.json.api, 'AWS::Lambda::Function', TAG.fn, decl.name)[1].Properties.Environment.Variables;
      expect(vars.PAYMENT_RETURN_URL).toBe(`${ORIGIN}/ho-so/{dossierId}?thanh-toan={orderId}`);
      expect(vars.PORTAL_BASE_URL).toBe(ORIGIN);
    }
    for (const decl of senders) {
      expect(byTag(custom.json.api, 'AWS::Lambda::Function', TAG.fn, decl.name)[1].Properties.Environment.Variables.PORTAL_BASE_URL).toBe(ORIGIN);
    }
    // No origin known (trial deployment): the functions fall back to their own defaults.
    for (const decl of payments) {
      const vars = byTag(plain.json.api, 'AWS::Lambda::Function', TAG.fn, decl.name)[1].Properties.Environment.Variables;
      expect(vars.PAYMENT_RETURN_URL).toBeUndefined();
      expect(vars.PORTAL_BASE_URL).toBeUndefined();
    }
  });

  it('cdk-nag finds nothing unacknowledged with a custom domain either', () => {
    expect(nagFindings(custom.app).map((v) => `${v.ruleName} ${v.violatingResources.map((r) => r.constructPath).join(' ')}`)).toEqual([]);
  });
});

describe('configuration', () => {
  const config = (context: Record<string, unknown>) => readConfig(createApp({ context }));

  it('derives the origin and the links from webDomain; explicit context wins for the links', () => {
    expect(config({ webDomain: DOMAIN, webCertificateArn: CERTIFICATE })).toMatchObject({
      webOrigin: ORIGIN, webDomain: DOMAIN, portalBaseUrl: ORIGIN, paymentReturnUrl: `${ORIGIN}${PAYMENT_RETURN_PATH}`,
    });
    expect(config({ webDomain: DOMAIN, webCertificateArn: CERTIFICATE, paymentReturnUrl: 'https://pay.example.vn/back', portalBaseUrl: 'https://portal.example.vn' }))
      .toMatchObject({ paymentReturnUrl: 'https://pay.example.vn/back', portalBaseUrl: 'https://portal.example.vn' });
    expect(config({ webOrigin: 'https://d111111abcdef8.cloudfront.net' })).toMatchObject({
      webOrigin: 'https://d111111abcdef8.cloudfront.net', portalBaseUrl: 'https://d111111abcdef8.cloudfront.net',
    });
    expect(config({})).toMatchObject({ webOrigin: '*', portalBaseUrl: undefined, paymentReturnUrl: undefined });
  });

  it.each([
    [{ webDomain: DOMAIN }, /go together/],
    [{ webCertificateArn: CERTIFICATE }, /go together/],
    [{ webDomain: 'https://dichvucong.example.vn', webCertificateArn: CERTIFICATE }, /domain name/],
    [{ webDomain: DOMAIN, webCertificateArn: CERTIFICATE.replace('us-east-1', 'ap-southeast-1') }, /us-east-1/],
    [{ webDomain: DOMAIN, webCertificateArn: 'not-an-arn' }, /ACM certificate ARN/],
    [{ webDomain: DOMAIN, webCertificateArn: CERTIFICATE, webOrigin: 'https://other.example.vn' }, /contradicts/],
    [{ webOrigin: 'https://dichvucong.example.vn/' }, /no path/],
  ])('rejects %o with a clear message', (context, message) => {
    expect(() => config(context)).toThrow(message);
  });

  it('synthesis without a built front end says how to build it', () => {
    const app = createApp({ context: { 'aws:cdk:bundling-stacks': [] } });
    expect(() => buildPortal(app, { nag: false, webDist: join(WEB_DIST_FIXTURE, 'missing') })).toThrow(/npm run build:web/);
  });
});
