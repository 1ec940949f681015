// The IndexedDB half of the transport's queue: one object store shared by every tab of the origin, through idb-keyval.
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';

export const QUEUE_DB = 'forestall-queue';
const QUEUE_STORE = 'events';

/**
 * [enqueued at, event id]. IndexedDB orders array keys element by element, so rows come back
 * oldest first across tabs, and the id keeps keys unique and tells a row's event without parsing it.
 */
export type RowKey = [at: number, id: string];

/** A queued event: its key and its JSON, serialised once at enqueue (IndexedDB then never sees an uncloneable value). */
export interface Row {
  k: RowKey;
  j: string;
}

export interface QueueStore {
  put(rows: Row[]): Promise<void>;
  del(keys: RowKey[]): Promise<void>;
  /** Deletes the oldest rows beyond `max` (returned as `trimmed`), then reads the oldest `n`. */
  take(n: number, max: number): Promise<{ rows: Row[]; trimmed: Row[] }>;
}

/** The shared store, or null where IndexedDB does not exist. An open that fails later rejects each call instead. */
export function openQueueStore(): QueueStore | null {
  let use: UseStore;
  try {
    if (!globalThis.indexedDB) return null;
    use = createStore(QUEUE_DB, QUEUE_STORE);
  } catch {
    return null;
  }
  // idb-keyval opens on first use, and indexedDB.open can throw synchronously (SecurityError in
  // some sandboxes): running it inside a promise turns that into a rejection the caller handles.
  const run = <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => T | PromiseLike<T>) =>
    new Promise<T>((resolve) => resolve(use(mode, fn)));
  const done = (s: IDBObjectStore) => promisifyRequest(s.transaction).then(() => undefined);
  const rows = (s: IDBObjectStore, n: number) =>
    Promise.all([promisifyRequest(s.getAllKeys(null, n)), promisifyRequest(s.getAll(null, n))]).then(([ks, vs]) =>
      ks.map((k, i): Row => ({ k: k as RowKey, j: String(vs[i]) })),
    );
  return {
    put: (list) =>
      run('readwrite', (s) => {
        for (const r of list) s.put(r.j, r.k);
        return done(s);
      }),
    del: (keys) =>
      run('readwrite', (s) => {
        for (const k of keys) s.delete(k);
        return done(s);
      }),
    // One transaction, so the trim and the read see the same rows. Each step continues from a
    // request's success event (microtasks keep the transaction active in every current engine).
    take: (n, max) =>
      run('readwrite', async (s) => {
        const over = (await promisifyRequest(s.count())) - max;
        const trimmed = over > 0 ? await rows(s, over) : [];
        for (const r of trimmed) s.delete(r.k);
        const taken = await rows(s, n);
        await done(s);
        return { rows: taken, trimmed };
      }),
  };
}
