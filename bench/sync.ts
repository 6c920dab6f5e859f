// Inbound sync throughput (issue 6 closing figure): status events from the demo Hà Nội agency
// system, applied locally end to end — signed batches of 100 through the gateway, the FIFO queue
// (fauxqs), the local SQS poller and the sync-inbound consumer applying each through the dossier
// transition function on DynamoDB Local.
//
//   npm run bench:sync [-- --dossiers 100]
//
// Each dossier gets four events (received, processing, done, returned), one transition each
// (receive, start, finish, return_result). Prints events/s and transitions/s from the first POST
// until everything settled. Locally the consumer runs at its declared maxConcurrency (message
// groups in parallel, each in order), as Lambda does; the notifications those transitions owe are
// rendered and delivered within the same measured time.
export {};
process.env.LOG_LEVEL ??= 'ERROR';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const DOSSIERS = arg('dossiers', 100);
const HANOI = { keyId: 'demo-hanoi-system', secret: 'demo-hanoi-secret' };

const main = async () => {
  const { startRuntime } = await import('../local/runtime');
  const runtime = await startRuntime({ port: 0 });
  try {
    const { signIn, signedApi, api } = await import('../test/support/auth');
    const { submitted } = await import('../test/support/dossiers');
    const citizen = await signIn('citizen.demo');
    const dossiers: { id: string; code: string }[] = [];
    for (let i = 0; i < DOSSIERS; i += 10) {
      dossiers.push(...(await Promise.all(Array.from({ length: Math.min(10, DOSSIERS - i) }, () => submitted(citizen)))));
    }
    const statuses = [2, 4, 9, 10];
    // After every submission, in order, and not ahead of the portal's clock (later times are refused).
    const reportedFrom = Date.now();
    const events = dossiers.flatMap((d, n) => statuses.map((status, i) => ({
      eventId: `bench-${n}-${i}-${d.id.slice(0, 8)}`, code: d.code, status, at: new Date(reportedFrom + i).toISOString(),
    })));
    const started = performance.now();
    for (let i = 0; i < events.length; i += 100) {
      const res = await signedApi('POST', '/v1/sync/statuses', { ...HANOI, json: { items: events.slice(i, i + 100) } });
      if (res.status !== 202 || res.body.rejected) throw new Error(`batch ${i / 100}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    const posted = performance.now();
    if (!(await runtime.events.settle(600_000))) throw new Error('events did not settle in 10 minutes');
    const seconds = (performance.now() - started) / 1000;
    const sample = await Promise.all(dossiers.slice(0, 5).map((d) => api('GET', `/v1/dossiers/${d.id}`, { token: citizen })));
    const allReturned = sample.every((r) => r.body.status === 'returned');
    console.log(`${events.length} status events for ${DOSSIERS} dossiers (${DOSSIERS * 4} transitions): posted in ${((posted - started) / 1000).toFixed(1)} s, applied in ${seconds.toFixed(1)} s`);
    console.log(`inbound throughput: ${(events.length / seconds).toFixed(1)} events/s, ${((DOSSIERS * 4) / seconds).toFixed(1)} transitions/s; sampled dossiers returned: ${allReturned}`);
    if (!allReturned) process.exitCode = 1;
  } finally {
    await runtime.stop();
  }
};

await main();
