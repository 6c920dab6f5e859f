// The time rule of agency-system events (functions/sync/domain/event-time.ts): what the route
// refuses on arrival, and the time a step takes in the dossier's history — the event's own, clamped
// within the clock-skew allowance, refused beyond it.
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_MS, futureRefusal, openedAtOf, refusalOnArrival, stepTime, upsertTimes } from './event-time';

const NOW = new Date('2026-12-04T03:00:00.000Z'); // Fri 4 December 2026, 10:00 in Hà Nội
const plus = (ms: number) => new Date(NOW.getTime() + ms).toISOString();

describe('futureRefusal', () => {
  it('allows up to the clock-skew allowance ahead of the portal, refuses beyond', () => {
    expect(CLOCK_SKEW_MS).toBe(5 * 60_000);
    expect(futureRefusal(plus(0), NOW)).toBeNull();
    expect(futureRefusal(plus(CLOCK_SKEW_MS), NOW)).toBeNull();
    expect(futureRefusal(plus(CLOCK_SKEW_MS + 1), NOW)).toMatchObject({ code: 'AT_IN_FUTURE', why: expect.stringContaining('5 minutes ahead') });
    // An offset is an offset: 10:06 in Hà Nội is 03:06Z.
    expect(futureRefusal('2026-12-04T10:06:00+07:00', NOW)).toMatchObject({ code: 'AT_IN_FUTURE' });
  });
});

describe('refusalOnArrival (the route, no dossier read)', () => {
  const CODE = '000.00.00004.H26-261203-0007'; // dated Thu 3 December (Hà Nội)

  it.each([
    ['the morning of the code\'s day', '2026-12-03T08:00:00+07:00', null],
    ['midnight of the code\'s day, Hà Nội time', '2026-12-03T00:00:00+07:00', null],
    ['5 minutes before it (clock skew)', '2026-12-02T23:55:00+07:00', null],
    ['6 minutes before it', '2026-12-02T23:54:00+07:00', 'AT_BEFORE_DOSSIER'],
    ['a day before', '2026-12-02T10:00:00+07:00', 'AT_BEFORE_DOSSIER'],
    ['10 minutes ahead of the portal', plus(10 * 60_000), 'AT_IN_FUTURE'],
  ] as const)('%s → %s', (_what, at, code) => {
    const refusal = refusalOnArrival(at, CODE, NOW);
    if (code === null) expect(refusal).toBeNull();
    else expect(refusal?.code).toBe(code);
  });

  it('a code whose date is not a real date is judged by the clock only', () => {
    expect(refusalOnArrival('2020-01-01T00:00:00Z', '000.00.00004.H26-261399-0007', NOW)).toBeNull();
    expect(refusalOnArrival('2020-01-01T00:00:00Z', '000.00.00004.H26-260230-0007', NOW)).toBeNull();
    expect(refusalOnArrival(plus(CLOCK_SKEW_MS + 1), '000.00.00004.H26-261399-0007', NOW)?.code).toBe('AT_IN_FUTURE');
  });
});

describe('stepTime (the consumer, against the dossier)', () => {
  // Submitted Thu 3 December 09:00 (Hà Nội), received by an official at 09:30 (its last step).
  const dossier = { openedAt: '2026-12-03T02:00:00.000Z', lastStepAt: '2026-12-03T02:30:00.000Z' };

  it.each([
    ['hours before processing, after the last step: its own time', '2026-12-03T16:30:00+07:00', { ok: true, at: '2026-12-03T09:30:00.000Z' }],
    ['at the last step exactly', '2026-12-03T02:30:00Z', { ok: true, at: '2026-12-03T02:30:00.000Z' }],
    ['4 minutes before the last step: clamped to it', '2026-12-03T02:26:00Z', { ok: true, at: '2026-12-03T02:30:00.000Z' }],
    ['6 minutes before the last step: out of order', '2026-12-03T02:24:00Z', { ok: false, code: 'AT_OUT_OF_ORDER' }],
    ['before the submission: before the dossier', '2026-12-03T01:00:00Z', { ok: false, code: 'AT_BEFORE_DOSSIER' }],
    ['a year before', '2025-12-03T02:00:00Z', { ok: false, code: 'AT_BEFORE_DOSSIER' }],
    ['3 minutes ahead of the portal: clamped to now', plus(3 * 60_000), { ok: true, at: NOW.toISOString() }],
    ['6 minutes ahead: in the future', plus(6 * 60_000), { ok: false, code: 'AT_IN_FUTURE' }],
  ] as const)('%s', (_what, at, expected) => {
    expect(stepTime(at, dossier, NOW)).toMatchObject(expected);
  });

  it('a dossier with no history step is judged from when it came to be', () => {
    const fresh = { openedAt: '2026-12-03T02:00:00.000Z', lastStepAt: null };
    expect(stepTime('2026-12-03T01:58:00Z', fresh, NOW)).toEqual({ ok: true, at: '2026-12-03T02:00:00.000Z' });
    expect(stepTime('2026-12-03T01:50:00Z', fresh, NOW)).toMatchObject({ ok: false, code: 'AT_BEFORE_DOSSIER' });
  });

  it('never goes back before the last step, even one a little ahead of the portal\'s clock (imported within the allowance)', () => {
    const ahead = { openedAt: '2026-12-03T02:00:00.000Z', lastStepAt: plus(2 * 60_000) };
    expect(stepTime(plus(60_000), ahead, NOW)).toEqual({ ok: true, at: plus(2 * 60_000) });
  });

  it('an upsert\'s times, with their paths', () => {
    expect(upsertTimes({ receivedAt: 'r', history: [{ at: 'h0', status: 2 }, { at: 'h1', status: 4 }], at: 'a' }))
      .toEqual([['receivedAt', 'r'], ['history.0.at', 'h0'], ['history.1.at', 'h1'], ['at', 'a']]);
  });

  it('when a dossier came to be: its submission, else its creation', () => {
    expect(openedAtOf({ submittedAt: '2026-12-03T02:00:00.000Z', createdAt: '2026-12-01T00:00:00.000Z' })).toBe('2026-12-03T02:00:00.000Z');
    expect(openedAtOf({ submittedAt: null, createdAt: '2026-12-01T00:00:00.000Z' })).toBe('2026-12-01T00:00:00.000Z');
  });
});
