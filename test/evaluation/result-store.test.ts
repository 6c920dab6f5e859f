// The stored index on the real store (DynamoDB Local of the test runtime): a ranking too large for
// one item (DynamoDB refuses items over 400 KB) is kept in chunks and read back whole; a new
// computation replaces the chunks of the previous one; recompute run records move queued → running
// → done and not back; the statistics of the country stay one item for a catalogue of 10,000 procedures. Periods are made-up keys of this file's own, so nothing else reads them.
import { describe, expect, it } from 'vitest';
import { dynamoClient, dynamoLib } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import {
  chunkBySize, DynamoEvaluationStore, RANKING_CHUNK_BYTES, type IndexRun, type StoredRanking, type StoredStatistics,
} from '../../functions/evaluation/adapters/evaluation-store';

const store = new DynamoEvaluationStore(dynamoClient, () => tableName('evaluation'));
const run = Math.random().toString(36).slice(2, 8);

/** A ranking of `n` communes with long Vietnamese names: about 330 bytes of JSON each. */
const ranking = (period: string, n: number, computedAt: string, final = false): StoredRanking => ({
  period, level: 'commune', province: 'P-BIG', definitionVersion: '766-2022.1', computedAt, final,
  items: Array.from({ length: n }, (_, i) => ({
    rank: i + 1, agencyCode: `000.00.${String(i).padStart(5, '0')}.BIG`, agencyName: `Ủy ban nhân dân xã Thử Nghiệm Số ${i} tỉnh Rất Nhiều Xã`,
    total: 90 - i / n, band: 'excellent', groups: { CKMB: 17.5, TDGQ: 19.25, CLGQ: 18, TTTT: 9.5, MDSH: 17.75, MDHL: 8.5 }, applicable: true,
  })),
});
const indexRun = (period: string, computedAt: string): IndexRun => ({ period, definitionVersion: '766-2022.1', computedAt, agencies: 1, durationMs: 5, trigger: 'test', final: false });
const chunkCount = async (period: string) => {
  const lib = await dynamoLib();
  const out = await (await dynamoClient()).send(new lib.QueryCommand({
    TableName: tableName('evaluation'), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `RANK#${period}` }, ProjectionExpression: 'sk',
  }));
  return out.Items?.length ?? 0;
};

/** Statistics of a scope in which every one of `procedures` procedures had dossiers. */
const statistics = (period: string, agencyCode: string | null, procedures: number): StoredStatistics => ({
  period, agencyCode, computedAt: '2026-11-05T03:00:00.000Z', final: false, dossiers: procedures * 50, received: procedures * 50,
  byStatus: { returned: procedures * 40, processing: procedures * 10 }, byChannel: { online: procedures * 30, desk: procedures * 20 },
  byProcedure: Array.from({ length: procedures }, (_, i) => ({ procedureCode: `${1 + Math.floor(i / 1000)}.${String(i).padStart(6, '0')}`, dossiers: 100_000 - i })),
  onTimeRate: 0.9, onTime: 90, late: 10, averageHandlingDays: 3.25, onlineRate: 0.6, paidOnlineRate: null,
});

describe('index results in the evaluation table (DynamoDB Local)', () => {
  it("stores a period's statistics with its results: the country's stays one item even when all 10,000 procedures of a large catalogue had dossiers", async () => {
    const period = `T-${run}-stats`;
    const country = statistics(period, null, 10_000);
    const agency = statistics(period, 'P1', 31);
    await store.putResults(period, [], [], [country, agency], indexRun(period, country.computedAt));
    expect(await store.statistics(period, null)).toEqual(country);
    expect(await store.statistics(period, 'P1')).toEqual(agency);
    expect(await store.statistics(period, 'P2')).toBeUndefined();
  });

  it('splits items by their JSON size, one at least per chunk', () => {
    expect(chunkBySize([], 10)).toEqual([[]]);
    expect(chunkBySize(['aaaa', 'bbbb', 'cccc'], 13)).toEqual([['aaaa', 'bbbb'], ['cccc']]);
    expect(chunkBySize(['a-string-longer-than-the-budget'], 5)).toEqual([['a-string-longer-than-the-budget']]);
  });

  it('a ranking of 3,000 communes (~1 MB) is stored in chunks under 400 KB and read back whole, in order', async () => {
    const period = `T-${run}-big`;
    const big = ranking(period, 3_000, '2026-11-05T03:00:00.000Z');
    expect(Buffer.byteLength(JSON.stringify(big.items))).toBeGreaterThan(2.5 * RANKING_CHUNK_BYTES);
    // As one item, DynamoDB refuses it.
    const lib = await dynamoLib();
    await expect((await dynamoClient()).send(new lib.PutCommand({ TableName: tableName('evaluation'), Item: { pk: `RANK#${period}-whole`, sk: 'commune#P-BIG', ...big } })))
      .rejects.toThrow(/size has exceeded the maximum allowed size/);
    await store.putResults(period, [], [big], [], indexRun(period, big.computedAt));
    expect(await chunkCount(period)).toBeGreaterThanOrEqual(3);
    expect(await store.ranking(period, 'commune', 'P-BIG')).toEqual(big);
    expect(await store.run(period)).toEqual(indexRun(period, big.computedAt));

    // The next computation replaces it: its own chunks, the previous ones deleted.
    const smaller = ranking(period, 1_500, '2026-11-05T03:10:00.000Z');
    await store.putResults(period, [], [smaller], [], indexRun(period, smaller.computedAt));
    expect(await store.ranking(period, 'commune', 'P-BIG')).toEqual(smaller);
    expect(await chunkCount(period)).toBe(chunkBySize(smaller.items, RANKING_CHUNK_BYTES).length);
    // Down to one item: no chunk left behind.
    const small = ranking(period, 10, '2026-11-05T03:20:00.000Z', true);
    await store.putResults(period, [], [small], [], indexRun(period, small.computedAt));
    expect(await store.ranking(period, 'commune', 'P-BIG')).toEqual(small);
    expect(await chunkCount(period)).toBe(1);
  });

  it("a recompute run: created once, running and done, never back once finished; it expires after 90 days", async () => {
    const runId = `00000000-0000-4000-8000-${run.padEnd(12, '0')}`;
    const queued = {
      runId, period: '2026-10', status: 'queued' as const, requestedAt: '2026-11-05T03:00:00.000Z', requestedBy: 'admin.demo',
      startedAt: null, finishedAt: null, progress: null, result: null, error: null,
    };
    await store.createRecomputeRun(queued);
    await expect(store.createRecomputeRun(queued)).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    expect(await store.recomputeRun(runId)).toEqual(queued);
    expect(await store.updateRecomputeRun(runId, { status: 'running', startedAt: '2026-11-05T03:00:01.000Z' }, { unlessFinished: true })).toBe(true);
    expect(await store.updateRecomputeRun(runId, { progress: { done: 10, total: 377 } }, { unlessFinished: true })).toBe(true);
    const result = { period: '2026-10', definitionVersion: '766-2022.1', computedAt: '2026-11-05T03:00:01.000Z', agencies: 377, durationMs: 2100 };
    expect(await store.updateRecomputeRun(runId, { status: 'done', finishedAt: '2026-11-05T03:00:03.000Z', result })).toBe(true);
    expect(await store.updateRecomputeRun(runId, { status: 'running' }, { unlessFinished: true })).toBe(false);
    expect(await store.recomputeRun(runId)).toEqual({
      ...queued, status: 'done', startedAt: '2026-11-05T03:00:01.000Z', finishedAt: '2026-11-05T03:00:03.000Z', progress: { done: 10, total: 377 }, result,
    });
    expect(await store.updateRecomputeRun('00000000-0000-4000-8000-000000000000', { status: 'running' })).toBe(false);

    const lib = await dynamoLib();
    const raw = await (await dynamoClient()).send(new lib.GetCommand({ TableName: tableName('evaluation'), Key: { pk: `RECOMPUTE#${runId}`, sk: 'RUN' } }));
    expect(raw.Item?.expiresAt).toBe(Date.parse('2026-11-05T03:00:00.000Z') / 1000 + 90 * 86_400);
  });
});
