// Ordering of timed facts: every pattern walks them oldest first, and ties break by id so the same facts always
// give the same reasons whatever order the store returned them in.

/** A sorted copy, oldest first, ties by id (code-unit order, not locale order). */
export function oldestFirst<T>(items: readonly T[], at: (item: T) => number, id: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, at: at(item), id: id(item) }))
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.item);
}

/**
 * In ascending `times`, the first index at or after t (`'from'`), or strictly after it (`'after'`). Binary search,
 * because windows are looked up once per ticket and a linear scan would make a pattern quadratic.
 */
export function indexOfTime(times: readonly number[], t: number, side: 'from' | 'after'): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const before = side === 'from' ? times[mid]! < t : times[mid]! <= t;
    if (before) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
