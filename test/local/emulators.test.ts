// The four emulators, started by local/emulators and exercised with the real SDK v3 clients over
// sockets. Clients are configured only through the variables env() returns, as handlers are.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import { cognitoIssuer, cognitoJwksUrl, isPortOpen, startEmulators, type Emulators } from '../../local/emulators';
import { scratchStateDir } from '../support/state-dir';

const TABLE = 'dossiers';

/** Applies env() to process.env for the duration of a block of tests; returns the undo. */
function applyEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

const clients = () => ({
  dynamodb: new DynamoDBClient({}),
  s3: new S3Client({ forcePathStyle: process.env.S3_FORCE_PATH_STYLE === 'true' }),
  sqs: new SQSClient({}),
  cognito: new CognitoIdentityProviderClient({}),
});

const groupAlive = (pid: number): boolean => {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('local emulators (in memory)', () => {
  let emulators: Emulators;
  let c: ReturnType<typeof clients>;
  let restoreEnv = () => {};

  beforeAll(async () => {
    const started = performance.now();
    emulators = await startEmulators({});
    console.info(`emulators in memory started in ${Math.round(performance.now() - started)} ms`);
    restoreEnv = applyEnv(emulators.env());
    c = clients();
  }, 90_000);

  afterAll(async () => {
    restoreEnv();
    await emulators?.stop();
  });

  it('exposes loopback endpoints and the SDK environment', () => {
    for (const [name, url] of Object.entries(emulators.endpoints)) {
      expect(url, name).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    }
    expect(emulators.env()).toMatchObject({
      AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
      AWS_ENDPOINT_URL_SQS: emulators.endpoints.sqs,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: emulators.endpoints.cognito,
      AWS_REGION: 'ap-southeast-1',
      AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
      AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    });
    expect(emulators.stateDir).toBeUndefined();
  });

  it('DynamoDB: a conditional transaction commits, and a failing condition cancels all of it', async () => {
    await c.dynamodb.send(
      new CreateTableCommand({
        TableName: TABLE,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
      }),
    );
    const create = (pk: string) => ({
      Put: {
        TableName: TABLE,
        Item: { pk: { S: pk }, sk: { S: 'META' }, status: { S: 'SUBMITTED' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });

    await c.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [create('D#1'), create('D#2')] }));
    const first = await c.dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'D#1' }, sk: { S: 'META' } } }));
    expect(first.Item?.status?.S).toBe('SUBMITTED');

    // D#3 is new but D#1 exists: the whole transaction must be cancelled.
    const failing = c.dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [create('D#3'), create('D#1')] }));
    const error = await failing.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.map((r) => r.Code)).toEqual([
      'None',
      'ConditionalCheckFailed',
    ]);
    const third = await c.dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'D#3' }, sk: { S: 'META' } } }));
    expect(third.Item).toBeUndefined();
  });

  it('S3: a presigned POST upload (204) and PutObject/GetObject keep the exact bytes', async () => {
    const Bucket = 'dvc-attachments';
    await c.s3.send(new CreateBucketCommand({ Bucket }));

    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(64 * 1024)]);
    const { url, fields } = await createPresignedPost(c.s3, {
      Bucket,
      Key: 'uploads/u1/file.pdf',
      Conditions: [['content-length-range', 1, 10 * 1024 * 1024]],
      Fields: { 'Content-Type': 'application/pdf' },
      Expires: 300,
    });
    expect(url).toBe(`${emulators.endpoints.s3}/${Bucket}`);
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'file.pdf');
    const upload = await fetch(url, { method: 'POST', body: form, headers: { Origin: 'http://localhost:5173' } });
    expect(upload.status).toBe(204);
    expect(upload.headers.get('access-control-allow-origin')).toBe('*');

    const posted = await c.s3.send(new GetObjectCommand({ Bucket, Key: 'uploads/u1/file.pdf' }));
    expect(posted.ContentType).toBe('application/pdf');
    expect(Buffer.from(await posted.Body!.transformToByteArray()).equals(pdf)).toBe(true);

    // A stream body is where the default CRC32 trailer would leave aws-chunked framing behind.
    const bytes = randomBytes(200_000);
    await c.s3.send(new PutObjectCommand({ Bucket, Key: 'buffer.bin', Body: bytes }));
    await c.s3.send(
      new PutObjectCommand({ Bucket, Key: 'stream.bin', Body: Readable.from([bytes]), ContentLength: bytes.length }),
    );
    for (const Key of ['buffer.bin', 'stream.bin']) {
      const got = await c.s3.send(new GetObjectCommand({ Bucket, Key }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(bytes), Key).toBe(true);
    }

    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('SQS: a FIFO message received maxReceiveCount times without delete lands in the DLQ', async () => {
    const fifo = { FifoQueue: 'true' };
    const dlq = await c.sqs.send(new CreateQueueCommand({ QueueName: 'jobs-dlq.fifo', Attributes: fifo }));
    const { Attributes } = await c.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: dlq.QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    const main = await c.sqs.send(
      new CreateQueueCommand({
        QueueName: 'jobs.fifo',
        Attributes: {
          ...fifo,
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes?.QueueArn, maxReceiveCount: 2 }),
        },
      }),
    );
    // Queue URLs must point at the emulator itself: the SDK sends requests to the QueueUrl host.
    expect(main.QueueUrl).toBe(`${emulators.endpoints.sqs}/000000000000/jobs.fifo`);

    await c.sqs.send(
      new SendMessageCommand({
        QueueUrl: main.QueueUrl,
        MessageBody: '{"dossierId":"D#1"}',
        MessageGroupId: 'D#1',
        MessageDeduplicationId: 'D#1-submitted',
      }),
    );
    const receive = (QueueUrl: string | undefined, WaitTimeSeconds: number) =>
      c.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl,
          WaitTimeSeconds,
          MaxNumberOfMessages: 1,
          MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        }),
      );

    for (const attempt of [1, 2]) {
      const got = await receive(main.QueueUrl, 3);
      expect(got.Messages?.[0]?.Body, `receive ${attempt}`).toBe('{"dossierId":"D#1"}');
      expect(got.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe(String(attempt));
    }
    const third = await receive(main.QueueUrl, 2);
    expect(third.Messages ?? []).toHaveLength(0);
    const dead = await receive(dlq.QueueUrl, 2);
    expect(dead.Messages?.[0]?.Body).toBe('{"dossierId":"D#1"}');
  });

  it('Cognito: USER_PASSWORD_AUTH returns an IdToken issued by http://127.0.0.1:<port>/<poolId>', async () => {
    const pool = await c.cognito.send(new CreateUserPoolCommand({ PoolName: 'dvc-citizens' }));
    const UserPoolId = pool.UserPool!.Id!;
    const client = await c.cognito.send(
      new CreateUserPoolClientCommand({
        UserPoolId,
        ClientName: 'web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const ClientId = client.UserPoolClient!.ClientId!;
    await c.cognito.send(
      new AdminCreateUserCommand({
        UserPoolId,
        Username: 'citizen.demo',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'citizen.demo@example.vn' }],
      }),
    );
    await c.cognito.send(
      new AdminSetUserPasswordCommand({ UserPoolId, Username: 'citizen.demo', Password: 'Demo@2026!', Permanent: true }),
    );
    const auth = await c.cognito.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId,
        AuthParameters: { USERNAME: 'citizen.demo', PASSWORD: 'Demo@2026!' },
      }),
    );
    const idToken = auth.AuthenticationResult?.IdToken;
    expect(idToken).toBeTruthy();
    const issuer = cognitoIssuer(emulators.endpoints.cognito, UserPoolId);
    expect(issuer).toBe(`http://127.0.0.1:${emulators.ports.cognito}/${UserPoolId}`);
    expect(decodeJwt(idToken!).iss).toBe(issuer);

    const jwksUrl = cognitoJwksUrl(emulators.endpoints.cognito, UserPoolId);
    const jwks = await fetch(jwksUrl);
    expect(jwks.status).toBe(200);
    expect(((await jwks.json()) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    const { payload } = await jwtVerify(idToken!, createRemoteJWKSet(new URL(jwksUrl)), { issuer, audience: ClientId });
    expect(payload['cognito:username']).toBe('citizen.demo');
  });

  it('stop() ends every process group and closes every port', async () => {
    const ports = Object.values(emulators.ports);
    const pids = Object.values(emulators.pids);
    await emulators.stop();
    for (const port of ports) expect(await isPortOpen(port), `port ${port}`).toBe(false);
    for (const pid of pids) expect(groupAlive(pid), `process group ${pid}`).toBe(false);
  });
});

describe('local emulators (persistent state dir)', () => {
  const stateDir = scratchStateDir('dvc-emulators-state-');
  let restoreEnv = () => {};

  afterAll(() => {
    restoreEnv();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('keeps DynamoDB items, S3 objects and Cognito pools across a stop/start', async () => {
    let started = performance.now();
    const first = await startEmulators({ stateDir });
    console.info(`emulators persistent (fresh) started in ${Math.round(performance.now() - started)} ms`);
    try {
      expect(first.stateDir).toBe(stateDir);
      restoreEnv = applyEnv(first.env());
      const c = clients();
      await c.dynamodb.send(
        new CreateTableCommand({
          TableName: TABLE,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      await c.dynamodb.send(new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'kept' }, n: { N: '42' } } }));
      await c.s3.send(new CreateBucketCommand({ Bucket: 'kept-bucket' }));
      await c.s3.send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'a.txt', Body: 'still here' }));
      await c.cognito.send(new CreateUserPoolCommand({ PoolName: 'kept-pool' }));
    } finally {
      await first.stop();
      restoreEnv();
    }

    started = performance.now();
    const second = await startEmulators({ stateDir, ports: { dynamodb: first.ports.dynamodb } });
    console.info(`emulators persistent (existing state) started in ${Math.round(performance.now() - started)} ms`);
    try {
      expect(second.ports.dynamodb).toBe(first.ports.dynamodb);
      restoreEnv = applyEnv(second.env());
      const c = clients();
      const item = await c.dynamodb.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'kept' } } }));
      expect(item.Item?.n?.N).toBe('42');
      const object = await c.s3.send(new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'a.txt' }));
      expect(await object.Body!.transformToString()).toBe('still here');
      const pools = await c.cognito.send(new ListUserPoolsCommand({ MaxResults: 10 }));
      expect(pools.UserPools?.map((p) => p.Name)).toContain('kept-pool');
    } finally {
      await second.stop();
    }
  }, 90_000);
});
