// The 14-day rule end to end with a fixed clock: RatingService over the real DynamoDB store and the
// dossiers capability's real store (DynamoDB Local of the running portal), for a dossier brought to
// `done` through the gateway, at a commune of this file's own (test/support/namespace.ts): its
// aggregate for the clock's month holds only what this file writes, whatever month that is.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/principal';
import { dynamoClient } from '../../shared/aws/clients';
import { tableName } from '../../shared/config';
import { DomainError } from '../../shared/errors/domain-error';
import { httpStatusOf } from '../../shared/http/error-status';
import { dossierStore } from '../../functions/dossiers/public';
import { DynamoRatingStore } from '../../functions/ratings/adapters/rating-store';
import { RatingService } from '../../functions/ratings/service';
import { decodePayload, signIn } from '../support/auth';
import { act, submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';

const AGENCY = fileNamespace(import.meta.url).agency();
const DAY = 86_400_000;
/** 00:30 on 1 April 2031 in Hà Nội, 31 March in UTC: the aggregate month is 2031-04. */
const FIRST = Date.parse('2031-03-31T17:30:00.000Z');

const store = new DynamoRatingStore(dynamoClient, () => tableName('ratings'));
let clock = new Date(FIRST);
const service = new RatingService({ store, dossiers: dossierStore(), now: () => clock });

let citizen: Principal;
let official: string;
let citizenToken: string;

beforeAll(async () => {
  [citizenToken, official] = await Promise.all([signIn('citizen.demo'), signIn('official.hanoi')]);
  citizen = {
    kind: 'user', sub: String(decodePayload(citizenToken).sub), username: 'citizen.demo', groups: ['citizen'],
    vneidVerified: true, agencyScope: [],
  };
});

const doneDossier = async () =>
  act(official, await submitted(citizenToken, { agencyCode: AGENCY }), { action: 'receive' }, { action: 'start' }, { action: 'finish' });

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (error) {
    if (error instanceof DomainError) return [httpStatusOf(error), error.code];
    throw error;
  }
  return 'accepted';
};

describe('the 14-day window through the service, with the real store and a fixed clock', () => {
  it('replaceable on day 13 and until the last millisecond; final from day 14 on, counted from the first rating', async () => {
    const d = await doneDossier();
    const before = await store.aggregate(AGENCY, '2031-04');

    clock = new Date(FIRST);
    const first = await service.rate(citizen, d.id, { overall: 'dissatisfied', criteria: { timeliness: 1 } });
    expect(first.created).toBe(true);
    expect(first.rating).toMatchObject({ ratedAt: '2031-03-31T17:30:00.000Z', replaceableUntil: '2031-04-14T17:30:00.000Z', revisions: 1 });

    clock = new Date(FIRST + 13 * DAY);
    const day13 = await service.rate(citizen, d.id, { overall: 'neutral', criteria: { timeliness: 3 } });
    expect(day13).toMatchObject({ created: false, rating: { overall: 'neutral', revisions: 2, ratedAt: first.rating.ratedAt, updatedAt: clock.toISOString() } });

    clock = new Date(FIRST + 14 * DAY - 1);
    const lastMs = await service.rate(citizen, d.id, { overall: 'satisfied', criteria: { timeliness: 5 } });
    expect(lastMs.rating).toMatchObject({ overall: 'satisfied', revisions: 3 });

    for (const at of [FIRST + 14 * DAY, FIRST + 15 * DAY]) {
      clock = new Date(at);
      expect(await refusal(service.rate(citizen, d.id, { overall: 'dissatisfied' }))).toEqual([409, 'RATING_FINAL']);
      // Final even when it says the same thing again.
      expect(await refusal(service.rate(citizen, d.id, { overall: 'satisfied', criteria: { timeliness: 5 } }))).toEqual([409, 'RATING_FINAL']);
    }

    expect(await service.get(citizen, d.id)).toEqual(lastMs.rating);
    const after = await store.aggregate(AGENCY, '2031-04');
    // Counted once, in the month of the first rating (Hà Nội time), as last replaced.
    expect({ total: after.total - before.total, satisfied: after.satisfied - before.satisfied, neutral: after.neutral - before.neutral, dissatisfied: after.dissatisfied - before.dissatisfied })
      .toEqual({ total: 1, satisfied: 1, neutral: 0, dissatisfied: 0 });
    expect(after.criteria.timeliness.sum - before.criteria.timeliness.sum).toBe(5);
    expect((await store.aggregate(AGENCY, '2031-03')).total).toBe(0);
  });

  it('the window runs from the first rating even when the rating changed on day 10', async () => {
    const d = await doneDossier();
    clock = new Date(FIRST);
    await service.rate(citizen, d.id, { overall: 'satisfied' });
    clock = new Date(FIRST + 10 * DAY);
    expect((await service.rate(citizen, d.id, { overall: 'neutral' })).rating.revisions).toBe(2);
    clock = new Date(FIRST + 14 * DAY);
    expect(await refusal(service.rate(citizen, d.id, { overall: 'dissatisfied' }))).toEqual([409, 'RATING_FINAL']);
    expect((await service.get(citizen, d.id)).overall).toBe('neutral');
  });
});
