// The IndexedDB half of the transport's queue: one object store shared by every tab of the origin, through idb-keyval.
import { createStore, promisifyRequest as req, type UseStore } from 'idb-keyval';

export const QUEUE_DB = 'forestall-queue';

/**
 * [enqueued at, event id]. IndexedDB orders array keys element by element, so rows come back
 * oldest first across tabs, and the id keeps keys unique and tells a row's event without parsing it.
 */
export type RowKey = [at: number, id: string];

/**
 * A queued event: [key, its JSON], which is an idb-keyval entry as it is (setMany takes rows). The
 * JSON is made once at enqueue, so IndexedDB never sees an uncloneable value.
 */
export type Row = [key: RowKey, json: string];

/**
 * The shared store, for idb-keyval's functions. Nothing is opened until the first call. Where
 * IndexedDB is missing, or indexedDB.open throws synchronously (SecurityError in some sandboxes),
 * running it inside a promise turns that into a rejection the caller handles (it then goes on in memory).
 */
export function openQueueStore(): UseStore {
  const use = createStore(QUEUE_DB, 'events');
  return (mode, fn) => new Promise((resolve) => resolve(use(mode, fn)));
}

/**
 * Deletes the oldest rows beyond `max` (their keys are returned second) and the rows of ids in
 * `delivered` (sent by some tab, whose delete may not have committed), then reads the oldest `n`.
 * One transaction, so the trim and the read see the same rows, and the keys read first line up
 * with the values read after the deletes. Each step continues from a request's success event
 * (microtasks keep the transaction active in every current engine).
 */
export function take(store: UseStore, n: number, max: number, delivered: Set<string>): Promise<[rows: Row[], trimmed: RowKey[]]> {
  return store('readwrite', async (s) => {
    const keys = (await req(s.getAllKeys())) as RowKey[];
    const trimmed = keys.splice(0, keys.length - max);
    const kept = keys.filter((k) => !delivered.has(k[1]) || !s.delete(k));
    for (const k of trimmed) s.delete(k);
    const values = await req(s.getAll(null, n));
    await req(s.transaction); // committed: the trimmed rows are gone before they are counted
    return [values.map((j, i): Row => [kept[i]!, j]), trimmed];
  });
}
