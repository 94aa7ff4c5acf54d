import { defineErrorCodes } from '../../platform/errors';

export const InsightsErrors = defineErrorCodes({
  /** The dashboard's period ends before it starts, or is longer than two years. */
  DASHBOARD_PERIOD_INVALID: { status: 400, title: 'The period is not valid' },
  /** The drilldown's `after` cursor is not one a previous page returned. */
  DASHBOARD_CURSOR_INVALID: { status: 400, title: 'The page cursor is not valid' },
  /**
   * A what-if's adjustment does not fit the policy it is applied to: a return window for a
   * category that has none, or a goodwill limit per request above the 12-month amount.
   */
  SIMULATION_ADJUSTMENT_INVALID: { status: 400, title: 'The what-if does not fit the policy' },
});
