import { describe, expect, it } from 'vitest';
import { ALLOWED_READ_JOINS, findViolations, tableOwners } from './module-boundaries';

// The house rules of CONTRIBUTING.md marked (checked): a module owns its tables, reaches another
// only through its index.ts, and use cases do not query. `npx tsx test/module-boundaries.ts`
// prints the list while you move things; here it must be empty.
describe('module boundaries', () => {
  it('finds no boundary crossing anywhere in src', () => {
    const violations = findViolations().map((v) => `${v.file}: ${v.rule} — ${v.detail}`);
    expect(violations).toEqual([]);
  });

  it('knows an owner for every table, so a crossing cannot hide behind an unknown table', () => {
    const owners = tableOwners();
    expect(owners.get('case_verifications')).toBe('verification');
    expect(owners.get('verification_lockouts')).toBe('verification');
    expect(owners.get('cases')).toBe('cases');
    expect(owners.get('accounts')).toBe('accounts');
  });

  it('gives every allowed read join a reason and names only tables another module owns', () => {
    const owners = tableOwners();
    for (const [file, joins] of Object.entries(ALLOWED_READ_JOINS)) {
      const module = file.split('/')[1];
      for (const [table, reason] of Object.entries(joins)) {
        expect(owners.get(table), `${file}: ${table}`).toBeDefined();
        expect(owners.get(table), `${file}: ${table} is its own`).not.toBe(module);
        expect(reason.length, `${file}: ${table}`).toBeGreaterThan(20);
      }
    }
  });
});
