// The one reader of the environment in functions/ and shared/. Every variable is declared once:
// settings in shared/platform/environment.ts (what each is, who gets it, its default), resource
// names by the platform declaration (naming.ts), set by the CDK stacks in AWS and by the local
// runtime on this machine. An unset or empty variable is absent: its declared default applies.
import { environment, type EnvName, type EnvNameWithDefault } from './platform/environment';
import { bucketEnvVar, dlqUrlEnvVar, queueUrlEnvVar, secretArnEnvVar, tableEnvVar } from './platform/naming';
import type { SecretEnvVar } from './platform/secrets';

export { DEFAULT_PORTAL_BASE_URL } from './platform/environment';

/** Where variables are read from: the process's environment, or a test's. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

const present = (name: string, source: EnvSource): string | undefined => {
  const value = source[name];
  return value === undefined || value === '' ? undefined : value;
};

/** A declared variable's value, else its declared default (then never undefined). */
export function readEnv<N extends EnvNameWithDefault>(name: N, source?: EnvSource): string;
export function readEnv(name: EnvName, source?: EnvSource): string | undefined;
export function readEnv(name: EnvName, source: EnvSource = process.env): string | undefined {
  return present(name, source) ?? (environment[name] as { default?: string }).default;
}

/** A declared variable as set, ignoring its default (the local runtime keeps a caller's choice). */
export const envAsSet = (name: EnvName, source: EnvSource = process.env): string | undefined => present(name, source);

const required = (name: string): string => {
  const value = present(name, process.env);
  if (!value) throw new Error(`Missing environment variable ${name}`);
  return value;
};

export const tableName = (table: string) => required(tableEnvVar(table));
export const bucketName = (bucket: string) => required(bucketEnvVar(bucket));
export const queueUrl = (queue: string) => required(queueUrlEnvVar(queue));
export const dlqUrl = (queue: string) => required(dlqUrlEnvVar(queue));

/** A declared secret: its value where the local runtime sets it, else its Secrets Manager ARN (AWS). */
export const secretSource = (envVar: SecretEnvVar, source: EnvSource = process.env) => ({
  value: present(envVar, source),
  arn: present(secretArnEnvVar(envVar), source),
});

/** The portal's public address (links in e-mails, slips and receipts); the national portal's when unset. */
export const portalBaseUrl = () => readEnv('PORTAL_BASE_URL');
