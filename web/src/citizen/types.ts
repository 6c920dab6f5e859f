// The API's shapes the citizen pages read, taken from the contracts (types only: no zod in the bundle).
import type * as z from 'zod';
import type { Procedure, ProcedureSummary } from '../../../shared/contracts/catalogue';
import type { TrackedDossier as TrackedDossierSchema } from '../../../shared/contracts/dossiers';
import type { FeedbackView, PublicFeedbackView, ReactionResult as ReactionResultSchema } from '../../../shared/contracts/feedback';

export type { Procedure, ProcedureSummary, FeedbackView, PublicFeedbackView };
export type TrackedDossier = z.infer<typeof TrackedDossierSchema>;
export type ReactionResult = z.infer<typeof ReactionResultSchema>;
export type FeedbackCategory = PublicFeedbackView['category'];
export const FEEDBACK_CATEGORY_LIST: readonly FeedbackCategory[] = ['rules_policies', 'procedures', 'official_conduct', 'other'];

/** A question and its answer (docs/requirements.md R-CAP-SUPPORT, `GET /v1/faq?q=&procedure=`). */
export interface FaqEntry {
  id: string;
  question: string;
  answer: string;
  procedureCode?: string | null;
  sectorCode?: string | null;
}
