// The support capability's FAQ (`GET /v1/faq?q=&procedure=`, docs/requirements.md R-CAP-SUPPORT):
// questions and answers per procedure and sector. One source for validation, types and the OpenAPI
// document; the search rules are in functions/support/domain/faq.ts, the storage in
// docs/support.md.
import * as z from 'zod';
import { ProcedureCode } from './catalogue';
import { Cursor, IsoDateTime, Limit, optionalText, page } from './common';

/** A readable, stable slug: it appears in links and is chosen by the admin who writes the entry. */
export const FaqId = z
  .string()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/, 'expected a slug of lower-case letters, digits and hyphens (at most 80)');

export const SectorCode = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'expected a sector code such as G15-TP07');

/** Answers are plain text (paragraphs separated by a blank line): the web shows them as text, never as HTML. */
const PLAIN_TEXT_ONLY = /<\/?[a-zA-Z][^>]*>/;
const plainText = (min: number, max: number) =>
  z
    .string()
    // Windows line endings and trailing blanks are not content.
    .transform((s) => s.replace(/\r\n?/g, '\n').replace(/[ \t]+\n/g, '\n').trim())
    .pipe(z.string().min(min).max(max).refine((s) => !PLAIN_TEXT_ONLY.test(s), 'plain text only: no HTML tags'));

/** What an admin writes (`PUT /v1/faq/{id}`); the id comes from the path, the time from the server. */
export const PutFaqEntry = z
  .object({
    question: plainText(5, 500).refine((s) => !s.includes('\n'), 'one line'),
    answer: plainText(10, 10_000),
    procedureCode: ProcedureCode.optional().describe('Must be a procedure of the catalogue'),
    sectorCode: SectorCode.optional().describe('Defaults to the procedure\'s sector when a procedure is given'),
  })
  // A misspelt field is a 400, never silently dropped.
  .strict()
  .meta({ id: 'PutFaqEntry' });
export type PutFaqEntry = z.infer<typeof PutFaqEntry>;

export const FaqEntry = z
  .object({
    id: FaqId,
    question: z.string(),
    answer: z.string().describe('Plain text; paragraphs are separated by a blank line'),
    procedureCode: ProcedureCode.optional(),
    sectorCode: SectorCode.optional(),
    updatedAt: IsoDateTime,
  })
  .meta({ id: 'FaqEntry' });
export type FaqEntry = z.infer<typeof FaqEntry>;

const optionalCode = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const FaqSearchQuery = z.object({
  q: optionalText(200).describe('Diacritics-insensitive words of the question or answer; the last may be a prefix'),
  procedure: optionalCode(ProcedureCode).describe('Only questions about this procedure'),
  sector: optionalCode(SectorCode).describe('Only questions of this sector'),
  limit: Limit,
  cursor: Cursor,
});
export type FaqSearchQuery = z.output<typeof FaqSearchQuery>;

export const FaqParams = z.object({ id: FaqId });

export const FaqPage = page(FaqEntry).meta({ id: 'FaqPage' });
export type FaqPage = z.infer<typeof FaqPage>;
