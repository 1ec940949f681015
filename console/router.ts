// A path router for the console's few pages: the location as a signal, links that navigate without reloading, and
// a matcher for patterns like /accounts/:id. Deep links work because the edge serves the shell below /console.
import { signal } from '@preact/signals-core';

export const BASE = '/console';

export interface Location {
  /** The path below /console, starting with /: "/accounts/acme". */
  path: string;
  query: URLSearchParams;
}

function read(): Location {
  const raw = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return { path: raw.replace(/\/+$/, '') || '/', query: new URLSearchParams(location.search) };
}

export const current = signal<Location>(read());

/** Goes to a console path ("/triggers?delivery=dead"); `replace` for filter changes that should not pile up history. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const url = BASE + (to === '/' ? '' : to);
  if (opts.replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  current.value = read();
}

/** The href for a console path, for real links (they open in a new tab as expected). */
export const href = (to: string): string => BASE + (to === '/' ? '' : to);

/** Parameters of `pattern` ("/accounts/:id") in `path`, decoded, or null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/');
  const s = path.split('/');
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) {
      try {
        params[p[i]!.slice(1)] = decodeURIComponent(s[i]!);
      } catch {
        return null;
      }
    } else if (p[i] !== s[i]) return null;
  }
  return params;
}

/** Link clicks inside the console navigate in place; modified clicks, other origins and downloads are the browser's. */
export function startRouter(root: HTMLElement | Document = document): () => void {
  const onPop = () => (current.value = read());
  const onClick = (e: Event) => {
    const ev = e as MouseEvent;
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.('a');
    if (!a || a.target || a.hasAttribute('download')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !(url.pathname === BASE || url.pathname.startsWith(BASE + '/'))) return;
    // An in-page anchor (#ticket-T-1 on the account page) scrolls, as anchors do.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    ev.preventDefault();
    navigate(url.pathname.slice(BASE.length) + url.search);
  };
  addEventListener('popstate', onPop);
  root.addEventListener('click', onClick);
  return () => {
    removeEventListener('popstate', onPop);
    root.removeEventListener('click', onClick);
  };
}
