// Watches the page's fetch and XHR calls: method, endpoint and status only, never bodies or headers.

export interface RequestReport {
  method: string;
  url: string;
  /** HTTP status; 0 for a network error. Requests the page aborts are not reported: they did not fail. */
  status: number;
}

/**
 * Wraps fetch and XMLHttpRequest so `onStart` hears every request the page starts and `onEnd`
 * every result. Requests for which `ignore(url)` is true (the SDK's own) are not reported.
 */
export function collectNetwork(
  onStart: () => void,
  onEnd: (r: RequestReport) => void,
  ignore: (url: string) => boolean,
): () => void {
  let live = true;
  const g = globalThis as typeof globalThis & { fetch?: typeof fetch; XMLHttpRequest?: typeof XMLHttpRequest };
  const report = (method: string, url: string, status: number) => {
    if (live && !ignore(url)) onEnd({ method: method.toUpperCase(), url, status });
  };
  const started = (url: string) => {
    if (live && !ignore(url)) onStart();
  };

  const originalFetch = g.fetch;
  let fetchWrapper: typeof fetch | undefined;
  if (typeof originalFetch === 'function') {
    fetchWrapper = function (input: RequestInfo | URL, init?: RequestInit) {
      let url = '';
      let method = 'GET';
      try {
        url = typeof input === 'string' ? input : input instanceof URL ? input.href : (input as Request).url;
        method = (init && init.method) || (typeof input === 'object' && 'method' in input ? input.method : 'GET');
        started(url);
      } catch {
        // Reading the request must never stop it.
      }
      const promise = originalFetch.call(g, input, init);
      promise.then(
        (res) => report(method, url, res.status),
        // An abort is the page changing its mind (a typeahead dropping its last search), not a failure.
        (e) => (e && e.name) == 'AbortError' || report(method, url, 0),
      );
      return promise;
    } as typeof fetch;
    g.fetch = fetchWrapper;
  }

  const proto = g.XMLHttpRequest && g.XMLHttpRequest.prototype;
  const originalOpen = proto && proto.open;
  const originalSend = proto && proto.send;
  /** An XHR's current request: method, URL, and 1 from send until it ends. */
  const meta = new WeakMap<XMLHttpRequest, [string, string, (0 | 1)?]>();
  /** Reads the XHR's current request when it ends: pages open and send one XHR again and again. */
  function end(this: XMLHttpRequest, e: Event) {
    const m = meta.get(this);
    if (m && m[2]) {
      m[2] = 0;
      // abort comes before loadend: an aborted request is not reported.
      if (e.type == 'loadend') report(m[0], m[1], this.status);
    }
  }
  let openWrapper: typeof XMLHttpRequest.prototype.open | undefined;
  let sendWrapper: typeof XMLHttpRequest.prototype.send | undefined;
  if (proto && originalOpen && originalSend) {
    openWrapper = function (this: XMLHttpRequest, method: string, url: string | URL) {
      try {
        // One listener function for all: added again on a reopened XHR it stays one listener.
        this.addEventListener('abort', end);
        this.addEventListener('loadend', end);
        meta.set(this, [String(method || 'GET'), String(url)]);
      } catch {
        // ignore
      }
      // eslint-disable-next-line prefer-rest-params
      return (originalOpen as (...a: unknown[]) => void).apply(this, arguments as unknown as unknown[]);
    } as typeof XMLHttpRequest.prototype.open;
    sendWrapper = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
      const m = meta.get(this);
      if (m) {
        m[2] = 1;
        started(m[1]);
      }
      return originalSend.call(this, body);
    };
    proto.open = openWrapper;
    proto.send = sendWrapper;
  }

  return () => {
    live = false;
    if (fetchWrapper && g.fetch === fetchWrapper) g.fetch = originalFetch;
    if (proto) {
      if (proto.open === openWrapper) proto.open = originalOpen!;
      if (proto.send === sendWrapper) proto.send = originalSend!;
    }
  };
}
