import { describe, expect, it } from 'vitest';
import {
  apologyRequired, currentAppointment, isLate, lateState, validateApology, type LateCalendar, type LateInput,
} from './late';
import { createWorkingCalendar } from '../../../shared/calendar';

// March 2026: Monday 9 … Friday 13, Monday 16 … Friday 20 (no holidays in the table).
const calendar = createWorkingCalendar([]);
const t = (local: string) => new Date(`${local}+07:00`);
const DUE = '2026-03-12T17:00:00+07:00'; // Thursday, close of office

describe('isLate (R-LATE: finished after the due date, or still open past it)', () => {
  it.each([
    ['processing', null, '2026-03-12T17:00:00', false], // at the due instant: on time
    ['processing', null, '2026-03-12T17:00:01', true],
    ['received', null, '2026-03-13T08:00:00', true],
    ['payment_required', null, '2026-03-13T08:00:00', true],
    ['supplement_requested', null, '2026-03-13T08:00:00', true], // no pause known: judged by now
    ['done', '2026-03-12T16:00:00', '2026-03-20T08:00:00', false],
    ['done', '2026-03-12T17:30:00', '2026-03-20T08:00:00', true],
    ['returned', '2026-03-12T16:00:00', '2026-03-20T08:00:00', false], // finishedAt is the done time
    ['returned', '2026-03-13T09:00:00', '2026-03-20T08:00:00', true],
    ['stopped', '2026-03-13T09:00:00', '2026-03-20T08:00:00', true],
    ['done', null, '2026-03-20T08:00:00', false], // cannot be judged without finishedAt
    ['withdrawn', null, '2026-03-20T08:00:00', false],
    ['not_received', null, '2026-03-20T08:00:00', false],
  ] as const)('%s finished %s, now %s → %s', (status, finishedAt, now, late) => {
    expect(isLate({ dueAt: DUE, status, finishedAt: finishedAt && t(finishedAt), now: t(now) })).toBe(late);
  });

  it('no due date yet (draft, submitted) is never late', () => {
    expect(isLate({ dueAt: null, status: 'submitted', now: t('2030-01-01T00:00:00') })).toBe(false);
  });

  it('a paused clock is judged at the pause (L2)', () => {
    const base: LateInput = { dueAt: DUE, status: 'supplement_requested', now: t('2026-03-20T10:00:00') };
    expect(isLate({ ...base, pausedAt: t('2026-03-12T10:00:00') })).toBe(false);
    expect(isLate({ ...base, pausedAt: t('2026-03-13T10:00:00') })).toBe(true);
    expect(isLate({ ...base, status: 'processing', pausedAt: t('2026-03-12T10:00:00') })).toBe(true); // ignored when not paused
  });

  it('apologies do not make a late dossier on time', () => {
    expect(isLate({
      dueAt: DUE, status: 'done', finishedAt: t('2026-03-16T10:00:00'), now: t('2026-03-20T10:00:00'),
      apologies: [{ issuedAt: t('2026-03-11T09:00:00'), newDueDate: '2026-03-16' }],
    })).toBe(true);
  });
});

describe('apologyRequired (open and due within one working day, or past due without a timely apology)', () => {
  const timely = { issuedAt: '2026-03-11T09:00:00+07:00', newDueDate: '2026-03-20' };
  const tooLate = { issuedAt: '2026-03-12T18:00:00+07:00', newDueDate: '2026-03-20' };
  it.each([
    ['Mon, due Thu', 'processing', '2026-03-09T10:00:00', [], false],
    ['Tue afternoon, due Thu', 'processing', '2026-03-10T16:00:00', [], false],
    ['Wed, due Thu (one working day)', 'processing', '2026-03-11T10:00:00', [], true],
    ['Thu morning, due that evening', 'received', '2026-03-12T08:00:00', [], true],
    ['past due, no apology', 'processing', '2026-03-12T18:00:00', [], true],
    ['past due, timely apology to the 20th', 'processing', '2026-03-12T18:00:00', [timely], false],
    ['timely apology, its date approaching', 'processing', '2026-03-19T10:00:00', [timely], true],
    ['timely apology, the day before its date, morning', 'payment_required', '2026-03-18T10:00:00', [timely], false],
    ['past due, apology issued after the due date', 'processing', '2026-03-13T10:00:00', [tooLate], true],
    ['done', 'done', '2026-03-13T10:00:00', [], false],
    ['returned', 'returned', '2026-03-13T10:00:00', [], false],
    ['withdrawn', 'withdrawn', '2026-03-13T10:00:00', [], false],
  ] as const)('%s → %s', (_, status, now, apologies, required) => {
    expect(apologyRequired({ dueAt: DUE, status, now: t(now), apologies }, calendar)).toBe(required);
  });

  it('counts working days: a Friday for a Monday due date, across the weekend', () => {
    const dueMon = '2026-03-16T17:00:00+07:00';
    expect(apologyRequired({ dueAt: dueMon, status: 'processing', now: t('2026-03-12T10:00:00') }, calendar)).toBe(false);
    expect(apologyRequired({ dueAt: dueMon, status: 'processing', now: t('2026-03-13T10:00:00') }, calendar)).toBe(true);
  });

  it('counts working days: a holiday on the Friday brings Thursday into range', () => {
    const dueMon = '2026-03-16T17:00:00+07:00';
    const withHoliday = createWorkingCalendar([{ date: '2026-03-13', kind: 'holiday' }]);
    expect(apologyRequired({ dueAt: dueMon, status: 'processing', now: t('2026-03-12T10:00:00') }, withHoliday)).toBe(true);
  });

  it('a paused clock does not run into an apology (L2)', () => {
    const input: LateInput = { dueAt: DUE, status: 'supplement_requested', now: t('2026-03-20T10:00:00'), pausedAt: t('2026-03-09T10:00:00') };
    expect(apologyRequired(input, calendar)).toBe(false);
    expect(apologyRequired({ ...input, pausedAt: t('2026-03-11T10:00:00') }, calendar)).toBe(true);
  });

  it('needs only the minimal calendar interface', () => {
    const everyDayCalendar: LateCalendar = {
      addWorkingDays: (from, n) => new Date(from.getTime() + n * 86_400_000),
      isWorkingDay: () => true,
    };
    expect(apologyRequired({ dueAt: DUE, status: 'processing', now: t('2026-03-11T18:00:00') }, everyDayCalendar)).toBe(true);
    expect(apologyRequired({ dueAt: DUE, status: 'processing', now: t('2026-03-10T18:00:00') }, everyDayCalendar)).toBe(false);
  });

  it('lateState combines the flags with the appointment in force', () => {
    expect(lateState({ dueAt: DUE, status: 'processing', now: t('2026-03-13T10:00:00'), apologies: [timely] }, calendar)).toEqual({
      late: true, apologyRequired: false, appointmentAt: new Date('2026-03-20T16:59:59.999Z'),
    });
  });
});

describe('currentAppointment (L3)', () => {
  it('walks timely apologies in issue order; late or malformed ones do not move it', () => {
    const apologies = [
      { issuedAt: '2026-03-17T09:00:00+07:00', newDueDate: '2026-03-25' }, // after the 16th it must cover: ignored
      { issuedAt: '2026-03-11T09:00:00+07:00', newDueDate: '2026-03-16' },
      { issuedAt: 'yesterday', newDueDate: '2026-04-30' },
      { issuedAt: '2026-03-11T10:00:00+07:00', newDueDate: '2026-02-30' },
    ];
    expect(currentAppointment({ dueAt: DUE, apologies })).toEqual(new Date('2026-03-16T16:59:59.999Z'));
    expect(currentAppointment({ dueAt: DUE })).toEqual(new Date(DUE));
    expect(currentAppointment({ dueAt: null })).toBeNull();
  });
});

describe('validateApology (issued before the due date passes, a later date)', () => {
  it.each([
    ['the day before, to Monday', '2026-03-11T10:00:00', '2026-03-16', []],
    ['at the due instant itself', '2026-03-12T17:00:00', '2026-03-16', []],
    ['just after the due instant', '2026-03-12T17:00:01', '2026-03-16', ['APOLOGY_TOO_LATE']],
    ['the same date', '2026-03-11T10:00:00', '2026-03-12', ['NEW_DUE_DATE_NOT_LATER']],
    ['an earlier date', '2026-03-11T10:00:00', '2026-03-10', ['NEW_DUE_DATE_NOT_LATER']],
    ['not a date', '2026-03-11T10:00:00', '2026-02-30', ['NEW_DUE_DATE_INVALID']],
    ['too late and not later', '2026-03-13T10:00:00', '2026-03-12', ['APOLOGY_TOO_LATE', 'NEW_DUE_DATE_NOT_LATER']],
  ] as const)('%s', (_, now, newDueDate, codes) => {
    expect(validateApology({ dueAt: DUE, newDueDate, now: t(now) }).map((p) => p.code)).toEqual(codes);
  });

  it('with a calendar the new date must be a working day', () => {
    const q = { dueAt: DUE, now: t('2026-03-11T10:00:00'), calendar };
    expect(validateApology({ ...q, newDueDate: '2026-03-14' }).map((p) => p.code)).toEqual(['NEW_DUE_DATE_NOT_WORKING_DAY']);
    expect(validateApology({ ...q, newDueDate: '2026-03-16' })).toEqual([]);
    expect(validateApology({ dueAt: DUE, now: q.now, newDueDate: '2026-03-14' })).toEqual([]);
  });

  it('a second apology is judged against the first one\'s date', () => {
    const apologies = [{ issuedAt: '2026-03-11T09:00:00+07:00', newDueDate: '2026-03-16' }];
    const q = (now: string, newDueDate: string) => validateApology({ dueAt: DUE, apologies, now: t(now), newDueDate }).map((p) => p.code);
    expect(q('2026-03-16T20:00:00', '2026-03-18')).toEqual([]);
    expect(q('2026-03-16T10:00:00', '2026-03-16')).toEqual(['NEW_DUE_DATE_NOT_LATER']);
    expect(q('2026-03-17T00:00:00', '2026-03-18')).toEqual(['APOLOGY_TOO_LATE']);
  });

  it('needs a due date', () => {
    expect(validateApology({ dueAt: null, newDueDate: '2026-03-16', now: t('2026-03-11T10:00:00') }).map((p) => p.code)).toEqual(['NO_DUE_DATE']);
  });
});
