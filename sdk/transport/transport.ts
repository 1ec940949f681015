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
 * Before each request the sender also announces its batch ('forestall-send'); the announcement
 * stands until its next batch or the end of its round.
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
import { delMany, setMany, type UseStore } from 'idb-keyval';
import type { SdkEvent } from '../wire';
import { backoffDelay, retryAfterMs } from './backoff';
import { SEND_KEY, SENT_KEY, claim, ls, markSent, othersInFlight, release, sentIds } from './ledger';
import { openQueueStore, take, type Row } from './queueStore';

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

/** UTF-8 length (JSON.stringify escapes lone surrogates, so what is measured is what is sent). */
let encoder: TextEncoder | undefined;
export const utf8Bytes = (s: string): number => (encoder ||= new TextEncoder()).encode(s).length;

/** `p`, or a rejection after `ms` (calling `onTimeout`); the timer is cleared either way. */
function timeout<T>(p: PromiseLike<T>, ms: number, onTimeout?: () => void): Promise<T> {
  let t: ReturnType<typeof setTimeout>;
  return new Promise<T>((resolve, reject) => {
    t = setTimeout(() => {
      reject(Error('timeout'));
      onTimeout?.();
    }, ms);
    p.then(resolve, reject);
  }).finally(() => clearTimeout(t));
}

const idOf = (r: Row) => r[0][1];

/** A request body, the rows in it, and how many drops the sdk_dropped event in it reports. */
type Packed = [body: string, rows: Row[], reported: number];

export function createTransport(opts: TransportOptions): Transport {
  const o: Partial<TransportOptions> = Object(opts);
  const num = (v: any, d: number): number => (v >= 1 && v < 1e9 ? Math.floor(v) : d);
  const maxEvents = num(o.maxBatchEvents, MAX_BATCH_EVENTS);
  const maxBytes = num(o.maxBatchBytes, MAX_BATCH_BYTES);
  const maxQueue = num(o.maxQueue, MAX_QUEUE);
  const now = o.now || (() => Date.now());
  const random = o.random || Math.random;
  const url = `${o.endpoint ?? ''}`.replace(/\/+$/, '') + '/v1/events';
  const key = `${o.key ?? ''}`;
  const send = o.fetch || globalThis.fetch?.bind(globalThis);
  const fail = (err: unknown) => {
    try {
      o.onError?.(err);
    } catch {
      // a throwing debug hook must not stop delivery
    }
  };
  /** Runs `f`; what it throws goes to onError, never to the host. */
  const attempt = <T>(f: () => T): T | undefined => {
    try {
      return f();
    } catch (err) {
      fail(err);
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
  const lease = (ids: string[], force?: boolean) => claim(tab, now(), now() + LEASE_MS, ids, force);

  let persist = !!o.persist;
  /**
   * Opened once consent is given (never touched before), 0 once IndexedDB failed: this tab then
   * keeps its events in memory for the rest of its life.
   */
  let store: UseStore | 0 | undefined = persist ? openQueueStore() : undefined;
  /**
   * This tab's events not known to be delivered, oldest first: what a hide may beacon. Once
   * persisted they are in the shared queue too, which is what is sent from; otherwise this is.
   */
  const mine = new Map<string, Row>();
  /** Ids in this tab's request in flight. */
  let inflight: string[] = [];
  let dropped = 0;
  let sent = 0;
  let retries = 0;
  /** Drops not yet reported to the edge. */
  let unreported = 0;
  let last: Pick<SdkEvent, 'anonymousId' | 'sessionId' | 'userId' | 'accountId'> | undefined;
  let lastAt = 0;
  /** This tab's copy of the shared backoff, for when localStorage fails. */
  let back: number[] = [];
  let running: Promise<void> | undefined;
  let again: unknown;
  let destroyed: unknown;
  /** The last read found the shared queue empty: the interval has nothing to do until this tab enqueues. */
  let idle: unknown;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rows enqueued in this task, written in one IndexedDB transaction once it ends (one per event costs the page). */
  let unwritten: Row[] = [];

  const all = () => [...mine.values()];
  const lose = (n: number) => {
    dropped += n;
    unreported += n;
  };
  /** [consecutive failures, no tab sends before] */
  const backoff = (): any[] => ls(BACKOFF_KEY) || back;
  const prune = () => {
    for (const id of sentIds()) mine.delete(id);
  };
  const broken = (err: unknown) => {
    if (store) fail(err), (store = 0);
  };

  /** Issues the pending write; rows dropped or delivered meanwhile are not written back. */
  function write() {
    const rows = unwritten.filter((r) => mine.get(idOf(r)) === r);
    unwritten = [];
    if (store && rows[0]) setMany(rows, store).catch(broken);
  }

  /** Removes delivered or refused rows from wherever this tab holds them. */
  function forget(rows: Row[]) {
    for (const r of rows) mine.delete(idOf(r));
    if (store && rows[0])
      return delMany(
        rows.map((r) => r[0]),
        store,
      ).catch(fail);
  }

  function enqueue(event: SdkEvent): void {
    try {
      if (destroyed) return;
      const id = event.id;
      if (typeof id != 'string') throw TypeError('no event id');
      const j = JSON.stringify(event);
      if (utf8Bytes(j) + envelope > maxBytes) throw RangeError('event too large');
      last = { anonymousId: event.anonymousId, sessionId: event.sessionId, userId: event.userId, accountId: event.accountId };
      // Fractions keep this tab's keys increasing within a millisecond, so its order survives.
      const row: Row = [[(lastAt = Math.max(now(), lastAt + 1e-3)), id], j];
      mine.set(id, row);
      if (persist && store && unwritten.push(row) == 1) queueMicrotask(write);
      // The cap, oldest first.
      const over = mine.size - maxQueue;
      if (over > 0) {
        lose(over);
        forget(all().slice(0, over));
      }
      if (mine.size >= maxEvents) flush();
    } catch (err) {
      // Unserialisable (cycles, BigInt), oversized or malformed: counted and reported, never thrown.
      lose(1);
      fail(err);
    }
  }

  /** A request body from `rows`, in order, within `limit` bytes, carrying the drop report if it fits. */
  function pack(rows: Row[], limit: number): Packed {
    const start = head(now());
    // Each event adds its bytes and a comma; the last one's comma pays for "]}" with one byte left.
    let size = utf8Bytes(start) + 1;
    let n = 0;
    let reported = 0;
    for (const r of rows) {
      const b = utf8Bytes(r[1]) + 1;
      if (size + b > limit) break;
      size += b;
      n++;
    }
    const taken = rows.slice(0, n);
    const parts = taken.map((r) => r[1]);
    if (unreported && last) {
      const e: SdkEvent = { ...last, id: uuid(), type: 'sdk_dropped', at: now(), props: { count: unreported } };
      const report = JSON.stringify(e);
      if (size + utf8Bytes(report) + 1 <= limit) {
        parts.unshift(report);
        reported = unreported;
      }
    }
    return [`${start}${parts}]}`, taken, reported];
  }

  /** Finished with these rows: delivered (`ok`) or refused for good. */
  function done([, rows, reported]: Packed, ok: boolean) {
    // Listed first, synchronously: the delete in forget() may never commit if the page goes now.
    markSent(rows.map(idOf));
    forget(rows);
    if (ok) sent += rows.length;
    else dropped += rows.length;
    unreported -= reported;
  }

  /**
   * Drains the queue oldest first, one batch at a time, re-reading it before each batch. Runs under
   * the Web Lock (`locked`) or else under the lease, taken (or renewed) before each batch: it stops
   * the moment the lease is refused.
   */
  async function drain(locked?: unknown): Promise<void> {
    for (let i = rounds; i-- && persist && !destroyed && (locked || lease([])); ) {
      // The oldest rows of the shared queue not yet delivered by any tab (take deletes those), or
      // of memory (pruned already).
      let rows: Row[] | undefined;
      // Issued before the read, so that events enqueued in this task go out in this batch.
      write();
      if (store)
        try {
          const [found, trimmed] = await timeout(take(store, maxEvents, maxQueue, sentIds()), IDB_TIMEOUT_MS);
          lose(trimmed.length);
          for (const k of trimmed) mine.delete(k[1]);
          rows = found;
        } catch (err) {
          broken(err);
        }
      rows ||= all().slice(0, maxEvents);
      // A tab that hid while the queue was being read may have beaconed some of these: its list says which.
      const late = sentIds();
      const fresh = rows.filter((r) => !late.has(idOf(r)));
      if (rows[0] && !fresh[0]) continue;
      if ((idle = !(rows = fresh)[0])) return;
      const p = pack(rows, maxBytes);
      if (!p[1][0]) {
        // Only a row written by other code (or under a larger maxBatchBytes) can be this big.
        forget(rows.slice(0, 1));
        lose(1);
        continue;
      }
      // Announced before the request, so that a tab hiding meanwhile does not beacon these too. The
      // claim lists them until the next batch or the release: delivered (listed) by then, or queued.
      lease((inflight = p[1].map(idOf)), true);
      let status = 0;
      let wait: number | undefined;
      try {
        const ctrl = new AbortController();
        const res = await timeout(
          send!(url, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
            body: p[0],
            signal: ctrl.signal,
          }),
          SEND_TIMEOUT_MS,
          () => ctrl.abort(),
        );
        status = res.status;
        wait = retryAfterMs(res.headers.get('Retry-After'), now());
      } catch (err) {
        fail(err); // network error, timeout, CSP, a fetch that throws: all retried
      }
      inflight = [];
      const c = (status / 100) | 0;
      if (c != 2 && (c != 4 || status == 408 || status == 429)) {
        retries++;
        const attempt = +backoff()[0] + 1 || 1;
        const delay = wait ?? backoffDelay(attempt, random);
        ls(BACKOFF_KEY, (back = [attempt, now() + delay]));
        clearTimeout(retryTimer);
        if (!destroyed) retryTimer = setTimeout(flush, delay);
        return;
      }
      if (c != 2) fail(Error(`HTTP ${status}`));
      done(p, c == 2);
      back = [];
      ls(BACKOFF_KEY, null);
    }
  }

  async function round(): Promise<unknown> {
    if (!persist || destroyed || !send || now() < backoff()[1]) return;
    prune();
    try {
      const locks = globalThis.navigator?.locks;
      if (locks?.request)
        try {
          // ifAvailable: when another tab holds the lock, it is draining the shared queue already.
          return await locks.request(SEND_KEY, { ifAvailable: true }, (lock) => lock && drain(1));
        } catch (err) {
          // drain() does not throw, so this is the lock API failing (opaque origins): use the lease.
          fail(err);
        }
      await drain();
    } finally {
      release(tab);
    }
  }

  function flush(): Promise<void> {
    if (running) {
      again = 1; // asked for mid-flush: one more round once this one ends
      return running;
    }
    return (running = (async () => {
      try {
        do {
          again = 0;
          await round();
        } while (again && !destroyed);
      } catch (err) {
        fail(err);
      }
      running = undefined;
    })());
  }

  /** Hands one body to the browser for delivery after unload; truthy when something took it. */
  const beacon = (body: string) =>
    attempt(() => navigator.sendBeacon(url, new Blob([body], { type: 'text/plain' }))) ||
    // A refused beacon (quota, extension): fetch keepalive outlives the page as well. A text/plain
    // body and no Authorization header keep it a simple request (no preflight); the key is in the body.
    attempt(() => send!(url, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } }).catch(fail));

  const flushOnHide = () =>
    attempt(() => {
      const t = now();
      if (!persist || destroyed || (store && t < backoff()[1])) return;
      prune();
      const busy = othersInFlight(tab, t);
      let rows = all().filter((r) => !inflight.includes(idOf(r)) && !busy.has(idOf(r)));
      while (rows[0]) {
        const p = pack(rows, Math.min(maxBytes, MAX_BATCH_BYTES));
        if (!p[1][0] || !beacon(p[0])) return;
        done(p, true);
        rows = rows.slice(p[1].length);
      }
    });

  // Another tab listed deliveries: some may be this tab's events, which a hide must not beacon again.
  const onStorage = (e: StorageEvent) => e.key == SENT_KEY && prune();
  globalThis.addEventListener?.('storage', onStorage);
  // An idle tab skips the interval (no IndexedDB transaction every few seconds for nothing); rows a
  // closed tab leaves meanwhile go out with this tab's next event, or with the next page's first round.
  const timer = setInterval(() => (mine.size || !idle) && flush(), num(o.flushIntervalMs, FLUSH_INTERVAL_MS));

  return {
    enqueue,
    flush,
    flushOnHide,
    setPersist(value) {
      const was = persist;
      persist = !!value;
      if (was || !persist || destroyed) return;
      // Consent given: memory events move to IndexedDB (put again if some are there already).
      store ??= openQueueStore();
      if (store) setMany(all(), store).catch(broken);
      flush();
    },
    async clear() {
      unreported = 0;
      const deleting = forget(all());
      if (deleting) await timeout(deleting, IDB_TIMEOUT_MS).catch(fail);
    },
    destroy() {
      destroyed = 1;
      clearInterval(timer);
      clearTimeout(retryTimer);
      globalThis.removeEventListener?.('storage', onStorage);
    },
    stats: () => ({ queued: mine.size, dropped, sent, retries }),
  };
}
