/** A code every client can branch on, with its HTTP status and an English default title. */
export interface ErrorCodeDefinition {
  status: number;
  title: string;
}

const registry = new Map<string, ErrorCodeDefinition>();

/** Registers a feature's error codes in the one table that maps codes to HTTP status. */
export function defineErrorCodes<const T extends Record<string, ErrorCodeDefinition>>(
  codes: T,
): { [K in keyof T]: K } {
  const out = {} as { [K in keyof T]: K };
  for (const [code, def] of Object.entries(codes)) {
    const existing = registry.get(code);
    if (existing && existing.status !== def.status) throw new Error(`error code ${code} defined twice`);
    registry.set(code, def);
    (out as Record<string, string>)[code] = code;
  }
  return out;
}

export function errorDefinition(code: string): ErrorCodeDefinition | undefined {
  return registry.get(code);
}

/** Every code registered so far, sorted: what a client must be able to put in words. */
export function registeredErrorCodes(): string[] {
  return [...registry.keys()].sort();
}

export interface ErrorDetails {
  /** The request field the problem is about, as a dotted path ('body.dueOn'). */
  field?: string;
  [key: string]: unknown;
}

/** A business rule said no. Thrown by use cases; mapped to problem+json at the edge. */
export class DomainError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;
  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }
}

export const CommonErrors = defineErrorCodes({
  /** The request does not match its schema (a field is missing, of the wrong type or too long). */
  VALIDATION_FAILED: { status: 400, title: 'The request is invalid' },
  /** No valid session cookie (or it expired). */
  UNAUTHENTICATED: { status: 401, title: 'Login required' },
  /** The staff member's role may not use this route. */
  FORBIDDEN: { status: 403, title: 'Not allowed for your role' },
  /** A cookie-authenticated mutation without the session's CSRF token. */
  CSRF_TOKEN_INVALID: { status: 403, title: 'Missing or wrong CSRF token' },
  /** No such route or entity. */
  NOT_FOUND: { status: 404, title: 'Not found' },
  /** The request body is larger than the server accepts. */
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Request body too large' },
  /** The body is not valid JSON or has the wrong content type. */
  MALFORMED_REQUEST: { status: 400, title: 'The request body could not be read' },
  /** Too many requests in a short time. */
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  /** A concurrent change won; reload and try again. */
  CONFLICT: { status: 409, title: 'Conflicting change' },
  /** A unique rule no module described was broken: the thing exists already (a concurrent request won). */
  ALREADY_EXISTS: { status: 409, title: 'Already exists' },
  /** The request path is not valid percent-encoded UTF-8 (e.g. /api/cases/%E0%A4%A). */
  BAD_URL: { status: 400, title: 'The address is malformed' },
  /** A path segment is longer than any id the API uses. */
  URI_TOO_LONG: { status: 414, title: 'A part of the address is too long' },
  /** The request's Content-Type is not one this route reads (JSON, or form data for the survey page). */
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  INTERNAL: { status: 500, title: 'Internal error' },
  /** The database does not answer (health check). */
  DATABASE_UNAVAILABLE: { status: 503, title: 'The database is not reachable' },
});

export function notFound(code: string, entity: string, id: string, field?: string): DomainError {
  return new DomainError(code, `${entity} ${id} does not exist`, field ? { field, id } : { id });
}
