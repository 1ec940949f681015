// Help seeking: the user reading help article after article, or the same one again, without getting unstuck.
import type { DetectorThresholds } from '../wire';
import type { Detection } from './types';
import { add, spend, type Track } from './window';

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

export function createHelpSeekingDetector(t: DetectorThresholds['help_seeking'] = HELP_SEEKING_DEFAULTS): {
  open(at: number, articleId: string): Detection | null;
  reset(): void;
} {
  // Opens are spent when the episode fires, so the duplicate check never sees an episode's opens.
  const s: Track = [NaN, []];

  return {
    open(at, id) {
      if (!isFinite(at) || s[1].some((e) => e[1] == id && at >= e[0] && at - e[0] <= HELP_REOPEN_DEDUPE_MS)) return null;
      const l = add(s, at, t.windowMs, id);
      if (!l) return null;
      const sameArticle = l.filter((e) => e[1] == id).length >= t.sameArticleOpens;
      if (!(sameArticle || l.length >= t.opens)) return null;
      spend(s, at);
      return { at, detail: { opens: l.length, articles: [...new Set(l.map((e) => e[1]!))], sameArticle } };
    },
    reset() {
      spend(s, NaN);
    },
  };
}
