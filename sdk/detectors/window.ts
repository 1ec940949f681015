// Shared bookkeeping of the detectors: events within a window, one signal per episode, bounded memory.

/**
 * One tracked thing: the latest event of the episode that fired (NaN while armed), the events in the
 * window (time, then an optional payload), and room for a detector's own fields (formStruggle's attempt).
 */
export type Track = [ep: number, events: [number, string?][], at?: number, range?: number, counted?: boolean];

/**
 * Records an event at `at`. An episode lasts while events keep coming within `w` of each other, so
 * during one the event only extends it and undefined is returned (a long struggle is one signal, not
 * one per window). Otherwise returns the events within `w` of `at`, this one last; events from a clock
 * that went back are dropped with the old ones. Comparisons are written so a NaN window keeps nothing.
 */
export const add = (s: Track, at: number, w: number, x?: string) => {
  if (at >= s[0] && at - s[0] <= w) {
    s[0] = at;
    return;
  }
  s[0] = NaN;
  const l = (s[1] = s[1].filter((e) => at >= e[0] && at - e[0] <= w));
  // Thresholds are single digits; the cap bounds memory whatever the window.
  if (l.push([at, x]) > 64) l.shift();
  return l;
};

/**
 * Starts an episode at `at` (NaN: none, which re-arms). The events that made it are spent: normally
 * they leave the window before the episode ends anyway; this keeps a clock that goes back mid-episode
 * from firing on them again.
 */
export const spend = (s: Track, at: number) => {
  s[0] = at;
  s[1] = [];
};

/**
 * The track under `k`, made if missing, now the most recently used of at most `cap`: the least recently
 * used is dropped, which bounds memory on a page with endless distinct errors or forms. A track idle for
 * longer than its window needs no sweeping: its events and episode have lapsed by then anyway.
 */
export const lru = (m: Map<string, Track>, k: string, cap: number): Track => {
  const s = m.get(k) || [NaN, []];
  m.delete(k);
  if (m.set(k, s).size > cap) m.delete(m.keys().next().value!);
  return s;
};
