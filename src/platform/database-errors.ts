import { CommonErrors, DomainError, type ErrorDetails, errorDefinition } from './errors';

/** What a unique index means to a client: the code to answer with and, where known, the request field. */
export interface UniqueMeaning {
  code: string;
  message: string;
  field?: string;
}

const uniqueMeanings = new Map<string, UniqueMeaning>();

/**
 * Says what a module's unique indexes mean, by constraint (or unique index) name. A request that
 * loses a race against such an index is answered with this code (409) instead of a 500; indexes
 * nobody described get ALREADY_EXISTS.
 */
export function defineUniqueConstraints(meanings: Record<string, UniqueMeaning>): void {
  for (const [constraint, meaning] of Object.entries(meanings)) {
    if (errorDefinition(meaning.code)?.status !== 409)
      throw new Error(`unique constraint ${constraint}: ${meaning.code} is not a registered 409 code`);
    uniqueMeanings.set(constraint, meaning);
  }
}

/** The fields PostgreSQL (and PGlite, which reuses its wire format) puts on an error. */
interface PostgresError {
  code: string;
  constraint?: string;
  table?: string;
}

// SQLSTATE: class 23 integrity violations, class 40 transaction rollbacks
const UNIQUE_VIOLATION = '23505';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

function isPostgresError(error: unknown): error is PostgresError {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof Error && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && 'severity' in error
  );
}

/**
 * The domain error a database error stands for, when it is one a client can act on: a unique
 * violation (someone else created it first; 409) or a lost serialization race or deadlock (try
 * again; 409). Anything else stays an internal error.
 */
export function domainErrorFromDatabase(error: unknown): DomainError | undefined {
  if (!isPostgresError(error)) return undefined;
  if (error.code === UNIQUE_VIOLATION) {
    const meaning = error.constraint ? uniqueMeanings.get(error.constraint) : undefined;
    if (meaning) {
      const details: ErrorDetails = meaning.field ? { field: meaning.field } : {};
      return new DomainError(meaning.code, meaning.message, details);
    }
    return new DomainError(
      CommonErrors.ALREADY_EXISTS,
      `This ${error.table ?? 'entry'} already exists; a concurrent request may have created it`,
    );
  }
  if (error.code === SERIALIZATION_FAILURE || error.code === DEADLOCK_DETECTED)
    return new DomainError(CommonErrors.CONFLICT, 'A concurrent change won; reload and try again');
  return undefined;
}
