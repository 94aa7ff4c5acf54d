const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads what an agent types: 24.12.2026, 24.12.26, 1.2.2027 (German order) or 2026-12-24; a date
 * that does not exist (31.02.) is no date. Returns YYYY-MM-DD, as the API takes it.
 */
export function parseDay(input: string): string | null {
  const text = input.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const german = /^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{2}|\d{4})$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (german) [d, m, y] = [Number(german[1]), Number(german[2]), Number(german[3])];
  else return null;
  if (y < 100) y += 2000;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}
