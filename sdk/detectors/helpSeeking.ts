// Help seeking: the user reading help article after article, or the same one again, without getting unstuck.
import type { DetectorThresholds } from '../wire';
import type { Detection } from './types';

/**
 * Three articles in half an hour is a search that is not working; coming back to the same article
 * within that time means it did not answer the question the first time.
 */
export const HELP_SEEKING_DEFAULTS: DetectorThresholds['help_seeking'] = {
  windowMs: 1800000,
  opens: 3,
  sameArticleOpens: 2,
};

/**
 * A second open of the same article this soon is one action reported twice (a double-click on the
 * link, or the click and the page's own navigation), not a second look.
 */
export const HELP_REOPEN_DEDUPE_MS = 1000;

// Thresholds are single digits; the cap bounds memory whatever the window.
const MAX_OPENS = 64;

interface Open {
  at: number;
  id: string;
}

export function createHelpSeekingDetector(t: DetectorThresholds['help_seeking'] = HELP_SEEKING_DEFAULTS): {
  open(at: number, articleId: string): Detection | null;
  reset(): void;
} {
  let opens: Open[] = [];
  // The latest open of the episode that fired; NaN while armed. The episode lasts while opens keep
  // coming within windowMs of each other, so a long reading session is one signal, not one per window.
  let episodeAt = NaN;

  return {
    open(at, articleId) {
      if (!Number.isFinite(at)) return null;
      if (at >= episodeAt && at - episodeAt <= t.windowMs) {
        episodeAt = at;
        return null;
      }
      episodeAt = NaN;
      // Opens from a clock that went back are dropped with the old ones.
      opens = opens.filter((o) => at >= o.at && at - o.at <= t.windowMs);
      if (opens.some((o) => o.id === articleId && at - o.at <= HELP_REOPEN_DEDUPE_MS)) return null;
      opens.push({ at, id: articleId });
      if (opens.length > MAX_OPENS) opens.shift();
      const sameArticle = opens.filter((o) => o.id === articleId).length >= t.sameArticleOpens;
      if (!(sameArticle || opens.length >= t.opens)) return null;
      const detail = { opens: opens.length, articles: [...new Set(opens.map((o) => o.id))], sameArticle };
      // The opens that made this episode are spent. Normally they leave the window before the episode
      // ends anyway; this keeps a clock that goes back mid-episode from firing on them again.
      opens = [];
      episodeAt = at;
      return { at, detail };
    },
    reset() {
      opens = [];
      episodeAt = NaN;
    },
  };
}
