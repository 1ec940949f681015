// The edge's validation issues beside the fields they name ("when.screen"), wired to the input for screen readers.
import type { ApiError } from '../api';
import { ErrorNote } from './States';

/** The edge's issue for a field or anything below it, if any. */
export const issueFor = (error: ApiError | null, path: string): string | undefined => error?.issues.find((i) => i.path === path || i.path.startsWith(`${path}.`))?.message;

/** aria-invalid and aria-describedby for the input `id` when the edge named `path`. */
export const invalidProps = (error: ApiError | null, path: string, id: string) => (issueFor(error, path) ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-err` } : {});

export function FieldError({ error, path, id }: { error: ApiError | null; path: string; id: string }) {
  const message = issueFor(error, path);
  return message ? (
    <p class="field-error" id={`${id}-err`}>
      {message}
    </p>
  ) : null;
}

/** Under a form: issues point at the fields above; any other refusal is shown whole. */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  if (!error.issues.length) return <ErrorNote error={error} />;
  return (
    <p class="field-error" role="alert">
      {error.message} See the fields marked above.
    </p>
  );
}
