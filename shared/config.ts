// Physical resource names reach handlers through environment variables named by the platform
// declaration, set by the CDK stacks in AWS and by the local runtime on this machine.
import { bucketEnvVar, dlqUrlEnvVar, queueUrlEnvVar, tableEnvVar } from './platform/naming';

const required = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
};

export const tableName = (table: string) => required(tableEnvVar(table));
export const bucketName = (bucket: string) => required(bucketEnvVar(bucket));
export const queueUrl = (queue: string) => required(queueUrlEnvVar(queue));
export const dlqUrl = (queue: string) => required(dlqUrlEnvVar(queue));

/** The portal's public address (links in e-mails, slips and receipts); the national portal's when unset. */
export const DEFAULT_PORTAL_BASE_URL = 'https://dichvucong.gov.vn';
export const portalBaseUrl = () => process.env.PORTAL_BASE_URL || DEFAULT_PORTAL_BASE_URL;
