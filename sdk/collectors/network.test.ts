// The page's fetch and XHR calls: what is reported (method, endpoint, status), and that the page gets exactly what it would without us.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { collectNetwork, type RequestReport } from './network';

const g = globalThis as typeof globalThis & { fetch: typeof fetch; XMLHttpRequest: typeof XMLHttpRequest };
const realFetch = g.fetch;
const realXHR = g.XMLHttpRequest;

/**
 * A spec-shaped XHR without a network: send() ends the request on a later task with the status
 * given by `FakeXHR.next`, firing load/error and then loadend, as a browser does.
 */
class FakeXHR extends EventTarget {
  static next = 200;
  static opened: unknown[][] = [];
  status = 0;
  private state = 0;
  open(...args: unknown[]) {
    FakeXHR.opened.push(args);
    this.state = 1;
    this.status = 0;
  }
  private timer?: ReturnType<typeof setTimeout>;
  send(body?: unknown) {
    if (this.state !== 1) throw new DOMException('not opened', 'InvalidStateError');
    this.state = 2;
    void body;
    this.timer = setTimeout(() => {
      this.status = FakeXHR.next;
      this.state = 4;
      this.dispatchEvent(new Event(this.status ? 'load' : 'error'));
      this.dispatchEvent(new Event('loadend'));
    });
  }
  abort() {
    if (this.state !== 2) return;
    clearTimeout(this.timer);
    this.state = 4;
    this.status = 0;
    this.dispatchEvent(new Event('abort'));
    this.dispatchEvent(new Event('loadend'));
  }
}
const FakeXHROpen = FakeXHR.prototype.open;
const FakeXHRSend = FakeXHR.prototype.send;

let started: number;
let ended: RequestReport[];
let stops: Array<() => void> = [];
const tick = () => new Promise((r) => setTimeout(r, 0));

function start(ignore: (url: string) => boolean = () => false) {
  const stop = collectNetwork(
    () => started++,
    (r) => ended.push(r),
    ignore,
  );
  stops.push(stop);
  return stop;
}

beforeEach(() => {
  started = 0;
  ended = [];
  FakeXHR.next = 200;
  FakeXHR.opened = [];
});

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  g.fetch = realFetch;
  g.XMLHttpRequest = realXHR;
  FakeXHR.prototype.open = FakeXHROpen;
  FakeXHR.prototype.send = FakeXHRSend;
});

describe('collectNetwork: fetch', () => {
  it('reports the start at once and the status at the end, and hands the page its own response', async () => {
    const response = new Response('{}', { status: 404 });
    const page = vi.fn(async () => response);
    g.fetch = page;
    start();
    const p = fetch('/api/orders/7', { method: 'post', body: 'x' });
    expect(started).toBe(1);
    expect(ended).toEqual([]);
    expect(await p).toBe(response);
    await tick();
    expect(ended).toEqual([{ method: 'POST', url: '/api/orders/7', status: 404 }]);
    expect(page).toHaveBeenCalledWith('/api/orders/7', { method: 'post', body: 'x' });
  });

  it('reads the URL and method of a URL object and of a Request', async () => {
    g.fetch = vi.fn(async () => new Response(null, { status: 204 }));
    start();
    await fetch(new URL('http://localhost:3000/a?b=1'));
    await fetch(new Request('http://localhost:3000/r', { method: 'PUT' }));
    await fetch(new Request('http://localhost:3000/r', { method: 'PUT' }), { method: 'DELETE' });
    await tick();
    expect(ended).toEqual([
      { method: 'GET', url: 'http://localhost:3000/a?b=1', status: 204 },
      { method: 'PUT', url: 'http://localhost:3000/r', status: 204 },
      { method: 'DELETE', url: 'http://localhost:3000/r', status: 204 },
    ]);
  });

  it('reports a network error as status 0, and the page’s promise rejects with the very same error', async () => {
    const failure = new TypeError('Failed to fetch');
    g.fetch = vi.fn(() => Promise.reject(failure));
    start();
    await expect(fetch('https://api.example.com/x')).rejects.toBe(failure);
    await tick();
    expect(ended).toEqual([{ method: 'GET', url: 'https://api.example.com/x', status: 0 }]);
  });

  it('does not report a fetch the page aborted, which rejects with the page’s AbortError as without us', async () => {
    g.fetch = vi.fn(
      (_: unknown, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init!.signal!.addEventListener('abort', () => reject(new DOMException('The user aborted a request.', 'AbortError'))),
        ),
    ) as unknown as typeof fetch;
    start();
    const ctrl = new AbortController();
    const p = fetch('/search?q=a', { signal: ctrl.signal });
    ctrl.abort();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    await tick();
    expect(started).toBe(1);
    expect(ended).toEqual([]);
  });

  it('leaves no unhandled rejection of its own when the page handles its failed fetch', async () => {
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    g.fetch = vi.fn(() => Promise.reject(new TypeError('offline')));
    start();
    await fetch('/x').catch(() => 'handled');
    await tick();
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('throws what the page’s fetch throws synchronously, as it would without us', () => {
    const boom = new TypeError('bad init');
    g.fetch = (() => {
      throw boom;
    }) as unknown as typeof fetch;
    start();
    expect(() => fetch('/x')).toThrow(boom);
  });

  it('never reports ignored URLs (the SDK’s own)', async () => {
    g.fetch = vi.fn(async () => new Response(null, { status: 500 }));
    start((url) => url.startsWith('https://edge.example.com'));
    await fetch('https://edge.example.com/v1/events', { method: 'POST' });
    await fetch('/page/api');
    await tick();
    expect(started).toBe(1);
    expect(ended).toEqual([{ method: 'GET', url: '/page/api', status: 500 }]);
  });

  it('passes garbage arguments through to the page’s fetch', async () => {
    const page = vi.fn(async () => new Response(null, { status: 400 }));
    g.fetch = page;
    start();
    await fetch(undefined as unknown as string);
    await fetch(42 as unknown as string, null as unknown as RequestInit);
    await tick();
    expect(page.mock.calls).toEqual([
      [undefined, undefined],
      [42, null],
    ]);
    expect(ended.map((r) => r.status)).toEqual([400, 400]);
  });

  it('calls the page’s fetch with globalThis as this (no Illegal invocation)', async () => {
    let self: unknown;
    g.fetch = function (this: unknown) {
      self = this;
      return Promise.resolve(new Response());
    } as typeof fetch;
    start();
    await fetch('/x');
    expect(self).toBe(globalThis);
  });

  it('restores fetch on teardown and reports nothing more', async () => {
    const page = vi.fn(async () => new Response(null, { status: 500 }));
    g.fetch = page;
    const stop = start();
    expect(g.fetch).not.toBe(page);
    const inFlight = fetch('/slow');
    stop();
    expect(g.fetch).toBe(page);
    await inFlight;
    await fetch('/after');
    await tick();
    expect(ended).toEqual([]);
  });

  it('leaves a later wrapper in place on teardown', async () => {
    const page = vi.fn(async () => new Response(null, { status: 500 }));
    g.fetch = page;
    const stop = start();
    const ours = g.fetch;
    const theirs = vi.fn((...a: Parameters<typeof fetch>) => ours(...a));
    g.fetch = theirs as typeof fetch;
    stop();
    expect(g.fetch).toBe(theirs);
    await fetch('/x');
    await tick();
    expect(theirs).toHaveBeenCalledTimes(1);
    expect(page).toHaveBeenCalledTimes(1);
    expect(ended).toEqual([]);
  });
});

describe('collectNetwork: XMLHttpRequest', () => {
  beforeEach(() => {
    g.XMLHttpRequest = FakeXHR as unknown as typeof XMLHttpRequest;
  });

  const xhr = () => new XMLHttpRequest();

  it('reports the start on send and the status at loadend', async () => {
    start();
    FakeXHR.next = 503;
    const x = xhr();
    x.open('post', '/api/save');
    expect(started).toBe(0);
    x.send('{"a":1}');
    expect(started).toBe(1);
    expect(ended).toEqual([]);
    await tick();
    expect(ended).toEqual([{ method: 'POST', url: '/api/save', status: 503 }]);
  });

  it('reports a network error as status 0', async () => {
    start();
    FakeXHR.next = 0;
    const x = xhr();
    x.open('GET', new URL('https://api.example.com/x') as unknown as string);
    x.send();
    await tick();
    expect(ended).toEqual([{ method: 'GET', url: 'https://api.example.com/x', status: 0 }]);
  });

  it('passes every open argument through', () => {
    start();
    xhr().open('GET', '/x', false, 'user', 'pw');
    expect(FakeXHR.opened).toEqual([['GET', '/x', false, 'user', 'pw']]);
  });

  it('reports each request once when one XHR is opened and sent again', async () => {
    start();
    const x = xhr();
    FakeXHR.next = 500;
    x.open('GET', '/first');
    x.send();
    await tick();
    FakeXHR.next = 404;
    x.open('PUT', '/second');
    x.send();
    await tick();
    expect(ended).toEqual([
      { method: 'GET', url: '/first', status: 500 },
      { method: 'PUT', url: '/second', status: 404 },
    ]);
  });

  it('reports once when the page calls send twice (the second throws, as without us)', async () => {
    start();
    FakeXHR.next = 500;
    const x = xhr();
    x.open('GET', '/twice');
    x.send();
    expect(() => x.send()).toThrow();
    await tick();
    expect(ended).toEqual([{ method: 'GET', url: '/twice', status: 500 }]);
  });

  it('does not report an aborted request, and reports the next one on the same XHR', async () => {
    start();
    const x = xhr();
    x.open('GET', '/search?q=a');
    x.send();
    x.abort();
    FakeXHR.next = 502;
    x.open('GET', '/search?q=ab');
    x.send();
    await tick();
    expect(started).toBe(2);
    expect(ended).toEqual([{ method: 'GET', url: '/search?q=ab', status: 502 }]);
  });

  it('does not report a send without open, which still throws as without us', async () => {
    start();
    expect(() => xhr().send()).toThrow(/not opened/);
    await tick();
    expect([started, ended]).toEqual([0, []]);
  });

  it('never reports ignored URLs', async () => {
    start((url) => url.includes('/v1/events'));
    const x = xhr();
    x.open('POST', 'https://edge.example.com/v1/events');
    x.send();
    await tick();
    expect([started, ended]).toEqual([0, []]);
  });

  it('restores open and send on teardown', async () => {
    const stop = start();
    expect(FakeXHR.prototype.open).not.toBe(FakeXHROpen);
    stop();
    expect(FakeXHR.prototype.open).toBe(FakeXHROpen);
    expect(FakeXHR.prototype.send).toBe(FakeXHRSend);
    const x = xhr();
    x.open('GET', '/x');
    x.send();
    await tick();
    expect([started, ended]).toEqual([0, []]);
  });

  it('goes quiet for a request that ends after teardown', async () => {
    const stop = start();
    const x = xhr();
    x.open('GET', '/x');
    x.send();
    stop();
    await tick();
    expect(ended).toEqual([]);
  });
});

describe('collectNetwork without fetch or XMLHttpRequest', () => {
  it('does nothing and tears down cleanly', () => {
    const G = globalThis as Record<string, unknown>;
    const f = G.fetch;
    const x = G.XMLHttpRequest;
    delete G.fetch;
    delete G.XMLHttpRequest;
    try {
      const stop = collectNetwork(
        () => started++,
        (r) => ended.push(r),
        () => false,
      );
      expect(G.fetch).toBeUndefined();
      expect(() => stop()).not.toThrow();
    } finally {
      G.fetch = f;
      G.XMLHttpRequest = x;
    }
  });
});
