import { describe, expect, it } from 'vitest';
import { afterDiscountedRenewal, renewalPrice } from './subscription-changes';

describe('a retention discount at renewal', () => {
  const sub = { price_minor: 1499, currency: 'EUR', discount_percent: 20, discount_cycles_left: 3 };

  it('takes the percent off the price, rounded to the cent, while cycles are left', () => {
    expect(renewalPrice(sub)).toEqual({ amountMinor: 1199, currency: 'EUR' }); // 14.99 − 3.00 (2.998)
    expect(renewalPrice({ ...sub, discount_percent: 100 })).toEqual({ amountMinor: 0, currency: 'EUR' });
  });

  it('charges the full price without a discount or with no cycles left', () => {
    expect(renewalPrice({ ...sub, discount_percent: null, discount_cycles_left: null }).amountMinor).toBe(
      1499,
    );
    expect(renewalPrice({ ...sub, discount_cycles_left: 0 }).amountMinor).toBe(1499);
  });

  it('counts down one cycle per renewal and clears itself after the last', () => {
    let state: { discount_percent: number | null; discount_cycles_left: number | null } = sub;
    const seen: Array<number | null> = [];
    for (let i = 0; i < 4; i++) {
      state = afterDiscountedRenewal(state);
      seen.push(state.discount_cycles_left);
    }
    expect(seen).toEqual([2, 1, null, null]);
    expect(state.discount_percent).toBeNull();
  });
});
