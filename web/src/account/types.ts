// The API's shapes as the account pages read them (types only: zod stays out of the bundle).
import type * as z from 'zod';
import type { DossierView, Attachment, Prefill as PrefillSchema } from '../../../shared/contracts/dossiers';
import type { Procedure } from '../../../shared/contracts/catalogue';
import type { PaymentOrder, PaymentStatus } from '../../../shared/contracts/payments';
import type { Rating, RateDossier, OverallRating } from '../../../shared/contracts/ratings';

export type { DossierView, Attachment, Procedure, PaymentOrder, PaymentStatus, Rating, RateDossier, OverallRating };
export type Prefill = z.infer<typeof PrefillSchema>;
export type DossierSummary = Pick<DossierView, 'id' | 'code' | 'procedureCode' | 'procedureName' | 'agencyCode' | 'status' | 'statusCode' | 'version' | 'createdAt' | 'submittedAt' | 'dueDate' | 'late'>;

export interface AgencyEntry { code: string; name: string; level: 'central' | 'province' | 'commune'; parentCode: string | null }
export interface UploadTicket { attachmentId: string; url: string; fields: Record<string, string>; expiresAt: string }
