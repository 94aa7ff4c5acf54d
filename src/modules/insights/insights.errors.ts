import { defineErrorCodes } from '../../platform/errors';

export const InsightsErrors = defineErrorCodes({
  /** The dashboard's period ends before it starts, or is longer than two years. */
  DASHBOARD_PERIOD_INVALID: { status: 400, title: 'The period is not valid' },
  /** The drilldown's `after` cursor is not one a previous page returned. */
  DASHBOARD_CURSOR_INVALID: { status: 400, title: 'The page cursor is not valid' },
});
