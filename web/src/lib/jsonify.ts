import type { z } from 'zod';

/**
 * A value as it arrives over JSON: the server's `Date`s are ISO strings here, everything else
 * keeps its shape. The UI's response types are the server's zod schemas seen through this.
 */
export type Jsonify<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Jsonify<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;

/** What the UI receives for a response schema of the server (imported with `import type` only). */
export type Response<S extends z.ZodType> = Jsonify<z.output<S>>;

/** A list response: `{ items: [...] }`. */
export interface Items<T> {
  items: T[];
}
