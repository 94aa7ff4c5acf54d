import type { Executor } from '../../platform/audit';

/** How long after closing a case the survey goes out, and how long its link is valid. */
export interface FollowUpSettings {
  delayDays: number;
  validDays: number;
}

export const DEFAULT_FOLLOW_UP: FollowUpSettings = { delayDays: 7, validDays: 14 };

export async function loadFollowUpSettings(db: Executor): Promise<FollowUpSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'follow_up')
    .executeTakeFirst();
  return { ...DEFAULT_FOLLOW_UP, ...((row?.value ?? {}) as Partial<FollowUpSettings>) };
}
