import type { UseCaseDeps } from '../../../platform/deps';
import { findStaffDisplayName } from '../../staff';
import { renderCallScript } from '../call-script';
import { getSetting } from '../settings.repository';

/** The greeting the asking staff member says on picking up a call, filled in, in both languages. */
export async function getCallScript(deps: UseCaseDeps) {
  const [script, desk, agentName] = await Promise.all([
    getSetting(deps.db, 'call_script'),
    getSetting(deps.db, 'desk'),
    deps.actor.id ? findStaffDisplayName(deps.db, deps.actor.id) : null,
  ]);
  const vars = { agentName: agentName ?? '', companyName: desk.companyName };
  return { de: renderCallScript(script.de, vars), en: renderCallScript(script.en, vars) };
}
