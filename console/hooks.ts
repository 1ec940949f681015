// Data for a page: load on mount and when inputs change, keep the last answer while reloading, poll when asked.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api';

export { useWatch } from '../widget/signals';

export type Loaded<T> =
  | { status: 'loading'; data: T | undefined; error: null }
  | { status: 'ready'; data: T; error: null }
  | { status: 'error'; data: T | undefined; error: ApiError };

export interface Resource<T> {
  state: Loaded<T>;
  /** Loads again, keeping what is shown until the answer comes. */
  reload(): void;
  /** Replaces the data in place after a change the page made itself (an ack, a toggle). */
  set(data: T): void;
}

const asApiError = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError(0, 'client', e instanceof Error ? e.message : String(e)));

/**
 * Runs `load` when `deps` change (aborting the previous run) and every `pollMs` while the tab is visible. A poll
 * that fails keeps the data it had and shows the error beside it.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[], pollMs = 0): Resource<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading', data: undefined, error: null });
  const [tick, setTick] = useState(0);
  const latest = useRef(load);
  latest.current = load;

  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ status: 'loading', data: s.data, error: null }));
    latest.current(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ status: 'ready', data, error: null }),
      (e: unknown) => !ctl.signal.aborted && setState((s) => ({ status: 'error', data: s.data, error: asApiError(e) })),
    );
    return () => ctl.abort();
  }, [...deps, tick]);

  useEffect(() => {
    if (!pollMs) return;
    const id = setInterval(() => document.visibilityState !== 'hidden' && setTick((t) => t + 1), pollMs);
    return () => clearInterval(id);
  }, [pollMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const set = useCallback((data: T) => setState({ status: 'ready', data, error: null }), []);
  return { state, reload, set };
}

/** An action a button runs (ack, retry, save): busy while it runs, its error kept for the page to show. */
export function useAction<A extends unknown[], R>(run: (...args: A) => Promise<R>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const go = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await run(...args);
    } catch (e) {
      setError(asApiError(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run: go, clearError: () => setError(null) };
}
