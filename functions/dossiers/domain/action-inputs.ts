// The input of each action of the transition table (transitions.ts): the fields beyond `action`
// and `version`, as zod schemas (unknown keys are stripped). The table's `decide` validates a
// command's input with its row's schema; its messages are the details the caller gets.
import * as z from 'zod';
import { isIsoDate } from './time';

const requiredText = (max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'expected text') })
    .trim()
    .min(1, 'is required')
    .max(max, `at most ${max} characters`);
/** An optional text: absent, null, or blank all mean "not given". */
const optionalText = (max: number) =>
  z.preprocess(
    (v) => (v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v),
    requiredText(max).optional(),
  );
const Note = optionalText(2000);

export const NoteInput = z.object({ note: Note });
export const ReasonInput = z.object({ reason: requiredText(2000), note: Note });
export const RequestSupplementInput = z.object({
  missingComponents: z
    .array(requiredText(40), { error: (iss) => (iss.input === undefined ? 'is required' : 'expected a list of component codes') })
    .min(1, 'name at least one missing component')
    .max(100)
    .transform((codes) => [...new Set(codes)]),
  note: requiredText(2000),
});
export const SupplementInput = z.object({
  note: Note,
  attachmentIds: z.array(z.string().min(1).max(100)).max(100).optional(),
});
export const IssueApologyInput = z.object({
  newDueDate: z
    .string({ error: (iss) => (iss.input === undefined ? 'is required' : 'expected a date YYYY-MM-DD') })
    .refine(isIsoDate, 'expected a real date YYYY-MM-DD'),
  reason: requiredText(2000),
  note: Note,
});
