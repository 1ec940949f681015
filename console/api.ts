// The console's one way to the edge: same-origin JSON requests carried by the session cookie, errors as ApiError.
import { signal } from '@preact/signals-core';

export interface ApiIssue {
  path: string;
  message: string;
}

/** An answer in the edge's error shape (or a network failure, status 0), with the message the edge wrote for people. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

/** Set when the edge says the session is gone (expired, signed out elsewhere, key revoked): the app shows sign-in. */
export const sessionLost = signal<string | null>(null);

const SESSION_ERRORS = new Set(['session_expired', 'missing_key', 'signed_out', 'unknown_key']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** fetch is looked up at call time, so tests can replace it. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: opts.method ?? 'GET',
      credentials: 'same-origin',
      headers: opts.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: opts.body === undefined ? null : JSON.stringify(opts.body),
      signal: opts.signal ?? null,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'The edge cannot be reached. Check your connection; the console retries when you reload.');
  }
  if (res.status === 204) return undefined as T;
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: a proxy's error page. The status is all there is to say.
  }
  if (res.ok) return body as T;
  const err = (body as { error?: { code?: unknown; message?: unknown; issues?: unknown } } | null)?.error;
  const error = new ApiError(
    res.status,
    typeof err?.code === 'string' ? err.code : `http_${res.status}`,
    typeof err?.message === 'string' ? err.message : `The edge answered ${res.status}.`,
    Array.isArray(err?.issues) ? (err.issues as ApiIssue[]) : [],
  );
  // Sign-in itself answers 401 for a wrong key: that is the form's to show, not a lost session.
  if (res.status === 401 && SESSION_ERRORS.has(error.code) && !path.startsWith('/console/session')) sessionLost.value = error.message;
  throw error;
}

/** `?a=1&b=x` from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
