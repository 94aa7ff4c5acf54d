import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const WEB = join(ROOT, 'web', 'src');
const SERVER = join(ROOT, 'src');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

/** Every import or re-export statement of a file, whole (across lines), with where it points. */
function importsOf(file: string): Array<{ statement: string; target: string }> {
  const source = readFileSync(file, 'utf8');
  const found: Array<{ statement: string; target: string }> = [];
  for (const m of source.matchAll(/^(import|export)\b[^;]*?\bfrom\s+'([^']+)';/gms))
    found.push({ statement: m[0], target: m[2]! });
  for (const m of source.matchAll(/^import\s+'([^']+)';/gm)) found.push({ statement: m[0], target: m[1]! });
  return found;
}

const webFiles = filesUnder(WEB);
const serverImports = webFiles.flatMap((file) =>
  importsOf(file)
    .filter((i) => i.target.startsWith('.') && resolve(dirname(file), i.target).startsWith(`${SERVER}/`))
    .map((i) => ({ file: relative(ROOT, file), ...i })),
);

describe('the web app and the server', () => {
  it('takes its response types from the server (the check below has something to check)', () => {
    expect(serverImports.length).toBeGreaterThan(8);
  });

  it('imports only types from the server, so no server code reaches the browser bundle', () => {
    const valueImports = serverImports.filter((i) => !/^(import|export) type\b/.test(i.statement));
    expect(valueImports).toEqual([]);
  });

  it("imports those types only from a module's schemas file", () => {
    const elsewhere = serverImports.filter(
      (i) => !/\/src\/modules\/[a-z-]+\/[a-z-]+\.schemas$/.test(i.target),
    );
    expect(elsewhere).toEqual([]);
  });

  it('keeps query keys in each feature’s queries file, not as arrays in components', () => {
    const raw = webFiles
      .filter((f) => !f.endsWith('.queries.ts'))
      .filter((f) => /queryKey:\s*\[/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(raw).toEqual([]);
  });

  it('has one queries file per feature folder that asks the server', () => {
    const features = readdirSync(join(WEB, 'features'), { withFileTypes: true }).filter((e) =>
      e.isDirectory(),
    );
    const missing = features
      .map((e) => e.name)
      .filter((name) => !readdirSync(join(WEB, 'features', name)).includes(`${name}.queries.ts`));
    expect(missing).toEqual([]);
  });
});
