import type { UseCaseDeps } from '../../../platform/deps';
import { renderCallScript } from '../call-script';
import { getSetting } from '../settings.repository';

/** The greeting the asking staff member says on picking up a call, filled in, in both languages. */
export async function getCallScript(deps: Pick<UseCaseDeps, 'db' | 'actor'>) {
  const [script, desk, me] = await Promise.all([
    getSetting(deps.db, 'call_script'),
    getSetting(deps.db, 'desk'),
    deps.db
      .selectFrom('staff_users')
      .select('display_name')
      .where('id', '=', deps.actor.id ?? '')
      .executeTakeFirst(),
  ]);
  const vars = { agentName: me?.display_name ?? '', companyName: desk.companyName };
  return { de: renderCallScript(script.de, vars), en: renderCallScript(script.en, vars) };
}
