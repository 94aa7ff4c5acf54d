import type { Executor } from '../../platform/audit';
import { getSetting } from '../settings';

/** How long after closing a case the survey goes out, and how long its link is valid. */
export function loadFollowUpSettings(db: Executor) {
  return getSetting(db, 'follow_up');
}
