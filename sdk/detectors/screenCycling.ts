// Screen cycling: the user going back and forth among a few screens, looking for something they cannot find.
import type { DetectorThresholds } from '../wire';
import type { Detection } from './types';

/**
 * Three returns among at most three screens within three minutes, with a median visit under 20 s:
 * a user who reads each screen (long dwell) or wanders across many screens is working, not lost.
 */
export const SCREEN_CYCLING_DEFAULTS: DetectorThresholds['screen_cycling'] = {
  windowMs: 180000,
  returns: 3,
  maxScreens: 3,
  maxMedianDwellMs: 20000,
};

export function createScreenCyclingDetector(t: DetectorThresholds['screen_cycling'] = SCREEN_CYCLING_DEFAULTS): {
  visit(at: number, screen: string): Detection | null;
  reset(): void;
} {
  // Visits as time and screen, oldest first.
  let visits: [number, string][] = [];
  // The screens of the episode that fired; 0 while armed.
  let episode: Set<string> | 0 = 0;
  const reset = () => {
    visits = [];
    episode = 0;
  };

  return {
    visit(at, screen) {
      const [lastAt, lastScreen] = visits[visits.length - 1] || [];
      // The same screen again (a re-render, a query change) is not a navigation.
      if (!isFinite(at) || lastScreen == screen) return null;
      // A gap longer than the window (or a clock going back) ends everything; so does leaving the
      // episode's screens, and the loop the user may fall into next starts from here.
      if (!(at >= lastAt! && at - lastAt! <= t.windowMs) || (episode && !episode.has(screen))) reset();
      visits = visits.filter((v) => at - v[0] <= t.windowMs);
      // Only the last few visits can form a loop among a handful of screens; the cap bounds memory whatever the window.
      if (visits.push([at, screen]) > 64) visits.shift();
      if (episode) return null;

      // The loop is the longest run of latest visits among at most maxScreens screens: earlier visits
      // elsewhere (the list → item 1 → list → item 2 … walk) do not belong to it.
      const seen = new Set<string>();
      let i = visits.length;
      for (let s; i && (seen.has((s = visits[i - 1]![1])) || (seen.size < t.maxScreens && seen.add(s))); ) i--;
      const loop = visits.slice(i);
      // In the order first visited; every other visit is a return.
      const screens = [...new Set(loop.map((v) => v[1]))];
      const returns = loop.length - screens.length;
      // A visit's dwell is known once the next one starts; the current visit is unfinished and not counted.
      const dwells = loop.slice(1).map((v, j) => v[0] - loop[j]![0]).sort((a, b) => a - b);
      const n = dwells.length;
      // NaN when there is no finished visit, which never fires.
      const median = (dwells[n >> 1]! + dwells[(n - 1) >> 1]!) / 2;
      if (!(returns >= t.returns && median < t.maxMedianDwellMs)) return null;
      episode = seen;
      return { at, detail: { returns, screens, medianDwellMs: Math.round(median) } };
    },
    reset,
  };
}
