// The SDK's delivery path: batches events, keeps them in an IndexedDB queue shared by the origin's tabs, sends each once, retries with backoff.
/*
 * Guarantees, and where they stop.
 *
 * Storage. An event is serialised when enqueued (so the caller mutating it later changes nothing)
 * and written to the shared IndexedDB queue (idb-keyval store in the database 'forestall-queue'),
 * unless consent is pending (memory only, nothing sent until setPersist(true)) or IndexedDB is
 * missing, throws or hangs (memory only for the rest of this tab's life). Rows outlive the page: a
 * reload or a closed tab leaves them for whichever tab sends next.
 *
 * One sender. Only the tab holding the Web Lock 'forestall-send' (without Web Locks, a 30 s lease
 * in localStorage) sends, and it drains the whole shared queue oldest first, one batch at a time,
 * re-reading the queue before each batch. IndexedDB runs a connection's transactions in the order
 * they were issued, so an event enqueued during a flush (a write issued before the next read) goes
 * out in the same flush.
 *
 * Nothing sent twice. Rows are deleted only after a 2xx (or a final 4xx), and just before that
 * delete the sender lists their ids in localStorage ('forestall-sent', the newest 500), which is
 * synchronous: if the page dies before the delete commits, the next sender skips and deletes them.
 * Before each request the sender also announces its batch ('forestall-send').
 *
 * On hide (the client calls flushOnHide on pagehide and on visibilitychange to hidden). The tab
 * beacons only its own events that are in no request in flight (its own, or another tab's announced
 * batch) and not listed as delivered, and lists them as delivered before anything else can happen.
 * So an IndexedDB write still pending at hide is harmless (the row may land later, but it is
 * listed, so it is skipped and deleted), and so is a delete issued during unload that never
 * commits. A refused beacon falls back to fetch keepalive; what neither takes stays queued for the
 * next page. While the edge is failing (in backoff), persisted events are not beaconed: a beacon
 * would likely be lost, whereas in IndexedDB they wait for the next page.
 *
 * Limits. The edge deduplicates on the event id, which covers each of these:
 * - A request in flight when the page dies has an unknown fate; its rows stay queued and the next
 *   page sends them again (at-least-once beats losing them).
 * - The localStorage lease, and a hide racing a sender's read, are not atomic across processes:
 *   two tabs acting in the same microsecond can both send an event.
 * - Without localStorage there is no delivered list and no lease: delivery is at-least-once.
 * - The delivered list is bounded. The 'storage' event tells a tab at once that another tab
 *   delivered its events; only a tab that missed it for 500 deliveries could beacon them again.
 * - If IndexedDB fails mid-session, this tab's rows already written may go out both from its memory
 *   and, through another tab, from the queue; the delivered list catches all but a race.
 * - A request that timed out after reaching the edge is sent again; an sdk_dropped report in it
 *   then counts its drops twice.
 * And these are lost, by design: a beacon or keepalive the browser accepted but could not deliver
 * (there is nobody left to retry it), events of a tab without IndexedDB that die with it, and
 * events in a request already in flight when clear() is called still go out.
 *
 * Bounded. At most maxQueue events per tab in memory, the shared queue trimmed to maxQueue (oldest
 * first) by the sender, requests never over maxBatchBytes, the delivered list at 500 ids. Every
 * drop is counted in stats(); drops made here (queue cap, oversized or unserialisable events) are
 * reported to the edge as one 'sdk_dropped' event with props.count in the next request. A 4xx
 * refusal is counted but not reported: the edge knows already, and reporting it could loop.
 */
import type { SdkEvent } from '../wire';
import { backoffDelay, retryAfterMs } from './backoff';
import { SENT_KEY, claim, ls, markSent, othersInFlight, release, sentIds } from './ledger';
import { openQueueStore, type Row } from './queueStore';

export interface TransportOptions {
  /** e.g. 'https://edge.example.com'; trailing slashes are removed. */
  endpoint: string;
  /** The workspace's public key, pk_…. */
  key: string;
  /** false while consent is pending: events stay in memory and nothing is sent. */
  persist: boolean;
  flushIntervalMs?: number;
  /** Flush when this tab has this many events queued; also the most events in one request. */
  maxBatchEvents?: number;
  /** No request body exceeds it; a single event that cannot fit is dropped and counted. */
  maxBatchBytes?: number;
  /** Events this tab keeps, and the shared queue's cap; the oldest are dropped first. */
  maxQueue?: number;
  now?: () => number;
  random?: () => number;
  /** Defaults to globalThis.fetch as it is when the transport is created (before the network collector wraps it). */
  fetch?: typeof fetch;
  /** Told about every failure, for debug logging; the transport carries on regardless. */
  onError?: (err: unknown) => void;
}

export interface TransportStats {
  /** This tab's events not yet delivered (other tabs' rows in the shared queue count there). */
  queued: number;
  dropped: number;
  sent: number;
  retries: number;
}

export interface Transport {
  /** Never throws. */
  enqueue(event: SdkEvent): void;
  /** Sends what is queued now; resolves when done or given up until the next retry. Never rejects. */
  flush(): Promise<void>;
  /** Synchronous best effort, for pagehide and visibilitychange to hidden. */
  flushOnHide(): void;
  /** true (consent given): memory events move to IndexedDB and sending starts. */
  setPersist(persist: boolean): void;
  /** Drops every event this tab queued, and their IndexedDB rows. Never rejects. */
  clear(): Promise<void>;
  /** Stops timers and removes the transport's listener. Never throws. */
  destroy(): void;
  stats(): TransportStats;
}

/** A few seconds: few requests, yet an event reaches the edge while the user is still on the screen. */
export const FLUSH_INTERVAL_MS = 5000;
export const MAX_BATCH_EVENTS = 50;
/** Browsers refuse sendBeacon and keepalive bodies past 64 KB (the Fetch spec's keepalive quota). */
export const MAX_BATCH_BYTES = 64 * 1024;
export const MAX_QUEUE = 1000;
/** A request that hangs must not hold the send lock, and with it every tab's delivery, forever. */
export const SEND_TIMEOUT_MS = 20_000;
/** Longer than a request may take, so a lease never lapses under a sender that is still sending. */
export const LEASE_MS = 30_000;
/** IndexedDB can hang (Safari has left open() pending); past this the tab goes on in memory. */
export const IDB_TIMEOUT_MS = 5000;
/** localStorage: [consecutive failures, no tab sends before]. Shared, so N tabs facing a failing edge do not retry N times as often. */
export const BACKOFF_KEY = 'forestall-backoff';

/** UTF-8 length without allocating a copy; a surrogate pair counts 2 + 2. */
export function utf8Bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 127) n += c > 2047 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

function timeout<T>(p: PromiseLike<T>, ms: number, onTimeout?: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      reject(new Error('forestall: timed out'));
      onTimeout?.();
    }, ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });
}

const idOf = (r: Row) => r.k[1];

interface Packed {
  body: string;
  rows: Row[];
  /** How many drops the sdk_dropped event in this body reports. */
  reported: number;
}

export function createTransport(opts: TransportOptions): Transport {
  const o: Partial<TransportOptions> = opts && typeof opts == 'object' ? opts : {};
  const num = (v: unknown, d: number) => (typeof v == 'number' && v >= 1 && v < 1e9 ? Math.floor(v) : d);
  const maxEvents = num(o.maxBatchEvents, MAX_BATCH_EVENTS);
  const maxBytes = num(o.maxBatchBytes, MAX_BATCH_BYTES);
  const maxQueue = num(o.maxQueue, MAX_QUEUE);
  const now = typeof o.now == 'function' ? o.now : () => Date.now();
  const random = typeof o.random == 'function' ? o.random : Math.random;
  const url = `${String(o.endpoint ?? '').replace(/\/+$/, '')}/v1/events`;
  const key = String(o.key ?? '');
  const send = typeof o.fetch == 'function' ? o.fetch : typeof fetch == 'function' ? fetch.bind(globalThis) : null;
  const fail = (err: unknown) => {
    try {
      o.onError?.(err);
    } catch {
      // a throwing debug hook must not stop delivery
    }
  };
  // randomUUID exists only in secure contexts; the fallback only names the tab and drop reports.
  const uuid = (): string =>
    globalThis.crypto?.randomUUID?.() ??
    'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => ((random() * 16) & 15).toString(16));
  const head = (sentAt: number) => `{"key":${JSON.stringify(key)},"sentAt":${sentAt},"events":[`;
  // What a body adds around its events, at the widest sentAt: an event that fits with it always fits alone.
  const envelope = utf8Bytes(head(1e15)) + 2;
  // Enough batches to drain a full queue; the bound keeps a flush finite if deletes keep failing.
  const rounds = Math.ceil(maxQueue / maxEvents) + 2;
  const tab = uuid();

  let persist = !!o.persist;
  let store = openQueueStore();
  /** This tab's events outside IndexedDB (consent pending, or no IndexedDB), oldest first. */
  let mem: Row[] = [];
  /** This tab's events written (or being written) to IndexedDB and not known to be delivered: what a hide may beacon. */
  const own = new Map<string, Row>();
  /** Ids in this tab's request in flight. */
  const inflight = new Set<string>();
  let dropped = 0;
  let sent = 0;
  let retries = 0;
  /** Drops not yet reported to the edge. */
  let unreported = 0;
  let last: Pick<SdkEvent, 'anonymousId' | 'sessionId' | 'userId' | 'accountId'> | undefined;
  let lastAt = 0;
  let back: [attempt: number, until: number] = [0, 0];
  let running: Promise<void> | undefined;
  let again = false;
  let destroyed = false;
  /** The last read found the shared queue empty: the interval has nothing to do until this tab enqueues. */
  let idle = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const queued = () => own.size + mem.length;
  const lose = (n: number) => {
    dropped += n;
    unreported += n;
  };
  const backoff = (): [number, number] => {
    const b = ls(BACKOFF_KEY);
    return [Math.max(back[0], +b?.[0] || 0), Math.max(back[1], +b?.[1] || 0)];
  };
  const pruneOwn = () => {
    for (const id of sentIds()) own.delete(id);
  };

  /** IndexedDB failed: this tab keeps its events in memory from now on. */
  function broken(err: unknown) {
    if (!store) return;
    fail(err);
    store = null;
    mem = [...own.values(), ...mem];
    own.clear();
  }

  /** Removes delivered or refused rows from wherever this tab holds them. */
  function forget(rows: Row[]) {
    const gone = new Set(rows.map(idOf));
    for (const id of gone) own.delete(id);
    mem = mem.filter((r) => !gone.has(idOf(r)));
    if (store) store.del(rows.map((r) => r.k)).catch(fail);
  }

  function enqueue(event: SdkEvent): void {
    try {
      if (destroyed) return;
      const id = event.id;
      if (typeof id != 'string') throw TypeError('forestall: no event id');
      const j = JSON.stringify(event);
      if (utf8Bytes(j) + envelope > maxBytes) throw RangeError('forestall: event too large');
      last = { anonymousId: event.anonymousId, sessionId: event.sessionId, userId: event.userId, accountId: event.accountId };
      // Fractions keep this tab's keys increasing within a millisecond, so its order survives.
      const row: Row = { k: [(lastAt = Math.max(now(), lastAt + 1e-3)), id], j };
      if (persist && store) {
        own.set(id, row);
        store.put([row]).catch(broken);
      } else mem.push(row);
      // The cap, oldest first; `own` is the older part when both hold events (consent withdrawn later).
      let over = queued() - maxQueue;
      if (over > 0) {
        lose(over);
        const gone: Row[] = [];
        for (const r of own.values()) if (over-- > 0) gone.push(r);
        if (gone.length) forget(gone);
        if (over > 0) mem.splice(0, over);
      }
      if (queued() >= maxEvents) void flush();
    } catch (err) {
      // Unserialisable (cycles, BigInt), oversized or malformed: counted and reported, never thrown.
      lose(1);
      fail(err);
    }
  }

  /** A request body from `rows`, in order, within `limit` bytes, carrying the drop report if it fits. */
  function pack(rows: Row[], limit: number): Packed {
    const start = head(now());
    let size = utf8Bytes(start) + 2;
    const parts: string[] = [];
    const taken: Row[] = [];
    for (const r of rows) {
      const b = utf8Bytes(r.j) + 1;
      if (size + b > limit + 1) break;
      size += b;
      parts.push(r.j);
      taken.push(r);
    }
    let reported = 0;
    if (unreported && last) {
      const e: SdkEvent = { ...last, id: uuid(), type: 'sdk_dropped', at: now(), props: { count: unreported } };
      const report = JSON.stringify(e);
      if (size + utf8Bytes(report) + 1 <= limit + 1) {
        parts.unshift(report);
        reported = unreported;
      }
    }
    return { body: `${start}${parts.join(',')}]}`, rows: taken, reported };
  }

  /** Finished with these rows: delivered (`ok`) or refused for good. */
  function done(p: Packed, ok: boolean) {
    // Listed first, synchronously: the delete in forget() may never commit if the page goes now.
    markSent(p.rows.map(idOf), now());
    forget(p.rows);
    if (ok) sent += p.rows.length;
    else dropped += p.rows.length;
    unreported -= p.reported;
  }

  /** One request under the send lock; true when the next batch may follow. */
  async function post(p: Packed): Promise<boolean> {
    const ids = p.rows.map(idOf);
    for (const id of ids) inflight.add(id);
    claim(tab, now(), now() + LEASE_MS, ids, true);
    let status = 0;
    let wait: number | undefined;
    try {
      const ctrl = typeof AbortController == 'function' ? new AbortController() : undefined;
      const res = await timeout(
        Promise.resolve(
          send!(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
            body: p.body,
            signal: ctrl?.signal,
          }),
        ),
        SEND_TIMEOUT_MS,
        () => ctrl?.abort(),
      );
      status = +res.status || 0;
      wait = retryAfterMs(res.headers?.get('Retry-After'), now());
    } catch (err) {
      fail(err); // network error, timeout, CSP, a fetch that throws: all retried
    }
    for (const id of ids) inflight.delete(id);
    claim(tab, now(), now() + LEASE_MS, [], true);
    const ok = status > 199 && status < 300;
    if (ok || (status > 399 && status < 500 && status != 408 && status != 429)) {
      if (!ok) fail(Error(`forestall: ${status}`));
      done(p, ok);
      if (backoff()[0]) {
        ls(BACKOFF_KEY, null);
        back = [0, 0];
      }
      return true;
    }
    retries++;
    const attempt = backoff()[0] + 1;
    const delay = wait ?? backoffDelay(attempt, random);
    ls(BACKOFF_KEY, (back = [attempt, now() + delay]));
    clearTimeout(retryTimer);
    if (!destroyed) retryTimer = setTimeout(flush, delay);
    return false;
  }

  /** The oldest rows of the shared queue (or of memory), or null when there are none. */
  async function read(): Promise<Row[] | null> {
    if (store) {
      try {
        const { rows, trimmed } = await timeout(store.take(maxEvents, maxQueue), IDB_TIMEOUT_MS);
        lose(trimmed.length);
        for (const r of trimmed) own.delete(idOf(r));
        return rows.length ? rows : null;
      } catch (err) {
        broken(err);
      }
    }
    return mem.length ? mem.slice(0, maxEvents) : null;
  }

  /** Drains the queue, batch by batch; `keep` says whether this tab may go on to another batch. */
  async function drain(keep: () => boolean): Promise<void> {
    for (let i = 0; i < rounds && persist && !destroyed && keep(); i++) {
      const rows = await read();
      idle = !rows;
      if (!rows) return;
      const listed = sentIds();
      // Delivered by some tab already (its delete may not have committed): delete, do not send.
      const stale = rows.filter((r) => listed.has(idOf(r)));
      if (stale.length) forget(stale);
      const fresh = rows.filter((r) => !listed.has(idOf(r)));
      if (!fresh.length) continue;
      const p = pack(fresh, maxBytes);
      if (!p.rows.length) {
        // Only a row written by other code can be this big (enqueue refuses such events).
        forget(fresh.slice(0, 1));
        lose(1);
      } else if (!(await post(p))) return;
    }
  }

  async function round(): Promise<void> {
    if (!persist || destroyed || !send || now() < backoff()[1]) return;
    pruneOwn();
    try {
      const locks = globalThis.navigator?.locks;
      if (typeof locks?.request == 'function') {
        let ran = false;
        try {
          // ifAvailable: when another tab holds the lock, it is draining the shared queue already.
          await locks.request('forestall-send', { ifAvailable: true }, (lock) => lock && ((ran = true), drain(() => true)));
          return;
        } catch (err) {
          fail(err);
          if (ran) return; // otherwise the lock API itself failed (opaque origins): use the lease
        }
      }
      // The lease is taken (or renewed) before each batch; drain stops the moment it is refused.
      await drain(() => claim(tab, now(), now() + LEASE_MS, []));
    } finally {
      release(tab);
    }
  }

  function flush(): Promise<void> {
    if (running) {
      again = true; // asked for mid-flush: one more round once this one ends
      return running;
    }
    const p = (async () => {
      do {
        again = false;
        await round();
      } while (again && !destroyed);
    })()
      .catch(fail)
      .then(() => {
        running = undefined;
      });
    return (running = p);
  }

  /** Hands one body to the browser for delivery after unload; false when nothing took it. */
  function beacon(p: Packed): boolean {
    const nav = globalThis.navigator;
    try {
      const data = typeof Blob == 'function' ? new Blob([p.body], { type: 'text/plain' }) : p.body;
      if (nav?.sendBeacon?.(url, data)) return true;
    } catch (err) {
      fail(err);
    }
    // A refused beacon (quota, extension): fetch keepalive outlives the page as well. A text/plain
    // body and no Authorization header keep it a simple request (no preflight); the key is in the body.
    try {
      Promise.resolve(send!(url, { method: 'POST', body: p.body, keepalive: true, headers: { 'Content-Type': 'text/plain' } })).catch(fail);
      return true;
    } catch (err) {
      fail(err);
      return false;
    }
  }

  function flushOnHide(): void {
    try {
      const t = now();
      if (!persist || destroyed || (store && t < backoff()[1])) return;
      const listed = sentIds();
      const busy = othersInFlight(tab, t);
      let rows = [...own.values(), ...mem].filter((r) => !inflight.has(idOf(r)) && !listed.has(idOf(r)) && !busy.has(idOf(r)));
      while (rows.length) {
        const p = pack(rows, Math.min(maxBytes, MAX_BATCH_BYTES));
        if (!p.rows.length || !beacon(p)) return;
        done(p, true);
        rows = rows.slice(p.rows.length);
      }
    } catch (err) {
      fail(err);
    }
  }

  // Another tab listed deliveries: some may be this tab's events, which a hide must not beacon again.
  const onStorage = (e: StorageEvent) => e.key == SENT_KEY && pruneOwn();
  globalThis.addEventListener?.('storage', onStorage);
  // An idle tab skips the interval (no IndexedDB transaction every few seconds for nothing); rows a
  // closed tab leaves meanwhile go out with this tab's next event, or with the next page's first round.
  const timer = setInterval(() => (queued() || !idle) && flush(), num(o.flushIntervalMs, FLUSH_INTERVAL_MS));

  return {
    enqueue,
    flush,
    flushOnHide,
    setPersist(value) {
      try {
        const was = persist;
        persist = !!value;
        if (!persist || destroyed) return;
        if (store) {
          for (const r of mem) own.set(idOf(r), r);
          if (mem.length) store.put(mem).catch(broken);
          mem = [];
        }
        if (!was) void flush();
      } catch (err) {
        fail(err);
      }
    },
    async clear() {
      try {
        const keys = [...own.values()].map((r) => r.k);
        own.clear();
        mem = [];
        unreported = 0;
        if (store && keys.length) await timeout(store.del(keys), IDB_TIMEOUT_MS);
      } catch (err) {
        fail(err);
      }
    },
    destroy() {
      try {
        destroyed = true;
        clearInterval(timer);
        clearTimeout(retryTimer);
        globalThis.removeEventListener?.('storage', onStorage);
      } catch (err) {
        fail(err);
      }
    },
    stats: () => ({ queued: queued(), dropped, sent, retries }),
  };
}
