// A fuzz campaign of any size against a portal of its own (docs/operations.md, "Fuzzing"):
//   npm run fuzz -- --requests 50000 --seed 7 [--concurrency 8] [--base-url http://127.0.0.1:3000]
// Without --base-url it starts an in-memory local runtime, so the campaign's admin writes change
// nothing anyone else uses. Prints totals by status class, the slowest request and every kind of
// finding; exits 1 when there is any.
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    concurrency: { type: 'string', default: '6' },
    'base-url': { type: 'string' },
  },
});
const requests = Number(values.requests);
const seed = Number(values.seed);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --requests N --seed S [--concurrency C] [--base-url URL]');
  process.exit(2);
}

process.env.LOG_LEVEL ??= 'ERROR';
let stop = async (): Promise<void> => {};
if (values['base-url']) {
  process.env.DVC_BASE_URL = values['base-url'];
} else {
  const { startRuntime } = await import('../local/runtime');
  const runtime = await startRuntime({ port: 0, seedActivity: false });
  stop = () => runtime.stop();
  console.log(`fuzz: portal of its own at ${runtime.url}`);
}

try {
  const { prepareCampaign } = await import('../test/fuzz/prepare');
  const { runCampaign, summarize } = await import('../test/fuzz/campaign');
  const prepared = await prepareCampaign();
  console.log(`fuzz: ${requests} requests, seed ${seed} (replay with --seed ${seed})`);
  let shown = 0;
  const result = await runCampaign({
    ...prepared, requests, seed, concurrency: Number(values.concurrency),
    onProgress: (done, total) => {
      const percent = Math.floor((done / total) * 100);
      if (percent >= shown + 5) { shown = percent; process.stdout.write(`\rfuzz: ${done}/${total} (${percent}%)`); }
    },
  });
  process.stdout.write('\n');
  console.log(summarize(result));
  process.exitCode = result.findings.length === 0 ? 0 : 1;
} finally {
  await stop();
}
