// The feedback workflow, directly: the transition table, deadlines on a fixed calendar, overdue steps.
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../../shared/calendar';
import { FEEDBACK_ACTIONS, FEEDBACK_STATUSES } from '../../../shared/contracts/feedback';
import {
  allowedFeedbackActions, answeredOnTime, decideFeedback, deadlinesOf, FEEDBACK_TRANSITIONS, overdueSteps, type FeedbackActor,
} from './workflow';

// 2026: Tết holidays 14–22 Feb (entries as the catalogue seeds them), a normal week in March.
const calendar = createWorkingCalendar([
  ...['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22']
    .map((date) => ({ date, kind: 'holiday' as const })),
]);

const ACTORS: FeedbackActor[] = ['sender', 'official', 'admin'];
const EXPECTED: Record<string, { from: string[]; to: string; actors: FeedbackActor[] }> = {
  accept: { from: ['submitted', 'assigned'], to: 'accepted', actors: ['official', 'admin'] },
  reject: { from: ['submitted', 'assigned'], to: 'rejected', actors: ['official', 'admin'] },
  assign: { from: ['submitted'], to: 'assigned', actors: ['admin'] },
  transfer: { from: ['submitted', 'assigned', 'accepted'], to: 'assigned', actors: ['official', 'admin'] },
  request_info: { from: ['accepted'], to: 'info_requested', actors: ['official', 'admin'] },
  provide_info: { from: ['info_requested'], to: 'accepted', actors: ['sender'] },
  answer: { from: ['accepted'], to: 'answered', actors: ['official', 'admin'] },
  publish: { from: ['answered'], to: 'published', actors: ['official', 'admin'] },
};
const INPUT = { reason: 'Không thuộc thẩm quyền', note: 'Đề nghị bổ sung', agencyCode: '000.00.00.H26', answer: 'Nội dung trả lời đầy đủ.' };

describe('feedback transition table', () => {
  it('covers every action once', () => {
    expect(FEEDBACK_TRANSITIONS.map((t) => t.action).sort()).toEqual([...FEEDBACK_ACTIONS].sort());
  });

  it.each(FEEDBACK_STATUSES.flatMap((status) => FEEDBACK_ACTIONS.flatMap((action) => ACTORS.map((actor) => [status, action, actor] as const))))(
    '%s · %s by %s', (status, action, actor) => {
      const e = EXPECTED[action]!;
      const d = decideFeedback(status, action, actor, INPUT);
      if (!e.actors.includes(actor)) expect(d).toMatchObject({ ok: false, error: 'NOT_ALLOWED' });
      else if (!e.from.includes(status)) expect(d).toMatchObject({ ok: false, error: 'INVALID_TRANSITION' });
      else expect(d).toMatchObject({ ok: true, transition: { to: e.to } });
    });

  it.each([['reject', 'reason'], ['request_info', 'note'], ['provide_info', 'note'], ['assign', 'agencyCode'], ['transfer', 'agencyCode'], ['answer', 'answer']] as const)(
    '%s needs %s', (action, field) => {
      const status = EXPECTED[action]!.from[0] as (typeof FEEDBACK_STATUSES)[number];
      const actor = EXPECTED[action]!.actors[0]!;
      expect(decideFeedback(status, action, actor, { ...INPUT, [field]: '  ' })).toMatchObject({ ok: false, error: 'MISSING_FIELD', field });
    });

  it('lists the actions an actor may take now', () => {
    expect(allowedFeedbackActions('submitted', 'admin').sort()).toEqual(['accept', 'assign', 'reject', 'transfer']);
    expect(allowedFeedbackActions('accepted', 'official').sort()).toEqual(['answer', 'request_info', 'transfer']);
    expect(allowedFeedbackActions('info_requested', 'sender')).toEqual(['provide_info']);
    expect(allowedFeedbackActions('published', 'admin')).toEqual([]);
  });
});

describe('deadlines on the working-day calendar', () => {
  it.each([
    // [received, decide (2), first info (5), answer (15)]
    ['2026-03-02T03:00:00Z', '2026-03-04', '2026-03-09', '2026-03-23'], // Monday morning
    ['2026-03-06T10:30:00Z', '2026-03-10', '2026-03-13', '2026-03-27'], // Friday 17:30 local: counts from Monday
    ['2026-02-12T03:00:00Z', '2026-02-23', '2026-02-26', '2026-03-12'], // Thursday before Tết: the holiday week is skipped
  ])('received %s', (at, decide, firstInfo, answer) => {
    const d = deadlinesOf({ submittedAt: at, receivedAt: at, answeredAt: null }, calendar);
    const local = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);
    expect([local(d.decideBy), local(d.firstInfoRequestBy), local(d.answerBy), d.publishBy]).toEqual([decide, firstInfo, answer, null]);
  });

  it('a transfer restarts the two days to decide; publication is due two working days after the answer', () => {
    const d = deadlinesOf({ submittedAt: '2026-03-02T03:00:00Z', receivedAt: '2026-03-05T03:00:00Z', answeredAt: '2026-03-13T03:00:00Z' }, calendar);
    expect(d.decideBy.slice(0, 10)).toBe('2026-03-09');
    expect(d.publishBy!.slice(0, 10)).toBe('2026-03-17');
  });

  it('overdue steps: open past the deadline, or done after it; a rejection within the deadline is on time', () => {
    const deadlines = deadlinesOf({ submittedAt: '2026-03-02T03:00:00Z', receivedAt: '2026-03-02T03:00:00Z', answeredAt: null }, calendar);
    const base = { deadlines, firstInfoRequestAt: null, answeredAt: null, publishedAt: null, decidedAt: null };
    expect(overdueSteps({ ...base, status: 'submitted' }, new Date('2026-03-03T03:00:00Z'))).toEqual([]);
    expect(overdueSteps({ ...base, status: 'submitted' }, new Date('2026-03-05T03:00:00Z'))).toEqual(['decide']);
    expect(overdueSteps({ ...base, status: 'accepted', decidedAt: '2026-03-03T03:00:00Z' }, new Date('2026-03-24T03:00:00Z'))).toEqual(['answer']);
    expect(overdueSteps({ ...base, status: 'accepted', decidedAt: '2026-03-03T03:00:00Z', firstInfoRequestAt: '2026-03-12T03:00:00Z' }, new Date('2026-03-13T03:00:00Z')))
      .toEqual(['first_info_request']);
    expect(overdueSteps({ ...base, status: 'rejected', decidedAt: '2026-03-03T03:00:00Z' }, new Date('2026-12-01T00:00:00Z'))).toEqual([]);
    const answered = { ...base, deadlines: { ...deadlines, publishBy: '2026-03-17T10:00:00.000Z' }, decidedAt: '2026-03-03T03:00:00Z', answeredAt: '2026-03-13T03:00:00Z' };
    expect(overdueSteps({ ...answered, status: 'answered' }, new Date('2026-03-18T03:00:00Z'))).toEqual(['publish']);
    expect(answeredOnTime('2026-03-23T09:59:59Z', deadlines.answerBy)).toBe(true);
    expect(answeredOnTime('2026-03-24T01:00:00Z', deadlines.answerBy)).toBe(false);
  });
});
