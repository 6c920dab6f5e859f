// The feedback record, directly: what each transition does to it, its code, and the evidence limits.
import { describe, expect, it } from 'vitest';
import { type FEEDBACK_ACTIONS, RequestFeedbackUpload } from '../../../shared/contracts/feedback';
import { applyFeedbackTransition, EVIDENCE_TYPES, formatFeedbackCode, type FeedbackRecord } from './feedback';
import { decideFeedback, type FeedbackActor } from './workflow';

const INPUT = { reason: 'Không thuộc thẩm quyền', note: 'Đề nghị bổ sung', agencyCode: '000.00.00.H26', answer: 'Nội dung trả lời đầy đủ.' };

describe('applyFeedbackTransition', () => {
  const f: FeedbackRecord = {
    id: 'f-1', code: 'PAKN-260302-0001', category: 'procedures', subject: 'Chậm trả kết quả', content: 'Hồ sơ của tôi bị chậm.',
    procedureCode: null, agencyCode: null, agencyName: null, agencyParentCode: null, status: 'submitted', version: 1,
    sender: { sub: 's-1', name: 'Nguyễn Văn An', idNumber: '001099012345', email: 'an@example.vn', phone: '0912345678' },
    submittedAt: '2026-03-02T03:00:00Z', receivedAt: '2026-03-02T03:00:00Z', decidedAt: null, firstInfoRequestAt: null, infoRequest: null,
    rejection: null, answer: null, answeredAt: null, publishedAt: null, likes: 0, dislikes: 0, repeated: false, attachments: [], history: [],
  };
  const step = (x: FeedbackRecord, action: (typeof FEEDBACK_ACTIONS)[number], actor: FeedbackActor, at: string) => {
    const d = decideFeedback(x.status, action, actor, INPUT);
    if (!d.ok) throw new Error(d.message);
    return applyFeedbackTransition(x, d.transition, { actor, at, input: INPUT, agency: { code: '000.00.00.H26', name: 'UBND Thành phố Hà Nội', parentCode: null } });
  };

  it('walks assign → accept → request_info → provide_info → answer → publish, keeping history and versions', () => {
    let x = step(f, 'assign', 'admin', '2026-03-02T04:00:00Z');
    expect(x).toMatchObject({ status: 'assigned', agencyCode: '000.00.00.H26', receivedAt: '2026-03-02T04:00:00Z', version: 2 });
    x = step(x, 'accept', 'official', '2026-03-03T04:00:00Z');
    x = step(x, 'request_info', 'official', '2026-03-04T04:00:00Z');
    expect(x).toMatchObject({ status: 'info_requested', infoRequest: 'Đề nghị bổ sung', firstInfoRequestAt: '2026-03-04T04:00:00Z' });
    x = step(x, 'provide_info', 'sender', '2026-03-05T04:00:00Z');
    expect(x.content).toContain('[Bổ sung 2026-03-05] Đề nghị bổ sung');
    x = step(x, 'request_info', 'official', '2026-03-06T04:00:00Z');
    expect(x.firstInfoRequestAt).toBe('2026-03-04T04:00:00Z');
    x = step(step(x, 'provide_info', 'sender', '2026-03-07T04:00:00Z'), 'answer', 'official', '2026-03-09T04:00:00Z');
    expect(x.answer).toEqual({ text: 'Nội dung trả lời đầy đủ.', agencyCode: '000.00.00.H26', agencyName: 'UBND Thành phố Hà Nội', answeredAt: '2026-03-09T04:00:00Z' });
    x = step(x, 'publish', 'official', '2026-03-10T04:00:00Z');
    expect(x).toMatchObject({ status: 'published', publishedAt: '2026-03-10T04:00:00Z', version: 9 });
    expect(x.history.map((h) => `${h.from}>${h.to}`)).toEqual([
      'submitted>assigned', 'assigned>accepted', 'accepted>info_requested', 'info_requested>accepted', 'accepted>info_requested',
      'info_requested>accepted', 'accepted>answered', 'answered>published',
    ]);
    expect(formatFeedbackCode('2026-03-02', 7)).toBe('PAKN-260302-0007');
  });
});

describe('evidence', () => {
  it('takes the media types the upload request declares (kept apart: the web bundle imports the domain, not zod)', () => {
    expect([...EVIDENCE_TYPES].sort()).toEqual([...RequestFeedbackUpload.shape.contentType.options].sort());
  });
});
