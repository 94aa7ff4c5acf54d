import i18n, { type TFunction } from 'i18next';

/** One field the API refused in a validation problem, with the reason worded in the UI's language. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** A problem+json answer from the API, with the code to branch on and the field it is about. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    /** The whole problem body: `errors` for every refused field, and the values a rule names. */
    readonly problem: Record<string, unknown> = {},
  ) {
    super(detail);
  }

  /** Every field a validation problem names; the first one is also `field`. */
  get fieldProblems(): FieldProblem[] {
    return Array.isArray(this.problem.errors) ? (this.problem.errors as FieldProblem[]) : [];
  }
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Extra request headers, such as the Idempotency-Key that makes a retried POST safe. */
export interface ApiOptions {
  headers?: Record<string, string>;
}

/** Calls the JSON API with the session cookie, and the CSRF token on every change. */
export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  options: ApiOptions = {},
): Promise<T> {
  // the server words validation details in this language; everything else it says in codes
  const headers: Record<string, string> = { 'accept-language': i18n.language || 'de', ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    // no answer at all (offline, server down): a code the UI can word, not the browser's English
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const p = (typeof data === 'object' && data) || {};
    throw new ApiError(res.status, p.code ?? 'HTTP_ERROR', p.detail ?? String(data), p.field, p);
  }
  return data as T;
}

/**
 * Sends a file's bytes as the body (application/octet-stream), with the CSRF token: the server
 * decides what the file is by its content, so the browser's guess at its type is not sent.
 */
export async function postBytes<T>(url: string, file: Blob): Promise<T> {
  const headers: Record<string, string> = {
    'accept-language': i18n.language || 'de',
    'content-type': 'application/octet-stream',
    ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
  };
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers, credentials: 'same-origin', body: file });
  } catch (error) {
    throw new ApiError(0, 'NETWORK_ERROR', error instanceof Error ? error.message : String(error));
  }
  const type = res.headers.get('content-type') ?? '';
  const data = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const p = (typeof data === 'object' && data) || {};
    throw new ApiError(res.status, p.code ?? 'HTTP_ERROR', p.detail ?? String(data), p.field, p);
  }
  return data as T;
}

export const get = <T>(url: string) => api<T>('GET', url);
export const post = <T>(url: string, body?: unknown, options?: ApiOptions) =>
  api<T>('POST', url, body ?? {}, options);
export const put = <T>(url: string, body: unknown) => api<T>('PUT', url, body);
export const patch = <T>(url: string, body: unknown) => api<T>('PATCH', url, body);
export const del = <T>(url: string) => api<T>('DELETE', url);

/**
 * What to tell the agent about a failed request, in the UI's language (`t` from useTranslation, else
 * i18next's): the sentence the UI has for the error's code (`errors.<CODE>`, which may name
 * `{{detail}}` or a value the problem carries), else the server's detail. Validation details come
 * worded in the UI's language already and say more than a sentence for the code could; for one
 * `field`, only what is wrong with that field.
 */
export function errorText(error: unknown, t?: TFunction, field?: string): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error ?? '');
  if (error.code === 'VALIDATION_FAILED') {
    const own = field === undefined ? undefined : error.fieldProblems.find((p) => p.field === field);
    return own?.message ?? error.detail;
  }
  const key = `errors.${error.code}`;
  if (!i18n.exists(key)) return error.detail;
  // `replace` keeps values from the server out of i18next's options (a `count` or `lng` would steer it)
  return (t ?? i18n.t.bind(i18n))(key, { replace: { ...error.problem, detail: error.detail } });
}

/** The error for one form field, if the API named it (body.x, body.answers.y …), worded as errorText does. */
export function fieldError(error: unknown, field: string, t?: TFunction): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const named = error.field === field || error.fieldProblems.some((p) => p.field === field);
  return named ? errorText(error, t, field) : undefined;
}
