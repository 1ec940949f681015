// Ordering of timed facts: every pattern walks them oldest first, and ties break by id so the same facts always
// give the same reasons whatever order the store returned them in.

/**
 * A sorted copy, oldest first, ties by id (code-unit order, not locale order). The store usually hands facts over in
 * order already, so that case is one pass and one copy.
 */
export function oldestFirst<T>(items: readonly T[], at: (item: T) => number, id: (item: T) => string): T[] {
  const before = (a: T, b: T) => at(a) - at(b) || (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0);
  let sorted = true;
  for (let i = 1; i < items.length && sorted; i++) sorted = before(items[i - 1]!, items[i]!) <= 0;
  return sorted ? items.slice() : [...items].sort(before);
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
