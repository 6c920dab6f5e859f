// The write-sharded system statistics (aws-sdk-client-mock): writers add to one shard with a plain
// update, readers sum every shard and keep the latest of each time (docs/sync.md "Health").
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as lib from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoLib } from '../../../shared/aws/clients';
import { addSystemStats, readSystemStats, STATS_SHARDS, systemStatsKey } from './system-stats';

const client = lib.DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } }));
const db = mockClient(client);
afterEach(() => db.reset());
const table = async () => ({ db: client, table: 'sync', lib: await dynamoLib() });

describe('system statistics shards', () => {
  it('sums the counters of every shard and keeps the latest time of each', async () => {
    db.on(lib.BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: { pk: string }[] }> }) => {
      expect(input.RequestItems.sync!.Keys).toEqual(Array.from({ length: STATS_SHARDS }, (_, s) => systemStatsKey('k1', s)));
      return { Responses: { sync: [
        { ...systemStatsKey('k1', 0), events: 3, applied: 2, outboundPending: 1, lastEventAt: '2026-03-02T02:00:00.000Z', lastAppliedAt: '2026-03-02T02:00:00.000Z' },
        { ...systemStatsKey('k1', 5), events: 4, errors: 1, outboundPending: -1, outboundDelivered: 1, lastEventAt: '2026-03-02T03:00:00.000Z', lastErrorAt: '2026-03-02T03:00:00.000Z' },
      ] } };
    });
    expect(await readSystemStats(await table(), 'k1')).toEqual({
      events: 7, applied: 2, errors: 1, outboundPending: 0, outboundDelivered: 1,
      lastEventAt: '2026-03-02T03:00:00.000Z', lastAppliedAt: '2026-03-02T02:00:00.000Z', lastErrorAt: '2026-03-02T03:00:00.000Z', lastDeliveredAt: null,
    });
  });

  it('adds with one plain update on one shard, leaving zero increments out', async () => {
    db.on(lib.UpdateCommand).resolves({});
    await addSystemStats(await table(), 'k1', { events: 1, applied: 0, errors: 1 }, { lastEventAt: 'T' });
    const [call] = db.commandCalls(lib.UpdateCommand);
    expect(call!.args[0].input).toMatchObject({
      Key: { pk: expect.stringMatching(/^SYS#k1#s\d+$/), sk: 'STATS' },
      UpdateExpression: 'ADD events :events, errors :errors SET lastEventAt = :lastEventAt',
      ExpressionAttributeValues: { ':events': 1, ':errors': 1, ':lastEventAt': 'T' },
    });
    expect(db.commandCalls(lib.TransactWriteCommand)).toHaveLength(0);
  });
});
