// A draft's Idempotency-Key record in the dossiers table, with the SDK mocked
// (aws-sdk-client-mock): today's shape, and the one dossiers wrote before adopting
// shared/idempotency (`dossierId` for `resultId`), which lives 24 h after the deploy. The use case
// compares that record's fingerprint (use-cases/create-draft.ts); the real table:
// test/dossiers/dossiers.integration.test.ts.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as lib from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { DynamoDossierStore, earlierDraftKey } from './dossier-store';

const mock = mockClient(lib.DynamoDBDocumentClient);
afterEach(() => mock.reset());
const store = new DynamoDossierStore(lib.DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'ap-southeast-1' })), 'dossiers');

describe('a draft key’s record', () => {
  it('reads today’s shape, and the earlier one with `dossierId` as the draft it made', async () => {
    mock.on(lib.GetCommand)
      .resolvesOnce({ Item: { pk: 'IDEM#u-1#k-1', sk: 'IDEM', resultId: 'd-1', fingerprint: 'f-1', expiresAt: 1 } })
      .resolvesOnce({ Item: { pk: 'IDEM#u-1#k-0', sk: 'IDEM', dossierId: 'd-0', fingerprint: 'f-0', expiresAt: 1 } })
      .resolvesOnce({});
    expect(await store.draftKey('u-1', 'k-1')).toEqual({ resultId: 'd-1', fingerprint: 'f-1' });
    expect(await store.draftKey('u-1', 'k-0')).toEqual({ resultId: 'd-0', fingerprint: 'f-0' });
    expect(await store.draftKey('u-1', 'k-2')).toBeUndefined();
  });

  it('an item of neither shape is no record', () => {
    expect(earlierDraftKey({ fingerprint: 'f-0' })).toBeUndefined();
  });
});
