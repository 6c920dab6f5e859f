// Runs s3rver on loopback with its filesystem store in `directory`, objects appearing whole and copies in one step as in S3.
import S3rver from 's3rver';
import AWSAccount from 's3rver/lib/models/account.js';
import S3Error from 's3rver/lib/models/error.js';
import FilesystemStore from 's3rver/lib/stores/filesystem.js';
import { closeHttpServer, fail, onShutdown, ready, settings } from './common.mjs';
import { showWholeObjectsOnly } from './s3-whole-objects.mjs';

// s3rver only knows the access key id "S3RVER" and answers InvalidAccessKeyId to anything else
// (SigV4 signatures themselves are never checked). Map every key id to its dummy account so the
// same dummy credentials work for all four emulators.
const knownAccount = AWSAccount.registry.get.bind(AWSAccount.registry);
AWSAccount.registry.get = (accessKeyId) => knownAccount(accessKeyId) ?? AWSAccount.DUMMY_ACCOUNT;

// Objects appear whole and copies are one step, as in S3 (s3-whole-objects.mjs).
showWholeObjectsOnly(FilesystemStore, S3Error);

const { port, directory, allowAllOrigins } = settings();

const s3rver = new S3rver({
  address: '127.0.0.1',
  port,
  directory,
  silent: true,
  // Requests come path-style to 127.0.0.1; no virtual-host parsing of the Host header.
  vhostBuckets: false,
});

if (allowAllOrigins) {
  // s3rver only applies CORS to object routes and only when a bucket has a CORS configuration,
  // while browser presigned POSTs go to the bucket root. Locally every origin is allowed, as the
  // deployed bucket's CORS rules are an AWS concern. Runs first; s3rver's error handler keeps
  // access-control-* headers, so error bodies stay readable by the browser too.
  s3rver.middleware.unshift(async (ctx, next) => {
    const origin = ctx.get('origin');
    if (!origin) return next();
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Access-Control-Expose-Headers', 'ETag, Location, x-amz-request-id, x-amz-version-id');
    if (ctx.method === 'OPTIONS' && ctx.get('access-control-request-method')) {
      ctx.set('Access-Control-Allow-Methods', 'GET, PUT, POST, DELETE, HEAD');
      const requested = ctx.get('access-control-request-headers');
      if (requested) ctx.set('Access-Control-Allow-Headers', requested);
      ctx.set('Access-Control-Max-Age', '3000');
      ctx.set('Vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
      ctx.status = 200;
      ctx.body = '';
      return;
    }
    return next();
  });
}

try {
  await s3rver.run();
  onShutdown(() => closeHttpServer(s3rver.httpServer));
  ready();
} catch (error) {
  fail(error);
}
