// Cross-tab bookkeeping for the transport in localStorage: the ids already delivered, and the sender's claim on the batch it has in flight.
//
// localStorage is the one store every tab of the origin can read and write synchronously, which is
// what a pagehide handler needs (IndexedDB writes issued during unload may never commit). Every
// access goes through ls(): Safari's private mode, sandboxed iframes and full quotas throw, and then
// each function degrades to "nothing recorded" (delivery falls back to at-least-once).

/** The delivered list: a JSON array of event ids, oldest first. */
export const SENT_KEY = 'forestall-sent';
/** The send claim: JSON [tab, until, ids in flight]. Also the Web Lock's name. */
export const SEND_KEY = 'forestall-send';

/**
 * How many delivered ids are remembered. A batch is ≤ 50 events and its rows are deleted right
 * after delivery, so the list only has to outlive a delete cut short by unload, or a tab that has
 * not yet heard of another tab's delivery: 500 ids (~20 KB) is ten batches of slack.
 */
export const SENT_IDS_KEPT = 500;

/** Reads `key` (no value given) or writes it (null removes). Reads give null and writes false when storage fails. */
export function ls(key: string, value?: unknown): any {
  try {
    const s = localStorage;
    if (value === undefined) return JSON.parse(s.getItem(key)!); // a missing key reads as null
    value === null ? s.removeItem(key) : s.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return value === undefined && null;
  }
}

/** Ids some tab has delivered (or handed to the browser on hide): a sender skips and deletes their rows. */
export function sentIds(): Set<string> {
  const list = ls(SENT_KEY);
  return new Set(Array.isArray(list) ? list.filter((id) => typeof id == 'string') : []);
}

/** Lists delivered ids, keeping the newest SENT_IDS_KEPT. (A browser ignores a write of the same value, so that wakes no tab.) */
export function markSent(ids: string[]): void {
  ls(SENT_KEY, [...new Set([...sentIds(), ...ids])].slice(-SENT_IDS_KEPT));
}

/** [tab, until, ids in flight] */
type Claim = [tab: string, until: number, ids: string[]];

/** Another tab's claim that has not lapsed (a tab that died leaves one that lapses at its `until`), or false. */
function othersClaim(tab: string, now: number): Claim | false {
  const c = ls(SEND_KEY);
  return c?.[0] !== tab && c?.[1] > now && c;
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
  return (
    (force || !othersClaim(tab, now)) && (!ls(SEND_KEY, [tab, until, ids] satisfies Claim) || ls(SEND_KEY)?.[0] === tab)
  );
}

export function release(tab: string): void {
  if (ls(SEND_KEY)?.[0] === tab) ls(SEND_KEY, null);
}

/** Ids in another tab's request in flight. */
export function othersInFlight(tab: string, now: number): Set<string> {
  const c = othersClaim(tab, now);
  return new Set(c ? c[2] : []);
}
