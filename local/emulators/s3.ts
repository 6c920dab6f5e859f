// s3rver 3.7: S3 REST API on loopback with a filesystem store (one folder per bucket).
// Clients must use path-style addressing (forcePathStyle) and handlers must run with
// AWS_REQUEST_CHECKSUM_CALCULATION=WHEN_REQUIRED: s3rver does not decode aws-chunked bodies, so a
// streamed upload with the SDK's default CRC32 trailer would be stored with its chunk framing.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { assertPortFree, freePort } from './ports';
import { startRunner, type LogFn, type RunningEmulator } from './process';

export interface S3Options {
  port?: number;
  /** Where buckets and objects are stored (persistent dir or a temp dir). */
  directory: string;
  /** Answer CORS preflights and add Access-Control-Allow-Origin: * on every bucket (default true). */
  allowAllOrigins?: boolean;
  onLog?: LogFn;
}

export async function startS3(options: S3Options): Promise<RunningEmulator> {
  const port = options.port ?? (await freePort());
  await assertPortFree(port, 's3rver');
  const directory = resolve(options.directory);
  mkdirSync(directory, { recursive: true });
  return startRunner({
    name: 's3',
    port,
    config: { directory, allowAllOrigins: options.allowAllOrigins ?? true },
    onLog: options.onLog,
  });
}
