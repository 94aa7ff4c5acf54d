export { FOLLOW_UP_JOB } from './follow-up-job';
export { loadFollowUpSettings } from './follow-up-settings';
export { scheduleFollowUp } from './use-cases/schedule-follow-up';
export { scheduleFollowUpIn } from './use-cases/schedule-follow-up-in';
export { sendFollowUp } from './use-cases/send-follow-up';
export { type SurveyWeek, weeklySurveyFigures } from './use-cases/weekly-survey-figures';
