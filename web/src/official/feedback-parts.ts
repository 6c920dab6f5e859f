// Feedback in the console: which deadline matters now for an item (pure, unit-tested).
import type { FeedbackStatus } from '../../../shared/contracts/feedback';

export interface Deadlines { decideBy: string; firstInfoRequestBy: string; answerBy: string; publishBy: string | null }

/** The next step's deadline: decide (accept/reject), answer, or publish; none once closed. */
export const nextDeadline = (status: FeedbackStatus, d: Deadlines): { step: 'decide' | 'answer' | 'publish'; by: string } | null => {
  switch (status) {
    case 'submitted':
    case 'assigned':
      return { step: 'decide', by: d.decideBy };
    case 'accepted':
    case 'info_requested':
      return { step: 'answer', by: d.answerBy };
    case 'answered':
      return d.publishBy ? { step: 'publish', by: d.publishBy } : null;
    default:
      return null;
  }
};
