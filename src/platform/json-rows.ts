/**
 * A row as a JSON aggregate (Kysely's jsonArrayFrom / jsonObjectFrom) returns it, turned back
 * into the row a plain select returns: every `*_at` column (the house names timestamps so) that
 * came back as text is a Date again. Business dates (`*_on`) are text in both, and int8 is a
 * JSON number, as our parsers make it outside JSON. A timestamp column named otherwise stays a
 * string in the type, so the compiler notices when such a row is handed to a mapper that wants
 * the plain row.
 */
export type TimestampsRevived<T> = {
  [K in keyof T]: K extends `${string}_at`
    ? T[K] extends string
      ? Date
      : T[K] extends string | null
        ? Date | null
        : T[K]
    : T[K];
};

export function timestampsFromJson<T extends object>(row: T): TimestampsRevived<T> {
  const out = { ...row } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out))
    if (key.endsWith('_at') && typeof value === 'string') out[key] = new Date(value);
  return out as TimestampsRevived<T>;
}
