// Notices SPA route changes: patched pushState/replaceState, popstate, hashchange and the Navigation API.

type HistoryMethod = 'pushState' | 'replaceState';

/**
 * Calls `onChange` after every same-document navigation. The history patch is installed once per
 * collector and undone by the returned teardown; if someone wrapped history after us, our wrapper
 * stays in place but goes quiet, so their wrapper keeps working.
 */
export function collectNavigation(onChange: () => void): () => void {
  let live = true;
  const notify = () => {
    if (live) onChange();
  };
  const patched: Array<[HistoryMethod, History[HistoryMethod], History[HistoryMethod]]> = [];
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    if (typeof original !== 'function') continue;
    const wrapper = function (this: History, ...args: Parameters<History[HistoryMethod]>) {
      const result = original.apply(this, args);
      try {
        notify();
      } catch {
        // Never let our bookkeeping break the host's navigation.
      }
      return result;
    };
    history[method] = wrapper;
    patched.push([method, original, wrapper]);
  }
  const nav = (globalThis as { navigation?: EventTarget }).navigation;
  addEventListener('popstate', notify);
  addEventListener('hashchange', notify);
  nav?.addEventListener?.('navigatesuccess', notify);
  return () => {
    live = false;
    for (const [method, original, wrapper] of patched) {
      if (history[method] === wrapper) history[method] = original;
    }
    removeEventListener('popstate', notify);
    removeEventListener('hashchange', notify);
    nav?.removeEventListener?.('navigatesuccess', notify);
  };
}
