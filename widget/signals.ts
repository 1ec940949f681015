// The widget's state: signals from @preact/signals-core, and one hook that re-renders a component when the signals
// it names change. The full @preact/signals integration (auto-tracking through Preact's private render hooks, text
// bindings, computed hooks) costs ~1.4 KB gzip of a 15 KB budget for features the widget does not use.
import { effect, type ReadonlySignal } from '@preact/signals-core';
import { useLayoutEffect, useReducer, useRef } from 'preact/hooks';

export { signal, type Signal } from '@preact/signals-core';

/** Re-renders the calling component whenever one of `signals` changes; the list must be the same on every render. */
export function useWatch(...signals: ReadonlyArray<ReadonlySignal<unknown>>): void {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // What this render read: a change made between the render and the subscription below still re-renders.
  const seen = useRef<unknown[]>([]);
  seen.current = signals.map((s) => s.peek());
  useLayoutEffect(
    () =>
      effect(() => {
        if (signals.map((s) => s.value).some((v, i) => v !== seen.current[i])) rerender(0);
      }),
    [],
  );
}
