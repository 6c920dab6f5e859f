// A bucket that receives logs (S3 server access logs, CloudFront standard logs): private, TLS-only,
// SSE-S3 (log delivery cannot write to SSE-KMS buckets), versioned, kept a year. Not logged into
// itself: that would loop, and cdk-nag's S1 is acknowledged here once for every such bucket.
import { Duration, type RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

export interface LogBucketProps {
  removalPolicy: RemovalPolicy;
  /** BUCKET_OWNER_ENFORCED unless a writer needs ACLs (CloudFront's standard logs do). */
  objectOwnership?: s3.ObjectOwnership;
  /** What the bucket holds, for the acknowledgement of cdk-nag's S1. */
  holds: string;
}

export const logBucket = (scope: Construct, id: string, props: LogBucketProps): s3.Bucket => {
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    encryption: s3.BucketEncryption.S3_MANAGED,
    objectOwnership: props.objectOwnership ?? s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    versioned: true,
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
    removalPolicy: props.removalPolicy,
  });
  Validations.of(bucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: `This is the bucket of ${props.holds} itself; logging it into itself would loop.`,
  });
  return bucket;
};
