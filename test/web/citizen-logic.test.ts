// The citizen pages' pure logic: the procedure search's URL ↔ filters, the tracking form's checks,
// the tracking page's lateness badge, processing times and fees as people read them, the feedback form's checks.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS, checkApplicantId, checkDossierCode, checkFeedback, feedbackBody, filtersFromQuery, formatProcessingTime,
  hasFilters, queryFromFilters, submitsOnline, summarizeFees, trackLateBadge,
} from '../../web/src/citizen/logic';
import type { TrackedDossier } from '../../web/src/citizen/types';

describe('procedure search filters and the URL', () => {
  it('reads every filter from the query and writes them back in a stable order', () => {
    const filters = filtersFromQuery({ online: 'full', q: ' dang ky khai sinh ', level: 'commune', sector: 'G15-TP07', agency: '000.00.00004.H26' });
    expect(filters).toEqual({ q: 'dang ky khai sinh', sector: 'G15-TP07', agency: '000.00.00004.H26', level: 'commune', online: 'full' });
    expect(queryFromFilters(filters)).toBe('?q=dang+ky+khai+sinh&sector=G15-TP07&agency=000.00.00004.H26&level=commune&online=full');
    expect(filtersFromQuery(Object.fromEntries(new URLSearchParams(queryFromFilters(filters).slice(1))))).toEqual(filters);
  });

  it('drops values the API would refuse (a hand-edited URL) and leaves empty filters out', () => {
    expect(filtersFromQuery({ level: 'district', online: 'none' })).toEqual(EMPTY_FILTERS);
    expect(queryFromFilters(EMPTY_FILTERS)).toBe('');
    expect(queryFromFilters({ ...EMPTY_FILTERS, q: '  ', online: 'partial' })).toBe('?online=partial');
    expect(hasFilters(EMPTY_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_FILTERS, level: 'central' })).toBe(true);
    expect(filtersFromQuery({ q: 'x'.repeat(500) }).q).toHaveLength(200);
  });

  it('encodes Vietnamese and reserved characters', () => {
    const qs = queryFromFilters({ ...EMPTY_FILTERS, q: 'Đăng ký & khai sinh' });
    expect(new URLSearchParams(qs).get('q')).toBe('Đăng ký & khai sinh');
  });
});

describe('the tracking form', () => {
  it('accepts a 12-digit personal ID number, a 10-digit enterprise code and a branch code, spaces removed', () => {
    expect(checkApplicantId('001099012345')).toEqual({ value: '001099012345' });
    expect(checkApplicantId(' 001 099 012 345 ')).toEqual({ value: '001099012345' });
    expect(checkApplicantId('0101234567')).toEqual({ value: '0101234567' });
    expect(checkApplicantId('0101234567-001')).toEqual({ value: '0101234567-001' });
  });

  it('refuses anything else with the right message', () => {
    expect(checkApplicantId('')).toEqual({ error: 'track.idRequired' });
    for (const bad of ['00109901234', '0010990123456', '01012345-001', '0101234567-01', 'abcdefghijkl', '001099012345-001']) {
      expect(checkApplicantId(bad), bad).toEqual({ error: 'track.idInvalid' });
    }
  });

  it('checks the dossier code and normalizes its case', () => {
    expect(checkDossierCode(' 000.00.00004.h26-261202-0001 ')).toEqual({ value: '000.00.00004.H26-261202-0001' });
    expect(checkDossierCode('   ')).toEqual({ error: 'track.codeRequired' });
    expect(checkDossierCode('H26-1')).toEqual({ error: 'track.codeInvalid' });
    expect(checkDossierCode('000.00 .00004.H26-261202')).toEqual({ error: 'track.codeInvalid' });
  });
});

describe("the tracking page's lateness badge", () => {
  // Received 2/11, supplement requested 3/11, supplemented 10/11: the pause moved the due date from
  // 5/11 to 12/11 (what GET /v1/dossiers/track says as `dueDate`). History steps as the API gives them.
  const base: TrackedDossier = {
    code: '000.00.00004.H26-261102-123456', procedureCode: '1.001266', procedureName: 'Đăng ký khai sinh', agencyName: 'UBND phường',
    status: 'returned', statusCode: 10, submittedAt: '2026-11-02T02:00:00.000Z', receivedAt: '2026-11-02T02:00:00.000Z',
    dueDate: '2026-11-12T10:00:00.000Z', late: false, appointmentAt: '2026-11-12T10:00:00.000Z',
    history: [
      { at: '2026-11-02T02:00:00.000Z', status: 'received', statusCode: 2 },
      { at: '2026-11-03T02:00:00.000Z', status: 'supplement_requested', statusCode: 5 },
      { at: '2026-11-10T02:00:00.000Z', status: 'processing', statusCode: 4 },
      { at: '2026-11-11T02:00:00.000Z', status: 'done', statusCode: 9 },
      { at: '2026-11-16T02:00:00.000Z', status: 'returned', statusCode: 10 },
    ],
  };

  const tracked = (over: Partial<TrackedDossier>): TrackedDossier => ({ ...base, ...over });

  it('a dossier finished on time is not late, though its last step came after the due date', () => {
    // Done on 11/11, before the moved due date; the result was handed over on 16/11, after it.
    expect(trackLateBadge(base)).toBeNull();
  });

  it('a dossier withdrawn after its due date is not "done late" (R-LATE)', () => {
    expect(trackLateBadge(tracked({
      status: 'withdrawn', statusCode: 7,
      history: [...base.history.slice(0, 3), { at: '2026-11-20T02:00:00.000Z', status: 'withdrawn', statusCode: 7 }],
    }))).toBeNull();
  });

  it('a dossier awaiting a supplement past its due date is not late when its clock stopped before it', () => {
    expect(trackLateBadge(tracked({ status: 'supplement_requested', statusCode: 5, dueDate: '2026-11-05T10:00:00.000Z', history: base.history.slice(0, 2) }))).toBeNull();
  });

  it("follows the API's late: still open, late; finished (done, returned, stopped), done late", () => {
    expect(trackLateBadge({ ...base, status: 'processing', late: true })).toBe('track.late');
    expect(trackLateBadge({ ...base, status: 'supplement_requested', late: true })).toBe('track.late');
    expect(trackLateBadge({ ...base, status: 'done', late: true })).toBe('track.doneLate');
    expect(trackLateBadge({ ...base, late: true })).toBe('track.doneLate');
    expect(trackLateBadge({ ...base, status: 'stopped', late: true })).toBe('track.doneLate');
    expect(trackLateBadge(tracked({ status: 'processing', late: false, dueDate: '2020-01-01T00:00:00.000Z' }))).toBeNull();
  });
});

describe('processing time and fees', () => {
  it('names the unit in the chosen language', () => {
    expect(formatProcessingTime({ value: 1, unit: 'working_day' }, 'vi')).toBe('1 ngày làm việc');
    expect(formatProcessingTime({ value: 15, unit: 'day' }, 'vi')).toBe('15 ngày');
    expect(formatProcessingTime({ value: 1, unit: 'working_hour' }, 'en')).toBe('1 working hour');
    expect(formatProcessingTime({ value: 8, unit: 'working_day' }, 'en')).toBe('8 working days');
    expect(formatProcessingTime({ value: 0.5, unit: 'working_day' }, 'vi')).toBe('0,5 ngày làm việc');
  });

  it('sums the fees a dossier owes', () => {
    expect(summarizeFees([], 'vi')).toBe('Không mất phí, lệ phí');
    expect(summarizeFees([{ amount: 0, kind: 'fee' }], 'en')).toBe('Free of charge');
    expect(summarizeFees([{ amount: 135000, kind: 'fee' }], 'vi')).toBe('135.000 đồng');
    expect(summarizeFees([{ amount: 60000, kind: 'charge' }, { amount: 60000, kind: 'charge' }, { amount: 135000, kind: 'fee' }], 'vi'))
      .toBe('255.000 đồng (3 khoản phí, lệ phí)');
    expect(summarizeFees([{ amount: 75000, kind: 'fee' }, { amount: 180000, kind: 'charge' }], 'en')).toBe('255,000 VND (2 fees and charges)');
  });

  it('offers the online wizard only for procedures served online', () => {
    expect(submitsOnline({ onlineService: 'full', channels: ['online'] })).toBe(true);
    expect(submitsOnline({ onlineService: 'partial', channels: ['desk', 'online'] })).toBe(true);
    expect(submitsOnline({ onlineService: 'none', channels: ['desk', 'post'] })).toBe(false);
    expect(submitsOnline({ onlineService: 'partial', channels: ['desk'] })).toBe(false);
  });
});

describe('the feedback form', () => {
  const valid = { category: 'procedures', subject: 'Chậm trả kết quả', content: 'Hồ sơ nộp ngày 02/03 đã quá hạn 5 ngày.', procedureCode: '', agencyCode: '' };

  it('accepts a complete form and sends only what was filled, trimmed', () => {
    expect(checkFeedback(valid)).toEqual({});
    expect(feedbackBody({ ...valid, subject: '  Chậm trả kết quả  ' })).toEqual({ category: 'procedures', subject: 'Chậm trả kết quả', content: valid.content });
    expect(feedbackBody({ ...valid, procedureCode: ' 1.001193 ', agencyCode: '000.00.00004.H26' }))
      .toMatchObject({ procedureCode: '1.001193', agencyCode: '000.00.00004.H26' });
  });

  it('names each missing or wrong field, with the API\'s limits', () => {
    expect(checkFeedback({ category: '', subject: '', content: ' ', procedureCode: '1001193', agencyCode: '' })).toEqual({
      'fb-category': { key: 'fb.categoryRequired' },
      'fb-subject': { key: 'fb.subjectRequired' },
      'fb-content': { key: 'fb.contentRequired' },
      'fb-procedure': { key: 'fb.procedureInvalid' },
    });
    expect(checkFeedback({ ...valid, subject: 'abcd', content: 'ngắn quá' })).toEqual({
      'fb-subject': { key: 'fb.subjectLength', params: { min: 5, max: 200 } },
      'fb-content': { key: 'fb.contentLength', params: { min: 10, max: 5000 } },
    });
    expect(checkFeedback({ ...valid, category: 'complaint' })).toHaveProperty('fb-category');
  });
});
