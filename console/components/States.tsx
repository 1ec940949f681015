// Loading, empty and error states, the same on every page, and the wrapper that picks one for a resource.
import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api';
import type { Loaded } from '../hooks';

export function Loading({ what }: { what: string }) {
  return (
    <div class="state" role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      Loading {what}…
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="state empty">
      <p class="state-title">{title}</p>
      {children && <div class="muted">{children}</div>}
    </div>
  );
}

/** An error in the edge's words, with a way to try again. */
export function ErrorNote({ error, retry, what }: { error: ApiError; retry?: () => void; what?: string }) {
  return (
    <div class="note error" role="alert">
      <p>
        <strong>{what ? `Could not load ${what}.` : 'That did not work.'}</strong> {error.message}
      </p>
      {error.issues.length > 0 && (
        <ul>
          {error.issues.map((i) => (
            <li key={i.path}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
      {retry && (
        <button type="button" class="btn" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/**
 * Renders `children(data)` once there is data; until then a loading state, or the error with a retry. A reload
 * keeps the data on screen (no flicker while polling) and shows a failed refresh above it.
 */
export function Load<T>({ state, what, retry, children }: { state: Loaded<T>; what: string; retry: () => void; children: (data: T) => ComponentChildren }) {
  if (state.data === undefined) {
    return state.status === 'error' ? <ErrorNote error={state.error} retry={retry} what={what} /> : <Loading what={what} />;
  }
  return (
    <>
      {state.status === 'error' && <ErrorNote error={state.error} retry={retry} what={`the latest ${what}`} />}
      {children(state.data)}
    </>
  );
}
