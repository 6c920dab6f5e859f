// The rating rules and the aggregate arithmetic, directly: who may rate, which statuses, the
// 14-day window counted from the FIRST rating (day 13/14/15 and the exact instant), identical
// ratings, the month in Asia/Ho_Chi_Minh, and the counter deltas of first ratings and replacements.
import { describe, expect, it } from 'vitest';
import { DOSSIER_STATUSES } from '../../../shared/contracts/dossier-status';
import { RateDossier } from '../../../shared/contracts/ratings';
import {
  aggregateDelta, aggregateOf, dissatisfiedRate, emptyAggregate, sumAggregates, type CounterDelta,
} from './aggregate';
import {
  decideRating, isReplaceable, localMonthOf, normaliseContent, replaceableUntil, sameContent,
  type RatedDossier, type RatingContent, type RatingRecord,
} from './rating';

const DAY = 86_400_000;
const FIRST = '2026-10-05T03:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(FIRST) + ms);

const dossier = (over: Partial<RatedDossier> = {}): RatedDossier => ({
  id: '22222222-2222-4222-8222-222222222222', code: '000.00.00004.H26-261001-0001', status: 'done',
  agencyCode: '000.00.00004.H26', agencyParentCode: '000.00.00.H26', applicant: { sub: 'sub-owner' }, ...over,
});

const content = (over: Partial<RatingContent> = {}): RatingContent => ({ overall: 'satisfied', criteria: {}, comment: null, ...over });

const stored = (over: Partial<RatingRecord> = {}): RatingRecord => ({
  ...content({ overall: 'neutral', criteria: { convenience: 3, handlingTime: 'on_time' } }),
  dossierId: dossier().id, dossierCode: dossier().code, agencyCode: dossier().agencyCode, agencyParentCode: '000.00.00.H26',
  applicantSub: 'sub-owner', ratedAt: FIRST, updatedAt: FIRST, revisions: 1, month: '2026-10', ...over,
});

describe('decideRating: who and when', () => {
  it.each(DOSSIER_STATUSES.map((s) => [s, s === 'done' || s === 'returned'] as const))('a %s dossier is ratable: %s', (status, ratable) => {
    const d = decideRating({ dossier: dossier({ status }), callerSub: 'sub-owner', existing: undefined, content: content(), now: at(0) });
    if (ratable) expect(d).toMatchObject({ ok: true, kind: 'create' });
    else expect(d).toMatchObject({ ok: false, kind: 'conflict', code: 'NOT_RATABLE' });
  });

  it.each([
    ['another applicant', 'sub-other'],
    ['no subject', ''],
  ])('%s is told the dossier does not exist (before any status rule)', (_label, callerSub) => {
    for (const status of ['done', 'processing'] as const) {
      expect(decideRating({ dossier: dossier({ status }), callerSub, existing: undefined, content: content(), now: at(0) }))
        .toMatchObject({ ok: false, kind: 'not_found', code: 'NOT_FOUND' });
    }
  });

  it('a first rating records the dossier, the applicant, the instant, revision 1 and the local month', () => {
    const d = decideRating({ dossier: dossier(), callerSub: 'sub-owner', existing: undefined, content: content({ comment: 'Tốt' }), now: at(0) });
    expect(d).toEqual({
      ok: true, kind: 'create',
      record: {
        overall: 'satisfied', criteria: {}, comment: 'Tốt', dossierId: dossier().id, dossierCode: dossier().code,
        agencyCode: '000.00.00004.H26', agencyParentCode: '000.00.00.H26', applicantSub: 'sub-owner',
        ratedAt: FIRST, updatedAt: FIRST, revisions: 1, month: '2026-10',
      },
    });
  });
});

describe('decideRating: replacement within 14 days of the FIRST rating', () => {
  it.each([
    // [elapsed since the first rating, outcome]
    ['1 minute', 60_000, 'replace'],
    ['day 13', 13 * DAY, 'replace'],
    ['day 13, 23:59:59', 14 * DAY - 1000, 'replace'],
    ['14 days less 1 ms', 14 * DAY - 1, 'replace'],
    ['exactly 14 days (day 14)', 14 * DAY, 'final'],
    ['14 days and 1 ms', 14 * DAY + 1, 'final'],
    ['day 15', 15 * DAY, 'final'],
    ['a year', 365 * DAY, 'final'],
  ] as const)('%s after: %s', (_label, elapsed, outcome) => {
    const d = decideRating({ dossier: dossier(), callerSub: 'sub-owner', existing: stored(), content: content({ overall: 'dissatisfied' }), now: at(elapsed) });
    if (outcome === 'replace') {
      expect(d).toMatchObject({ ok: true, kind: 'replace', previous: stored(), record: { overall: 'dissatisfied', revisions: 2, ratedAt: FIRST, month: '2026-10' } });
    } else {
      expect(d).toMatchObject({ ok: false, kind: 'conflict', code: 'RATING_FINAL' });
    }
    expect(isReplaceable(FIRST, at(elapsed))).toBe(outcome === 'replace');
  });

  it('counts from the first rating, not the last change: replaced on day 10, final on day 14 all the same', () => {
    const replacedOnDay10 = stored({ updatedAt: at(10 * DAY).toISOString(), revisions: 2 });
    expect(decideRating({ dossier: dossier(), callerSub: 'sub-owner', existing: replacedOnDay10, content: content(), now: at(13 * DAY) }))
      .toMatchObject({ ok: true, kind: 'replace', record: { revisions: 3, ratedAt: FIRST } });
    for (const day of [14, 15]) {
      expect(decideRating({ dossier: dossier(), callerSub: 'sub-owner', existing: replacedOnDay10, content: content(), now: at(day * DAY) }))
        .toMatchObject({ ok: false, code: 'RATING_FINAL' });
    }
    expect(replaceableUntil(FIRST)).toBe('2026-10-19T03:00:00.000Z');
  });

  it('a replacement keeps what places the rating (first instant, month, agency, applicant) and stamps updatedAt', () => {
    const d = decideRating({ dossier: dossier({ status: 'returned' }), callerSub: 'sub-owner', existing: stored(), content: content({ comment: 'Đổi ý' }), now: at(3 * DAY) });
    expect(d.ok && d.kind === 'replace' && d.record).toEqual({
      ...stored(), overall: 'satisfied', criteria: {}, comment: 'Đổi ý', updatedAt: at(3 * DAY).toISOString(), revisions: 2,
    });
  });

  it('the same rating again changes nothing (a retry), but is final after 14 days like any other', () => {
    const same = content({ overall: 'neutral', criteria: { handlingTime: 'on_time', convenience: 3 } });
    expect(decideRating({ dossier: dossier(), callerSub: 'sub-owner', existing: stored(), content: same, now: at(DAY) }))
      .toEqual({ ok: true, kind: 'unchanged', record: stored() });
    expect(decideRating({ dossier: dossier(), callerSub: 'sub-owner', existing: stored(), content: same, now: at(15 * DAY) }))
      .toMatchObject({ ok: false, code: 'RATING_FINAL' });
  });

  it('a dossier no longer ratable refuses a replacement too (status first, then the window)', () => {
    expect(decideRating({ dossier: dossier({ status: 'processing' }), callerSub: 'sub-owner', existing: stored(), content: content(), now: at(DAY) }))
      .toMatchObject({ ok: false, code: 'NOT_RATABLE' });
  });
});

describe('content', () => {
  it.each([
    [{ overall: 'satisfied' }, { overall: 'satisfied', criteria: {}, comment: null }],
    [{ overall: 'neutral', comment: '   ' }, { overall: 'neutral', criteria: {}, comment: null }],
    [{ overall: 'neutral', comment: '  Nhanh, gọn  ' }, { overall: 'neutral', criteria: {}, comment: 'Nhanh, gọn' }],
    [
      { overall: 'dissatisfied', criteria: { visits: 0, handlingTime: 'slower', convenience: 1 } },
      { overall: 'dissatisfied', criteria: { convenience: 1, handlingTime: 'slower', visits: 0 }, comment: null },
    ],
  ] as const)('%j → %j', (body, expected) => {
    const parsed = RateDossier.parse(body);
    expect(normaliseContent(parsed)).toEqual(expected);
  });

  it('sameContent ignores criteria order and a blank vs missing comment; any value differing counts', () => {
    expect(sameContent(content({ criteria: { visits: 2, convenience: 4 } }), content({ criteria: { convenience: 4, visits: 2 } }))).toBe(true);
    expect(sameContent(content({ criteria: { visits: 0 } }), content({ criteria: {} }))).toBe(false);
    expect(sameContent(content({ comment: 'a' }), content({ comment: null }))).toBe(false);
    expect(sameContent(content({ overall: 'neutral' }), content())).toBe(false);
  });

  it.each([
    [{ overall: 'happy' }, 'overall'],
    [{ overall: 'satisfied', criteria: { convenience: 0 } }, 'criteria.convenience'],
    [{ overall: 'satisfied', criteria: { staffAttitude: 6 } }, 'criteria.staffAttitude'],
    [{ overall: 'satisfied', criteria: { timeliness: 4.5 } }, 'criteria.timeliness'],
    [{ overall: 'satisfied', criteria: { visits: 21 } }, 'criteria.visits'],
    [{ overall: 'satisfied', criteria: { visits: -1 } }, 'criteria.visits'],
    [{ overall: 'satisfied', criteria: { handlingTime: 'late' } }, 'criteria.handlingTime'],
    [{ overall: 'satisfied', criteria: { friendliness: 5 } }, 'criteria'],
    [{ overall: 'satisfied', comment: 'x'.repeat(1001) }, 'comment'],
  ])('refuses %j at %s', (body, path) => {
    const r = RateDossier.safeParse(body);
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('accepts the boundaries: scores 1 and 5, visits 0 and 20, a 1000-character comment (after trimming)', () => {
    expect(RateDossier.safeParse({
      overall: 'satisfied', criteria: { convenience: 1, timeliness: 5, staffAttitude: 1, onlineServiceQuality: 5, visits: 20, handlingTime: 'faster' },
      comment: ` ${'x'.repeat(1000)} `,
    }).success).toBe(true);
    expect(RateDossier.safeParse({ overall: 'satisfied', criteria: { visits: 0 } }).success).toBe(true);
  });
});

describe('localMonthOf (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it.each([
    ['2026-10-31T16:59:59.999Z', '2026-10'],
    ['2026-10-31T17:00:00.000Z', '2026-11'],
    ['2026-12-31T17:00:00.000Z', '2027-01'],
    ['2026-11-01T00:00:00+07:00', '2026-11'],
  ])('%s → %s', (iso, month) => expect(localMonthOf(iso)).toBe(month));
});

describe('aggregate deltas', () => {
  it.each<[string, RatingContent | null, RatingContent, CounterDelta]>([
    ['a first rating with no criteria', null, content(), { total: 1, satisfied: 1 }],
    ['a first rating with every criterion', null,
      content({ overall: 'dissatisfied', criteria: { convenience: 2, timeliness: 1, staffAttitude: 3, onlineServiceQuality: 4, handlingTime: 'slower', visits: 3 } }),
      {
        total: 1, dissatisfied: 1, convenienceSum: 2, convenienceCount: 1, timelinessSum: 1, timelinessCount: 1, staffAttitudeSum: 3,
        staffAttitudeCount: 1, onlineServiceQualitySum: 4, onlineServiceQualityCount: 1, handlingTimeSlower: 1, visitsSum: 3, visitsCount: 1,
      }],
    ['visits 0 counts (a sum of 0, a count of 1)', null, content({ criteria: { visits: 0 } }), { total: 1, satisfied: 1, visitsCount: 1 }],
    ['a replacement moves one count from the old overall to the new; total unchanged',
      content({ overall: 'dissatisfied' }), content({ overall: 'satisfied' }), { satisfied: 1, dissatisfied: -1 }],
    ['a replacement changing a score and dropping a criterion',
      content({ criteria: { convenience: 2, handlingTime: 'slower' } }), content({ criteria: { convenience: 5 } }),
      { convenienceSum: 3, handlingTimeSlower: -1 }],
    ['a replacement adding a criterion', content({ overall: 'neutral' }), content({ overall: 'neutral', criteria: { timeliness: 4, handlingTime: 'on_time' } }),
      { timelinessSum: 4, timelinessCount: 1, handlingTimeOnTime: 1 }],
    ['an identical replacement changes nothing', content({ criteria: { staffAttitude: 4 } }), content({ criteria: { staffAttitude: 4 } }), {}],
  ])('%s', (_label, previous, next, expected) => {
    expect(aggregateDelta(previous, next)).toEqual(expected);
  });

  it('applied in any order, first ratings and replacements sum to the counters of the final ratings', () => {
    // Three dossiers: rated, one replaced twice; the deltas sum to what the final three contribute.
    const a1 = content({ overall: 'dissatisfied', criteria: { convenience: 1 } });
    const a2 = content({ overall: 'neutral', criteria: { convenience: 3, visits: 2 } });
    const a3 = content({ overall: 'satisfied', criteria: { visits: 1 } });
    const b = content({ overall: 'satisfied', criteria: { convenience: 5, handlingTime: 'faster' } });
    const c = content({ overall: 'dissatisfied', criteria: { handlingTime: 'slower' } });
    const deltas = [aggregateDelta(null, a1), aggregateDelta(null, b), aggregateDelta(a1, a2), aggregateDelta(null, c), aggregateDelta(a2, a3)];
    const counters: Record<string, number> = {};
    for (const d of deltas.reverse()) for (const [k, v] of Object.entries(d)) counters[k] = (counters[k] ?? 0) + v;
    expect(aggregateOf('X', '2026-10', counters)).toEqual({
      agencyCode: 'X', month: '2026-10', total: 3, satisfied: 2, neutral: 0, dissatisfied: 1,
      criteria: {
        convenience: { sum: 5, count: 1 }, timeliness: { sum: 0, count: 0 }, staffAttitude: { sum: 0, count: 0 },
        onlineServiceQuality: { sum: 0, count: 0 }, visits: { sum: 1, count: 1 },
      },
      handlingTime: { faster: 1, on_time: 0, slower: 1 },
    });
  });

  it('sums months into a quarter; the dissatisfied rate of 5.4 is null with no rating', () => {
    const oct = aggregateOf('X', '2026-10', { total: 4, satisfied: 3, dissatisfied: 1, visitsSum: 2, visitsCount: 2, handlingTimeFaster: 1 });
    const nov = aggregateOf('X', '2026-11', { total: 6, neutral: 2, dissatisfied: 4, visitsSum: 1, visitsCount: 1 });
    const q = sumAggregates('X', '2026-Q4', [oct, nov, emptyAggregate('X', '2026-12')]);
    expect(q).toMatchObject({ month: '2026-Q4', total: 10, satisfied: 3, neutral: 2, dissatisfied: 5, criteria: { visits: { sum: 3, count: 3 } }, handlingTime: { faster: 1 } });
    expect(dissatisfiedRate(q)).toBe(0.5);
    expect(dissatisfiedRate(emptyAggregate('X', '2026-12'))).toBeNull();
  });
});
