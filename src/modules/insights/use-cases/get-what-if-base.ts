import type { UseCaseDeps } from '../../../platform/deps';
import { getPolicyInForce, PRODUCT_CATEGORIES } from '../../policy';

/**
 * What a lead's what-if starts from: the version in force today and the values it may adjust
 * (the return window of each category that has one, the goodwill limit per request), so a lead
 * who may not open the admin's editor sees "30 days" before typing "45".
 */
export async function getWhatIfBase(deps: UseCaseDeps) {
  const inForce = await getPolicyInForce(deps);
  const doc = inForce.document;
  return {
    version: inForce.version,
    effectiveFrom: inForce.effectiveFrom,
    currency: doc.currency,
    returnWindows: PRODUCT_CATEGORIES.flatMap((category) => {
      const window = doc.returnWindows[category];
      return window ? [{ category, days: window.days, from: window.from }] : [];
    }),
    goodwill: {
      maxPerRequestMinor: doc.goodwill.maxPerRequestMinor,
      perCustomer12MonthsMaxAmountMinor: doc.goodwill.perCustomer12Months.maxAmountMinor,
    },
  };
}
