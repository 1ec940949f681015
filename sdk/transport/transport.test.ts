// The transport against a scripted edge, fake timers and a fresh fake IndexedDB per test: batching, retries, the queue cap, persistence, tabs, hide, broken browsers.
import { IDBFactory } from 'fake-indexeddb';
import { createStore, keys } from 'idb-keyval';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventBatch, SdkEvent } from '../wire';
import { SENT_KEY } from './ledger';
import { QUEUE_DB } from './queueStore';
import {
  BACKOFF_KEY,
  FLUSH_INTERVAL_MS,
  IDB_TIMEOUT_MS,
  MAX_BATCH_BYTES,
  SEND_TIMEOUT_MS,
  createTransport,
  utf8Bytes,
  type Transport,
  type TransportOptions,
} from './transport';

const ENDPOINT = 'https://edge.test';
const URL_ = `${ENDPOINT}/v1/events`;
const KEY = 'pk_test_1';
const T0 = Date.UTC(2025, 0, 1);

/** An event with a readable, valid UUID: n = 7 gives …-000000000007. */
const ev = (n: number, over: Partial<SdkEvent> = {}): SdkEvent => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  type: 'track',
  name: `e${n}`,
  at: T0 + n,
  anonymousId: 'anon-1',
  sessionId: 'sess-1',
  ...over,
});
const idOf = (n: number) => ev(n).id;
const names = (events: SdkEvent[]) => events.map((e) => e.name ?? e.type);

type Answer = number | Response | Error | 'hang' | Promise<Response>;
interface Call {
  url: string;
  init: RequestInit;
  body: EventBatch;
}

/** A scripted edge: answers in order (202 once the script runs out), recording every request. */
function edge(...answers: Answer[]) {
  const calls: Call[] = [];
  const fetch = vi.fn((url: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {}, body: JSON.parse(String(init?.body)) as EventBatch });
    const a = answers.length ? answers.shift()! : 202;
    if (a === 'hang') return new Promise<Response>(() => {});
    if (a instanceof Error) return Promise.reject(a);
    if (a instanceof Promise) return a;
    return Promise.resolve(typeof a === 'number' ? new Response(null, { status: a }) : a);
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    /** Every event name sent, in order, across requests. */
    sent: () => calls.flatMap((c) => names(c.body.events)),
    ids: () => calls.flatMap((c) => c.body.events.map((e) => e.id)),
  };
}

function deferred() {
  let resolve!: (r: Response) => void;
  const promise = new Promise<Response>((r) => (resolve = r));
  return { promise, answer: (status = 202) => resolve(new Response(null, { status })) };
}

const open: Transport[] = [];
function transport(over: Partial<TransportOptions> = {}): Transport {
  const t = createTransport({ endpoint: ENDPOINT, key: KEY, persist: true, fetch: edge().fetch, ...over });
  open.push(t);
  return t;
}

/** Lets IndexedDB (real setImmediate under fake timers) and promise chains run to quiescence. */
async function settle(turns = 200) {
  for (let i = 0; i < turns; i++) await tick();
}
/** Advances fake time, then lets what it started finish. */
async function advance(ms: number) {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

const queueStore = () => createStore(QUEUE_DB, 'events');
const rowsInIdb = () => keys(queueStore());

/** A navigator.sendBeacon stub that records the bodies (Blobs) it is given. */
function stubBeacon(result: boolean | (() => boolean) = true) {
  const bodies: Blob[] = [];
  const fn = vi.fn((_url: string | URL, data?: BodyInit | null) => {
    bodies.push(data as Blob);
    return typeof result === 'function' ? result() : result;
  });
  Object.defineProperty(navigator, 'sendBeacon', { configurable: true, value: fn });
  return {
    fn,
    bodies,
    batches: () => Promise.all(bodies.map(async (b) => JSON.parse(await b.text()) as EventBatch)),
  };
}

/** Web Locks with ifAvailable, as browsers implement it for one origin. */
function stubLocks() {
  const held = new Set<string>();
  const request = vi.fn(async (name: string, _opts: LockOptions, cb: (lock: Lock | null) => unknown) => {
    if (held.has(name)) return cb(null);
    held.add(name);
    try {
      return await cb({ name, mode: 'exclusive' } as Lock);
    } finally {
      held.delete(name);
    }
  });
  Object.defineProperty(navigator, 'locks', { configurable: true, value: { request } });
  return request;
}

const denied = () => {
  throw new DOMException('denied', 'SecurityError');
};

// window.localStorage may be an own accessor of the window: tests replace it, and this puts it back.
const storageDescriptor = Object.getOwnPropertyDescriptor(window, 'localStorage');
const restoreStorage = () =>
  storageDescriptor
    ? Object.defineProperty(window, 'localStorage', storageDescriptor)
    : delete (window as unknown as Record<string, unknown>).localStorage;

const realIndexedDB = globalThis.indexedDB;
const realFetch = globalThis.fetch;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory(); // a fresh origin: no rows left by another test
  localStorage.clear();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(T0);
  stubBeacon();
});

afterEach(() => {
  for (const t of open.splice(0)) t.destroy();
  globalThis.indexedDB = realIndexedDB;
  globalThis.fetch = realFetch;
  delete (navigator as unknown as Record<string, unknown>).sendBeacon;
  delete (navigator as unknown as Record<string, unknown>).locks;
  restoreStorage();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('batching', () => {
  it('flushes when the queue reaches maxBatchEvents, not before, in order, to the normalised URL with the key', async () => {
    const e = edge();
    const t = transport({ endpoint: `${ENDPOINT}//`, fetch: e.fetch });
    for (let n = 1; n <= 49; n++) t.enqueue(ev(n));
    await settle();
    expect(e.calls).toHaveLength(0);
    t.enqueue(ev(50));
    await settle();
    expect(e.calls).toHaveLength(1);
    const [c] = e.calls;
    expect(c!.url).toBe(URL_);
    expect(c!.init.method).toBe('POST');
    expect(c!.init.headers).toEqual({ 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` });
    expect(c!.body.key).toBe(KEY);
    expect(c!.body.sentAt).toBe(T0);
    expect(names(c!.body.events)).toEqual(Array.from({ length: 50 }, (_, i) => `e${i + 1}`));
    expect(c!.body.events[0]).toEqual(ev(1));
    expect(t.stats()).toEqual({ queued: 0, dropped: 0, sent: 50, retries: 0 });
  });

  it('splits by bytes: no body over 64 KB, every event once, in order', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch });
    const big = (n: number) => ev(n, { props: { blob: 'x'.repeat(10_000), accent: 'é€😀'.repeat(100) } });
    for (let n = 1; n <= 14; n++) t.enqueue(big(n));
    await t.flush();
    expect(e.calls.length).toBe(3);
    for (const c of e.calls) expect(new TextEncoder().encode(String(c.init.body)).length).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(e.sent()).toEqual(Array.from({ length: 14 }, (_, i) => `e${i + 1}`));
  });

  it.each([
    [0, [['e1', 'e2'], ['e3']]],
    [-1, [['e1'], ['e2'], ['e3']]],
  ])('a custom maxBatchBytes is exact: limit = two events %i byte(s) → %j', async (delta, batches) => {
    const e = edge();
    const probe = JSON.stringify({ key: KEY, sentAt: T0, events: [ev(1), ev(2)] });
    const t = transport({ fetch: e.fetch, maxBatchBytes: utf8Bytes(probe) + delta });
    t.enqueue(ev(1));
    t.enqueue(ev(2));
    t.enqueue(ev(3));
    await t.flush();
    expect(e.calls.map((c) => names(c.body.events))).toEqual(batches);
    if (!delta) expect(String(e.calls[0]!.init.body)).toBe(probe);
  });

  it('counts UTF-8 bytes exactly', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'aé€😀z'.repeat(3), '\u0000\u007f\u0080\u07ff\u0800\uffff'])
      expect(utf8Bytes(s)).toBe(new TextEncoder().encode(s).length);
  });

  it('drops (and counts, and reports) a single event larger than a request may be', async () => {
    const e = edge();
    const onError = vi.fn();
    const t = transport({ fetch: e.fetch, onError });
    t.enqueue(ev(1, { props: { blob: 'x'.repeat(MAX_BATCH_BYTES) } }));
    expect(t.stats()).toEqual({ queued: 0, dropped: 1, sent: 0, retries: 0 });
    expect(onError).toHaveBeenCalledWith(expect.any(RangeError));
    t.enqueue(ev(2, { userId: 'u-9' }));
    await t.flush();
    const [report, second] = e.calls[0]!.body.events;
    expect(report).toMatchObject({ type: 'sdk_dropped', anonymousId: 'anon-1', sessionId: 'sess-1', userId: 'u-9', props: { count: 1 } });
    expect(report!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(second).toEqual(ev(2, { userId: 'u-9' }));
  });

  it('flushes on the interval: nothing at 4999 ms, the batch at 5000 ms', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch });
    t.enqueue(ev(1));
    await settle();
    await advance(FLUSH_INTERVAL_MS - 1);
    expect(e.calls).toHaveLength(0);
    await advance(1);
    expect(e.sent()).toEqual(['e1']);
  });

  it('leaves IndexedDB alone on the interval while idle, and drains leftovers on the first round', async () => {
    const count = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys'); // one per read of the queue
    const e = edge();
    const t = transport({ fetch: e.fetch });
    await advance(FLUSH_INTERVAL_MS); // the first round looks for rows a previous page left
    expect(count).toHaveBeenCalledTimes(1);
    await advance(FLUSH_INTERVAL_MS * 3);
    expect(count).toHaveBeenCalledTimes(1);
    t.enqueue(ev(1));
    await advance(FLUSH_INTERVAL_MS);
    expect(e.sent()).toEqual(['e1']);
    const reads = count.mock.calls.length;
    await advance(FLUSH_INTERVAL_MS * 3);
    expect(count).toHaveBeenCalledTimes(reads);
  });

  it('takes flushIntervalMs', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch, flushIntervalMs: 1000 });
    t.enqueue(ev(1));
    await advance(999);
    expect(e.calls).toHaveLength(0);
    await advance(1);
    expect(e.calls).toHaveLength(1);
  });

  it('sends events enqueued during a flush in the same flush, each once', async () => {
    const first = deferred();
    const e = edge(first.promise);
    const t = transport({ fetch: e.fetch });
    t.enqueue(ev(1));
    const flushing = t.flush();
    await settle();
    expect(e.sent()).toEqual(['e1']);
    t.enqueue(ev(2));
    t.enqueue(ev(3));
    first.answer(202);
    await flushing;
    expect(e.calls.map((c) => names(c.body.events))).toEqual([['e1'], ['e2', 'e3']]);
    await t.flush();
    expect(e.calls).toHaveLength(2);
  });

  it('a flush() called mid-flush resolves only after a round that saw what was queued by then', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch });
    const first = t.flush(); // its read is issued now, before the write below
    t.enqueue(ev(1));
    const second = t.flush();
    expect(second).toBe(first);
    await second;
    expect(e.sent()).toEqual(['e1']);
  });

  it('keeps enqueue order within one millisecond, whatever the ids', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch });
    for (const n of [3, 1, 2]) t.enqueue(ev(n));
    await t.flush();
    expect(e.sent()).toEqual(['e3', 'e1', 'e2']);
  });

  it('never mutates the event, and a later mutation by the caller does not change what is sent', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch });
    const event = ev(1, { props: { step: 1 } });
    const frozen = Object.freeze({ ...ev(2), props: Object.freeze({ a: 1 }) });
    t.enqueue(event);
    t.enqueue(frozen);
    (event.props as Record<string, number>).step = 2;
    await t.flush();
    expect(e.calls[0]!.body.events).toEqual([ev(1, { props: { step: 1 } }), ev(2, { props: { a: 1 } })]);
  });
});

describe('retries', () => {
  it('backs off exponentially with full jitter (random 0.5: 500, 1000, 2000 ms), then delivers once', async () => {
    const e = edge(503, 503, 503, 202);
    const t = transport({ fetch: e.fetch, random: () => 0.5 });
    t.enqueue(ev(1));
    await t.flush();
    expect(e.calls).toHaveLength(1);
    for (const [delay, calls] of [
      [500, 2],
      [1000, 3],
      [2000, 4],
    ] as const) {
      await advance(delay - 1);
      expect(e.calls).toHaveLength(calls - 1);
      await advance(1);
      expect(e.calls).toHaveLength(calls);
    }
    expect(e.sent()).toEqual(['e1', 'e1', 'e1', 'e1']);
    expect(t.stats()).toEqual({ queued: 0, dropped: 0, sent: 1, retries: 3 });
    await advance(60_000);
    expect(e.calls).toHaveLength(4);
    expect(localStorage.getItem(BACKOFF_KEY)).toBeNull();
  });

  it('stays inside the jitter bounds: random 0 retries at once, random just under 1 just under the ceiling', async () => {
    const e = edge(500, 500, 500);
    const r = [0, 0.9999];
    const t = transport({ fetch: e.fetch, random: () => r.shift() ?? 0 });
    t.enqueue(ev(1));
    await t.flush();
    await settle();
    expect(e.calls).toHaveLength(1);
    await advance(0);
    expect(e.calls).toHaveLength(2); // attempt 1, random 0: delay 0
    await advance(1998); // attempt 2: ceiling 2000, random 0.9999: 1999
    expect(e.calls).toHaveLength(2);
    await advance(1);
    expect(e.calls).toHaveLength(3);
  });

  it('waits out the interval and explicit flushes while backing off', async () => {
    const e = edge(503);
    const t = transport({ fetch: e.fetch, random: () => 0.99 }); // ~990 ms
    t.enqueue(ev(1));
    await t.flush();
    await t.flush();
    await advance(900);
    expect(e.calls).toHaveLength(1);
    await advance(100);
    expect(e.calls).toHaveLength(2);
  });

  it('honours Retry-After in seconds exactly, instead of the jittered delay', async () => {
    const e = edge(new Response(null, { status: 429, headers: { 'Retry-After': '7' } }));
    const t = transport({ fetch: e.fetch, random: () => 0 });
    t.enqueue(ev(1));
    await t.flush();
    await advance(6999);
    expect(e.calls).toHaveLength(1);
    await advance(1);
    expect(e.calls).toHaveLength(2);
  });

  it('honours Retry-After as an HTTP date', async () => {
    const at = new Date(T0 + 30_000).toUTCString();
    const e = edge(new Response(null, { status: 503, headers: { 'Retry-After': at } }));
    const t = transport({ fetch: e.fetch, random: () => 0 });
    t.enqueue(ev(1));
    await t.flush();
    await advance(29_999);
    expect(e.calls).toHaveLength(1);
    await advance(1);
    expect(e.calls).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 413, 422])('drops a batch answered %i: counted, deleted, never retried', async (status) => {
    const e = edge(status);
    const onError = vi.fn();
    const t = transport({ fetch: e.fetch, onError });
    t.enqueue(ev(1));
    t.enqueue(ev(2));
    await t.flush();
    expect(t.stats()).toEqual({ queued: 0, dropped: 2, sent: 0, retries: 0 });
    expect(onError).toHaveBeenCalled();
    await advance(10 * 60_000);
    expect(e.calls).toHaveLength(1);
    await settle();
    expect(await rowsInIdb()).toEqual([]);
    // a refusal is not reported back as sdk_dropped (the edge knows; a 401 would loop)
    t.enqueue(ev(3));
    await t.flush();
    expect(names(e.calls[1]!.body.events)).toEqual(['e3']);
  });

  it.each([408, 429, 500, 502, 503, 504])('retries a batch answered %i and keeps its rows', async (status) => {
    const e = edge(status, 202);
    const t = transport({ fetch: e.fetch, random: () => 0.5 });
    t.enqueue(ev(1));
    await t.flush();
    expect(t.stats()).toMatchObject({ queued: 1, dropped: 0, retries: 1 });
    await settle();
    expect(await rowsInIdb()).toHaveLength(1);
    await advance(500);
    expect(e.sent()).toEqual(['e1', 'e1']);
    expect(t.stats()).toMatchObject({ queued: 0, sent: 1 });
  });

  it('retries a network error (rejected fetch) and a fetch that throws synchronously', async () => {
    const e = edge(new TypeError('Failed to fetch'));
    let calls = 0;
    const fetch = vi.fn((url: RequestInfo | URL, init?: RequestInit) => {
      if (++calls === 2) throw new TypeError('blocked by CSP');
      return e.fetch(url, init);
    }) as unknown as typeof globalThis.fetch;
    const onError = vi.fn();
    const t = transport({ fetch, random: () => 0.5, onError });
    t.enqueue(ev(1));
    await expect(t.flush()).resolves.toBeUndefined();
    expect(t.stats().retries).toBe(1);
    await advance(500); // the synchronous throw
    expect(t.stats().retries).toBe(2);
    await advance(1000);
    expect(e.sent()).toEqual(['e1', 'e1']); // the throw never reached the edge
    expect(t.stats()).toMatchObject({ sent: 1, retries: 2 });
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('gives up on a request that hangs after SEND_TIMEOUT_MS, aborts it, and retries', async () => {
    const e = edge('hang');
    const t = transport({ fetch: e.fetch, random: () => 0.5 });
    t.enqueue(ev(1));
    const flushing = t.flush();
    await settle();
    expect(e.calls).toHaveLength(1);
    await advance(SEND_TIMEOUT_MS);
    await flushing;
    expect((e.calls[0]!.init.signal as AbortSignal).aborted).toBe(true);
    expect(t.stats().retries).toBe(1);
    await advance(500);
    expect(e.calls).toHaveLength(2);
    expect(t.stats().sent).toBe(1);
  });

  it('shares the backoff with other tabs: a second tab does not hit a failing edge', async () => {
    const e = edge(503);
    const a = transport({ fetch: e.fetch, random: () => 0.5 });
    const b = transport({ fetch: e.fetch, random: () => 0.5 });
    a.enqueue(ev(1));
    await a.flush();
    b.enqueue(ev(2));
    await b.flush();
    expect(e.calls).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem(BACKOFF_KEY)!)).toEqual([1, T0 + 500]);
    await advance(500);
    expect(new Set(e.ids())).toEqual(new Set([idOf(1), idOf(2)]));
  });
});

describe('the bounded queue', () => {
  it('drops the oldest past maxQueue, counts them, and reports them as one sdk_dropped event', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch, maxQueue: 3 });
    for (let n = 1; n <= 5; n++) t.enqueue(ev(n, n === 5 ? { sessionId: 'sess-2' } : {}));
    expect(t.stats()).toEqual({ queued: 3, dropped: 2, sent: 0, retries: 0 });
    await t.flush();
    const events = e.calls[0]!.body.events;
    expect(names(events)).toEqual(['sdk_dropped', 'e3', 'e4', 'e5']);
    expect(events[0]).toMatchObject({ anonymousId: 'anon-1', sessionId: 'sess-2', at: T0, props: { count: 2 } });
    expect(t.stats()).toEqual({ queued: 0, dropped: 2, sent: 3, retries: 0 });
    t.enqueue(ev(6));
    await t.flush();
    expect(names(e.calls[1]!.body.events)).toEqual(['e6']); // reported once
  });

  it('keeps the report until a request carrying it succeeds', async () => {
    const e = edge(503);
    const t = transport({ fetch: e.fetch, maxQueue: 1, random: () => 0 });
    t.enqueue(ev(1));
    t.enqueue(ev(2));
    await t.flush();
    await advance(0);
    expect(e.calls.map((c) => names(c.body.events))).toEqual([
      ['sdk_dropped', 'e2'],
      ['sdk_dropped', 'e2'],
    ]);
    expect(e.calls[1]!.body.events[0]!.props).toEqual({ count: 1 });
    t.enqueue(ev(3));
    await t.flush();
    expect(names(e.calls[2]!.body.events)).toEqual(['e3']);
  });

  it('trims the shared queue to maxQueue, oldest first, across tabs', async () => {
    const e = edge();
    const a = transport({ fetch: e.fetch, maxQueue: 5 });
    const b = transport({ fetch: e.fetch, maxQueue: 5 });
    for (let n = 1; n <= 3; n++) a.enqueue(ev(n));
    await Promise.resolve(); // tab a's task ends: its rows are written
    vi.setSystemTime(T0 + 1);
    for (let n = 4; n <= 7; n++) b.enqueue(ev(n));
    await b.flush();
    expect(e.sent()).toEqual(['sdk_dropped', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(e.calls[0]!.body.events[0]!.props).toEqual({ count: 2 });
    expect(b.stats().dropped).toBe(2);
  });

  it('drops, counts and reports events that cannot be serialised or have no id, without throwing', async () => {
    const e = edge();
    const onError = vi.fn();
    const t = transport({ fetch: e.fetch, onError });
    const props: Record<string, unknown> = {};
    const cyclic = { ...ev(1), props } as unknown as SdkEvent;
    props.self = cyclic;
    expect(() => t.enqueue(cyclic)).not.toThrow();
    expect(() => t.enqueue({ ...ev(2), props: { n: 10n } } as unknown as SdkEvent)).not.toThrow();
    expect(() => t.enqueue(null as unknown as SdkEvent)).not.toThrow();
    expect(() => t.enqueue({} as SdkEvent)).not.toThrow();
    expect(() => t.enqueue('event' as unknown as SdkEvent)).not.toThrow();
    expect(t.stats()).toEqual({ queued: 0, dropped: 5, sent: 0, retries: 0 });
    expect(onError).toHaveBeenCalledTimes(5);
    t.enqueue(ev(3));
    await t.flush();
    expect(e.calls[0]!.body.events[0]).toMatchObject({ type: 'sdk_dropped', props: { count: 5 } });
  });
});

describe('persistence', () => {
  it('keeps events across a reload and sends them once', async () => {
    const first = edge();
    const a = transport({ fetch: first.fetch });
    for (let n = 1; n <= 3; n++) a.enqueue(ev(n));
    await settle();
    a.destroy(); // the page goes away without sending
    expect(first.calls).toHaveLength(0);
    expect(await rowsInIdb()).toHaveLength(3);

    const second = edge();
    const b = transport({ fetch: second.fetch });
    await b.flush();
    expect(second.sent()).toEqual(['e1', 'e2', 'e3']);
    await b.flush();
    await advance(FLUSH_INTERVAL_MS);
    expect(second.calls).toHaveLength(1);
    expect(await rowsInIdb()).toEqual([]);

    const third = edge();
    await transport({ fetch: third.fetch }).flush();
    expect(third.calls).toHaveLength(0);
  });

  it('does not resend rows whose delete never committed: the delivered list skips and deletes them', async () => {
    const e = edge();
    const a = transport({ fetch: e.fetch });
    a.enqueue(ev(1));
    a.enqueue(ev(2));
    await settle();
    const del = vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(() => ({}) as IDBRequest);
    await a.flush();
    await settle();
    expect(await rowsInIdb()).toHaveLength(2); // delivered, but the page "died" before the delete
    del.mockRestore();
    a.destroy();

    const again = edge();
    const b = transport({ fetch: again.fetch });
    b.enqueue(ev(3));
    await b.flush();
    expect(again.sent()).toEqual(['e3']);
    await settle();
    expect(await rowsInIdb()).toEqual([]);
  });

  it('persist=false keeps events in memory only and sends nothing until setPersist(true)', async () => {
    const e = edge();
    const beacon = stubBeacon();
    const t = transport({ fetch: e.fetch, persist: false });
    for (let n = 1; n <= 60; n++) t.enqueue(ev(n)); // past maxBatchEvents too
    await t.flush();
    t.flushOnHide();
    await advance(FLUSH_INTERVAL_MS * 3);
    expect(e.calls).toHaveLength(0);
    expect(beacon.fn).not.toHaveBeenCalled();
    expect(await rowsInIdb()).toEqual([]);
    expect(t.stats().queued).toBe(60);

    t.setPersist(true);
    await settle();
    expect(e.sent()).toEqual(Array.from({ length: 60 }, (_, i) => `e${i + 1}`));
    expect(await rowsInIdb()).toEqual([]);
    expect(t.stats()).toEqual({ queued: 0, dropped: 0, sent: 60, retries: 0 });
  });

  it('setPersist(true) moves memory events into IndexedDB, so they survive a reload', async () => {
    const t = transport({ fetch: edge(503).fetch, persist: false, random: () => 0.5 });
    t.enqueue(ev(1));
    t.setPersist(true);
    await settle();
    t.destroy();
    expect(await rowsInIdb()).toHaveLength(1);
    vi.setSystemTime(T0 + 1000);
    const e = edge();
    await transport({ fetch: e.fetch }).flush();
    expect(e.sent()).toEqual(['e1']);
  });

  it('clear() drops this tab’s events and their rows, and the pending drop report', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch, maxQueue: 2 });
    for (let n = 1; n <= 3; n++) t.enqueue(ev(n));
    await expect(t.clear()).resolves.toBeUndefined();
    expect(t.stats().queued).toBe(0);
    await t.flush();
    expect(e.calls).toHaveLength(0);
    expect(await rowsInIdb()).toEqual([]);
    await transport({ fetch: e.fetch }).flush();
    expect(e.calls).toHaveLength(0);
    t.enqueue(ev(4));
    await t.flush();
    expect(e.sent()).toEqual(['e4']);
  });

  it('clear() in memory mode (consent pending) drops everything', async () => {
    const e = edge();
    const t = transport({ fetch: e.fetch, persist: false });
    t.enqueue(ev(1));
    await t.clear();
    t.setPersist(true);
    await settle();
    expect(e.calls).toHaveLength(0);
  });
});

describe('tabs', () => {
  async function twoTabs(locks: boolean) {
    if (locks) stubLocks();
    const gate = deferred();
    const e = edge(gate.promise);
    const a = transport({ fetch: e.fetch });
    const b = transport({ fetch: e.fetch });
    for (let n = 1; n <= 5; n++) a.enqueue(ev(n));
    for (let n = 6; n <= 10; n++) b.enqueue(ev(n));
    await settle();
    const flushes = [a.flush(), b.flush(), a.flush(), b.flush()];
    await settle();
    expect(e.calls).toHaveLength(1); // one tab sends; the other stands aside
    gate.answer(202);
    await Promise.all(flushes);
    await Promise.all([a.flush(), b.flush()]);
    await advance(FLUSH_INTERVAL_MS * 2);
    expect(e.ids().sort()).toEqual(Array.from({ length: 10 }, (_, i) => idOf(i + 1)).sort());
    expect(await rowsInIdb()).toEqual([]);
    return e;
  }

  it('two tabs on one queue never send the same event twice (Web Locks)', async () => {
    await twoTabs(true);
    expect((navigator.locks.request as ReturnType<typeof vi.fn>).mock.calls[0]![0]).toBe('forestall-send');
  });

  it('two tabs on one queue never send the same event twice (localStorage lease)', async () => {
    expect(navigator.locks).toBeNull(); // happy-dom has no Web Locks: the lease is what is tested
    await twoTabs(false);
  });

  it('one tab sends the other tab’s events, and the other tab then neither beacons them nor counts them', async () => {
    const e = edge();
    const beacon = stubBeacon();
    const a = transport({ fetch: e.fetch });
    const b = transport({ fetch: e.fetch });
    a.enqueue(ev(1));
    await settle();
    await b.flush();
    expect(e.sent()).toEqual(['e1']);
    expect(a.stats().queued).toBe(1); // a has not looked yet
    await a.flush();
    expect(a.stats().queued).toBe(0);
    a.enqueue(ev(2));
    a.flushOnHide();
    expect(names((await beacon.batches())[0]!.events)).toEqual(['e2']);
  });

  it('the storage event tells a tab at once that another tab delivered its events', async () => {
    const a = transport();
    a.enqueue(ev(1));
    expect(a.stats().queued).toBe(1);
    localStorage.setItem(SENT_KEY, JSON.stringify([idOf(1)]));
    window.dispatchEvent(new StorageEvent('storage', { key: SENT_KEY }));
    expect(a.stats().queued).toBe(0);
  });

  it('a tab hiding while another tab’s request carries its events leaves them to that request', async () => {
    const gate = deferred();
    const e = edge(gate.promise);
    const beacon = stubBeacon();
    const a = transport({ fetch: e.fetch });
    const b = transport({ fetch: e.fetch });
    a.enqueue(ev(1));
    await settle();
    const flushing = b.flush();
    await settle();
    expect(e.sent()).toEqual(['e1']);
    a.enqueue(ev(2));
    a.flushOnHide();
    expect(beacon.fn).toHaveBeenCalledTimes(1);
    expect(names((await beacon.batches())[0]!.events)).toEqual(['e2']);
    gate.answer(202);
    await flushing;
    await b.flush();
    await transport({ fetch: e.fetch }).flush();
    expect(e.sent()).toEqual(['e1']);
  });

  it('a claim left by a tab that died lapses, and its rows are then sent', async () => {
    const e = edge();
    const beacon = stubBeacon();
    localStorage.setItem('forestall-send', JSON.stringify(['dead', T0 + 30_000, [idOf(1)]]));
    const a = transport({ fetch: e.fetch });
    a.enqueue(ev(1));
    await a.flush();
    expect(e.calls).toHaveLength(0); // the lease is still the dead tab's
    a.flushOnHide();
    expect(beacon.fn).not.toHaveBeenCalled();
    vi.setSystemTime(T0 + 30_000);
    await a.flush();
    expect(e.sent()).toEqual(['e1']);
  });
});

describe('hide', () => {
  it('beacons the tab’s events as text/plain with the key in the body, and a new page does not resend them', async () => {
    const e = edge();
    const beacon = stubBeacon();
    const a = transport({ fetch: e.fetch });
    for (let n = 1; n <= 3; n++) a.enqueue(ev(n));
    await Promise.resolve(); // the task ends: its rows' write is issued
    // The IndexedDB writes are still pending, and the delete issued now never commits.
    const del = vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(() => ({}) as IDBRequest);
    a.flushOnHide();
    expect(beacon.fn).toHaveBeenCalledTimes(1);
    expect(beacon.fn.mock.calls[0]![0]).toBe(URL_);
    expect(beacon.bodies[0]!.type).toBe('text/plain');
    const [batch] = await beacon.batches();
    expect(batch).toEqual({ key: KEY, sentAt: T0, events: [ev(1), ev(2), ev(3)] });
    expect(a.stats()).toEqual({ queued: 0, dropped: 0, sent: 3, retries: 0 });
    a.flushOnHide();
    expect(beacon.fn).toHaveBeenCalledTimes(1);
    await settle();
    expect(await rowsInIdb()).toHaveLength(3); // the writes landed, the deletes did not
    del.mockRestore();
    a.destroy();

    const b = transport({ fetch: e.fetch });
    await b.flush();
    expect(e.calls).toHaveLength(0);
    await settle();
    expect(await rowsInIdb()).toEqual([]);
  });

  it('writes the events of one task in one IndexedDB transaction, and none a hide in that task delivered', async () => {
    const e = edge();
    const beacon = stubBeacon();
    const put = vi.spyOn(IDBObjectStore.prototype, 'put');
    const a = transport({ fetch: e.fetch });
    for (let n = 1; n <= 3; n++) a.enqueue(ev(n));
    expect(put).not.toHaveBeenCalled();
    await settle();
    expect(put).toHaveBeenCalledTimes(3);
    expect(new Set(put.mock.contexts.map((store) => (store as IDBObjectStore).transaction)).size).toBe(1);
    expect(await rowsInIdb()).toHaveLength(3);

    a.enqueue(ev(4));
    a.flushOnHide(); // pagehide in the same task: the beacon has it, nothing is left to write
    await settle();
    expect(beacon.fn).toHaveBeenCalledTimes(1);
    expect(put).toHaveBeenCalledTimes(3);
    a.destroy();
  });

  it('does not send what another tab beaconed while this one was reading the shared queue', async () => {
    const e = edge();
    const beacon = stubBeacon();
    const a = transport({ fetch: e.fetch });
    const b = transport({ fetch: e.fetch });
    for (let n = 1; n <= 3; n++) b.enqueue(ev(n));
    await settle(); // b's rows are in the shared queue
    // b hides, beaconing its own events, while a is reading the queue.
    const getAllKeys = IDBObjectStore.prototype.getAllKeys;
    const read = vi.spyOn(IDBObjectStore.prototype, 'getAllKeys').mockImplementation(function (this: IDBObjectStore, ...args) {
      const r = getAllKeys.apply(this, args);
      b.flushOnHide();
      return r;
    });
    await a.flush();
    read.mockRestore();
    expect(beacon.fn).toHaveBeenCalledTimes(1);
    expect(e.sent()).toEqual([]);
    await settle();
    expect(await rowsInIdb()).toEqual([]);
    a.destroy();
    b.destroy();
  });

  it('leaves events in this tab’s request in flight alone, and beacons the rest', async () => {
    const gate = deferred();
    const e = edge(gate.promise);
    const beacon = stubBeacon();
    const t = transport({ fetch: e.fetch });
    t.enqueue(ev(1));
    t.enqueue(ev(2));
    const flushing = t.flush();
    await settle();
    t.enqueue(ev(3));
    t.flushOnHide();
    expect(names((await beacon.batches())[0]!.events)).toEqual(['e3']);
    gate.answer(202);
    await flushing;
    await t.flush();
    await transport({ fetch: e.fetch }).flush();
    expect(e.sent()).toEqual(['e1', 'e2']);
    expect(t.stats()).toEqual({ queued: 0, dropped: 0, sent: 3, retries: 0 });
  });

  it('splits beacons at 64 KB and carries the drop report', async () => {
    const beacon = stubBeacon();
    const t = transport({ maxQueue: 10 });
    for (let n = 1; n <= 12; n++) t.enqueue(ev(n, { props: { blob: 'x'.repeat(20_000) } }));
    t.flushOnHide();
    const batches = await beacon.batches();
    expect(batches.map((b) => names(b.events))).toEqual([
      ['sdk_dropped', 'e3', 'e4', 'e5'],
      ['e6', 'e7', 'e8'],
      ['e9', 'e10', 'e11'],
      ['e12'],
    ]);
    for (const b of beacon.bodies) expect(b.size).toBeLessThanOrEqual(MAX_BATCH_BYTES);
  });

  it('falls back to fetch keepalive when sendBeacon refuses or throws: simple request, no Authorization', async () => {
    for (const refuse of [() => false, () => { throw new TypeError('Illegal invocation'); }]) {
      localStorage.clear();
      const e = edge();
      stubBeacon(refuse);
      const t = transport({ fetch: e.fetch });
      t.enqueue(ev(1));
      t.flushOnHide();
      expect(e.calls).toHaveLength(1);
      const { init, body } = e.calls[0]!;
      expect(init).toMatchObject({ method: 'POST', keepalive: true });
      expect(init.headers).toEqual({ 'Content-Type': 'text/plain' });
      expect(body.key).toBe(KEY);
      await t.flush();
      await transport({ fetch: e.fetch }).flush();
      expect(e.calls).toHaveLength(1);
      t.destroy();
    }
  });

  it('when neither sendBeacon nor fetch takes the events, they stay queued for the next flush', async () => {
    stubBeacon(false);
    let broken = true;
    const e = edge();
    const fetch = vi.fn((url: RequestInfo | URL, init?: RequestInit) => {
      if (broken) throw new TypeError('fetch blocked');
      return e.fetch(url, init);
    }) as unknown as typeof globalThis.fetch;
    const t = transport({ fetch });
    t.enqueue(ev(1));
    expect(() => t.flushOnHide()).not.toThrow();
    expect(t.stats().queued).toBe(1);
    broken = false;
    await t.flush();
    expect(e.sent()).toEqual(['e1']);
  });

  it('does not beacon persisted events while the edge is failing: they wait in IndexedDB for the next page', async () => {
    const beacon = stubBeacon();
    const t = transport({ fetch: edge(503).fetch, random: () => 0.5 });
    t.enqueue(ev(1));
    await t.flush();
    t.flushOnHide();
    expect(beacon.fn).not.toHaveBeenCalled();
    expect(await rowsInIdb()).toHaveLength(1);
  });

  it('does nothing after destroy()', () => {
    const beacon = stubBeacon();
    const t = transport();
    t.enqueue(ev(1));
    t.destroy();
    t.flushOnHide();
    expect(beacon.fn).not.toHaveBeenCalled();
  });
});

describe('broken browsers', () => {
  it('falls back to memory when indexedDB.open throws, and still delivers', async () => {
    vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const e = edge();
    const onError = vi.fn();
    const t = transport({ fetch: e.fetch, onError });
    t.enqueue(ev(1));
    t.enqueue(ev(2));
    await settle();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ name: 'SecurityError' }));
    expect(t.stats().queued).toBe(2);
    await t.flush();
    expect(e.sent()).toEqual(['e1', 'e2']);
    t.enqueue(ev(3));
    t.flushOnHide();
    expect(t.stats()).toEqual({ queued: 0, dropped: 0, sent: 3, retries: 0 });
  });

  it('falls back to memory where there is no IndexedDB at all', async () => {
    (globalThis as { indexedDB?: IDBFactory }).indexedDB = undefined;
    const e = edge(503, 202);
    const t = transport({ fetch: e.fetch, random: () => 0.5 });
    t.enqueue(ev(1));
    await t.flush();
    await advance(500);
    expect(e.sent()).toEqual(['e1', 'e1']);
    expect(t.stats()).toMatchObject({ queued: 0, sent: 1 });
  });

  it('falls back to memory when IndexedDB hangs (open never answers)', async () => {
    vi.spyOn(globalThis.indexedDB, 'open').mockImplementation(() => ({}) as IDBOpenDBRequest);
    const e = edge();
    const t = transport({ fetch: e.fetch });
    t.enqueue(ev(1));
    const flushing = t.flush();
    await settle();
    expect(e.calls).toHaveLength(0);
    await advance(IDB_TIMEOUT_MS);
    await flushing;
    expect(e.sent()).toEqual(['e1']);
  });

  it('falls back to memory when a write fails (quota), keeping the events', async () => {
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const e = edge();
    const t = transport({ fetch: e.fetch });
    t.enqueue(ev(1));
    await settle();
    vi.restoreAllMocks();
    t.enqueue(ev(2));
    await t.flush();
    expect(e.sent()).toEqual(['e1', 'e2']);
  });

  it.each([
    ['every localStorage method throws (Safari private mode)', { getItem: denied, setItem: denied, removeItem: denied }],
    ['reading window.localStorage throws (storage blocked)', denied],
  ])('works when %s', async (_, storage) => {
    Object.defineProperty(window, 'localStorage', { configurable: true, get: typeof storage === 'function' ? storage : () => storage });
    const e = edge(503);
    const beacon = stubBeacon();
    const t = transport({ fetch: e.fetch, random: () => 0.5 });
    t.enqueue(ev(1));
    await expect(t.flush()).resolves.toBeUndefined();
    await advance(500);
    expect(e.sent()).toEqual(['e1', 'e1']);
    t.enqueue(ev(2));
    expect(() => t.flushOnHide()).not.toThrow();
    expect(names((await beacon.batches())[0]!.events)).toEqual(['e2']);
  });

  it('works without fetch: nothing is sent, hide still beacons', async () => {
    (globalThis as { fetch?: typeof fetch }).fetch = undefined;
    const beacon = stubBeacon();
    const t = createTransport({ endpoint: ENDPOINT, key: KEY, persist: true });
    open.push(t);
    t.enqueue(ev(1));
    await expect(t.flush()).resolves.toBeUndefined();
    t.flushOnHide();
    expect(beacon.fn).toHaveBeenCalledTimes(1);
  });

  it('survives a throwing onError hook, a Web Locks API that throws, and garbage options', async () => {
    Object.defineProperty(navigator, 'locks', {
      configurable: true,
      value: {
        request: () => {
          throw new DOMException('opaque origin', 'SecurityError');
        },
      },
    });
    const e = edge(400);
    const t = transport({
      fetch: e.fetch,
      onError: () => {
        throw new Error('hook');
      },
      maxBatchEvents: -1,
      maxBatchBytes: Number.NaN,
      maxQueue: Infinity,
      flushIntervalMs: 0,
    });
    t.enqueue(ev(1));
    await expect(t.flush()).resolves.toBeUndefined();
    expect(e.sent()).toEqual(['e1']); // sent under the lease instead
    expect(t.stats().dropped).toBe(1);
    const odd = createTransport(undefined as unknown as TransportOptions);
    open.push(odd);
    expect(() => odd.enqueue(ev(2))).not.toThrow();
    await expect(odd.flush()).resolves.toBeUndefined();
    await expect(odd.clear()).resolves.toBeUndefined();
  });
});

describe('destroy', () => {
  it('stops the interval and a pending retry, and removes its storage listener', async () => {
    const e = edge(503);
    const removed = vi.spyOn(window, 'removeEventListener');
    const t = transport({ fetch: e.fetch, random: () => 0.5 });
    t.enqueue(ev(1));
    await t.flush();
    expect(vi.getTimerCount()).toBe(2); // the interval and the retry
    t.destroy();
    expect(vi.getTimerCount()).toBe(0);
    expect(removed).toHaveBeenCalledWith('storage', expect.any(Function));
    await advance(10 * 60_000);
    expect(e.calls).toHaveLength(1);
    t.enqueue(ev(2));
    await t.flush();
    expect(e.calls).toHaveLength(1);
    expect(() => t.destroy()).not.toThrow();
  });
});
