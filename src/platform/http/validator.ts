import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { $ZodType } from 'zod/v4/core';
import { findUnstorableText, type UnstorableKind } from './storable-text';
import { schemaMessage } from './validation-messages';

const MESSAGES: Record<UnstorableKind, { value: string; key: string }> = {
  nul: {
    value: schemaMessage({
      en: 'must not contain the NUL character (\\u0000)',
      de: 'Darf kein NUL-Zeichen (\\u0000) enthalten',
    }),
    key: schemaMessage({
      en: 'a field name contains the NUL character (\\u0000)',
      de: 'Ein Feldname enthält ein NUL-Zeichen (\\u0000)',
    }),
  },
  lone_surrogate: {
    value: schemaMessage({
      en: 'must be valid Unicode text (it contains half of a surrogate pair)',
      de: 'Bitte gültigen Unicode-Text senden (enthält ein halbes Surrogatpaar)',
    }),
    key: schemaMessage({
      en: 'a field name is not valid Unicode text (half of a surrogate pair)',
      de: 'Ein Feldname ist kein gültiger Unicode-Text (halbes Surrogatpaar)',
    }),
  },
};

/** Refuses any string or field name PostgreSQL could not store, naming where it is; passes the rest on. */
const storableInput = z.unknown().superRefine((value, ctx) => {
  for (const found of findUnstorableText(value)) {
    const words = MESSAGES[found.kind];
    ctx.addIssue({ code: 'custom', path: found.path, message: found.inKey ? words.key : words.value });
  }
});

const guarded = new WeakMap<object, unknown>();

/**
 * A route's request schema as the API validates it: text PostgreSQL cannot store (NUL, lone
 * surrogates) is refused first, anywhere in the request part, then the route's own schema runs.
 * Every route gets this from the validator compiler; no schema has to remember it.
 */
export function guardedSchema(schema: unknown): unknown {
  if (!(schema instanceof $ZodType)) return schema;
  let out = guarded.get(schema);
  if (!out) {
    out = storableInput.pipe(schema as unknown as z.ZodType);
    guarded.set(schema, out);
  }
  return out;
}

/** The one validator compiler: zod's, over the guarded schema. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = (route) =>
  zodValidatorCompiler({ ...route, schema: guardedSchema(route.schema) } as Parameters<
    typeof zodValidatorCompiler
  >[0]);
