// Starts the four AWS emulators on 127.0.0.1, each as its own child process, in parallel.
// Persistent (npm start): startEmulators({ stateDir: '.local' }) keeps
//   .local/dynamodb/shared-local-instance.db, .local/s3/<bucket>/..., .local/cognito/*.json
// In memory (tests): startEmulators({}) runs DynamoDB Local with -inMemory and gives s3rver and
// cognito-local (which always write files) a temp dir that stop() deletes. SQS is always in memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { localValue, type LocalValueName } from '../../shared/platform/environment';
import type { LocalSettings } from '../environment';
import { startCognito } from './cognito';
import { findJava, startDynamoDb } from './dynamodb';
import { freePorts } from './ports';
import { onProcessExit, type EmulatorName, type LogFn, type RunningEmulator } from './process';
import { startS3 } from './s3';
import { startSqs } from './sqs';

export type { EmulatorName, LogFn, RunningEmulator } from './process';
export { JAVA_REQUIRED } from './dynamodb';
export { cognitoIssuer, cognitoJwksUrl } from './cognito';
export { isPortOpen } from './ports';

export const LOCAL_REGION = localValue('AWS_REGION');
/** The SDK settings the emulators need, at their declared local values. */
const EMULATOR_SETTINGS = [
  'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REQUEST_CHECKSUM_CALCULATION', 'AWS_RESPONSE_CHECKSUM_VALIDATION', 'S3_FORCE_PATH_STYLE',
] as const satisfies readonly LocalValueName[];

export const EMULATOR_NAMES: readonly EmulatorName[] = ['dynamodb', 's3', 'sqs', 'cognito'];

export interface StartEmulatorsOptions {
  /** Root of persistent state (e.g. '.local'). */
  stateDir?: string;
  /** Keep nothing across restarts. Defaults to true when no stateDir is given. */
  inMemory?: boolean;
  /** Fixed ports; any emulator left out gets a free port. */
  ports?: Partial<Record<EmulatorName, number>>;
  /** Every output line of every emulator (default: kept only for error messages). */
  onLog?: LogFn;
  /** Where cognito-local invokes the user pool's custom authentication triggers (the local runtime's route). */
  authChallengeUrl?: string;
}

export interface Emulators {
  /** http://127.0.0.1:<port> per emulator. */
  readonly endpoints: Readonly<Record<EmulatorName, string>>;
  readonly ports: Readonly<Record<EmulatorName, number>>;
  /** Runner pid per emulator; each is also the id of that emulator's process group. */
  readonly pids: Readonly<Record<EmulatorName, number>>;
  /** Absolute state root when persistent, undefined in memory. */
  readonly stateDir: string | undefined;
  /** The variables the AWS SDK v3 (and shared/aws) read to talk to these emulators. */
  env(): LocalSettings;
  /** Stops every emulator process (and its children) and removes temp state. Idempotent. */
  stop(): Promise<void>;
}

export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<Emulators> {
  findJava(); // fail fast, before the other three are started only to be stopped again
  const inMemory = options.inMemory ?? options.stateDir === undefined;
  const stateDir = inMemory ? undefined : resolve(options.stateDir ?? '.local');

  const wanted = { ...options.ports };
  const missing = EMULATOR_NAMES.filter((name) => wanted[name] === undefined);
  const picked = await freePorts(missing.length);
  for (const [i, name] of missing.entries()) wanted[name] = picked[i];
  const ports = wanted as Record<EmulatorName, number>;

  // s3rver and cognito-local only store to files, so "in memory" means a throwaway directory.
  const scratch = inMemory ? mkdtempSync(join(tmpdir(), 'dvc-emulators-')) : undefined;
  const removeScratch = () => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  const forgetScratch = scratch ? onProcessExit(removeScratch) : () => undefined;
  const dataDir = (name: EmulatorName) => join(stateDir ?? (scratch as string), name);

  const { onLog } = options;
  const results = await Promise.allSettled([
    startDynamoDb({ port: ports.dynamodb, dbPath: inMemory ? undefined : dataDir('dynamodb'), onLog }),
    startS3({ port: ports.s3, directory: dataDir('s3'), onLog }),
    startSqs({ port: ports.sqs, region: LOCAL_REGION, onLog }),
    startCognito({ port: ports.cognito, directory: dataDir('cognito'), onLog, authChallengeUrl: options.authChallengeUrl }),
  ]);

  const running = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    await Promise.allSettled(running.map((e) => e.stop()));
    removeScratch();
    forgetScratch();
    const [first, ...others] = failures;
    if (others.length === 0) throw first;
    throw new Error(failures.map((f) => (f instanceof Error ? f.message : String(f))).join('\n\n'));
  }

  const byName = Object.fromEntries(running.map((e) => [e.name, e])) as Record<EmulatorName, RunningEmulator>;
  const pick = <T>(f: (e: RunningEmulator) => T) =>
    Object.fromEntries(EMULATOR_NAMES.map((n) => [n, f(byName[n])])) as Record<EmulatorName, T>;
  const endpoints = pick((e) => e.endpoint);

  let stopping: Promise<void> | undefined;
  return {
    endpoints,
    ports,
    pids: pick((e) => e.pid),
    stateDir,
    env: () => ({
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_DYNAMODB_STREAMS: endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: endpoints.cognito,
      // The values shared/platform/environment.ts declares for the emulators: a region, any
      // credentials, checksums only when required (s3rver stores aws-chunked bodies verbatim) and
      // path-style S3 addresses (s3rver understands no other; read by shared/aws/clients.ts).
      ...Object.fromEntries(EMULATOR_SETTINGS.map((name) => [name, localValue(name)])),
    }),
    stop() {
      stopping ??= (async () => {
        await Promise.allSettled(running.map((e) => e.stop()));
        removeScratch();
        forgetScratch();
      })();
      return stopping;
    },
  };
}
