import { z } from 'zod';
import { shortText } from '../../platform/http/schemas';
import { schemaMessage } from '../../platform/http/validation-messages';
import { billingSummaryResponse } from '../billing';
import { caseSummaryResponse } from '../cases';
import { commitmentResponse } from '../notes';

const language = z.enum(['de', 'en']);

export const searchQuery = z
  .object({
    q: z
      .string()
      .trim()
      .min(2, schemaMessage({ en: 'type at least 2 characters', de: 'Bitte mindestens 2 Zeichen eingeben' }))
      .max(200),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();

/** The holder as both a search hit and the account view begin: who it is and how to reach them. */
const holderFields = {
  id: z.string(),
  accountNumber: z.string(),
  status: z.enum(['active', 'suspended', 'closed']),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
};

export const accountHit = z.object({
  ...holderFields,
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  language,
  verificationLocked: z.boolean(),
  flagged: z.boolean(),
  matchedOn: z.enum(['holder', 'representative']),
  representativeName: z.string().nullable(),
});

export const searchResponse = z.object({
  query: z.string(),
  interpretedAs: z.enum(['account_number', 'phone', 'email', 'name']),
  normalized: z.string().nullable(),
  items: z.array(accountHit),
});

export const accountResponse = z.object({
  account: z.object({
    ...holderFields,
    phoneE164: z.string().nullable(),
    street: z.string().nullable(),
    postalCode: z.string().nullable(),
    city: z.string().nullable(),
    country: z.string(),
    language,
    acquisitionChannel: z.string(),
    currency: z.string(),
    signupAt: z.date(),
    tenureMonths: z.number().int(),
    verification: z.object({
      failures: z.number().int(),
      locked: z.boolean(),
      lockedUntil: z.date().nullable(),
      flaggedAt: z.date().nullable(),
    }),
  }),
  representatives: z.array(
    z.object({
      id: z.string(),
      firstName: z.string(),
      lastName: z.string(),
      relationship: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      canCancel: z.boolean(),
      canRequestRefunds: z.boolean(),
    }),
  ),
  ...billingSummaryResponse.shape,
  cases: z.array(caseSummaryResponse),
  /** Promises made in the account's notes and not yet kept, due first. */
  openCommitments: z.array(
    commitmentResponse.pick({
      id: true,
      description: true,
      owner: true,
      dueOn: true,
      overdue: true,
      noteId: true,
      caseId: true,
      caseNumber: true,
    }),
  ),
});

export const updateContactBody = z
  .object({
    caseId: z.string().min(1).max(64).describe('the verified case this change is made on'),
    email: z.string().trim().max(254).nullable().optional(),
    phone: z.string().trim().max(40).nullable().optional(),
    street: shortText(200).optional(),
    postalCode: shortText(20).optional(),
    city: shortText(100).optional(),
    language: language.optional(),
  })
  .strict();
