// Cross-tab bookkeeping for the transport in localStorage: the ids already delivered, and the sender's claim on the batch it has in flight.
//
// localStorage is the one store every tab of the origin can read and write synchronously, which is
// what a pagehide handler needs (IndexedDB writes issued during unload may never commit). Every
// access is wrapped: Safari's private mode, sandboxed iframes and full quotas throw, and then each
// function degrades to "nothing recorded" (delivery falls back to at-least-once).

export const SENT_KEY = 'forestall-sent';
const SEND_KEY = 'forestall-send';

/**
 * How many delivered ids are remembered. A batch is ≤ 50 events and its rows are deleted right
 * after delivery, so the list only has to outlive a delete cut short by unload, or a tab that has
 * not yet heard of another tab's delivery: 500 ids (~25 KB) is ten batches of slack.
 */
export const SENT_IDS_KEPT = 500;

/** Reads `key` (no value given) or writes it (null removes). Reads give null and writes false when storage fails. */
export function ls(key: string, value?: unknown): any {
  try {
    const s = globalThis.localStorage;
    if (value === undefined) return JSON.parse(s.getItem(key) || 'null');
    if (value === null) s.removeItem(key);
    else s.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return value === undefined ? null : false;
  }
}

type SentEntry = [id: string, at: number];

function sentEntries(): SentEntry[] {
  const list: unknown = ls(SENT_KEY);
  return Array.isArray(list) ? list.filter((e): e is SentEntry => Array.isArray(e) && typeof e[0] == 'string') : [];
}

/** Ids some tab has delivered (or handed to the browser on hide): a sender skips and deletes their rows. */
export function sentIds(): Set<string> {
  return new Set(sentEntries().map((e) => e[0]));
}

/** Lists delivered ids with the time, keeping the newest SENT_IDS_KEPT. */
export function markSent(ids: string[], at: number): void {
  const list = sentEntries();
  const have = new Set(list.map((e) => e[0]));
  const add = ids.filter((id) => !have.has(id));
  if (add.length) ls(SENT_KEY, [...list, ...add.map((id): SentEntry => [id, at])].slice(-SENT_IDS_KEPT));
}

interface Claim {
  tab: string;
  until: number;
  ids: string[];
}

/**
 * Claims the right to send until `until`, announcing the batch in flight (`ids`), so that another
 * tab hiding meanwhile does not beacon those events too. Under Web Locks the lock decides (`force`:
 * a claim left by a tab that died is overwritten) and this is only the announcement; without them
 * it is also the lease, taken when free, lapsed or already ours.
 * Check-then-write is not atomic across processes, so two tabs claiming in the same instant can
 * both win: the read-back narrows that to a race of microseconds, and the edge's deduplication by
 * id covers the rest. Without storage there is nothing to coordinate through: the tab may send.
 */
export function claim(tab: string, now: number, until: number, ids: string[], force?: boolean): boolean {
  const c = ls(SEND_KEY) as Partial<Claim> | null;
  if (!force && c && c.tab !== tab && Number(c.until) > now) return false;
  return !ls(SEND_KEY, { tab, until, ids } satisfies Claim) || (ls(SEND_KEY) as Partial<Claim> | null)?.tab === tab;
}

export function release(tab: string): void {
  if ((ls(SEND_KEY) as Partial<Claim> | null)?.tab === tab) ls(SEND_KEY, null);
}

/** Ids in another tab's request in flight; a claim left by a tab that died lapses at its `until`. */
export function othersInFlight(tab: string, now: number): Set<string> {
  const c = ls(SEND_KEY) as Partial<Claim> | null;
  return new Set(c && c.tab !== tab && Number(c.until) > now && Array.isArray(c.ids) ? c.ids : []);
}
