// Shapes every route shares: the error envelope, paginated lists, cursors and limits (docs/requirements.md R-API-ERRORS, R-API-PAGINATION).
import * as z from 'zod';

export const ErrorEnvelope = z
  .object({
    error: z.object({
      code: z.string().describe('SNAKE_CASE error code'),
      message: z.string(),
      details: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .describe('Field paths for validation errors'),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

/**
 * API Gateway's own answer, sent before any handler runs (a refused bearer token or agency
 * signature, its 10 MB limit, throttling, a function that crashed): HTTP APIs cannot reshape it.
 */
export const GatewayError = z
  .object({ message: z.string().describe('e.g. "Unauthorized", "Forbidden", "Too Many Requests"') })
  .meta({ id: 'GatewayError' });

export const Limit = z.coerce.number().int().min(1).max(100).default(20);
export const Cursor = z.string().min(1).max(2048).optional();

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Query strings arrive as strings; an empty value means "not given". */
export const optionalText = (max = 200) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().min(1).max(max).optional());

/** A calendar date that exists (`2026-02-30` does not): what the working calendar can count from. */
export const IsoDate = z.iso.date({ error: 'expected a real date YYYY-MM-DD' });
export const IsoDateTime = z.iso.datetime({ offset: true });
