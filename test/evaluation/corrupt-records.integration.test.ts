// A corrupt catalogue record must never take the public index down (issue: an admin PUT with
// announcedAt "x" made every index computation throw, and GET /v1/indices answered 500 for
// everyone). The PUT is now refused at the edge; a record already stored corrupt is reported and
// skipped by the readers.
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROCEDURE_PK } from '../../functions/catalogue/adapters/catalogue-store';
import { platformDeps } from '../../functions/evaluation/deps';
import { makeHandler } from '../../functions/evaluation/handler';
import { tableName } from '../../shared/config';
import { Procedure } from '../../shared/contracts/catalogue';
import { IndexBreakdown, IndexRanking, Statistics } from '../../shared/contracts/evaluation';
import { api, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { recomputeIndex } from '../support/evaluation';
import { invoke } from '../support/invoke';

const HANOI = '000.00.00.H26';

const thisMonth = () => {
  const local = new Date(Date.now() + 7 * 3_600_000);
  return `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
};

const ddb = new DynamoDBClient({});
const doc = DynamoDBDocumentClient.from(ddb);
const removeProcedure = (code: string) => doc.send(new DeleteCommand({ TableName: tableName('catalogue'), Key: { pk: PROCEDURE_PK, sk: code } }));

const seededProcedure = async () => expectBody(await api('GET', '/v1/procedures/1.001456'), 200, Procedure, 'seeded procedure');

let admin: string;
beforeAll(async () => {
  admin = await signIn('admin.demo');
  // The reads serve stored results only: the running month's, stored here rather than left to
  // whichever other file happens to compute it first.
  await recomputeIndex(admin, thisMonth());
});
afterAll(() => ddb.destroy());

describe('a corrupt procedure and the public index', () => {
  it('the reproduction: an admin PUT of announcedAt "x" is a 400 naming the field, and the index still answers', async () => {
    const original = await seededProcedure();
    try {
      const error = expectError(await api('PUT', '/v1/procedures/9.999701', { token: admin, json: { ...original, code: '9.999701', announcedAt: 'x' } }), 400);
      expect(error.details).toEqual([{ path: 'body.announcedAt', message: expect.any(String) }]);
      expect((await api('GET', '/v1/procedures/9.999701')).status).toBe(404);
      expectBody(await api('GET', `/v1/indices?period=${thisMonth()}`), 200, IndexRanking, 'ranking');
    } finally {
      await removeProcedure('9.999701');
    }
  });

  it('a record stored corrupt before validation existed is skipped: ranking, breakdown and statistics answer 200', async () => {
    const original = await seededProcedure();
    // Written around the API, as an old PUT did (no version bump: the search index is not involved).
    await doc.send(new PutCommand({
      TableName: tableName('catalogue'),
      Item: { ...original, code: '9.999707', announcedAt: 'x', pk: PROCEDURE_PK, sk: '9.999707' },
    }));
    try {
      // A fresh function instance: it reads the catalogue now (a warm one keeps it five minutes).
      const handler = makeHandler(platformDeps());
      const period = thisMonth();
      const ranking = expectBody(await invoke(handler, { method: 'GET', path: `/v1/indices?period=${period}&level=province` }), 200, IndexRanking, 'ranking');
      expect(ranking.items.length).toBeGreaterThan(30);
      const breakdown = expectBody(await invoke(handler, { method: 'GET', path: `/v1/indices/${HANOI}?period=${period}` }), 200, IndexBreakdown, 'breakdown');
      expect(breakdown.agencyCode).toBe(HANOI);
      expectBody(await invoke(handler, { method: 'GET', path: `/v1/statistics?period=${period}&agency=${HANOI}` }), 200, Statistics, 'statistics');
    } finally {
      await removeProcedure('9.999707');
    }
  });
});
