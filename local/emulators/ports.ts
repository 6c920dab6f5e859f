import { createConnection, createServer, type Server } from 'node:net';

export const LOOPBACK = '127.0.0.1';

const listen = (port: number): Promise<Server> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port, host: LOOPBACK, exclusive: true }, () => resolve(server));
  });

const close = (server: Server): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/**
 * Asks the OS for `count` distinct free loopback ports. All probes stay open until every port is
 * known, so parallel callers inside one call never receive the same port twice.
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listen(0)));
  const ports = servers.map((s) => {
    const address = s.address();
    if (address === null || typeof address === 'string') throw new Error('unexpected socket address');
    return address.port;
  });
  await Promise.all(servers.map(close));
  return ports;
}

export async function freePort(): Promise<number> {
  const [port] = await freePorts(1);
  return port as number;
}

/** Fails fast with a readable message instead of a child process dying on EADDRINUSE. */
export async function assertPortFree(port: number, owner: string): Promise<void> {
  try {
    await close(await listen(port));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`Port ${port} for ${owner} is not available on ${LOOPBACK} (${code ?? String(error)})`);
  }
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isPortOpen(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: LOOPBACK });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
