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
/** Years PostgreSQL's date and timestamptz take and people mean: 0001–9999 (there is no year 0). */
function inStorableYears(year: number): boolean {
  return year >= 1 && year <= 9999;
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** A range check runs only on text in the right format; a wrong format gets one message, not two. */
const afterTheFormat = (payload: { issues: readonly unknown[] }) => payload.issues.length === 0;

/**
 * A real calendar date as YYYY-MM-DD: 2099-02-30 and 2099-13-45 match the pattern but are no day,
 * so they are refused here rather than by the database.
 */
export const isoDate = z
  .string()
  .max(10, { abort: true })
  .regex(
    DATE_PATTERN,
    schemaMessage({
      en: 'expected a date as YYYY-MM-DD',
      de: 'Bitte ein Datum im Format JJJJ-MM-TT angeben',
    }),
  )
  .refine(
    (text) => {
      const [y, m, d] = text.split('-').map(Number) as [number, number, number];
      const day = new Date(Date.UTC(2000, m - 1, d));
      day.setUTCFullYear(y);
      return (
        inStorableYears(y) &&
        day.getUTCFullYear() === y &&
        day.getUTCMonth() === m - 1 &&
        day.getUTCDate() === d
      );
    },
    {
      message: schemaMessage({
        en: 'no such day in the calendar (YYYY-MM-DD, years 0001–9999)',
        de: 'Diesen Tag gibt es im Kalender nicht (JJJJ-MM-TT, Jahre 0001–9999)',
      }),
      when: afterTheFormat,
    },
  )
  .meta({ format: 'date' });

/**
 * A day a report is asked for (a period's ends, a week): a real calendar date from 1900 to 9998, so
 * that the weeks and months counted around it stay in four-digit years (a day after 9999-12-31 is
 * "+010000-01-01", a month before 0001-01-01 is year 0, which PostgreSQL has not).
 */
export const reportingDate = isoDate
  .refine(
    (text) => {
      const year = Number(text.slice(0, 4));
      return year >= 1900 && year <= 9998;
    },
    {
      message: schemaMessage({
        en: 'expected a day from 1900-01-01 to 9998-12-31',
        de: 'Bitte einen Tag vom 01.01.1900 bis zum 31.12.9998 angeben',
      }),
      when: afterTheFormat,
    },
  )
  .meta({ format: 'date' });

/** An instant as ISO 8601 with a time zone offset, within the years the database stores (0001–9999 UTC). */
export const isoDateTime = z.iso
  .datetime({ offset: true })
  .max(40, { abort: true })
  .refine(
    (text) => {
      const at = new Date(text);
      return !Number.isNaN(at.getTime()) && inStorableYears(at.getUTCFullYear());
    },
    {
      message: schemaMessage({
        en: 'expected an instant between the years 0001 and 9999',
        de: 'Bitte einen Zeitpunkt zwischen den Jahren 0001 und 9999 angeben',
      }),
      when: afterTheFormat,
    },
  );

export const idParam = (prefix: string) =>
  z.object({ id: z.string().min(1).max(64).describe(`${prefix}_… id`) });
export const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string().length(3) });
