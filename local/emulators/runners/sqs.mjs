// Runs fauxqs (SQS over the JSON protocol) on loopback. State is in memory only: fauxqs 1.9 has
// no persistence, so the local runtime recreates its queues on every start.
import { buildApp } from 'fauxqs';
import { fail, onShutdown, ready, settings } from './common.mjs';

const { port, region } = settings();

// The stores are not exported by the package; fauxqs's own startFauxqs builds them the same way.
const distUrl = import.meta.resolve('fauxqs');
const { SqsStore } = await import(new URL('./sqs/sqsStore.js', distUrl).href);
const { SnsStore } = await import(new URL('./sns/snsStore.js', distUrl).href);
const { S3Store } = await import(new URL('./s3/s3Store.js', distUrl).href);

const sqsStore = new SqsStore();
// Default queue URLs look like http://sqs.<region>.localhost:<port>/..., a host that does not
// resolve here, and the SDK sends requests to the QueueUrl's host whenever the endpoint comes
// from AWS_ENDPOINT_URL_SQS. An empty host makes fauxqs use the request's Host header instead:
// http://127.0.0.1:<port>/000000000000/<name>.
sqsStore.host = '';

// fauxqs's own startFauxqs listens on 0.0.0.0; building the app ourselves keeps it on loopback.
const app = buildApp({
  logger: false,
  defaultRegion: region,
  stores: { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() },
});

try {
  await app.listen({ port, host: '127.0.0.1' });
  onShutdown(() => app.close());
  ready();
} catch (error) {
  fail(error);
}
