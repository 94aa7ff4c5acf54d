/**
 * Finding a clear value where only its keyed hash belongs, exactly: a stored field, or a whole
 * token of one (words split at spaces and punctuation, not at '-' or '.' so that dates, UUIDs
 * and hashes stay whole), equal to the value in one of its own encodings. A random hex digest or
 * a UUID that happens to contain the digits of the value is not a finding.
 */
export function encodingsOf(...clears: string[]): Set<string> {
  const forms = new Set<string>();
  for (const clear of clears) {
    const words = clear.split(/\s+/).filter(Boolean);
    for (const form of [clear, ...(words.length > 1 ? words : [])]) {
      const utf8 = Buffer.from(form, 'utf8');
      for (const encoded of [
        form,
        utf8.toString('hex'),
        utf8.toString('base64'),
        utf8.toString('base64url'),
        encodeURIComponent(form),
      ])
        forms.add(encoded.toLowerCase());
    }
  }
  forms.delete('');
  return forms;
}

const SEPARATORS = /[\s,;:=()[\]{}"'<>|\\&?]+/;

/** Where in `data` (rows, JSON, nested) a form from `encodingsOf` occurs as a field or whole token. */
export function clearValuesIn(data: unknown, forms: Set<string>, path = '$'): string[] {
  if (data === null || data === undefined) return [];
  if (data instanceof Date) return clearValuesIn(data.toISOString(), forms, path);
  if (Array.isArray(data)) return data.flatMap((item, i) => clearValuesIn(item, forms, `${path}[${i}]`));
  if (typeof data === 'object')
    return Object.entries(data).flatMap(([key, value]) => [
      ...clearValuesIn(key, forms, `${path} (key)`),
      ...clearValuesIn(value, forms, `${path}.${key}`),
    ]);
  const text = String(data).toLowerCase();
  const tokens = [text, ...text.split(SEPARATORS)];
  return [...new Set(tokens.filter((token) => forms.has(token)))].map((token) => `${path}: "${token}"`);
}
