import type { JsonSchema } from './route-table';

export type FieldPath = Array<string | number>;

/** A field a request part's schema describes, at its path inside that part. */
export interface SchemaField {
  path: FieldPath;
  schema: JsonSchema;
}

/** Says what a field should hold in a valid request (a real id, a unique e-mail), or undefined to derive it. */
export type FieldHint = (path: FieldPath, schema: JsonSchema) => unknown;

/** The first alternative of a union: the one valid examples are built from. */
function resolved(schema: JsonSchema): JsonSchema {
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives?.length) {
    const nonNull = alternatives.find((a) => a.type !== 'null') ?? alternatives[0]!;
    return resolved(nonNull);
  }
  if (schema.allOf?.length) return resolved(schema.allOf[0]!);
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type) return type;
  if (schema.properties) return 'object';
  if (schema.enum) return typeof schema.enum[0];
  return undefined;
}

/** A valid value for `schema`, the plainest one: first enum value, minimum numbers, short text. */
export function exampleFor(schema: JsonSchema, hint: FieldHint, path: FieldPath = []): unknown {
  const s = resolved(schema);
  const hinted = hint(path, s);
  if (hinted !== undefined) return hinted;
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  switch (typeOf(s)) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(s.properties ?? {}))
        out[key] = exampleFor(child, hint, [...path, key]);
      return out;
    }
    case 'array': {
      const n = Math.max(s.minItems ?? 0, 1);
      return Array.from({ length: n }, (_, i) => exampleFor(s.items ?? {}, hint, [...path, i]));
    }
    case 'integer':
    case 'number': {
      if (s.default !== undefined) return s.default;
      if (s.minimum !== undefined) return s.minimum;
      if (s.exclusiveMinimum !== undefined) return Math.floor(s.exclusiveMinimum) + 1;
      return 1;
    }
    case 'boolean':
      return s.default ?? true;
    case 'string': {
      if (s.format === 'date') return '2099-01-15';
      if (s.format === 'date-time') return '2026-01-01T00:00:00Z';
      if (s.format === 'email') return `field.${Math.random().toString(36).slice(2, 10)}@example.de`;
      const min = Math.max(s.minLength ?? 1, 1);
      const text = 'Generated text'.padEnd(min, '.');
      return text.slice(0, Math.max(min, Math.min(text.length, s.maxLength ?? text.length)));
    }
    default:
      return 'x';
  }
}

/** Every field `schema` describes: itself, the properties of objects, the first item of arrays. */
export function fieldsIn(schema: JsonSchema, path: FieldPath = []): SchemaField[] {
  const s = resolved(schema);
  const fields: SchemaField[] = [{ path, schema: s }];
  if (s.properties)
    for (const [key, child] of Object.entries(s.properties)) fields.push(...fieldsIn(child, [...path, key]));
  if (typeOf(s) === 'array' && s.items) fields.push(...fieldsIn(s.items, [...path, 0]));
  return fields;
}

/** The names of the properties an object schema requires, with the object's path. */
export function requiredFieldsIn(schema: JsonSchema, path: FieldPath = []): FieldPath[] {
  return fieldsIn(schema, path).flatMap((f) => (f.schema.required ?? []).map((name) => [...f.path, name]));
}
