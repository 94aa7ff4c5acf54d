import { defineUniqueConstraints } from '../../platform/database-errors';
import { defineErrorCodes } from '../../platform/errors';

export const SurveyErrors = defineErrorCodes({
  /** The case already has a follow-up scheduled or sent. */
  FOLLOW_UP_ALREADY_SCHEDULED: { status: 409, title: 'A follow-up is already scheduled for this case' },
  /** There is no scheduled follow-up on the case to cancel. */
  FOLLOW_UP_NOT_SCHEDULED: { status: 409, title: 'No follow-up is scheduled for this case' },
});

defineUniqueConstraints({
  // parallel schedules (or a close and a schedule) of one case: one follow-up wins
  surveys_one_open_per_case: {
    code: SurveyErrors.FOLLOW_UP_ALREADY_SCHEDULED,
    message: 'This case already has a follow-up',
    field: 'params.id',
  },
});
