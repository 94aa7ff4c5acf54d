export { loadFollowUpSettings } from './follow-up-settings';
export { FOLLOW_UP_JOB, scheduleFollowUp, scheduleFollowUpIn } from './use-cases/schedule-follow-up';
export { sendFollowUp } from './use-cases/send-follow-up';
