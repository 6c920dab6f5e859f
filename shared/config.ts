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
