// Watches the page for signs of life for a short while after a click or submit: the dead-click verdict and error elements.

export type LifeKind = 'mutation' | 'scroll' | 'selection' | 'focus';

export interface WatchSink {
  life(kind: LifeKind, detail?: { collapsedCaret?: boolean; focused?: Element }): void;
  /** An error element (role=alert or a configured selector) appeared or became one. */
  errorElement(el: Element): void;
}

/**
 * Observes DOM mutations, scroll, selection and focus only while a watch is open: a mutation
 * observer over the whole document costs the page on every change, so it runs for seconds at a
 * time after a click or submit, never continuously.
 */
export function createWatcher(sink: WatchSink, errorSelector: string) {
  let until = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let observer: MutationObserver | undefined;

  const find = (el: Element | null, deep: boolean): Element | null => {
    try {
      return !el ? null : el.matches(errorSelector) ? el : deep ? el.querySelector(errorSelector) : el.closest(errorSelector);
    } catch {
      return null;
    }
  };
  const onMutations = (records: MutationRecord[]) => {
    sink.life('mutation');
    // Each element once per batch: an alert added, given its role and filled in one task appeared once, not three times.
    const alerts = new Set<Element>();
    for (const r of records) {
      // Added subtrees may carry an alert inside, and content added into an alert is its message
      // appearing (live regions are placed empty, then filled); an attribute change counts only on
      // the alert itself, a text change anywhere inside it.
      const found =
        r.type === 'childList'
          ? Array.from(r.addedNodes).map((n) => (n.nodeType === 1 ? find(n as Element, true) : null)).find(Boolean) ||
            (r.addedNodes.length ? find(r.target as Element, false) : null)
          : r.type === 'attributes'
            ? find(r.target as Element, false) === r.target ? (r.target as Element) : null
            : find(r.target.parentElement, false);
      if (found) alerts.add(found);
    }
    alerts.forEach((el) => sink.errorElement(el));
  };
  const onScroll = () => sink.life('scroll');
  const onSelection = () => {
    const sel = getSelection();
    sink.life('selection', { collapsedCaret: !sel || sel.isCollapsed });
  };
  const onFocus = (e: FocusEvent) => sink.life('focus', { focused: e.composedPath()[0] as Element });
  const opts = { capture: true, passive: true };

  const stop = () => {
    if (!observer) return;
    observer.disconnect();
    observer = undefined;
    removeEventListener('scroll', onScroll, opts);
    document.removeEventListener('selectionchange', onSelection);
    removeEventListener('focusin', onFocus, opts);
    clearTimeout(timer);
  };
  const expire = () => {
    const left = until - Date.now();
    if (left > 0) timer = setTimeout(expire, left);
    else stop();
  };

  return {
    /** Keeps the watch open for at least `ms` more. */
    open(ms: number) {
      until = Math.max(until, Date.now() + ms);
      if (!observer && typeof MutationObserver === 'function') {
        observer = new MutationObserver(onMutations);
        observer.observe(document.documentElement, { childList: true, subtree: true, attributes: true, characterData: true });
        addEventListener('scroll', onScroll, opts);
        document.addEventListener('selectionchange', onSelection);
        addEventListener('focusin', onFocus, opts);
        timer = setTimeout(expire, ms);
      }
    },
    stop,
  };
}
