import { z } from 'zod';
import { schemaMessage } from './validation-messages';

/** A problem+json body, as every error response carries it. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string(),
    field: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .loose();

/** Standard error responses for a route's schema, so OpenAPI documents them. */
export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  429: problemSchema,
} as const;

/** A bounded single-line text field: every string the API accepts has a maximum. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const longText = (max = 10_000) => z.string().max(max);
export const isoDate = z.string().regex(
  /^\d{4}-\d{2}-\d{2}$/,
  schemaMessage({
    en: 'expected a date as YYYY-MM-DD',
    de: 'Bitte ein Datum im Format JJJJ-MM-TT angeben',
  }),
);
export const idParam = (prefix: string) =>
  z.object({ id: z.string().min(1).max(64).describe(`${prefix}_… id`) });
export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().length(3) });
