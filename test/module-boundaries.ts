// Reads the source tree as text and lists every place that crosses a module boundary the house
// rules forbid (CONTRIBUTING.md, "Where things go"). The test beside it asserts the list is empty;
// `npx tsx test/module-boundaries.ts [module]` prints it while you move things.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
const SRC = join(ROOT, 'src');

export interface Violation {
  module: string;
  file: string;
  rule: string;
  detail: string;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return walk(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const isTest = (file: string) => /\.test\.ts$/.test(file);

/** Which module owns each table: the module whose `*.table.ts` declares the table's interface. */
export function tableOwners(): Map<string, string> {
  const schema = readFileSync(join(SRC, 'db', 'schema.ts'), 'utf8');
  const interfaceModule = new Map<string, string>();
  for (const m of schema.matchAll(/import type \{([^}]+)\} from '\.\.\/modules\/([a-z-]+)\//g))
    for (const name of m[1]!
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean))
      interfaceModule.set(name, m[2]!);
  const owners = new Map<string, string>();
  const body = schema.slice(schema.indexOf('export interface DB'));
  for (const m of body.matchAll(/^\s+([a-z_]+): ([A-Za-z]+);/gm)) {
    const module = interfaceModule.get(m[2]!);
    if (module) owners.set(m[1]!, module);
  }
  return owners;
}

/**
 * Read joins a repository may make into another module's table, each with its reason: a list
 * view that would otherwise need a second round trip per row. Writes across modules are never
 * allowed, and use cases never query at all.
 */
export const ALLOWED_READ_JOINS: Record<string, Record<string, string>> = {
  'modules/accounts/accounts.repository.ts': {
    verification_lockouts:
      'the lock step of the account view and the lock badge on every search hit, in the one statement each already is',
  },
  'modules/cases/cases.repository.ts': {
    accounts: 'case lists and the case view show the account number and holder of each case',
    staff_users: 'case lists and the case view show the assignee and the opener by name',
    account_representatives: 'the case view and case lists name the representative verified on the case',
    case_verifications: 'case lists and the case view show who is verified on each case until when',
  },
  'modules/verification/verification.repository.ts': {
    staff_users: 'the attempts on the verification panel show the agent who typed each one by name',
  },
  'modules/audit/audit.repository.ts': {
    staff_users: 'the actor and the staff user an event is about, by name, on every row of the log',
    accounts: 'the account number on every row, and the filter by account number (K1000001)',
    cases: 'the case number on every row, and the filter by case number (C-2373)',
  },
  'modules/policy/policy.repository.ts': {
    staff_users: 'the version history and the draft name who published or last saved each',
  },
  'modules/refunds/refunds.repository.ts': {
    cases: 'the exceptions queue shows the case number of each request',
    accounts:
      'the exceptions queue shows the account number of each request; the policy simulator replays one acquisition channel',
  },
  'modules/insights/insights.repository.ts': {
    payments: 'revenue is the payments of the period, for the refund rate',
    accounts: 'revenue filtered by acquisition channel; the drilldown shows each case’s account number',
    subscriptions: 'revenue filtered by plan (through the subscription)',
    plans: 'revenue filtered by plan code',
    orders: 'revenue of one-off purchases filtered by product (through the order)',
    products: 'revenue of one-off purchases filtered by product SKU',
    staff_users: 'the agent and approver charts name each staff member',
    retention_offers: 'the offer chart names each offer',
    cases: 'the drilldown lists each case with its case number and type',
  },
  'modules/notes/notes.repository.ts': {
    accounts: 'commitment lists show the account number and holder beside each promise',
    staff_users: 'note and commitment lists show the author, owner and closer by name',
    cases: 'note and commitment lists show the case number of each row',
  },
};

const QUERY_CALL =
  /\b(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-z_]+)(?: as [a-z_]+)?'/g;
const WRITE_CALLS = new Set(['insertInto', 'updateTable', 'deleteFrom', 'mergeInto']);
const SQL_TEMPLATE = /\bsql(?:<[^`]*?>)?`([^`]*)`/gs;
const SQL_TABLE = /\b(from|join|update|into)\s+"?([a-z_]+)"?/gi;

function importsOf(source: string): string[] {
  return [...source.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)].map((m) => m[1]!);
}

/** Every boundary crossing in src (tests excluded), optionally for one module only. */
export function findViolations(onlyModule?: string): Violation[] {
  const owners = tableOwners();
  const violations: Violation[] = [];
  const files = walk(SRC).filter((f) => !isTest(f));
  for (const file of files) {
    const rel = relative(SRC, file);
    const source = readFileSync(file, 'utf8');
    const inModule = rel.startsWith('modules/') && rel.split('/').length > 2;
    const module = inModule ? rel.split('/')[1]! : rel.split('/')[0]!.replace(/\.ts$/, '');
    if (onlyModule && module !== onlyModule) continue;
    const add = (rule: string, detail: string) => violations.push({ module, file: rel, rule, detail });

    // imports: another module only through its index.ts; platform and db never reach into modules
    for (const spec of importsOf(source)) {
      if (!spec.startsWith('.')) continue;
      const target = relative(SRC, resolve(dirname(file), spec));
      if (!target.startsWith('modules/')) continue;
      const parts = target.split('/');
      const targetModule = parts[1]!;
      if (rel.startsWith('platform/')) add('platform imports nothing from modules', spec);
      else if (rel.startsWith('db/') && rel !== 'db/schema.ts')
        add('db imports nothing from modules (only schema.ts names their table types)', spec);
      else if (inModule && targetModule !== module && parts.length > 2 && parts[2] !== 'index')
        add('another module is reached only through its index.ts', spec);
    }
    if (!inModule) continue;

    // tables: a module queries its own; use cases not at all
    const isUseCase = rel.includes('/use-cases/');
    const allowed = ALLOWED_READ_JOINS[rel] ?? {};
    for (const m of source.matchAll(QUERY_CALL)) {
      const [, call, table] = m as unknown as [string, string, string];
      const owner = owners.get(table);
      if (isUseCase) add('use cases do not query: their module repository does', `${call}('${table}')`);
      if (!owner || owner === module) continue;
      if (WRITE_CALLS.has(call))
        add(`writes only its own tables (${table} is ${owner}'s)`, `${call}('${table}')`);
      else if (!allowed[table])
        add(`reads another module's table (${table} is ${owner}'s)`, `${call}('${table}')`);
    }
    for (const m of source.matchAll(SQL_TEMPLATE)) {
      if (isUseCase) add('use cases do not query: their module repository does', 'sql`…`');
      for (const t of m[1]!.matchAll(SQL_TABLE)) {
        const table = t[2]!.toLowerCase();
        const owner = owners.get(table);
        if (!owner || owner === module) continue;
        const writes = /update|into/i.test(t[1]!);
        if (writes || !allowed[table])
          add(`${writes ? 'writes' : 'reads'} another module's table in SQL (${table} is ${owner}'s)`, t[0]!);
      }
    }

    // one exported function per use-case file, in one of the two shapes
    if (isUseCase) {
      const exported = [...source.matchAll(/^export (?:async )?function\*? ?(\w+)\s*\(([^)]*)/gm)];
      if (exported.length !== 1)
        add('a use-case file exports exactly one function', exported.map((e) => e[1]).join(', ') || 'none');
      for (const e of exported) {
        const params = e[2]!.replace(/\s+/g, ' ').trim();
        if (!/^(trx: Trx, )?deps: UseCaseDeps(, input\??: .+)?,?$/.test(params))
          add(
            'a use case is (deps: UseCaseDeps, input) or a step (trx: Trx, deps: UseCaseDeps, input)',
            `${e[1]}(${params})`,
          );
      }
      if (/^export const /m.test(source))
        add('a use-case file exports its function and types only', 'export const');
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const list = findViolations(process.argv[2]);
  const byModule = new Map<string, Violation[]>();
  for (const v of list) byModule.set(v.module, [...(byModule.get(v.module) ?? []), v]);
  for (const [module, vs] of byModule) {
    console.log(`\n${module}: ${vs.length}`);
    for (const v of vs) console.log(`  ${v.file}: ${v.rule} — ${v.detail}`);
  }
  console.log(`\n${list.length} boundary violation(s)`);
}
