// The citizen pages' pure logic: the procedure search's URL ↔ filters, the tracking form's checks,
// processing times and fees as people read them, the feedback form's checks.
import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTERS, checkApplicantId, checkDossierCode, checkFeedback, feedbackBody, filtersFromQuery, formatProcessingTime,
  hasFilters, queryFromFilters, submitsOnline, summarizeFees,
} from '../../web/src/citizen/logic';

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
