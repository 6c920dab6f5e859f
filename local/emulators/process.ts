// Supervision of emulator child processes. Every emulator runs as `node runners/<name>.mjs` in its
// own process group with an IPC channel: stop() signals the whole group (DynamoDB Local's JVM is a
// grandchild), and a runner exits by itself when the IPC channel closes, which covers a parent
// that dies from SIGKILL and never runs its exit hooks.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { LOOPBACK } from './ports';

export type EmulatorName = 'dynamodb' | 's3' | 'sqs' | 'cognito';

/** Receives every line an emulator writes to stdout/stderr. */
export type LogFn = (emulator: EmulatorName, line: string) => void;

export interface RunningEmulator {
  readonly name: EmulatorName;
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly endpoint: string;
  readonly pid: number;
  /** Resolves with the exit code (or signal name) once the runner process has exited. */
  readonly exited: Promise<number | string>;
  /** The last lines the emulator printed, for diagnostics. */
  recentOutput(): string[];
  /** SIGTERM to the process group, SIGKILL after a grace period; resolves when nothing is left. */
  stop(): Promise<void>;
}

export interface StartRunnerOptions {
  name: EmulatorName;
  port: number;
  /** JSON-serialisable settings handed to the runner as argv[2]. */
  config: Record<string, unknown>;
  onLog?: LogFn;
  readyTimeoutMs?: number;
}

const GRACE_MS = 5_000;
const TAIL_LINES = 40;

const live = new Set<RunningEmulator>();
const exitCleanups = new Set<() => void>();
let hooked = false;

const signalGroup = (pid: number, signal: NodeJS.Signals | 0): boolean => {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function onExit(): void {
  // Synchronous only: the event loop is gone. Runners also notice the closed IPC channel.
  for (const emulator of live) signalGroup(emulator.pid, 'SIGTERM');
  for (const cleanup of exitCleanups) {
    try {
      cleanup();
    } catch {
      // best effort while the process is exiting
    }
  }
}

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  // When the application registered its own handler it owns the shutdown (and calls stop());
  // the exit hook remains the backstop. Alone, stop everything and then die of the same signal.
  if (process.listenerCount(signal) > 1) return;
  await Promise.allSettled([...live].map((e) => e.stop()));
  onExit();
  unhook();
  process.kill(process.pid, signal);
}

function hook(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', onExit);
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function unhook(): void {
  if (!hooked || live.size > 0 || exitCleanups.size > 0) return;
  hooked = false;
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
}

/** Registers a synchronous cleanup (e.g. removing a temp dir) that also runs if the process exits. */
export function onProcessExit(cleanup: () => void): () => void {
  exitCleanups.add(cleanup);
  hook();
  return () => {
    exitCleanups.delete(cleanup);
    unhook();
  };
}

export function runnerPath(name: EmulatorName): string {
  return fileURLToPath(new URL(`./runners/${name}.mjs`, import.meta.url));
}

/**
 * Spawns a runner and resolves once it reports `ready` over IPC. Rejects, with the tail of its
 * output, if it exits or stays silent for `readyTimeoutMs`; the process group is then killed.
 */
export async function startRunner(options: StartRunnerOptions): Promise<RunningEmulator> {
  const { name, port, config, onLog, readyTimeoutMs = 60_000 } = options;
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1' };
  // A loader such as tsx in NODE_OPTIONS would slow every runner down; they are plain ESM.
  delete env.NODE_OPTIONS;

  const child: ChildProcess = spawn(process.execPath, [runnerPath(name), JSON.stringify({ ...config, port })], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env,
  });
  if (child.pid === undefined) {
    await new Promise((resolve) => child.once('error', resolve));
    throw new Error(`${name} emulator: could not spawn ${process.execPath}`);
  }
  const pid = child.pid;

  const tail: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        onLog?.(name, line);
      }
    });
  };
  collect(child.stdout);
  collect(child.stderr);

  let hasExited = false;
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      // A crashed runner whose group is already empty must not be signalled later by pgid.
      if (!signalGroup(pid, 0)) {
        live.delete(emulator);
        unhook();
      }
      resolve(code ?? signal ?? 'unknown');
    });
  });

  let stopping: Promise<void> | undefined;
  const emulator: RunningEmulator = {
    name,
    port,
    endpoint: `http://${LOOPBACK}:${port}`,
    pid,
    exited,
    recentOutput: () => [...tail],
    stop() {
      stopping ??= (async () => {
        if (!hasExited) signalGroup(pid, 'SIGTERM');
        // Unref'd so a pending grace timer never holds the parent's event loop open.
        const escalate = setTimeout(() => signalGroup(pid, 'SIGKILL'), GRACE_MS);
        escalate.unref();
        await exited;
        clearTimeout(escalate);
        // Grandchildren (the JVM) outlive the runner only if it crashed; reap them too.
        for (let i = 0; signalGroup(pid, 0); i++) {
          signalGroup(pid, i < 20 ? 'SIGTERM' : 'SIGKILL');
          await sleep(100);
        }
        live.delete(emulator);
        unhook();
      })();
      return stopping;
    },
  };
  live.add(emulator);
  hook();

  const failure = (reason: string) =>
    new Error(`${name} emulator ${reason}${tail.length ? `; last output:\n${tail.join('\n')}` : ''}`);

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(failure(`did not start within ${readyTimeoutMs} ms`)), readyTimeoutMs);
      child.on('message', (message: unknown) => {
        const m = message as { type?: string; message?: string };
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve();
        } else if (m.type === 'error') {
          clearTimeout(timer);
          reject(failure(`failed: ${m.message ?? 'unknown error'}`));
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(failure(`exited during start-up (${code})`));
      });
    });
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  return emulator;
}
