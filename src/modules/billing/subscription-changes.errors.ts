import { defineErrorCodes } from '../../platform/errors';

// Kept apart from billing.errors.ts so the retention offers' changes merge cleanly with others'.
export const SubscriptionChangeErrors = defineErrorCodes({
  /** A pause, plan change, discount or extension needs an active (or trialing) subscription. */
  SUBSCRIPTION_NOT_CHANGEABLE: { status: 409, title: 'The subscription cannot be changed in its status' },
  /** No active plan with that code (a downgrade names its target plan by code). */
  PLAN_NOT_FOUND: { status: 404, title: 'No such plan' },
  /** A plan change to the plan the subscription is on already. */
  PLAN_UNCHANGED: { status: 409, title: 'The subscription is on this plan already' },
});
