// What a feedback item looks like to each reader. Pure. The full view (the sender, officials of the
// agency it is with, administrators) has the sender, the deadlines and the evidence; the public view
// of a published item has none of the sender's personal data, masked wherever it appears.
import type { WorkingCalendar } from '../../../shared/calendar';
import type { FeedbackView, PublicFeedbackView } from '../../../shared/contracts/feedback';
import type { FeedbackRecord } from './feedback';
import { scrubPersonalData } from './privacy';
import { allowedFeedbackActions, deadlinesOf, overdueSteps, type FeedbackActor } from './workflow';

const baseView = (f: FeedbackRecord) => ({
  id: f.id, code: f.code, category: f.category, subject: f.subject, content: f.content, status: f.status,
  procedureCode: f.procedureCode, agencyCode: f.agencyCode, agencyName: f.agencyName, answer: f.answer,
  createdAt: f.submittedAt, publishedAt: f.publishedAt, likes: f.likes, dislikes: f.dislikes,
});

export const fullView = (f: FeedbackRecord, actor: FeedbackActor, calendar: WorkingCalendar, now: Date): FeedbackView => {
  const deadlines = deadlinesOf(f, calendar);
  return {
    ...baseView(f),
    version: f.version,
    sender: { name: f.sender.name, idNumber: f.sender.idNumber, email: f.sender.email, phone: f.sender.phone },
    deadlines,
    overdue: overdueSteps({ ...f, deadlines }, now),
    repeated: f.repeated,
    rejection: f.rejection,
    infoRequest: f.infoRequest,
    attachments: (f.attachments ?? []).map(({ id, fileName, contentType, size, status, uploadedAt }) => ({ id, fileName, contentType, size, status, uploadedAt })),
    allowedActions: allowedFeedbackActions(f.status, actor),
    history: f.history,
  };
};

/** The public view: the sender's identifiers, and anything shaped like them, masked everywhere. */
export const publicView = (f: FeedbackRecord): PublicFeedbackView => {
  const scrub = (text: string) => scrubPersonalData(text, f.sender);
  const base = baseView(f);
  return { ...base, subject: scrub(base.subject), content: scrub(base.content), answer: base.answer && { ...base.answer, text: scrub(base.answer.text) } };
};
