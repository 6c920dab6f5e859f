// Ratings through the running local portal (gateway, handlers, DynamoDB Local): which dossiers
// may be rated and by whom, replacement, who may read a rating, and the per-agency monthly
// aggregates (index 5.4) staying exact under concurrent ratings.
//
// The dossiers here are at a Hà Nội commune of this file's own (test/support/namespace.ts), so the
// aggregate of this agency and month changes only by what this file does.
import { beforeAll, describe, expect, it } from 'vitest';
import { ratingAggregates, type RatingAggregate } from '../../functions/ratings/public';
import { Rating } from '../../shared/contracts/ratings';
import { api, signIn } from '../support/auth';
import { expectBody, expectError } from '../support/body';
import { act, submitted } from '../support/dossiers';
import { fileNamespace } from '../support/namespace';

const ns = fileNamespace(import.meta.url);
const AGENCY = ns.agency();
const aggregates = ratingAggregates();

let citizen: string;
let business: string;
let official: string;
let officialHue: string;
let admin: string;

beforeAll(async () => {
  [citizen, business, official, officialHue, admin] = (await Promise.all(
    ['citizen.demo', 'business.demo', 'official.hanoi', 'official.hue', 'admin.demo'].map((u) => signIn(u)),
  )) as [string, string, string, string, string];
});

/** A dossier of citizen.demo at AGENCY, received, processed and finished by official.hanoi. */
const doneDossier = async () => act(official, await submitted(citizen, { agencyCode: AGENCY }), { action: 'receive' }, { action: 'start' }, { action: 'finish', note: 'Đã giải quyết' });
const returnedDossier = async () => act(official, await doneDossier(), { action: 'return_result', note: 'Đã trả kết quả tại bộ phận một cửa' });

const rate = (token: string, id: string, json: unknown) => api('POST', `/v1/dossiers/${id}/rating`, { token, json });
const read = (token: string, id: string) => api('GET', `/v1/dossiers/${id}/rating`, { token });

/** The Hà Nội month of an instant (the aggregate a rating first given then counts in). */
const monthOf = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 7);
const thisMonth = () => monthOf(new Date().toISOString());

/** The counters as a flat object, for before/after differences. */
const flat = (a: RatingAggregate): Record<string, number> => ({
  total: a.total, satisfied: a.satisfied, neutral: a.neutral, dissatisfied: a.dissatisfied,
  ...Object.fromEntries(Object.entries(a.criteria).flatMap(([c, v]) => [[`${c}Sum`, v.sum], [`${c}Count`, v.count]])),
  ...Object.fromEntries(Object.entries(a.handlingTime).map(([k, v]) => [`handlingTime.${k}`, v])),
});
const diff = (before: RatingAggregate, after: RatingAggregate) => {
  const b = flat(before);
  return Object.fromEntries(Object.entries(flat(after)).map(([k, v]) => [k, v - b[k]!]).filter(([, v]) => v !== 0));
};
const snapshot = () => aggregates.aggregate(AGENCY, thisMonth());

describe('who may rate which dossier', () => {
  it('a done and a returned dossier are rated (201) with the dossier, agency and 14-day window in the answer', async () => {
    const [done, returned] = await Promise.all([doneDossier(), returnedDossier()]);
    expect([done.status, returned.status]).toEqual(['done', 'returned']);

    const rating = expectBody(await rate(citizen, done.id, {
      overall: 'satisfied', comment: '  Cán bộ hướng dẫn tận tình  ',
      criteria: { convenience: 5, timeliness: 4, staffAttitude: 5, onlineServiceQuality: 4, handlingTime: 'on_time', visits: 1 },
    }), 201, Rating);
    expect(rating).toEqual({
      dossierId: done.id, dossierCode: done.code, agencyCode: AGENCY, overall: 'satisfied',
      criteria: { convenience: 5, timeliness: 4, staffAttitude: 5, onlineServiceQuality: 4, handlingTime: 'on_time', visits: 1 },
      comment: 'Cán bộ hướng dẫn tận tình', ratedAt: expect.any(String), updatedAt: rating.ratedAt, revisions: 1,
      replaceableUntil: new Date(Date.parse(rating.ratedAt) + 14 * 86_400_000).toISOString(),
    });
    expect(Math.abs(Date.parse(rating.ratedAt) - Date.now())).toBeLessThan(60_000);

    const other = expectBody(await rate(citizen, returned.id, { overall: 'neutral' }), 201, Rating);
    expect(other).toMatchObject({ overall: 'neutral', criteria: {}, comment: null, revisions: 1 });
  });

  it('a dossier still being processed (or only submitted) is 409 NOT_RATABLE and nothing is stored', async () => {
    const sub = await submitted(citizen, { agencyCode: AGENCY });
    const processing = await act(official, sub, { action: 'receive' }, { action: 'start' });
    const before = await snapshot();
    for (const d of [processing, await submitted(citizen, { agencyCode: AGENCY })]) {
      expectError(await rate(citizen, d.id, { overall: 'dissatisfied' }), 409, 'NOT_RATABLE');
      expect((await read(citizen, d.id)).status).toBe(404);
    }
    expect(diff(before, await snapshot())).toEqual({});
  });

  it("only the dossier's applicant: another applicant is told it does not exist, officials and admins may not rate", async () => {
    const d = await doneDossier();
    expectError(await rate(business, d.id, { overall: 'dissatisfied' }), 404, 'NOT_FOUND');
    for (const token of [official, admin]) expect((await rate(token, d.id, { overall: 'dissatisfied' })).status).toBe(403);
    expect((await rate(citizen, '00000000-0000-4000-8000-000000000000', { overall: 'satisfied' })).status).toBe(404);
    expect((await read(citizen, d.id)).status).toBe(404);
  });

  it('refuses a malformed rating with the field paths', async () => {
    const d = await doneDossier();
    const error = expectError(await rate(citizen, d.id, { overall: 'happy', criteria: { convenience: 6, visits: 21, friendliness: 5 }, comment: 'x'.repeat(1001) }), 400);
    expect((error.details ?? []).map((x) => x.path).sort()).toEqual(
      ['body.comment', 'body.criteria', 'body.criteria.convenience', 'body.criteria.visits', 'body.overall'],
    );
  });
});

describe('replacement', () => {
  it('a second rating within 14 days replaces the first (200), keeps ratedAt and moves the aggregate from the old overall to the new', async () => {
    const d = await doneDossier();
    const before = await snapshot();
    const first = expectBody(await rate(citizen, d.id, { overall: 'dissatisfied', criteria: { timeliness: 1, handlingTime: 'slower', visits: 3 } }), 201, Rating, 'first');
    expect(diff(before, await snapshot())).toEqual({
      total: 1, dissatisfied: 1, timelinessSum: 1, timelinessCount: 1, 'handlingTime.slower': 1, visitsSum: 3, visitsCount: 1,
    });

    const mid = await snapshot();
    const second = expectBody(await rate(citizen, d.id, { overall: 'satisfied', criteria: { timeliness: 4, staffAttitude: 5 }, comment: 'Đã được giải thích lại' }), 200, Rating, 'second');
    expect(second).toMatchObject({
      overall: 'satisfied', criteria: { timeliness: 4, staffAttitude: 5 }, comment: 'Đã được giải thích lại',
      ratedAt: first.ratedAt, revisions: 2, replaceableUntil: first.replaceableUntil,
    });
    expect(Date.parse(second.updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.updatedAt));
    expect(diff(mid, await snapshot())).toEqual({
      satisfied: 1, dissatisfied: -1, timelinessSum: 3, staffAttitudeSum: 5, staffAttitudeCount: 1, 'handlingTime.slower': -1, visitsSum: -3, visitsCount: -1,
    });
    expect(expectBody(await read(citizen, d.id), 200, Rating, 'read')).toEqual(second);

    // The same rating again is a retry: 200, nothing changes.
    const after = await snapshot();
    const again = expectBody(await rate(citizen, d.id, { overall: 'satisfied', comment: 'Đã được giải thích lại', criteria: { staffAttitude: 5, timeliness: 4 } }), 200, Rating, 'retry');
    expect(again).toEqual(second);
    expect(diff(after, await snapshot())).toEqual({});
  });
});

describe('reading a rating', () => {
  it('the owner, the official in scope and an admin read it; the official of Huế and another applicant get 404', async () => {
    const d = await returnedDossier();
    const given = expectBody(await rate(citizen, d.id, { overall: 'neutral', criteria: { onlineServiceQuality: 3 }, comment: 'Trang web chậm' }), 201, Rating, 'rate');
    for (const token of [citizen, official, admin]) expect(expectBody(await read(token, d.id), 200, Rating, 'read')).toEqual(given);
    for (const token of [officialHue, business]) expectError(await read(token, d.id), 404, 'NOT_FOUND');
    // Not rated looks the same as not visible.
    const unrated = await doneDossier();
    for (const token of [citizen, official, officialHue]) expect((await read(token, unrated.id)).status).toBe(404);
  });
});

describe('aggregates under concurrency', () => {
  it('twenty concurrent identical first ratings: one 201, nineteen 200 with the same rating, counted once', async () => {
    const d = await doneDossier();
    const before = await snapshot();
    const body = { overall: 'satisfied', criteria: { convenience: 4 } };
    const results = await Promise.all(Array.from({ length: 20 }, () => rate(citizen, d.id, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const ratings = results.map((r) => expectBody(r, r.status === 201 ? 201 : 200, Rating));
    expect(new Set(ratings.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(ratings[0]!.revisions).toBe(1);
    expect(diff(before, await snapshot())).toEqual({ total: 1, satisfied: 1, convenienceSum: 4, convenienceCount: 1 });
  });

  it('twenty concurrent different first ratings: exactly one 201, the rest replace it or are told to retry; the aggregate counts it once, as finally stored', async () => {
    const d = await doneDossier();
    const before = await snapshot();
    const overall = ['satisfied', 'neutral', 'dissatisfied'] as const;
    const bodies = Array.from({ length: 20 }, (_, i) => ({ overall: overall[i % 3], criteria: { convenience: (i % 5) + 1, visits: i }, comment: `Lần ${i}` }));
    const results = await Promise.all(bodies.map((b) => rate(citizen, d.id, b)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 200 || s === 409)).toBe(true);
    for (const r of results.filter((x) => x.status === 409)) expectError(r, 409, 'RATING_BUSY');

    const final = expectBody(await read(citizen, d.id), 200, Rating, 'read');
    // Every write that answered 200 or 201 is one revision: no write was lost or applied twice.
    expect(final.revisions).toBe(statuses.filter((s) => s !== 409).length);
    const stored = results.filter((r) => r.status !== 409).map((r) => expectBody(r, r.status, Rating));
    expect(stored.some((r) => r.revisions === final.revisions && JSON.stringify(r) === JSON.stringify(final))).toBe(true);
    expect(diff(before, await snapshot())).toEqual({
      total: 1, [final.overall]: 1, convenienceSum: final.criteria.convenience, convenienceCount: 1,
      ...(final.criteria.visits ? { visitsSum: final.criteria.visits } : {}), visitsCount: 1,
    });
  });

  it('ratings of several dossiers, some replaced, concurrently: the aggregate is the exact sum of the final ratings', async () => {
    const dossiers = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? doneDossier() : returnedDossier())));
    const before = await snapshot();
    const first = [
      { overall: 'satisfied', criteria: { convenience: 5, handlingTime: 'faster' } },
      { overall: 'dissatisfied', criteria: { timeliness: 1, handlingTime: 'slower', visits: 4 } },
      { overall: 'neutral' },
      { overall: 'satisfied', criteria: { staffAttitude: 4, onlineServiceQuality: 5 } },
      { overall: 'dissatisfied' },
      { overall: 'satisfied', criteria: { visits: 0 } },
      { overall: 'neutral', criteria: { convenience: 2, handlingTime: 'on_time' } },
      { overall: 'satisfied', criteria: { timeliness: 5 } },
    ];
    const created = await Promise.all(dossiers.map((d, i) => rate(citizen, d.id, first[i])));
    expect(created.map((r) => r.status)).toEqual(Array(8).fill(201));
    // Three change their mind, concurrently.
    const replaced: Record<number, object> = {
      1: { overall: 'neutral', criteria: { timeliness: 3, handlingTime: 'on_time', visits: 2 } },
      4: { overall: 'satisfied', criteria: { convenience: 4 } },
      6: { overall: 'dissatisfied', criteria: { convenience: 1 } },
    };
    const again = await Promise.all(Object.entries(replaced).map(([i, body]) => rate(citizen, dossiers[Number(i)]!.id, body)));
    expect(again.map((r) => r.status)).toEqual([200, 200, 200]);

    // satisfied: 0, 3, 4, 5, 7; neutral: 1, 2; dissatisfied: 6.
    expect(diff(before, await snapshot())).toEqual({
      total: 8, satisfied: 5, neutral: 2, dissatisfied: 1,
      convenienceSum: 5 + 4 + 1, convenienceCount: 3,
      timelinessSum: 3 + 5, timelinessCount: 2,
      staffAttitudeSum: 4, staffAttitudeCount: 1,
      onlineServiceQualitySum: 5, onlineServiceQualityCount: 1,
      visitsSum: 2, visitsCount: 2,
      'handlingTime.faster': 1, 'handlingTime.on_time': 1,
    });
    // The same counters through the batch read the index will use, and the month range read.
    const month = thisMonth();
    // A commune of this file's own that nothing here rates.
    const unrated = ns.agency('unrated');
    const [batch, months] = await Promise.all([
      aggregates.aggregates([AGENCY, unrated], month),
      aggregates.aggregateMonths(AGENCY, month, month),
    ]);
    expect(batch.get(AGENCY)).toEqual(await snapshot());
    expect(batch.get(unrated)).toMatchObject({ total: 0 });
    expect(months).toEqual([await snapshot()]);
  });
});
