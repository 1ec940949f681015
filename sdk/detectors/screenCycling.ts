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

// Only the last few visits can form a loop among a handful of screens; the cap bounds memory whatever the window.
const MAX_VISITS = 64;

interface Visit {
  at: number;
  screen: string;
}

export function createScreenCyclingDetector(t: DetectorThresholds['screen_cycling'] = SCREEN_CYCLING_DEFAULTS): {
  visit(at: number, screen: string): Detection | null;
  reset(): void;
} {
  let visits: Visit[] = [];
  // The screens of the episode that fired; null while armed.
  let episode: string[] | null = null;

  return {
    visit(at, screen) {
      const last = visits[visits.length - 1];
      // The same screen again (a re-render, a query change) is not a navigation.
      if (!Number.isFinite(at) || (last && last.screen === screen)) return null;
      // A gap longer than the window (or a clock going back) ends everything; so does leaving the
      // episode's screens, and the loop the user may fall into next starts from here.
      if ((last && !(at >= last.at && at - last.at <= t.windowMs)) || (episode && !episode.includes(screen))) {
        visits = [];
        episode = null;
      }
      visits = visits.filter((v) => at - v.at <= t.windowMs);
      visits.push({ at, screen });
      if (visits.length > MAX_VISITS) visits.shift();
      if (episode) return null;

      // The loop is the longest run of latest visits among at most maxScreens screens: earlier visits
      // elsewhere (the list → item 1 → list → item 2 … walk) do not belong to it.
      let start = visits.length;
      const seen: string[] = [];
      for (; start > 0; start--) {
        const s = visits[start - 1]!.screen;
        if (seen.includes(s)) continue;
        if (!(seen.length < t.maxScreens)) break;
        seen.push(s);
      }
      const loop = visits.slice(start);
      const screens: string[] = [];
      const dwells: number[] = [];
      let returns = 0;
      loop.forEach((v, i) => {
        if (screens.includes(v.screen)) returns++;
        else screens.push(v.screen);
        // A visit's dwell is known once the next one starts; the current visit is unfinished and not counted.
        if (i) dwells.push(v.at - loop[i - 1]!.at);
      });
      dwells.sort((a, b) => a - b);
      const n = dwells.length;
      // NaN when there is no finished visit, which never fires.
      const median = (dwells[n >> 1]! + dwells[(n - 1) >> 1]!) / 2;
      if (!(returns >= t.returns && median < t.maxMedianDwellMs)) return null;
      episode = screens;
      return { at, detail: { returns, screens: screens.slice(), medianDwellMs: Math.round(median) } };
    },
    reset() {
      visits = [];
      episode = null;
    },
  };
}
