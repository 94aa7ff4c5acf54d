import type { UseCaseDeps } from '../../../platform/deps';
import { FACTOR_LIST, LOCKOUT } from '../../verification';
import { getSetting } from '../settings.repository';

/** Every setting the desk shows: verification rules (with the fixed lockout), desk texts, follow-up, call script. */
export async function getSettings(deps: UseCaseDeps) {
  const [verification, desk, followUp, callScript] = await Promise.all([
    getSetting(deps.db, 'verification'),
    getSetting(deps.db, 'desk'),
    getSetting(deps.db, 'follow_up'),
    getSetting(deps.db, 'call_script'),
  ]);
  return {
    verification: { ...verification, ...LOCKOUT, availableFactors: FACTOR_LIST },
    desk,
    followUp,
    callScript,
  };
}
