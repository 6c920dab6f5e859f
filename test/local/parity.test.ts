// The CDK templates and the running local runtime expose the same routes, tables, buckets and
// queues: both are built from shared/platform, and this proves neither drifted.
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { platform, localResourceName, resourceEnvVars } from '../../shared/platform';
import { environment, type EnvVarDecl } from '../../shared/platform/environment';
import type { Inventory } from '../../infra/inventory';
import { ErrorEnvelope } from '../../shared/contracts/common';
import { synthesizedInventory } from '../infra/helpers';
import { readJson } from '../support/body';

const base = () => process.env.DVC_BASE_URL!;
const stripPrefix = (names: Iterable<string>) =>
  new Set([...names].filter((n) => n.startsWith('dvc-')).map((n) => n.slice('dvc-'.length)));

describe('CDK and the local runtime agree', () => {
  let cdk: Inventory;
  beforeAll(() => {
    cdk = synthesizedInventory();
  }, 120_000);

  it('serves every route key the HTTP API declares, through the route, not $default', async () => {
    expect(cdk.routeKeys.size).toBe(platform.routes.length);
    for (const key of cdk.routeKeys) {
      const [method, template] = key.split(' ') as [string, string];
      const path = template.replace(/\{[^}]+\}/g, 'x');
      const res = await fetch(`${base()}${path}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' ? undefined : '{}' });
      const text = await res.text();
      // $default answers ROUTE_NOT_FOUND / METHOD_NOT_ALLOWED; a declared route never does.
      expect(text, key).not.toMatch(/ROUTE_NOT_FOUND|METHOD_NOT_ALLOWED/);
    }
    const unknown = await readJson(await fetch(`${base()}/v1/definitely-not-a-route`), ErrorEnvelope);
    expect(unknown.error.code).toBe('ROUTE_NOT_FOUND');
    expect(cdk.hasDefaultRoute).toBe(true);
  });

  it('has the same tables, buckets and queues (with their DLQs)', async () => {
    const db = new DynamoDBClient({});
    const s3 = new S3Client({ forcePathStyle: true });
    const sqs = new SQSClient({});
    try {
      const tables = stripPrefix((await db.send(new ListTablesCommand({}))).TableNames ?? []);
      const buckets = stripPrefix(((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((b) => b.Name!));
      const queueUrls = (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
      const queueNames = stripPrefix(queueUrls.map((u) => u.split('/').pop()!.replace(/\.fifo$/, '')));
      expect(tables).toEqual(cdk.tables);
      expect(buckets).toEqual(cdk.buckets);
      const localQueues = new Set([...queueNames].filter((n) => !n.endsWith('-dlq')));
      const localDlqs = new Set([...queueNames].filter((n) => n.endsWith('-dlq')).map((n) => n.slice(0, -4)));
      expect(localQueues).toEqual(cdk.queues);
      expect(localDlqs).toEqual(cdk.dlqsOf);
      for (const q of platform.queues) expect(queueUrls.some((u) => u.includes(localResourceName(q.name)))).toBe(true);
    } finally {
      for (const c of [db, s3, sqs]) c.destroy();
    }
  });

  it('sets exactly the declared variables: the settings with a local value and every resource variable', () => {
    const env = inject('runtimeEnv');
    const settings = Object.entries(environment as Record<string, EnvVarDecl>);
    // Secret ARNs are AWS's: the local runtime sets the secrets' values themselves.
    const resources = [...resourceEnvVars(platform)].filter((name) => !name.endsWith('_SECRET_ARN'));
    expect(Object.keys(env).sort()).toEqual([...settings.filter(([, d]) => d.local).map(([name]) => name), ...resources].sort());
    for (const [name, decl] of settings) {
      if (decl.local && 'value' in decl.local && name !== 'LOG_LEVEL') expect(env[name], name).toBe(decl.local.value);
    }
  });
});
