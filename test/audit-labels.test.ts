import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import de from '../web/src/i18n/de.json';
import en from '../web/src/i18n/en.json';

// The audit log page and the case timeline say each event in words (audit.actions.<action>); an
// action without a label shows as its raw code. The actions are read from the code that writes them: the `<entity>.<verb>`
// literals of every audit entry's `action:` (writeAudit, or auditInsert sent with the change), and the outcomes a template names.
const SRC = join(import.meta.dirname, '..', 'src');
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
function writtenActions(): string[] {
  const found = new Set<string>();
  for (const file of walk(SRC)) {
    const source = readFileSync(file, 'utf8');
    if (!/\b(writeAudit|auditInsert)\(/.test(source) && !/\b(recordNewRequest|moveRequest)\(/.test(source))
      continue;
    // what an audit entry's `action:` says, up to its `entityType:` (ternaries included)
    for (const m of source.matchAll(/\baction:([\s\S]{0,300}?)\bentityType:/g))
      for (const literal of m[1]!.matchAll(/'([a-z]+(?:_[a-z]+)*\.[a-z]+(?:_[a-z]+)*)'/g))
        found.add(literal[1]!);
    // the refund desk's changes (refund-history.ts): `refund_request.${change.action}`, the action
    // named where a use case records or moves a request, and each status its history passes
    if (/\b(recordNewRequest|moveRequest)\(/.test(source))
      for (const m of source.matchAll(/^.*\baction:(.*)$/gm))
        for (const literal of m[1]!.matchAll(/'([a-z]+(?:_[a-z]+)*)'/g))
          if (!/assertCaseVerified/.test(m[0])) found.add(`refund_request.${literal[1]!}`);
    // a fallback's word, by the method chosen instead (FALLBACK_ACTIONS in decide-refund-request.ts)
    for (const m of source.matchAll(/^\s+[a-z_]+: '([a-z_]+_fallback)',$/gm))
      found.add(`refund_request.${m[1]!}`);
    if (/action: execution\.status/.test(source))
      for (const status of ['executed', 'failed']) found.add(`refund_request.${status}`);
    // `verification.${decision.result}`: the outcomes a verification records
    if (/`verification\.\$\{decision\.result\}`/.test(source))
      for (const result of ['verified', 'failed', 'locked']) found.add(`verification.${result}`);
  }
  return [...found].sort();
}

const actions = writtenActions();
const labels = {
  de: de.audit.actions as Record<string, string>,
  en: en.audit.actions as Record<string, string>,
};

describe('audit action labels', () => {
  it('finds the actions the code writes, across modules', () => {
    expect(actions).toEqual(
      expect.arrayContaining([
        'staff.login_unlocked',
        'case.closed',
        'note.addendum_added',
        'verification.locked',
        'refund_request.approved',
        'refund_request.sent_back',
        'refund_request.store_credit_fallback',
        'refund_request.evidence_added',
      ]),
    );
  });

  it.each(Object.entries(labels))('has a %s label for every action written', (_, catalogue) => {
    expect(actions.filter((a) => !catalogue[a]?.trim())).toEqual([]);
  });
});
