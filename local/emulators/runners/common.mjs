// Shared glue for emulator runners (plain ESM so they start without a TypeScript loader).
// Protocol with local/emulators/process.ts: settings arrive as JSON in argv[2]; the runner sends
// { type: 'ready' } or { type: 'error', message } over IPC and shuts down on SIGTERM, SIGINT or
// when the IPC channel closes (the parent is gone).

/** @returns {Record<string, any>} */
export function settings() {
  return JSON.parse(process.argv[2] ?? '{}');
}

export function ready() {
  process.send?.({ type: 'ready' });
}

/** Reports a start-up failure to the parent and exits. */
export function fail(error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof Error ? (error.stack ?? message) : message);
  if (process.send) process.send({ type: 'error', message }, () => process.exit(1));
  else process.exit(1);
}

/**
 * Runs `close` once on the first shutdown trigger, then exits. A hard deadline keeps a stuck
 * close from outliving the parent's grace period.
 * @param {() => Promise<void> | void} close
 */
export function onShutdown(close, deadlineMs = 4_000) {
  let started = false;
  const shutdown = () => {
    if (started) return;
    started = true;
    setTimeout(() => process.exit(0), deadlineMs).unref();
    Promise.resolve()
      .then(close)
      .catch((error) => console.error(error))
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.on('disconnect', shutdown);
}

/**
 * Closes an http.Server gracefully: in-flight requests finish (so file-backed stores complete
 * their writes), idle keep-alive sockets are dropped.
 * @param {import('node:http').Server} server
 */
export function closeHttpServer(server) {
  return new Promise((resolve) => {
    server.close(() => resolve(undefined));
    server.closeIdleConnections();
  });
}
