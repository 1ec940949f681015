// The one error shape every edge answer uses, and the exception routes throw to produce it.
import type { ErrorBody } from '../../sdk/wire';
import type { z } from 'zod';

export type ErrorIssue = { path: string; message: string };

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: string,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

/** Dotted path of an issue (`events.3.props.plan`), the form a developer reading the answer can act on. */
export function issuePath(path: ReadonlyArray<PropertyKey>): string {
  return path.length ? path.map((p) => String(p)).join('.') : '(root)';
}

/** Issues are capped so one wrong field repeated in 500 events does not make a 500-line answer. */
const MAX_ISSUES = 20;

export function validationError(error: z.ZodError, prefix: ReadonlyArray<PropertyKey> = []): HttpError {
  const issues = error.issues.slice(0, MAX_ISSUES).map((i) => ({ path: issuePath([...prefix, ...i.path]), message: i.message }));
  const more = error.issues.length > MAX_ISSUES ? ` (first ${MAX_ISSUES} of ${error.issues.length} shown)` : '';
  return new HttpError(400, 'invalid_body', `The request body does not match the schema${more}.`, issues);
}
