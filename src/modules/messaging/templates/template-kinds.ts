import type { Language } from '../messaging.table';

/**
 * Every message kind kulanz sends, with the variables its template may use. A template that
 * names anything else cannot be saved, so a customer never gets "Dear ," or a raw {{tag}}.
 */
const COMMON = [
  'company.name',
  'company.supportEmail',
  'company.supportPhone',
  'company.signature',
  'company.greeting',
  'customer.firstName',
  'customer.lastName',
  'customer.fullName',
  'account.number',
  'case.number',
] as const;

export const MESSAGE_KINDS = {
  case_update: [...COMMON, 'message.body'],
  case_closed: [...COMMON],
  cancellation_confirmation: [
    ...COMMON,
    'cancellation.planName',
    'cancellation.effectiveOn',
    'cancellation.reference',
    'cancellation.finalBilling',
    'cancellation.refund',
    'cancellation.nextSteps',
    'cancellation.exportUntil',
  ],
  refund_decision: [
    ...COMMON,
    'refund.approved',
    'refund.amount',
    'refund.reason',
    'refund.nextSteps',
    'refund.alternatives',
  ],
  refund_approved: [...COMMON, 'refund.amount', 'refund.method', 'refund.arrival'],
  refund_denied: [...COMMON, 'refund.requested', 'refund.reasons', 'refund.alternative'],
  refund_failed: [...COMMON, 'refund.amount', 'refund.nextSteps'],
  follow_up_survey: [...COMMON, 'survey.url', 'survey.validUntil'],
  verification_code: [...COMMON, 'code.value', 'code.validMinutes'],
} as const satisfies Record<string, readonly string[]>;

export type MessageKind = keyof typeof MESSAGE_KINDS;
export const MESSAGE_KIND_NAMES = Object.keys(MESSAGE_KINDS) as MessageKind[];
export const LANGUAGES: readonly Language[] = ['de', 'en'];

export function isMessageKind(kind: string): kind is MessageKind {
  return Object.hasOwn(MESSAGE_KINDS, kind);
}

/** The nested object a template of this kind is rendered with. */
export type TemplateContext = Record<string, unknown>;
