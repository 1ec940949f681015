// "N different things within a window": the latest run of timed items, ending recently, with enough distinct keys.
// Account volume (distinct requesters) and repeated friction (distinct signals) are both this shape.

/**
 * Items must be oldest first. Returns the items of the latest window (its last item at or after `recentFrom`, no
 * later than `now`, spanning at most `windowMs`) holding at least `needed` distinct keys, or null. One pass with two
 * pointers: O(n).
 */
export function latestBurst<T>(
  items: readonly T[],
  at: (item: T) => number,
  key: (item: T) => string,
  span: { windowMs: number; recentFrom: number; now: number },
  needed: number,
): T[] | null {
  const counts = new Map<string, number>();
  let best: [number, number] | null = null;
  for (let start = 0, end = 0; end < items.length; end++) {
    const endAt = at(items[end]!);
    if (endAt > span.now) break;
    counts.set(key(items[end]!), (counts.get(key(items[end]!)) ?? 0) + 1);
    for (; endAt - at(items[start]!) > span.windowMs; start++) {
      const k = key(items[start]!);
      const n = counts.get(k)! - 1;
      if (n === 0) counts.delete(k);
      else counts.set(k, n);
    }
    if (counts.size >= needed && endAt >= span.recentFrom) best = [start, end];
  }
  return best && items.slice(best[0], best[1] + 1);
}
