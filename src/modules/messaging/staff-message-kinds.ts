/** Messages to staff (not to a customer): rendered by the feature that sends them, in the staff member's language. */
export const STAFF_MESSAGE_KINDS = ['weekly_digest', 'low_rating_alert'] as const;
export type StaffMessageKind = (typeof STAFF_MESSAGE_KINDS)[number];
