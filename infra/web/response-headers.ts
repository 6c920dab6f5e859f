// The web front end's response headers at CloudFront, translated from the one declaration the local
// runtime serves (shared/web/security-headers.ts: the portal's, and the API reference's). CloudFront
// wants its security headers in typed fields and refuses them as custom headers, so each known
// header goes to its field and any other declared header becomes a custom header: a header added
// there reaches both places.
import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

/**
 * HSTS exists only behind TLS (CloudFront), so it is not in the shared declaration. Two years, no
 * includeSubDomains/preload: those bind every subdomain of the operator's domain, their decision.
 */
export const HSTS_MAX_AGE = Duration.days(730);

const FRAME_OPTIONS: Record<string, cloudfront.HeadersFrameOption> = {
  DENY: cloudfront.HeadersFrameOption.DENY,
  SAMEORIGIN: cloudfront.HeadersFrameOption.SAMEORIGIN,
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A response headers policy's security and custom headers, from the declared headers. */
export const responseHeadersBehaviour = (headers: Readonly<Record<string, string>>) => {
  const securityHeadersBehavior: Mutable<cloudfront.ResponseSecurityHeadersBehavior> = {
    strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: false, preload: false, override: true },
  };
  const customHeaders: cloudfront.ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        securityHeadersBehavior.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff') throw new Error(`CloudFront can only send X-Content-Type-Options: nosniff, not ${value}`);
        securityHeadersBehavior.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options': {
        const frameOption = FRAME_OPTIONS[value.toUpperCase()];
        if (!frameOption) throw new Error(`CloudFront can only send X-Frame-Options DENY or SAMEORIGIN, not ${value}`);
        securityHeadersBehavior.frameOptions = { frameOption, override: true };
        break;
      }
      case 'referrer-policy': {
        const referrerPolicy = Object.values(cloudfront.HeadersReferrerPolicy).find((p) => p === value);
        if (!referrerPolicy) throw new Error(`CloudFront does not know the referrer policy ${value}`);
        securityHeadersBehavior.referrerPolicy = { referrerPolicy, override: true };
        break;
      }
      case 'strict-transport-security':
      case 'x-xss-protection':
        throw new Error(`Header ${name} needs its own mapping to CloudFront's typed security headers`);
      default:
        customHeaders.push({ header: name, value, override: true });
    }
  }
  return { securityHeadersBehavior, customHeadersBehavior: customHeaders.length ? { customHeaders } : undefined };
};
